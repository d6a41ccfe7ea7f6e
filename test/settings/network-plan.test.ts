import { assertDistinctCidrs, CIDR_PLAN, EnvironmentCidr, freeCidr, plannedCidr } from '../../settings/network-plan';

const planned = (environment: string): EnvironmentCidr => ({ environment, cidr: CIDR_PLAN[environment], source: 'the plan' });
const explicit = (environment: string, cidr: string): EnvironmentCidr => ({ environment, cidr, source: `soc2ml:${environment}:cidr` });

/** The message, escaped for a RegExp that must match it whole. */
const whole = (message: string) => new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

describe('CIDR_PLAN', () => {
  test('gives dev, staging and prod a /16 each, ten apart', () => {
    expect(CIDR_PLAN).toEqual({ dev: '10.10.0.0/16', staging: '10.20.0.0/16', prod: '10.30.0.0/16' });
  });

  test('is distinct: its own ranges pass the overlap check', () => {
    expect(() => assertDistinctCidrs(Object.keys(CIDR_PLAN).map(planned))).not.toThrow();
  });
});

describe('plannedCidr', () => {
  test('gives the planned range of dev, staging and prod', () => {
    expect(['dev', 'staging', 'prod'].map(plannedCidr)).toEqual(['10.10.0.0/16', '10.20.0.0/16', '10.30.0.0/16']);
  });

  test('gives nothing for an environment the plan does not cover', () => {
    expect(plannedCidr('qa')).toBeUndefined();
    expect(plannedCidr('Prod')).toBeUndefined();
    expect(plannedCidr('')).toBeUndefined();
  });

  test('gives nothing for names an object inherits (toString, constructor, __proto__)', () => {
    expect(['toString', 'constructor', '__proto__', 'hasOwnProperty'].map(plannedCidr)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('assertDistinctCidrs', () => {
  test('accepts no range, one range, and ranges that only touch', () => {
    expect(() => assertDistinctCidrs([])).not.toThrow();
    expect(() => assertDistinctCidrs([planned('dev')])).not.toThrow();
    expect(() => assertDistinctCidrs([explicit('a', '10.10.0.0/16'), explicit('b', '10.11.0.0/16'), explicit('c', '10.9.0.0/16')])).not.toThrow();
    expect(() => assertDistinctCidrs([explicit('a', '192.168.0.0/22'), explicit('b', '192.168.4.0/22')])).not.toThrow();
  });

  test('refuses a range inside another, naming both environments, their ranges and sources, and the key to set with a free range', () => {
    expect(() => assertDistinctCidrs([planned('dev'), explicit('qa', '10.10.128.0/17')])).toThrow(whole(
      'Environments "dev" (10.10.0.0/16, from the plan) and "qa" (10.10.128.0/17, from soc2ml:qa:cidr) have overlapping address ranges: '
      + 'each environment needs its own. Set soc2ml:qa:cidr to a range no other environment uses, for example 10.40.0.0/16.',
    ));
  });

  test('refuses two equal ranges', () => {
    expect(() => assertDistinctCidrs([explicit('qa', '10.50.0.0/16'), explicit('uat', '10.50.0.0/16')]))
      .toThrow(/^Environments "qa" \(10\.50\.0\.0\/16, from soc2ml:qa:cidr\) and "uat" \(10\.50\.0\.0\/16, from soc2ml:uat:cidr\) have overlapping address ranges/);
  });

  test('finds an overlap between any two of the ranges, not only neighbours, and names the later one\'s key', () => {
    expect(() => assertDistinctCidrs([planned('dev'), planned('staging'), planned('prod'), explicit('qa', '10.20.4.0/22')]))
      .toThrow(/^Environments "staging" \(10\.20\.0\.0\/16, from the plan\) and "qa" \(10\.20\.4\.0\/22, from soc2ml:qa:cidr\).* Set soc2ml:qa:cidr to/);
  });

  test('suggests a range no environment uses, skipping those taken', () => {
    expect(() => assertDistinctCidrs([planned('dev'), explicit('qa', '10.40.0.0/16'), explicit('uat', '10.50.0.0/20'), explicit('demo', '10.10.0.0/20')]))
      .toThrow(/for example 10\.60\.0\.0\/16\.$/);
  });
});

describe('freeCidr', () => {
  test('is the first /16 of the series 10.40, 10.50, … that nothing uses', () => {
    expect(freeCidr([])).toBe('10.40.0.0/16');
    expect(freeCidr(Object.values(CIDR_PLAN).map((cidr) => ({ cidr })))).toBe('10.40.0.0/16');
    expect(freeCidr([{ cidr: '10.40.0.0/16' }, { cidr: '10.50.255.0/24' }])).toBe('10.60.0.0/16');
  });

  test('falls back to 172.16.0.0/16 when every /16 of the series is taken', () => {
    expect(freeCidr([{ cidr: '10.0.0.0/8' }])).toBe('172.16.0.0/16');
  });
});
