/*
 * EnvironmentStack built directly, as buildEnvironments builds it from EnvironmentSettings: one
 * app, one account baseline, and two environments, synthesized once. dev has minimal settings
 * (and a personaTrust of its own); staging also names an identity provider, which replaces any
 * personaTrust.
 */
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AuditTrailScope } from '../../constructs/audit-trail';
import { EndpointSet } from '../../constructs/ml-network';
import { Persona } from '../../constructs/persona';
import { PersonaTrust } from '../../constructs/persona-trust';
import { AccountBaselineStack } from '../../platform/account-baseline-stack';
import { baselineStackName, environmentStackName } from '../../platform/default-app';
import { EnvironmentStack } from '../../platform/environment-stack';
import { ADOPT_NOTHING, EnvironmentSettings, IdentityProviderKind, IdentityProviderSettings } from '../../settings/platform-settings';
import { plannedCidr } from '../../settings/network-plan';
import { tempOutdir } from '../helpers/app-context';
import { logicalId } from '../helpers/ml-scope';

const SAML_ARN = 'arn:aws:iam::111111111111:saml-provider/Okta';

/** Minimal settings: the planned range, two zones, the essential endpoints, no people, nothing adopted. */
function settings(name: string): EnvironmentSettings {
  return { name, production: false, alertEmails: [], alertSlackChannels: [], cidr: plannedCidr(name)!, maxAzs: 2, endpoints: EndpointSet.ESSENTIAL, people: [], adopt: ADOPT_NOTHING, onCall: [] };
}

/** An environment stack from its settings, given as buildEnvironments gives them. */
function environmentStack(app: App, baseline: AccountBaselineStack, env: EnvironmentSettings, extra: { personaTrust?: PersonaTrust; identityProvider?: IdentityProviderSettings } = {}): EnvironmentStack {
  return new EnvironmentStack(app, environmentStackName(env.name), {
    stackName: environmentStackName(env.name),
    baseline,
    environmentName: env.name,
    production: env.production,
    alertEmails: env.alertEmails,
    network: { cidr: env.cidr, maxAzs: env.maxAzs, endpoints: env.endpoints },
    people: env.people,
    ...extra,
  });
}

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>; // eslint-disable-line @typescript-eslint/no-explicit-any

let app: App;
let baseline: AccountBaselineStack;
let dev: EnvironmentStack;
let staging: EnvironmentStack;
let devTemplate: Template;
let stagingTemplate: Template;

beforeAll(() => {
  app = new App({ outdir: tempOutdir() });
  baseline = new AccountBaselineStack(app, baselineStackName(), { stackName: baselineStackName() });
  dev = environmentStack(app, baseline, settings('dev'), { personaTrust: PersonaTrust.accountWithMfa('222222222222') });
  staging = environmentStack(app, baseline, settings('staging'), {
    personaTrust: PersonaTrust.accountWithMfa('222222222222'),
    identityProvider: { kind: IdentityProviderKind.SAML, arn: SAML_ARN },
  });
  // One synth of the app serves every template below.
  devTemplate = Template.fromStack(dev);
  stagingTemplate = Template.fromStack(staging);
});

/** Every IAM role of a stack, CloudFormation-level: L2 roles and CDK's provider roles alike. */
const rolesIn = (stack: Stack) => stack.node.findAll()
  .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::IAM::Role' && Stack.of(c) === stack);

describe('EnvironmentStack', () => {
  test('holds one MlEnvironment, named after the environment, under the id Platform', () => {
    expect(dev.stackName).toBe('soc2ml-dev');
    expect(dev.platform.environmentName).toBe('dev');
    expect(dev.platform.node.path).toBe('soc2ml-dev/Platform');
    expect(dev.platform.production).toBe(false);
    expect(staging.platform.environmentName).toBe('staging');
  });

  test('tags the stack and every taggable resource with its environment', () => {
    expect(dev.tags.tagValues()).toEqual({ Environment: 'dev' });
    for (const [stack, template] of [[dev, devTemplate], [staging, stagingTemplate]] as const) {
      const tagged = Object.entries(template.toJSON().Resources as Resources).filter(([, r]) => Array.isArray(r.Properties?.Tags));
      expect(tagged.length).toBeGreaterThan(10);
      const expected = stack.platform.environmentName;
      const wrong = tagged.filter(([, r]) => r.Properties.Tags.find((t: { Key: string }) => t.Key === 'Environment')?.Value !== expected);
      expect(wrong.map(([id]) => id)).toEqual([]);
    }
  });

  test('depends on its account baseline, which depends on no environment', () => {
    expect(dev.baseline).toBe(baseline);
    expect(dev.dependencies).toEqual([baseline]);
    expect(staging.dependencies).toEqual([baseline]);
    expect(baseline.dependencies).toEqual([]);
    const assembly = app.synth();
    expect(assembly.getStackArtifact(dev.artifactId).dependencies.map((d) => d.id)).toContain(baseline.artifactId);
  });

  test('sets the environment\'s permissions boundary on every role of the stack, CDK\'s custom-resource roles and the trail\'s role included', () => {
    const roles = rolesIn(dev);
    const paths = roles.map((r) => r.node.path);
    // Roles outside the platform, which only the stack-wide boundary reaches.
    expect(paths.some((p) => p.startsWith('soc2ml-dev/Custom::'))).toBe(true);
    expect(paths).toContain('soc2ml-dev/DataEventsTrail/LogsRole/Resource');
    const boundary = { Ref: logicalId(dev, dev.platform.permissionsBoundary.policy) };
    const resources = devTemplate.toJSON().Resources as Resources;
    const roleIds = roles.map((r) => dev.resolve(r.logicalId) as string);
    expect(roleIds.sort()).toEqual(Object.keys(devTemplate.findResources('AWS::IAM::Role')).sort());
    const withoutBoundary = roleIds.filter((id) => JSON.stringify(resources[id].Properties.PermissionsBoundary) !== JSON.stringify(boundary));
    expect(withoutBoundary).toEqual([]);
  });

  test('has a data-events trail of its own: no management events, the object events of the stack\'s classified buckets, on the environment\'s logs key', () => {
    expect(dev.dataEventsTrail.trailScope).toBe(AuditTrailScope.DATA_EVENTS);
    devTemplate.resourceCountIs('AWS::CloudTrail::Trail', 1);
    const trail = Object.values(devTemplate.findResources('AWS::CloudTrail::Trail'))[0].Properties;
    expect(trail.TrailName).toBe('soc2ml-dev-data-events');
    expect(trail.KMSKeyId).toEqual({ 'Fn::GetAtt': [logicalId(dev, dev.platform.keys.logs), 'Arn'] });
    const selectors = trail.AdvancedEventSelectors as { FieldSelectors: { Field: string; Equals?: string[]; StartsWith?: unknown[] }[] }[];
    expect(selectors.flatMap((s) => s.FieldSelectors.filter((f) => f.Field === 'eventCategory').flatMap((f) => f.Equals))).not.toContain('Management');
    const covered = JSON.stringify(selectors);
    for (const bucket of [dev.platform.trainingDataBucket.bucket, dev.platform.modelArtifactsBucket.bucket, dev.platform.featureStore.offlineStoreBucket.bucket]) {
      expect(covered).toContain(`"${logicalId(dev, bucket)}"`);
    }
  });

  test('the trail delivers to the account baseline\'s tamper-evident bucket', () => {
    expect(dev.dataEventsTrail.bucket).toBe(baseline.auditTrailBucket);
    // The baseline's bucket, imported: the reference runs from the environment to the baseline.
    devTemplate.hasResourceProperties('AWS::CloudTrail::Trail', {
      S3BucketName: { 'Fn::ImportValue': Match.stringLikeRegexp(`^soc2ml-baseline:ExportsOutputRef${logicalId(baseline, baseline.auditTrailBucket)}`) },
      S3KeyPrefix: 'soc2ml-dev-data-events',
    });
  });

  test('without an identity provider, persona roles trust what personaTrust says', () => {
    const role = devTemplate.toJSON().Resources[logicalId(dev, dev.platform.personas.role(Persona.AUDITOR))];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([expect.objectContaining({
      Action: 'sts:AssumeRole',
      Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::222222222222:root']] } },
      Condition: expect.objectContaining({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
    })]);
  });

  test('an identity provider replaces personaTrust: persona roles trust people federated through it', () => {
    const role = stagingTemplate.toJSON().Resources[logicalId(staging, staging.platform.personas.role(Persona.AUDITOR))];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([{
      Action: 'sts:AssumeRoleWithSAML',
      Effect: 'Allow',
      Principal: { Federated: SAML_ARN },
      Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
    }]);
  });
});
