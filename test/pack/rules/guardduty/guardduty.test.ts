import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import { PackRun, runPackOnStack } from '../../helpers';

const GUARDDUTY_RULES = ['GuardDutyEnabled', 'GuardDutyS3Protection', 'GuardDutyMalwareProtection'];

let run: PackRun;

/** The failed GuardDuty rules on a resource. */
function failures(path: string): string[] {
  const r = run.verdicts.find((v) => v.constructPath === path);
  if (!r) {
    throw new Error(`No resource at ${path}`);
  }
  return r.failed.map((f) => f.rule).filter((rule) => GUARDDUTY_RULES.includes(rule)).sort();
}

type Feature = guardduty.CfnDetector.CFNFeatureConfigurationProperty;
const S3_ON: Feature = { name: 'S3_DATA_EVENTS', status: 'ENABLED' };
const MALWARE_ON: Feature = { name: 'EBS_MALWARE_PROTECTION', status: 'ENABLED' };

beforeAll(() => {
  run = runPackOnStack((stack: Stack) => {
    // The current form (features) and the older one (data sources), each with every control.
    const detector = (id: string, props: Partial<guardduty.CfnDetectorProps> = {}) => new guardduty.CfnDetector(stack, id, {
      enable: true,
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      features: [S3_ON, MALWARE_ON, { name: 'RDS_LOGIN_EVENTS', status: 'ENABLED' }],
      ...props,
    });
    const legacy = (id: string, dataSources: guardduty.CfnDetector.CFNDataSourceConfigurationsProperty) =>
      new guardduty.CfnDetector(stack, id, { enable: true, dataSources });
    const param = new CfnParameter(stack, 'Flag', { type: 'String', allowedValues: ['true', 'false'] });
    const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(param.valueAsString, 'true') });

    detector('Hardened');
    legacy('HardenedLegacy', { s3Logs: { enable: true }, malwareProtection: { scanEc2InstanceWithFindings: { ebsVolumes: true } } });
    legacy('HardenedLegacyStrings', { s3Logs: { enable: true }, malwareProtection: { scanEc2InstanceWithFindings: { ebsVolumes: true } } })
      .addPropertyOverride('DataSources.S3Logs.Enable', 'true');

    // GuardDutyEnabled
    detector('Disabled', { enable: false });
    detector('EnableFromParameter').addPropertyOverride('Enable', param.valueAsString);

    // GuardDutyS3Protection
    detector('S3Disabled', { features: [{ name: 'S3_DATA_EVENTS', status: 'DISABLED' }, MALWARE_ON] });
    detector('S3Absent', { features: [MALWARE_ON] });
    legacy('S3LegacyOff', { s3Logs: { enable: false }, malwareProtection: { scanEc2InstanceWithFindings: { ebsVolumes: true } } });
    detector('S3OnlyInProd', { features: [{ name: 'S3_DATA_EVENTS', status: Fn.conditionIf(isProd.logicalId, 'ENABLED', 'DISABLED').toString() }, MALWARE_ON] });
    detector('S3StatusFromParameter', { features: [{ name: 'S3_DATA_EVENTS', status: param.valueAsString }, MALWARE_ON] });
    // A feature entry decides over the older data source.
    detector('S3FeatureOverridesDataSource', {
      features: [{ name: 'S3_DATA_EVENTS', status: 'DISABLED' }, MALWARE_ON],
      dataSources: { s3Logs: { enable: true } },
    });
    detector('S3FromDataSourceMalwareFromFeature', { features: [MALWARE_ON], dataSources: { s3Logs: { enable: true } } });

    // GuardDutyMalwareProtection
    detector('MalwareAbsent', { features: [S3_ON] });
    detector('MalwareDisabled', { features: [S3_ON, { name: 'EBS_MALWARE_PROTECTION', status: 'DISABLED' }] });
    legacy('MalwareLegacyOff', { s3Logs: { enable: true }, malwareProtection: { scanEc2InstanceWithFindings: { ebsVolumes: false } } });
    detector('Bare', { features: undefined });
  });
});

describe('hardened detectors', () => {
  test('a detector with S3 and malware protection features passes every GuardDuty rule', () => {
    expect(failures('Test/Hardened')).toEqual([]);
    for (const rule of GUARDDUTY_RULES) {
      expect(run.verdict('Test/Hardened', rule)).toBe('passed');
    }
  });

  test('a detector with the older data sources passes every GuardDuty rule', () => {
    expect(failures('Test/HardenedLegacy')).toEqual([]);
    expect(failures('Test/HardenedLegacyStrings')).toEqual([]);
  });
});

describe('GuardDutyEnabled', () => {
  const RULE = 'GuardDutyEnabled';

  test('fails a disabled detector, and on nothing else', () => {
    expect(failures('Test/Disabled')).toEqual([RULE]);
  });

  test('fails closed when enablement comes from a parameter', () => {
    expect(run.verdict('Test/EnableFromParameter', RULE)).toBe('failed');
    expect(run.detail('Test/EnableFromParameter', RULE)).toMatch(/cannot be known at synth/);
  });
});

describe('GuardDutyS3Protection', () => {
  const RULE = 'GuardDutyS3Protection';

  test('fails S3 protection disabled or not given, and on nothing else', () => {
    expect(failures('Test/S3Disabled')).toEqual([RULE]);
    expect(failures('Test/S3Absent')).toEqual([RULE]);
    expect(failures('Test/S3LegacyOff')).toEqual([RULE]);
  });

  test('fails when a condition can disable it, and closed when a parameter gives it', () => {
    expect(run.verdict('Test/S3OnlyInProd', RULE)).toBe('failed');
    expect(run.verdict('Test/S3StatusFromParameter', RULE)).toBe('failed');
    expect(run.detail('Test/S3StatusFromParameter', RULE)).toMatch(/cannot be known at synth/);
  });

  test('a feature entry decides over the older data source; without one the data source decides', () => {
    expect(run.verdict('Test/S3FeatureOverridesDataSource', RULE)).toBe('failed');
    expect(run.verdict('Test/S3FromDataSourceMalwareFromFeature', RULE)).toBe('passed');
    expect(run.verdict('Test/S3FromDataSourceMalwareFromFeature', 'GuardDutyMalwareProtection')).toBe('passed');
  });
});

describe('GuardDutyMalwareProtection', () => {
  const RULE = 'GuardDutyMalwareProtection';

  test('fails, as a warning, malware protection disabled or not given, and on nothing else', () => {
    expect(failures('Test/MalwareAbsent')).toEqual([RULE]);
    expect(failures('Test/MalwareDisabled')).toEqual([RULE]);
    expect(failures('Test/MalwareLegacyOff')).toEqual([RULE]);
    const v = run.violations.find((x) => x.ruleName === RULE && x.constructPaths.includes('Test/MalwareAbsent'));
    expect(v?.severity).toBe('warning');
  });

  test('a detector without features or data sources protects nothing', () => {
    expect(failures('Test/Bare')).toEqual(['GuardDutyMalwareProtection', 'GuardDutyS3Protection']);
  });
});
