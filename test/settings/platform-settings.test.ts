import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EndpointSet } from '../../constructs/ml-network';
import { Soc2MlChecks } from '../../pack/soc2-ml-checks';
import { buildDefaultApp, DefaultApp } from '../../platform/default-app';
import { platformSettingsFromContext } from '../../settings/platform-settings';
import { tempOutdir } from '../helpers/app-context';
import { ON_CALL, ON_CALL_CONTEXT } from '../fixtures/default-app-variants';
import { describeError } from '../../core/describe-error';
import { Soc2MlError } from '../../core/errors';
import { buildUnchecked } from '../helpers/unchecked-app';

const settings = (context: Record<string, unknown>) => platformSettingsFromContext(new App({ context }));

describe('platform settings from context', () => {
  test('default to dev, staging and prod, environment-agnostic, prod as production', () => {
    const s = settings({});
    expect(s.environments.map((e) => [e.name, e.production, e.account, e.region])).toEqual([
      ['dev', false, undefined, undefined],
      ['staging', false, undefined, undefined],
      ['prod', true, undefined, undefined],
    ]);
  });

  test('read lists from JSON arrays (cdk.json) and comma-separated strings (-c)', () => {
    expect(settings({ 'soc2ml:environments': ['dev', 'prod'] }).environments.map((e) => e.name)).toEqual(['dev', 'prod']);
    expect(settings({ 'soc2ml:environments': 'dev, qa', 'soc2ml:qa:cidr': '10.40.0.0/16' }).environments.map((e) => e.name)).toEqual(['dev', 'qa']);
    expect(settings({ 'soc2ml:environments': '["a","b"]', 'soc2ml:a:cidr': '10.40.0.0/16', 'soc2ml:b:cidr': '10.50.0.0/16' }).environments.map((e) => e.name)).toEqual(['a', 'b']);
  });

  test('pin an environment to an account, region and zones', () => {
    const s = settings({
      'soc2ml:prod:account': '222222222222',
      'soc2ml:prod:region': 'eu-west-1',
      'soc2ml:prod:availabilityZones': 'eu-west-1a,eu-west-1b,eu-west-1c',
      ...ON_CALL_CONTEXT,
      'soc2ml:alertEmails': ['sec@example.com'],
      'soc2ml:dev:alertEmails': 'dev@example.com',
    });
    expect(s.environments[2]).toEqual({
      name: 'prod', account: '222222222222', region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'], production: true, alertEmails: ['sec@example.com'], alertSlackChannels: [],
      cidr: '10.30.0.0/16', maxAzs: 3, endpoints: EndpointSet.COMPLETE, people: [],
      adopt: { securityHub: false, configRecorder: false, registryScanning: false, macie: false }, onCall: ON_CALL,
    });
    expect(s.environments[0].alertEmails).toEqual(['dev@example.com']);
  });

  test('reject an account without a region, and the reverse', () => {
    expect(() => settings({ 'soc2ml:prod:account': '222222222222' })).toThrow(/sets soc2ml:prod:account but not soc2ml:prod:region/);
    expect(() => settings({ 'soc2ml:prod:region': 'eu-west-1' })).toThrow(/sets soc2ml:prod:region but not soc2ml:prod:account/);
  });

  test('reject a pinned environment without its zones, saying how to pass them', () => {
    expect(() => settings({ 'soc2ml:prod:account': '222222222222', 'soc2ml:prod:region': 'eu-west-1' }))
      .toThrow(/soc2ml:prod:availabilityZones is not set, so synth would have to ask AWS for them\. Add the list to cdk\.context\.json or pass -c soc2ml:prod:availabilityZones=eu-west-1a,eu-west-1b,eu-west-1c/);
  });

  test('reject zones of another region and zones without an account', () => {
    expect(() => settings({ 'soc2ml:prod:account': '222222222222', 'soc2ml:prod:region': 'eu-west-1', 'soc2ml:prod:availabilityZones': 'us-east-1a' }))
      .toThrow(/contains "us-east-1a", which is not in region eu-west-1/);
    expect(() => settings({ 'soc2ml:dev:availabilityZones': 'eu-west-1a' })).toThrow(/environment "dev" has no account and region/);
  });

  test('reject malformed values', () => {
    expect(() => settings({ 'soc2ml:prod:account': '1234', 'soc2ml:prod:region': 'eu-west-1' })).toThrow(/soc2ml:prod:account is "1234": an AWS account id is 12 digits/);
    expect(() => settings({ 'soc2ml:prod:account': '222222222222', 'soc2ml:prod:region': 'Ireland' })).toThrow(/soc2ml:prod:region is "Ireland": pass a region code/);
    expect(() => settings({ 'soc2ml:environments': ['dev', 'dev'] })).toThrow(/names "dev" twice/);
    expect(() => settings({ 'soc2ml:environments': [] })).toThrow(/soc2ml:environments is empty/);
    expect(() => settings({ 'soc2ml:environments': ['Dev'] })).toThrow(/is "Dev": use 1 to 32 lowercase letters/);
    expect(() => settings({ 'soc2ml:dev:production': 'yes' })).toThrow(/soc2ml:dev:production is "yes": pass true or false/);
    expect(() => settings({ 'soc2ml:environments': 42 })).toThrow(/soc2ml:environments is 42: pass a list of strings/);
  });

  test('give each environment its planned range, two zones, and the essential endpoints in dev only', () => {
    const s = settings({});
    expect(s.environments.map((e) => [e.name, e.cidr, e.maxAzs, e.endpoints])).toEqual([
      ['dev', '10.10.0.0/16', 2, EndpointSet.ESSENTIAL],
      ['staging', '10.20.0.0/16', 2, EndpointSet.COMPLETE],
      ['prod', '10.30.0.0/16', 2, EndpointSet.COMPLETE],
    ]);
    expect(s.organizationId).toBeUndefined();
  });

  test('a pinned production environment spans three zones; a pinned non-production one two', () => {
    const pin = (env: string) => ({ [`soc2ml:${env}:alertEmails`]: 'security@example.com', [`soc2ml:${env}:account`]: '111111111111', [`soc2ml:${env}:region`]: 'eu-west-1', [`soc2ml:${env}:availabilityZones`]: 'eu-west-1a,eu-west-1b,eu-west-1c' });
    const s = settings({ ...pin('dev'), ...pin('prod'), ...ON_CALL_CONTEXT });
    expect(s.environments.map((e) => [e.name, e.maxAzs])).toEqual([['dev', 2], ['staging', 2], ['prod', 3]]);
  });

  test('read ranges, endpoint sets and the organization from context', () => {
    const s = settings({ 'soc2ml:staging:cidr': '172.16.0.0/16', 'soc2ml:dev:endpoints': 'complete', 'soc2ml:prod:endpoints': 'essential', 'soc2ml:organizationId': 'o-a1b2c3d4e5' });
    expect(s.environments.map((e) => [e.name, e.cidr, e.endpoints])).toEqual([
      ['dev', '10.10.0.0/16', EndpointSet.COMPLETE],
      ['staging', '172.16.0.0/16', EndpointSet.COMPLETE],
      ['prod', '10.30.0.0/16', EndpointSet.ESSENTIAL],
    ]);
    expect(s.organizationId).toBe('o-a1b2c3d4e5');
  });

  test('reject overlapping ranges, naming both environments', () => {
    expect(() => settings({ 'soc2ml:staging:cidr': '10.10.128.0/17' }))
      .toThrow(/Environments "dev" \(10\.10\.0\.0\/16, from the plan\) and "staging" \(10\.10\.128\.0\/17, from soc2ml:staging:cidr\) have overlapping address ranges: each environment needs its own\. Set soc2ml:staging:cidr to a range no other environment uses, for example 10\.40\.0\.0\/16/);
    expect(() => settings({ 'soc2ml:environments': 'dev,prod', 'soc2ml:prod:cidr': '10.10.4.0/22' })).toThrow(/"dev" .* and "prod" .* have overlapping address ranges/);
    // Ranges that only touch do not overlap.
    expect(() => settings({ 'soc2ml:environments': 'a,b', 'soc2ml:a:cidr': '10.0.0.0/17', 'soc2ml:b:cidr': '10.0.128.0/17' })).not.toThrow();
  });

  test('reject an environment outside the plan without a range, suggesting a free one', () => {
    expect(() => settings({ 'soc2ml:environments': 'dev,qa' }))
      .toThrow(/Environment "qa" has no address range: the plan covers only dev \(10\.10\.0\.0\/16\), staging \(10\.20\.0\.0\/16\), prod \(10\.30\.0\.0\/16\)\. Set soc2ml:qa:cidr .* for example -c soc2ml:qa:cidr=10\.40\.0\.0\/16\./);
    expect(() => settings({ 'soc2ml:environments': 'dev,qa,uat', 'soc2ml:qa:cidr': '10.40.0.0/16' })).toThrow(/soc2ml:uat:cidr=10\.50\.0\.0\/16/);
  });

  test('reject malformed ranges, endpoint sets and organization ids', () => {
    expect(() => settings({ 'soc2ml:dev:cidr': '10.10.0.0/33' })).toThrow(/soc2ml:dev:cidr is "10\.10\.0\.0\/33", which is not an IPv4 CIDR block/);
    expect(() => settings({ 'soc2ml:dev:cidr': '100.64.0.0/16' })).toThrow(/soc2ml:dev:cidr is "100\.64\.0\.0\/16", outside the private ranges/);
    expect(() => settings({ 'soc2ml:dev:cidr': '10.10.0.0/24' })).toThrow(/soc2ml:dev:cidr is "10\.10\.0\.0\/24": a VPC range must be \/16 to \/22/);
    expect(() => settings({ 'soc2ml:dev:endpoints': 'minimal' })).toThrow(/soc2ml:dev:endpoints is "minimal": pass complete or essential/);
    expect(() => settings({ 'soc2ml:organizationId': 'acme' })).toThrow(/soc2ml:organizationId is "acme": that is not an AWS Organizations id/);
  });

  test('reject unknown keys, which would otherwise be silently ignored', () => {
    expect(() => settings({ 'soc2ml:prd:account': '222222222222' })).toThrow(/Unknown context key soc2ml:prd:account: Did you mean "soc2ml:prod:account"\? "prd" is not in soc2ml:environments/);
    expect(() => settings({ 'soc2ml:prod:acount': '222222222222' })).toThrow(/Unknown context key soc2ml:prod:acount: Did you mean "soc2ml:prod:account"\? per-environment keys are/);
  });

  test.each([
    ['soc2-ml:people', 'soc2ml:people'],
    ['soc2:alertEmails', 'soc2ml:alertEmails'],
    ['soc2ml.modelFamilies', 'soc2ml:modelFamilies'],
    ['SOC2ML:prod:acount', 'soc2ml:prod:account'],
  ])('friction 4: a near-miss prefix (%s) is refused with the key it meant', (key, meant) => {
    expect(() => settings({ [key]: 'x' })).toThrow(new RegExp(`Context key ${key} is not read: the platform's keys start with "soc2ml:". Did you mean "${meant}"\\?`));
  });

  test('friction 3: a settings error is the package\'s own error, printed without frames', () => {
    let error: unknown;
    try {
      settings({ 'soc2ml:prod:acount': '222222222222' });
    } catch (e) {
      error = e;
    }
    expect(Soc2MlError.isSoc2MlError(error)).toBe(true);
    expect((error as Error).stack).toBe(`Soc2MlError: ${(error as Error).message}`);
    expect(describeError(error)).toBe((error as Error).message);
  });
});

describe('ML access and data settings from context', () => {
  const alice = { name: 'alice', personas: ['data-scientist'] };

  test('read people from a JSON array (cdk.json) or a JSON string (-c), each in their environments', () => {
    const people = [alice, { name: 'bob', personas: ['model-approver'], environments: ['prod'] }];
    for (const value of [people, JSON.stringify(people)]) {
      const s = settings({ 'soc2ml:people': value });
      expect(s.people.map((p) => p.name)).toEqual(['alice', 'bob']);
      expect(s.environments.map((e) => e.people.map((p) => p.name))).toEqual([['alice'], ['alice'], ['alice', 'bob']]);
      expect(s.environments[2].people[1]).toEqual({ name: 'bob', personas: ['model-approver'] });
    }
    expect(settings({}).people).toEqual([]);
  });

  test('refuse a person who would approve their own models, naming the person, the personas and the fix', () => {
    expect(() => settings({ 'soc2ml:people': [{ name: 'alice', personas: ['data-scientist', 'model-approver'] }] }))
      .toThrow(/soc2ml:people\[0\] \("alice"\) holds personas model-approver and data-scientist, which segregation of duties keeps apart: an approver must not approve models they trained\. Give the two personas to different people, or remove one of them from "alice"\./);
    expect(() => settings({ 'soc2ml:people': [alice, { name: 'eve', personas: ['auditor', 'ml-engineer'] }] }))
      .toThrow(/soc2ml:people\[1\] \("eve"\) holds personas auditor and ml-engineer/);
    // Allowed together: no rule keeps them apart.
    expect(settings({ 'soc2ml:people': [{ name: 'sam', personas: ['ml-engineer', 'platform-admin', 'data-scientist'] }] }).people).toHaveLength(1);
  });

  test('refuse malformed people', () => {
    expect(() => settings({ 'soc2ml:people': [{ name: 'alice', personas: ['data-wizard'] }] })).toThrow(/soc2ml:people\[0\]\.personas\[0\] is "data-wizard", which is not a persona: pass one of "data-scientist"/);
    expect(() => settings({ 'soc2ml:people': [{ name: 'alice', personas: [] }] })).toThrow(/soc2ml:people\[0\]\.personas is \[\]: give "alice" at least one persona/);
    expect(() => settings({ 'soc2ml:people': [alice, alice] })).toThrow(/soc2ml:people\[1\]\.name "alice" is listed twice/);
    expect(() => settings({ 'soc2ml:people': [{ ...alice, environments: ['qa'] }] })).toThrow(/soc2ml:people\[0\]\.environments names "qa", which is not in soc2ml:environments/);
    expect(() => settings({ 'soc2ml:people': [{ ...alice, role: 'x' }] })).toThrow(/soc2ml:people\[0\] has an unknown field "role"/);
    expect(() => settings({ 'soc2ml:people': '[{"name": "alice"' })).toThrow(/soc2ml:people is .* which does not parse as JSON/);
  });

  test('read a SAML or OIDC identity provider, and refuse one that cannot be trusted safely', () => {
    const saml = { type: 'saml', arn: 'arn:aws:iam::111111111111:saml-provider/Okta' };
    expect(settings({ 'soc2ml:identityProvider': JSON.stringify(saml) }).identityProvider).toEqual({ kind: 'saml', arn: saml.arn, audience: undefined });
    const oidc = { type: 'oidc', arn: 'arn:aws:iam::111111111111:oidc-provider/login.example.com', audience: 'ml-platform' };
    expect(settings({ 'soc2ml:identityProvider': oidc }).identityProvider).toEqual({ kind: 'oidc', arn: oidc.arn, audience: 'ml-platform' });
    expect(settings({}).identityProvider).toBeUndefined();
    expect(() => settings({ 'soc2ml:identityProvider': { ...oidc, audience: undefined } })).toThrow(/soc2ml:identityProvider\.audience is undefined: an OIDC provider needs the client id/);
    expect(() => settings({ 'soc2ml:identityProvider': { type: 'saml', arn: oidc.arn } })).toThrow(/soc2ml:identityProvider\.arn is .* which is not the ARN of a SAML provider/);
    expect(() => settings({ 'soc2ml:identityProvider': { type: 'ldap', arn: saml.arn } })).toThrow(/soc2ml:identityProvider\.type is "ldap"/);
  });

  test('read feature groups and model families, checking definitions against their schema', () => {
    const group = { name: 'g', recordIdentifier: 'id', eventTime: 'ts', features: [{ name: 'id', type: 'String' }, { name: 'ts', type: 'Fractional' }] };
    const s = settings({ 'soc2ml:featureGroups': [group], 'soc2ml:modelFamilies': 'churn,fraud' });
    expect(s.featureGroups).toEqual([group]);
    expect(s.modelFamilies).toEqual(['churn', 'fraud']);
    expect(() => settings({ 'soc2ml:featureGroups': [{ ...group, recordIdentifier: 'customer' }] }))
      .toThrow(/soc2ml:featureGroups\[0\]\.recordIdentifier is "customer", which is not in the group's features \(id, ts\): name one of them, or add it to features\./);
    expect(() => settings({ 'soc2ml:featureGroups': [{ ...group, features: [group.features[0], { name: 'ts', type: 'Timestamp' }] }] }))
      .toThrow(/soc2ml:featureGroups\[0\]\.features\[1\]\.type is "Timestamp", which is not a feature type/);
    expect(() => settings({ 'soc2ml:featureGroups': { name: 'g' } })).toThrow(/soc2ml:featureGroups is .*: pass a JSON array/);
  });

  test('read the Studio sign-in mode', () => {
    expect(settings({}).studioAuthMode).toBe('IAM');
    expect(settings({ 'soc2ml:studioAuthMode': 'sso' }).studioAuthMode).toBe('SSO');
    expect(() => settings({ 'soc2ml:studioAuthMode': 'ldap' })).toThrow(/soc2ml:studioAuthMode is "ldap": pass iam .* or sso/);
  });

  test('refuse environment names whose resources would overlap by name prefix', () => {
    expect(() => settings({ 'soc2ml:environments': 'dev,dev-eu', 'soc2ml:dev-eu:cidr': '10.40.0.0/16' }))
      .toThrow(/soc2ml:environments names "dev" and "dev-eu": the SageMaker resources of "dev" are those named "dev-…", which would include those of "dev-eu"/);
  });
});

describe('the default app with pinned environments', () => {
  // One app for every test below; none reads what the validation plugins report.
  let app: App;
  let built: DefaultApp;

  beforeAll(() => {
    app = new App({
      context: {
        'soc2ml:dev:account': '111111111111', 'soc2ml:dev:region': 'eu-west-1', 'soc2ml:dev:availabilityZones': 'eu-west-1a,eu-west-1b',
        'soc2ml:staging:account': '111111111111', 'soc2ml:staging:region': 'eu-west-1', 'soc2ml:staging:availabilityZones': 'eu-west-1a,eu-west-1b',
        'soc2ml:prod:account': '222222222222', 'soc2ml:prod:region': 'eu-west-1', 'soc2ml:prod:availabilityZones': 'eu-west-1a,eu-west-1b,eu-west-1c',
        ...ON_CALL_CONTEXT,
        'soc2ml:prod:alertEmails': 'security@example.com',
      },
    });
    built = buildUnchecked(app);
  });

  test('gets one baseline per distinct account and region', () => {
    expect(built.baselines.map((b) => b.stackName).sort()).toEqual(['soc2ml-baseline-111111111111-eu-west-1', 'soc2ml-baseline-222222222222-eu-west-1']);
    expect(built.environments.map((e) => [e.stackName, e.account, e.region, e.baseline.stackName])).toEqual([
      ['soc2ml-dev', '111111111111', 'eu-west-1', 'soc2ml-baseline-111111111111-eu-west-1'],
      ['soc2ml-staging', '111111111111', 'eu-west-1', 'soc2ml-baseline-111111111111-eu-west-1'],
      ['soc2ml-prod', '222222222222', 'eu-west-1', 'soc2ml-baseline-222222222222-eu-west-1'],
    ]);
  });

  test('answers availability zones from context, with no lookup', () => {
    const prod = built.environments[2];
    expect(prod.availabilityZones).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    expect(app.synth().manifest.missing ?? []).toEqual([]);
  });

  test('prod\'s network spans its three zones, dev\'s two', () => {
    const zones = (i: number) => Object.values(Template.fromStack(built.environments[i]).findResources('AWS::EC2::Subnet')).map((s) => s.Properties.AvailabilityZone).sort();
    expect(zones(2)).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    expect(zones(0)).toEqual(['eu-west-1a', 'eu-west-1b']);
    expect(built.environments[2].platform.network.workloadSubnets.subnets).toHaveLength(3);
  });

  test('a mix of pinned and agnostic environments shares the agnostic baseline', () => {
    const mixed = buildUnchecked(new App({
      context: { 'soc2ml:prod:account': '222222222222', 'soc2ml:prod:region': 'eu-west-1', 'soc2ml:prod:availabilityZones': 'eu-west-1a', ...ON_CALL_CONTEXT, 'soc2ml:prod:alertEmails': 'security@example.com' },
    }));
    expect(mixed.baselines.map((b: Stack) => b.stackName).sort()).toEqual(['soc2ml-baseline', 'soc2ml-baseline-222222222222-eu-west-1']);
  });
});

describe('adopting what an account already has (soc2ml:adopt, soc2ml:<env>:adopt)', () => {
  const DETECTOR = '12abc34d567e8fa901bc2d34e56789f0';

  test('nothing by default; a list from -c or cdk.json; an environment\'s own value over the app\'s', () => {
    expect(settings({}).environments[0].adopt).toEqual({ securityHub: false, configRecorder: false, registryScanning: false, macie: false });
    const s = settings({ 'soc2ml:adopt': `securityHub,configRecorder,guardDuty:${DETECTOR}`, 'soc2ml:prod:adopt': ['macie', 'registryScanning'] });
    expect(s.environments.map((e) => [e.name, e.adopt])).toEqual([
      ['dev', { guardDutyDetectorId: DETECTOR, securityHub: true, configRecorder: true, registryScanning: false, macie: false }],
      ['staging', { guardDutyDetectorId: DETECTOR, securityHub: true, configRecorder: true, registryScanning: false, macie: false }],
      ['prod', { guardDutyDetectorId: undefined, securityHub: false, configRecorder: false, registryScanning: true, macie: true }],
    ]);
  });

  test.each([
    ['an unknown name', { 'soc2ml:adopt': 'guardduty' }, /soc2ml:adopt lists "guardduty": list what the account already has, from guardDuty:<detector id>, securityHub, configRecorder, registryScanning, macie/],
    ['GuardDuty without its detector', { 'soc2ml:adopt': 'guardDuty' }, /soc2ml:adopt lists "guardDuty" without the detector's id: write guardDuty:<detector id>/],
    ['a detector id that is not one', { 'soc2ml:dev:adopt': 'guardDuty:not an id' }, /soc2ml:dev:adopt lists "guardDuty:not an id": GuardDutySetup.adopt\(detectorId\) got "not an id"/],
    ['a flag with a value', { 'soc2ml:adopt': 'macie:yes' }, /soc2ml:adopt lists "macie:yes"/],
  ])('refuses %s, naming the key, the value and the fix', (_what, context, error) => {
    expect(() => settings(context)).toThrow(error);
  });

  test('the baseline adopts what is listed and creates the rest', () => {
    const outdir = tempOutdir();
    const app = new App({ outdir, context: { 'soc2ml:adopt': `securityHub,configRecorder,registryScanning,macie,guardDuty:${DETECTOR}` } });
    // Only our pack's report is read below.
    const built = buildDefaultApp(app, platformSettingsFromContext(app), { validationPlugins: [new Soc2MlChecks(app)] });
    const baseline = Template.fromStack(built.baselines[0]);
    for (const type of ['AWS::GuardDuty::Detector', 'AWS::SecurityHub::Hub', 'AWS::Config::ConfigurationRecorder', 'AWS::Config::DeliveryChannel', 'AWS::ECR::RegistryScanningConfiguration', 'AWS::Macie::Session']) {
      baseline.resourceCountIs(type, 0);
    }
    // What works with any detector, hub, recorder or session stays: the mirrored rules and the Macie jobs.
    expect(Object.keys(baseline.findResources('AWS::Config::ConfigRule')).length).toBeGreaterThan(50);
    expect(Object.keys(baseline.findResources('Custom::MacieClassificationJob')).length).toBe(2);
    // The pack sees no detector in the app: each stack that relies on the adopted one says why, with its id.
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf-8'));
    const ours = report.pluginReports.find((r: { pluginName: string }) => r.pluginName === 'Soc2Ml');
    expect(ours.violations.map((v: { ruleName: string }) => v.ruleName)).not.toContain('AppHasThreatDetection');
    const acknowledged = ours.suppressedViolations.filter((v: { ruleName: string }) => v.ruleName === 'AppHasThreatDetection');
    expect(acknowledged.map((v: { violatingConstructs: { constructPath: string }[] }) => v.violatingConstructs[0].constructPath).sort())
      .toEqual(['soc2ml-baseline', 'soc2ml-dev', 'soc2ml-prod', 'soc2ml-staging']);
    expect(acknowledged[0].reason).toContain(`GuardDuty detector ${DETECTOR} exists and is managed outside this app`);
    // A baseline that adopts nothing; one environment is enough to have one.
    const created = Template.fromStack(buildUnchecked(new App({ context: { 'soc2ml:environments': ['dev'] } })).baselines[0]);
    for (const type of ['AWS::GuardDuty::Detector', 'AWS::SecurityHub::Hub', 'AWS::Config::ConfigurationRecorder', 'AWS::ECR::RegistryScanningConfiguration', 'AWS::Macie::Session']) {
      created.resourceCountIs(type, 1);
    }
  });

  test('environments that share a baseline must adopt the same singletons', () => {
    expect(() => buildUnchecked(new App({ context: { 'soc2ml:dev:adopt': 'securityHub' } })))
      .toThrow(/Environments "dev" and "staging" share the account baseline soc2ml-baseline but adopt different singletons \(securityHub and nothing\): .* set soc2ml:adopt once for both/);
    // Pinned to accounts of their own, each baseline adopts its own.
    const pinned = (env: string, account: string) => ({ [`soc2ml:${env}:account`]: account, [`soc2ml:${env}:region`]: 'eu-west-1', [`soc2ml:${env}:availabilityZones`]: 'eu-west-1a,eu-west-1b' });
    const built = buildUnchecked(new App({ context: { ...pinned('dev', '111111111111'), ...pinned('staging', '222222222222'), ...pinned('prod', '333333333333'), 'soc2ml:prod:adopt': 'securityHub', ...ON_CALL_CONTEXT, 'soc2ml:prod:alertEmails': 'security@example.com' } }));
    expect(built.baselines.map((b) => Template.fromStack(b).findResources('AWS::SecurityHub::Hub')).map((r) => Object.keys(r).length)).toEqual([1, 1, 0]);
  });
});

describe('incident response settings (soc2ml:oncall, soc2ml:adopt incidentManager)', () => {
  const PLAN = 'arn:aws:ssm-incidents::111111111111:response-plan/ml-platform';
  const pinProd = { 'soc2ml:prod:account': '222222222222', 'soc2ml:prod:region': 'eu-west-1', 'soc2ml:prod:availabilityZones': 'eu-west-1a,eu-west-1b,eu-west-1c' };

  test('who is on call: from cdk.json or a JSON string, an environment\'s own list over the app\'s, nobody by default', () => {
    expect(settings({}).environments.map((e) => e.onCall)).toEqual([[], [], []]);
    const s = settings({ 'soc2ml:oncall': JSON.stringify(ON_CALL), 'soc2ml:dev:oncall': [{ name: 'Dee', email: 'dee@example.com' }] });
    expect(s.environments.map((e) => e.onCall)).toEqual([[{ name: 'Dee', email: 'dee@example.com' }], ON_CALL, ON_CALL]);
  });

  test('a pinned production environment refuses to synthesize without anyone on call, naming the key', () => {
    // An alert destination is given, so the missing on-call list is what stops it.
    expect(() => settings({ ...pinProd, 'soc2ml:alertEmails': 'alerts@example.com' })).toThrow(/Environment "prod" serves production and is pinned to account 222222222222, but nobody is on call for its incidents: set soc2ml:oncall \(or soc2ml:prod:oncall\) to the people paged, in escalation order, for example -c soc2ml:oncall=/);
    expect(() => settings({ ...pinProd, 'soc2ml:prod:production': 'false' })).not.toThrow();
    expect(settings({ ...pinProd, 'soc2ml:alertEmails': 'alerts@example.com', 'soc2ml:prod:oncall': ON_CALL }).environments[2].onCall).toEqual(ON_CALL);
  });

  test.each([
    [{ 'soc2ml:oncall': '{"name": "A"}' }, /soc2ml:oncall is .*: pass a JSON array/],
    [{ 'soc2ml:oncall': [{ name: 'A', email: 'a@example' }] }, /soc2ml:oncall\[0\]\.email is "a@example", which is not an email address/],
    [{ 'soc2ml:prod:oncall': [{ name: 'A', email: 'a@example.com', pager: '1' }] }, /soc2ml:prod:oncall\[0\] has an unknown field "pager"/],
    [{ 'soc2ml:oncall': [{ name: 'A', email: 'a@example.com', phone: '0101' }] }, /soc2ml:oncall\[0\]\.phone is "0101": pass the number in E\.164 form/],
  ])('refuses a malformed on-call list, naming the key: %j', (context, error) => {
    expect(() => settings(context)).toThrow(error);
  });

  test('adopt incidentManager:<response plan ARN> where the account uses Incident Manager', () => {
    expect(settings({ 'soc2ml:adopt': `securityHub,incidentManager:${PLAN}` }).environments[0].adopt).toEqual({
      securityHub: true, configRecorder: false, registryScanning: false, macie: false, incidentManagerResponsePlanArn: PLAN,
    });
    expect(() => settings({ 'soc2ml:adopt': 'incidentManager' })).toThrow(/soc2ml:adopt lists "incidentManager" without the response plan: write incidentManager:<response plan ARN>/);
    expect(() => settings({ 'soc2ml:adopt': 'incidentManager:arn:aws:ssm:eu-west-1:111111111111:document/x' }))
      .toThrow(/soc2ml:adopt lists "incidentManager:arn:aws:ssm:eu-west-1:111111111111:document\/x": the response plan is .* not the ARN of an Incident Manager response plan/);
  });

  test('the environments start incidents from the adopted plan', () => {
    const built = buildUnchecked(new App({ context: { 'soc2ml:environments': ['dev'], 'soc2ml:adopt': `incidentManager:${PLAN}` } }));
    expect(built.environments[0].platform.incidentRouting.incidentManagerRole).toBeDefined();
    const rules = Template.fromStack(built.environments[0]).findResources('AWS::Events::Rule');
    expect(Object.values(rules).filter((r) => JSON.stringify(r.Properties.Targets).includes(PLAN))).toHaveLength(4);
  });
});
