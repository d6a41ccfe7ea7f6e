import { CfnCondition, CfnParameter, CfnResource, Fn, Stack, Token } from 'aws-cdk-lib';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { PackRun, runPackOnStack } from '../../helpers';
import { failedRules, Platform, platform } from './fixtures';

const INTER_CONTAINER = 'SageMakerMonitoringInterContainerEncryption';
const ISOLATION = 'SageMakerMonitoringNetworkIsolation';
const VPC = 'SageMakerMonitoringVpc';
const OUTPUT_KMS = 'SageMakerMonitoringOutputKms';
const VOLUME_KMS = 'SageMakerMonitoringVolumeKms';
const RULES = [INTER_CONTAINER, ISOLATION, VPC, OUTPUT_KMS, VOLUME_KMS];

/** The settings a careful user gives every monitoring job, whatever the resource type. */
interface Settings {
  network?: sagemaker.CfnDataQualityJobDefinition.NetworkConfigProperty;
  outputKey?: string;
  volumeKey?: string;
}

function hardenedSettings(p: Platform): Required<Settings> {
  return {
    network: {
      enableInterContainerTrafficEncryption: true,
      enableNetworkIsolation: true,
      vpcConfig: { subnets: p.subnetIds, securityGroupIds: p.securityGroupIds },
    },
    outputKey: p.key.keyArn,
    volumeKey: p.key.keyArn,
  };
}

const IMAGE = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/monitor:1';
const ENDPOINT_INPUT = { endpointName: 'endpoint', localPath: '/opt/ml/processing/input' };
const OUTPUTS = [{ s3Output: { localPath: '/opt/ml/processing/output', s3Uri: 's3://monitoring/reports' } }];
const cluster = (s: Settings) => ({ clusterConfig: { instanceCount: 2, instanceType: 'ml.m5.large', volumeSizeInGb: 20, volumeKmsKeyId: s.volumeKey } });

/** Each monitoring resource type, built from the same settings, with where its settings live. */
const TYPES: { name: string; prefix: string; output: string; resources: string; build: (stack: Stack, id: string, p: Platform, s: Settings) => CfnResource }[] = [
  {
    name: 'DataQuality', prefix: '', output: 'DataQualityJobOutputConfig', resources: 'JobResources',
    build: (stack, id, p, s) => new sagemaker.CfnDataQualityJobDefinition(stack, id, {
      roleArn: p.role.roleArn,
      dataQualityAppSpecification: { imageUri: IMAGE },
      dataQualityJobInput: { endpointInput: ENDPOINT_INPUT },
      dataQualityJobOutputConfig: { kmsKeyId: s.outputKey, monitoringOutputs: OUTPUTS },
      jobResources: cluster(s),
      networkConfig: s.network,
    }),
  },
  {
    name: 'ModelQuality', prefix: '', output: 'ModelQualityJobOutputConfig', resources: 'JobResources',
    build: (stack, id, p, s) => new sagemaker.CfnModelQualityJobDefinition(stack, id, {
      roleArn: p.role.roleArn,
      modelQualityAppSpecification: { imageUri: IMAGE, problemType: 'BinaryClassification' },
      modelQualityJobInput: { endpointInput: ENDPOINT_INPUT, groundTruthS3Input: { s3Uri: 's3://monitoring/ground-truth' } },
      modelQualityJobOutputConfig: { kmsKeyId: s.outputKey, monitoringOutputs: OUTPUTS },
      jobResources: cluster(s),
      networkConfig: s.network,
    }),
  },
  {
    name: 'ModelBias', prefix: '', output: 'ModelBiasJobOutputConfig', resources: 'JobResources',
    build: (stack, id, p, s) => new sagemaker.CfnModelBiasJobDefinition(stack, id, {
      roleArn: p.role.roleArn,
      modelBiasAppSpecification: { imageUri: IMAGE, configUri: 's3://monitoring/analysis.json' },
      modelBiasJobInput: { endpointInput: ENDPOINT_INPUT, groundTruthS3Input: { s3Uri: 's3://monitoring/ground-truth' } },
      modelBiasJobOutputConfig: { kmsKeyId: s.outputKey, monitoringOutputs: OUTPUTS },
      jobResources: cluster(s),
      networkConfig: s.network,
    }),
  },
  {
    name: 'ModelExplainability', prefix: '', output: 'ModelExplainabilityJobOutputConfig', resources: 'JobResources',
    build: (stack, id, p, s) => new sagemaker.CfnModelExplainabilityJobDefinition(stack, id, {
      roleArn: p.role.roleArn,
      modelExplainabilityAppSpecification: { imageUri: IMAGE, configUri: 's3://monitoring/analysis.json' },
      modelExplainabilityJobInput: { endpointInput: ENDPOINT_INPUT },
      modelExplainabilityJobOutputConfig: { kmsKeyId: s.outputKey, monitoringOutputs: OUTPUTS },
      jobResources: cluster(s),
      networkConfig: s.network,
    }),
  },
  {
    name: 'Schedule', prefix: 'MonitoringScheduleConfig.MonitoringJobDefinition.', output: 'MonitoringOutputConfig', resources: 'MonitoringResources',
    build: (stack, id, p, s) => new sagemaker.CfnMonitoringSchedule(stack, id, {
      monitoringScheduleName: id,
      monitoringScheduleConfig: {
        monitoringType: 'DataQuality',
        scheduleConfig: { scheduleExpression: 'cron(0 * ? * * *)' },
        monitoringJobDefinition: {
          roleArn: p.role.roleArn,
          monitoringAppSpecification: { imageUri: IMAGE },
          monitoringInputs: [{ endpointInput: ENDPOINT_INPUT }],
          monitoringOutputConfig: { kmsKeyId: s.outputKey, monitoringOutputs: OUTPUTS },
          monitoringResources: cluster(s),
          networkConfig: s.network,
        },
      },
    }),
  },
];

describe('SageMaker Model Monitor rules', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const p = platform(stack);
      const good = hardenedSettings(p);
      const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(stack.region, 'eu-west-1') });
      const isolate = new CfnParameter(stack, 'Isolate', { type: 'String', allowedValues: ['true', 'false'] });
      const keyArn = new CfnParameter(stack, 'KeyArn', { type: 'String' });
      for (const t of TYPES) {
        t.build(stack, `${t.name}Hardened`, p, good);
        // Broken through props, one control at a time.
        t.build(stack, `${t.name}NoInterContainer`, p, { ...good, network: { ...good.network, enableInterContainerTrafficEncryption: false } });
        t.build(stack, `${t.name}NoIsolation`, p, { ...good, network: { ...good.network, enableNetworkIsolation: undefined } });
        t.build(stack, `${t.name}NoVpc`, p, { ...good, network: { ...good.network, vpcConfig: undefined } });
        t.build(stack, `${t.name}NoOutputKey`, p, { ...good, outputKey: undefined });
        t.build(stack, `${t.name}NoVolumeKey`, p, { ...good, volumeKey: undefined });
        // Tokens.
        t.build(stack, `${t.name}ParameterIsolation`, p, { ...good, network: { ...good.network, enableNetworkIsolation: Token.asAny(isolate) } });
        t.build(stack, `${t.name}IfIsolation`, p, { ...good, network: { ...good.network, enableNetworkIsolation: Fn.conditionIf(isProd.logicalId, true, false) } });
        t.build(stack, `${t.name}ParameterKeys`, p, { ...good, outputKey: keyArn.valueAsString, volumeKey: keyArn.valueAsString });
        // Escape hatches on a hardened resource.
        t.build(stack, `${t.name}OverrideEncryption`, p, good).addPropertyOverride(`${t.prefix}NetworkConfig.EnableInterContainerTrafficEncryption`, false);
        t.build(stack, `${t.name}OverrideOutputKey`, p, good).addPropertyOverride(`${t.prefix}${t.output}.KmsKeyId`, 'alias/aws/s3');
        t.build(stack, `${t.name}OverrideVolumeKey`, p, good).addPropertyDeletionOverride(`${t.prefix}${t.resources}.ClusterConfig.VolumeKmsKeyId`);
        t.build(stack, `${t.name}StringTrue`, p, good).addPropertyOverride(`${t.prefix}NetworkConfig.EnableNetworkIsolation`, 'true');
      }
      TYPES[0].build(stack, 'DataQualityNoNetworkConfig', p, { ...good, network: undefined });
      new sagemaker.CfnMonitoringSchedule(stack, 'ScheduleByName', {
        monitoringScheduleName: 'by-name',
        monitoringScheduleConfig: {
          monitoringJobDefinitionName: 'quality-job',
          monitoringType: 'DataQuality',
          scheduleConfig: { scheduleExpression: 'cron(0 * ? * * *)' },
        },
      });
    });
  });

  describe.each(TYPES.map((t) => t.name))('%s', (name) => {
    test('a fully hardened job fails no rule', () => {
      expect(failedRules(run, `Test/${name}Hardened`)).toEqual([]);
      for (const rule of RULES) {
        expect(run.verdict(`Test/${name}Hardened`, rule)).toBe('passed');
      }
    });

    test('each single-control break fails only its rule', () => {
      expect(failedRules(run, `Test/${name}NoInterContainer`)).toEqual([INTER_CONTAINER]);
      expect(failedRules(run, `Test/${name}NoIsolation`)).toEqual([ISOLATION]);
      expect(failedRules(run, `Test/${name}NoVpc`)).toEqual([VPC]);
      expect(failedRules(run, `Test/${name}NoOutputKey`)).toEqual([OUTPUT_KMS]);
      expect(failedRules(run, `Test/${name}NoVolumeKey`)).toEqual([VOLUME_KMS]);
    });

    test('a boolean from a parameter or a false Fn::If branch fails closed', () => {
      expect(run.verdict(`Test/${name}ParameterIsolation`, ISOLATION)).toBe('failed');
      expect(run.verdict(`Test/${name}IfIsolation`, ISOLATION)).toBe('failed');
    });

    test('a key from a parameter counts as customer-managed', () => {
      expect(run.verdict(`Test/${name}ParameterKeys`, OUTPUT_KMS)).toBe('passed');
      expect(run.verdict(`Test/${name}ParameterKeys`, VOLUME_KMS)).toBe('passed');
    });

    test('judges property overrides', () => {
      expect(failedRules(run, `Test/${name}OverrideEncryption`)).toEqual([INTER_CONTAINER]);
      expect(failedRules(run, `Test/${name}OverrideOutputKey`)).toEqual([OUTPUT_KMS]);
      expect(failedRules(run, `Test/${name}OverrideVolumeKey`)).toEqual([VOLUME_KMS]);
      expect(run.verdict(`Test/${name}StringTrue`, ISOLATION)).toBe('passed');
    });
  });

  test('a job without NetworkConfig fails the three network rules', () => {
    expect(failedRules(run, 'Test/DataQualityNoNetworkConfig')).toEqual([INTER_CONTAINER, ISOLATION, VPC].sort());
  });

  test('a schedule that names a job definition is not applicable: the definition is judged itself', () => {
    for (const rule of RULES) {
      expect(run.verdict('Test/ScheduleByName', rule)).toBe('not-applicable');
    }
  });

  test('findings say what is wrong, with the criteria', () => {
    expect(run.detail('Test/ScheduleNoOutputKey', OUTPUT_KMS)).toMatch(/no key is set/);
    const v = run.violations.find((x) => x.ruleName === OUTPUT_KMS);
    expect(v?.description).toMatch(/\(SOC 2 CC6\.1, C1\.1\)$/);
  });
});
