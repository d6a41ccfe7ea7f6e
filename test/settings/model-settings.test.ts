import { App } from 'aws-cdk-lib';
import { EndpointDeployment } from '../../constructs/guarded-endpoint';
import { ModelProblemType, MonitoringFrequency } from '../../constructs/model-monitoring';
import { platformSettingsFromContext } from '../../settings/platform-settings';
import { ON_CALL_CONTEXT } from '../fixtures/default-app-variants';

const PACKAGE = 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/prod-churn/3';
const BASE = { name: 'churn', modelPackage: PACKAGE, baseline: 'monitoring/churn/3/data-quality' };
const model = (value: unknown, env = 'prod') => platformSettingsFromContext(new App({ context: { 'soc2ml:modelFamilies': ['churn'], [`soc2ml:${env}:model`]: value } }))
  .environments.find((e) => e.name === env)!.model;

describe('soc2ml:<env>:model', () => {
  test('absent: no environment serves a model', () => {
    expect(platformSettingsFromContext(new App()).environments.map((e) => e.model)).toEqual([undefined, undefined, undefined]);
  });

  test('a model package, as a JSON object (cdk.json) or a JSON string (-c): one variant, two instances, canary, hourly drift monitoring', () => {
    for (const value of [BASE, JSON.stringify(BASE)]) {
      const m = model(value)!;
      expect(m.name).toBe('churn');
      expect(m.variants).toEqual([{ name: 'primary', modelPackageArn: PACKAGE, instanceCount: 2, imageTag: undefined, artifactKey: undefined, weight: undefined, instanceType: undefined, maxInstanceCount: undefined }]);
      expect(m.deployment).toBe(EndpointDeployment.CANARY);
      expect(m.baselinePrefix).toBe('monitoring/churn/3/data-quality');
      expect(m.schedule).toBeUndefined();
    }
  });

  test('A/B variants, a linear deployment, more rollback alarms, a daily schedule and every optional monitor', () => {
    const m = model({
      name: 'churn', instanceType: 'ml.c5.xlarge', baseline: 'b', deployment: 'linear', rollbackAlarms: ['kpi'], schedule: 'cron(0 6 ? * * *)',
      variants: [{ name: 'current', modelPackage: PACKAGE, weight: 90 }, { name: 'challenger', image: '1.4.0', artifact: 'churn/1.4.0/model.tar.gz', weight: 10, instanceCount: 3 }],
      modelQuality: { problemType: 'Regression', groundTruth: 'gt', baseline: 'mq' },
      bias: { config: 'bias.json', groundTruth: 'gt', baseline: 'bias' },
      explainability: { config: 'x.json', baseline: 'x' },
    })!;
    expect(m.variants.map((v) => [v.name, v.instanceType?.name, v.instanceCount, v.weight, v.modelPackageArn ?? v.imageTag])).toEqual([
      ['current', 'ml.c5.xlarge', 2, 90, PACKAGE], ['challenger', 'ml.c5.xlarge', 3, 10, '1.4.0'],
    ]);
    expect(m.deployment).toBe(EndpointDeployment.LINEAR);
    expect(m.rollbackAlarmNames).toEqual(['kpi']);
    expect(m.schedule).toEqual(MonitoringFrequency.daily(6));
    expect(m.modelQuality?.problemType).toBe(ModelProblemType.REGRESSION);
    expect([m.bias?.analysisConfigKey, m.explainability?.analysisConfigKey]).toEqual(['bias.json', 'x.json']);
  });

  test('one instance outside production', () => {
    expect(model({ ...BASE, modelPackage: PACKAGE.replace('prod-', 'dev-'), instanceCount: 1 }, 'dev')!.variants[0].instanceCount).toBe(1);
  });

  test.each([
    ['0 instances', { ...BASE, instanceCount: 0 }, /soc2ml:prod:model\.instanceCount is 0: a variant needs a whole number of instances, at least 1/],
    ['1 instance in production', { ...BASE, instanceCount: 1 }, /soc2ml:prod:model\.instanceCount is 1 in a production environment: production variants need at least 2 instances/],
    ['duplicate variant names', { ...BASE, modelPackage: undefined, variants: [{ name: 'a', modelPackage: PACKAGE }, { name: 'A', modelPackage: PACKAGE }] }, /soc2ml:prod:model\.variants\[1\]\.name is "A", and soc2ml:prod:model\.variants\[0\] has the same name/],
    ['weights that describe no traffic', { ...BASE, modelPackage: undefined, variants: [{ name: 'a', modelPackage: PACKAGE, weight: 0 }] }, /soc2ml:prod:model\.variants' weights are all 0 \(a: 0\), so they describe no traffic/],
    ['a negative weight', { ...BASE, modelPackage: undefined, variants: [{ name: 'a', modelPackage: PACKAGE, weight: -5 }] }, /variants\[0\]\.weight is -5/],
    ['a schedule more frequent than SageMaker allows', { ...BASE, schedule: 'cron(0/15 * ? * * *)' }, /soc2ml:prod:model\.schedule: schedule "cron\(0\/15 \* \? \* \* \*\)" runs at minute "0\/15", more often than SageMaker allows/],
    ['a rollback configuration without alarms', { ...BASE, rollbackAlarms: [] }, /soc2ml:prod:model\.rollbackAlarms is \[\]: a rollback configuration needs alarms/],
    ['a model of another environment\'s registry', { ...BASE, modelPackage: PACKAGE.replace('prod-', 'dev-') }, /modelPackage names group "dev-churn", which is not a model package group of the prod registry \(prod-churn\)/],
    ['a model family the registry lacks', { ...BASE, modelPackage: PACKAGE.replace('prod-churn', 'prod-fraud') }, /names group "prod-fraud", which is not a model package group of the prod registry/],
    ['no drift baseline', { name: 'churn', modelPackage: PACKAGE }, /soc2ml:prod:model\.baseline is undefined: pass the prefix in the model-artifacts bucket/],
    ['no model', { name: 'churn', baseline: 'b' }, /soc2ml:prod:model gives no model: give modelPackage/],
    ['an image without its artifact', { name: 'churn', baseline: 'b', image: '1.4.0' }, /gives image "1.4.0" and artifact undefined: pass both/],
    ['an unknown field', { ...BASE, instances: 2 }, /soc2ml:prod:model has an unknown field "instances"/],
    ['an unknown deployment', { ...BASE, deployment: 'all-at-once' }, /deployment is "all-at-once": pass canary .* or linear/],
    ['an unknown problem type', { ...BASE, modelQuality: { problemType: 'Ranking', groundTruth: 'g', baseline: 'b' } }, /modelQuality\.problemType is "Ranking": pass BinaryClassification, MulticlassClassification, Regression/],
    ['an endpoint name SageMaker refuses', { ...BASE, name: 'Churn Model' }, /soc2ml:prod:model\.name is "Churn Model"/],
    ['text that is not JSON', '{name: churn}', /soc2ml:prod:model is "\{name: churn\}", which does not parse as JSON/],
  ])('refuses %s, naming the key, the value and the fix', (_what, value, error) => {
    expect(() => model(value)).toThrow(error);
  });

  test('friction 7: in a pinned environment, a model package of another account or region is refused', () => {
    const pinned = (modelPackage: string) => platformSettingsFromContext(new App({ context: {
      // Someone on call and an alert destination, as a pinned production environment needs.
      ...ON_CALL_CONTEXT, 'soc2ml:alertEmails': 'alerts@example.com', 'soc2ml:modelFamilies': ['churn'], 'soc2ml:prod:account': '444444444444', 'soc2ml:prod:region': 'eu-west-1',
      'soc2ml:prod:availabilityZones': 'eu-west-1a,eu-west-1b,eu-west-1c', 'soc2ml:prod:model': { ...BASE, modelPackage },
    } })).environments.find((e) => e.name === 'prod')!.model;
    expect(() => pinned(PACKAGE)).toThrow(/soc2ml:prod:model\.modelPackage is arn:aws:sagemaker:eu-west-1:111111111111:model-package\/prod-churn\/3, a model package of account 111111111111, not 444444444444 where the endpoint is deployed: serve a version registered in the environment's own registry \(arn:aws:sagemaker:eu-west-1:444444444444:model-package\/prod-churn\/3\)/);
    expect(() => pinned(PACKAGE.replace('111111111111', '444444444444').replace('eu-west-1', 'us-east-1'))).toThrow(/region us-east-1, not eu-west-1/);
    expect(pinned(PACKAGE.replace('111111111111', '444444444444'))!.variants[0].modelPackageArn).toContain('444444444444');
  });

  test('is a known per-environment key: a typo of it is refused', () => {
    expect(() => platformSettingsFromContext(new App({ context: { 'soc2ml:prod:modle': BASE } }))).toThrow(/Unknown context key soc2ml:prod:modle: Did you mean "soc2ml:prod:model"\? per-environment keys are .*model/);
  });
});

describe('soc2ml:modelFamilies', () => {
  const families = (value: unknown) => {
    const s = platformSettingsFromContext(new App({ context: { 'soc2ml:modelFamilies': value } }));
    return { names: s.modelFamilies, minimums: s.modelQualityMinimums };
  };

  test('accepts names, and objects with release minimums, as JSON (cdk.json), a JSON string or a comma-separated list (-c)', () => {
    const mixed = ['churn', { name: 'fraud', minimums: { auc: 0.8, f1: 0.7 } }];
    expect(families(mixed)).toEqual({ names: ['churn', 'fraud'], minimums: { fraud: { auc: 0.8, f1: 0.7 } } });
    expect(families(JSON.stringify(mixed))).toEqual(families(mixed));
    expect(families('churn, fraud')).toEqual({ names: ['churn', 'fraud'], minimums: {} });
    expect(families(undefined)).toEqual({ names: [], minimums: {} });
  });

  test.each([
    [[{ name: 'churn', minimums: { auc: 'high' } }], /soc2ml:modelFamilies\[0\].minimums.auc is "high": pass a number/],
    [['churn', { name: 'fraud', minimum: { auc: 0.8 } }], /soc2ml:modelFamilies\[1\] has an unknown field "minimum": Did you mean "minimums"\? the fields are name, minimums/],
    [[{ minimums: { auc: 0.8 } }], /soc2ml:modelFamilies\[0\].name is undefined: pass the family's name/],
    [[{ name: 'churn', minimums: { mse: 0.1 } }], /soc2ml:modelFamilies\[0\].minimums.mse sets a minimum on mse, where lower is better/],
    [[{ name: 'churn', minimums: [0.8] }], /soc2ml:modelFamilies\[0\].minimums is \[0.8\]: pass an object of metric minimums/],
    [[42], /soc2ml:modelFamilies\[0\] is 42: name a family as "churn"/],
  ])('refuses %j, naming the key', (value, message) => {
    expect(() => families(value)).toThrow(message);
  });
});

describe('soc2ml:<env>:model data capture', () => {
  test('sampling and retention of captured data, as numbers or strings', () => {
    const m = model({ ...BASE, captureSamplingPercentage: 50, captureRetentionDays: '30' })!;
    expect(m.captureSamplingPercentage).toBe(50);
    expect(m.captureExpiration!.toDays()).toBe(30);
    expect(model(BASE)!.captureExpiration).toBeUndefined();
  });

  test.each([
    [{ captureSamplingPercentage: 0 }, /soc2ml:prod:model.captureSamplingPercentage is 0: pass the share of requests the endpoint captures, from 1 to 100 \(default 20\)/],
    [{ captureSamplingPercentage: 12.5 }, /captureSamplingPercentage is 12.5/],
    [{ captureRetentionDays: 'forever' }, /soc2ml:prod:model.captureRetentionDays is "forever": pass how many days captured requests are kept, from 1 to 3650 \(default 90\)/],
  ])('refuses %j', (extra, message) => {
    expect(() => model({ ...BASE, ...extra })).toThrow(message);
  });
});
