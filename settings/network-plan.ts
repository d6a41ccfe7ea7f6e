import { cidrsOverlap, parseIpv4Cidr } from '../constructs/private/cidr';
import { Soc2MlError } from '../core/errors';

/**
 * The address plan: one /16 per standard environment, with room between them for more. Any other
 * environment names its range in context (`soc2ml:<env>:cidr`).
 */
export const CIDR_PLAN: Readonly<Record<string, string>> = {
  dev: '10.10.0.0/16',
  staging: '10.20.0.0/16',
  prod: '10.30.0.0/16',
};

/** The planned range of an environment, if the plan has one. */
export function plannedCidr(environment: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(CIDR_PLAN, environment) ? CIDR_PLAN[environment] : undefined;
}

/** One environment's range and where it came from, for error messages. */
export interface EnvironmentCidr {
  readonly environment: string;
  readonly cidr: string;
  /** How the range was set, e.g. `soc2ml:qa:cidr` or `the plan`. */
  readonly source: string;
}

/**
 * Throw if two environments' ranges overlap: environments must not share addresses, so that no
 * route, peering or rule written for one can ever reach the other.
 */
export function assertDistinctCidrs(ranges: readonly EnvironmentCidr[]): void {
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      const a = ranges[i];
      const b = ranges[j];
      if (cidrsOverlap(parseIpv4Cidr(a.cidr)!, parseIpv4Cidr(b.cidr)!)) {
        throw new Soc2MlError(`Environments "${a.environment}" (${a.cidr}, from ${a.source}) and "${b.environment}" (${b.cidr}, from ${b.source}) have overlapping address ranges: each environment needs its own. Set soc2ml:${b.environment}:cidr to a range no other environment uses, for example ${freeCidr(ranges)}.`);
      }
    }
  }
}

/** The first /16 of the plan's series (10.40.0.0/16, 10.50.0.0/16, …) no environment uses. */
export function freeCidr(ranges: readonly { readonly cidr: string }[]): string {
  const used = ranges.map((r) => parseIpv4Cidr(r.cidr)!);
  for (let second = 40; second <= 250; second += 10) {
    const candidate = parseIpv4Cidr(`10.${second}.0.0/16`)!;
    if (!used.some((u) => cidrsOverlap(u, candidate))) {
      return candidate.text;
    }
  }
  return '172.16.0.0/16';
}
