/*
 * The default app, synthesized once as `npx cdk synth` does it: cdk.json's context, every
 * validation plugin the app applies, and CloudFormation Validate on (this file is the one that
 * runs it). Later issues add their assertions about the default app here.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, Stack, Stage, Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';
import { EndpointSet } from '../../constructs/ml-network';
import { Persona } from '../../constructs/persona';
import { DefaultApp } from '../../platform/default-app';
import { IncidentRunbook } from '../../constructs/incident-runbooks';
import { IncidentKind } from '../../constructs/incident-routing';
import { summaryNotesOf } from '../../core/summary-notes';
import { cdkJsonContext, documentationText, listedAcknowledgementId, REPO_ROOT, tempOutdir } from '../helpers/app-context';
import { logicalIdsOf, pinnedLogicalIds } from '../helpers/logical-ids';
import { CDK_NAG_PACKS, collectAcknowledgements, PluginReport, nonAsciiInTemplates, synthValidated, ValidatedApp } from '../helpers/app-checks';

/** The one acknowledgement CDK makes by itself (Stack.availabilityZones), which we cannot move. */
const CDK_AZ_ACKNOWLEDGEMENT = {
  id: 'CloudFormation-Validate::W3010',
  reason: 'Literal AZs in template are the result of accessing stack.availabilityZones, this is expected and safe',
};

let app: App;
let built: DefaultApp;
let outdir: string;
let reports: PluginReport[];
let validated: ValidatedApp;

beforeAll(() => {
  // Throws (test mode) if any plugin reports an unacknowledged error.
  validated = synthValidated({});
  ({ app, built, outdir, reports } = validated);
});

describe('the default app', () => {
  test('synthesizes dev, staging and prod and one shared account baseline, environment-agnostic', () => {
    const names = app.node.children.filter(Stack.isStack).map((s) => s.stackName).sort();
    expect(names).toEqual(['soc2ml-baseline', 'soc2ml-dev', 'soc2ml-prod', 'soc2ml-staging']);
    // No pipeline and no stage until soc2ml:pipeline:account is given.
    expect(built.pipeline).toBeUndefined();
    expect(app.node.children.filter((c) => Stage.isStage(c))).toEqual([]);
    for (const stack of app.node.children.filter(Stack.isStack)) {
      expect(Token.isUnresolved(stack.account)).toBe(true);
      expect(Token.isUnresolved(stack.region)).toBe(true);
    }
  });

  test('keeps every logical id and type of the snapshot (ids are public API)', () => {
    expect(logicalIdsOf(validated.outdir)).toEqual(pinnedLogicalIds('default'));
  });

  test('its templates are ASCII text, which the pack reads at half the cost of two-byte text', () => {
    expect(nonAsciiInTemplates(validated.outdir)).toEqual([]);
  });

  test('every environment has the five incident runbooks, a rule per kind of incident and the AWS Health rule', () => {
    for (const env of built.environments) {
      const template = Template.fromStack(env);
      const documents = Object.values(template.findResources('AWS::SSM::Document')).map((d) => [d.Properties.Name, d.Properties.DocumentType]);
      expect(documents.sort()).toEqual(Object.values(IncidentRunbook).map((r) => [`${env.stackName}-${r}`, 'Automation']).sort());
      const rules = env.platform.incidentRouting.rules;
      expect(Object.keys(rules).sort()).toEqual(Object.values(IncidentKind).sort());
      for (const rule of [...Object.values(rules), env.platform.incidentRouting.healthRule]) {
        expect(template.toJSON().Resources[env.resolve((rule.node.defaultChild as CfnResource).logicalId)].Properties.Targets[0].Arn)
          .toEqual({ Ref: env.resolve((env.platform.alertTopic.topic.node.defaultChild as CfnResource).logicalId) });
      }
    }
  });

  test('the offline app says in the synth summary that nobody is on call for production', () => {
    expect(summaryNotesOf(app)).toEqual([expect.stringMatching(/^soc2ml-prod: nobody is on call for production incidents; set soc2ml:oncall/)]);
  });

  test('deploys each environment after its account baseline', () => {
    for (const env of built.environments) {
      expect(env.dependencies).toContain(built.baselines[0]);
    }
  });

  test('needs no context lookups, so it synthesizes offline', () => {
    expect(app.synth().manifest.missing ?? []).toEqual([]);
  });

  test('tags every taggable resource with its Environment', () => {
    for (const stack of [...built.environments, ...built.baselines]) {
      const expected = stack === built.baselines[0] ? 'account-baseline' : stack.stackName.replace('soc2ml-', '');
      const resources = Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string; Properties?: { Tags?: { Key: string; Value: string }[] } }>;
      const tagged = Object.entries(resources).filter(([, r]) => Array.isArray(r.Properties?.Tags));
      expect(tagged.length).toBeGreaterThan(0);
      for (const [id, r] of tagged) {
        expect({ id, tag: r.Properties!.Tags!.find((t) => t.Key === 'Environment')?.Value }).toEqual({ id, tag: expected });
      }
    }
  });

  test('prod is the production environment; each environment has its own keys, topic and buckets', () => {
    expect(built.environments.map((e) => [e.platform.environmentName, e.platform.production])).toEqual([['dev', false], ['staging', false], ['prod', true]]);
    const prod = Template.fromStack(built.environments[2]);
    prod.resourceCountIs('AWS::KMS::Key', 5);
    prod.resourceCountIs('AWS::SNS::Topic', 1);
    // Access logs, training data, model artifacts, the offline feature store.
    prod.resourceCountIs('AWS::S3::Bucket', 4);
    for (const purpose of ['data', 'models', 'logs', 'alerts', 'model-signing']) {
      prod.hasResourceProperties('AWS::KMS::Alias', { AliasName: `alias/soc2ml/prod/${purpose}` });
    }
  });

  test('each environment has its own private network with a distinct range, no way out and no link to another', () => {
    const ranges: string[] = [];
    for (const stack of built.environments) {
      const t = Template.fromStack(stack);
      t.resourceCountIs('AWS::EC2::VPC', 1);
      ranges.push(Object.values(t.findResources('AWS::EC2::VPC'))[0].Properties.CidrBlock);
      for (const subnet of Object.values(t.findResources('AWS::EC2::Subnet'))) {
        expect(subnet.Properties.MapPublicIpOnLaunch).toBe(false);
      }
      t.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
      t.resourceCountIs('AWS::EC2::FlowLog', 1);
    }
    expect(ranges).toEqual(['10.10.0.0/16', '10.20.0.0/16', '10.30.0.0/16']);
    // Nothing in the app leads out of a VPC or joins two of them.
    for (const stack of [...built.environments, ...built.baselines]) {
      const types = Object.values(Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type);
      expect(types.filter((t) => /^AWS::EC2::(InternetGateway|EgressOnlyInternetGateway|NatGateway|Route|VPCPeeringConnection|TransitGateway.*|VPNGateway|VPNConnection|CustomerGateway|VPCGatewayAttachment)$/.test(t))).toEqual([]);
    }
  });

  test('dev has the essential endpoints, staging and prod the complete set, all with private DNS', () => {
    const interfaces = built.environments.map((stack) => Object.values(Template.fromStack(stack).findResources('AWS::EC2::VPCEndpoint'))
      .filter((e) => e.Properties.VpcEndpointType === 'Interface'));
    expect(interfaces.map((list) => list.length)).toEqual([EndpointSet.ESSENTIAL.endpoints.length, EndpointSet.COMPLETE.endpoints.length, EndpointSet.COMPLETE.endpoints.length]);
    expect(interfaces.flat().every((e) => e.Properties.PrivateDnsEnabled === true)).toBe(true);
    expect(built.environments.map((e) => e.platform.network.endpointSet)).toEqual([EndpointSet.ESSENTIAL, EndpointSet.COMPLETE, EndpointSet.COMPLETE]);
  });

  test('each flow log goes to a log group encrypted with its own environment\'s logs key, kept as long as the evidence (731 days)', () => {
    for (const stack of built.environments) {
      const t = Template.fromStack(stack);
      const logsKey = stack.resolve((stack.platform.keys.logs.node.defaultChild as CfnResource).logicalId);
      t.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::GetAtt': [logsKey, 'Arn'] }, RetentionInDays: 731 });
      t.hasResourceProperties('AWS::EC2::FlowLog', { ResourceType: 'VPC', TrafficType: 'ALL' });
    }
  });

  test('the platform exposes the network later parts use: the VPC, the workload subnets and security group', () => {
    const network = built.environments[2].platform.network;
    expect(network.workloadSubnets.subnets).toHaveLength(2);
    expect(network.vpc.isolatedSubnets).toEqual(network.workloadSubnets.subnets);
    expect(network.workloadSecurityGroup.node.path).toBe('soc2ml-prod/Platform/Network/WorkloadSecurityGroup');
  });

  test('every stateful resource is retained', () => {
    for (const stack of [...built.environments, ...built.baselines]) {
      const resources = Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string; DeletionPolicy?: string; UpdateReplacePolicy?: string }>;
      for (const [id, r] of Object.entries(resources)) {
        if (['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::Logs::LogGroup', 'AWS::ECR::Repository'].includes(r.Type)) {
          expect({ id, d: r.DeletionPolicy, u: r.UpdateReplacePolicy }).toEqual({ id, d: 'Retain', u: 'Retain' });
        }
      }
    }
  });
});

describe('ML access and data in the default app', () => {
  const PERSONAS = ['data-scientist', 'ml-engineer', 'model-approver', 'auditor', 'platform-admin'];
  type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };
  const resourcesOf = (stack: Stack, type: string) => Object.values(Template.fromStack(stack).findResources(type)) as Resource[];

  test('each environment has the five persona roles: MFA within the hour, one-hour sessions, tagged Persona', () => {
    for (const stack of built.environments) {
      const env = stack.platform.environmentName;
      const personaRoles = resourcesOf(stack, 'AWS::IAM::Role').filter((r) => (r.Properties.Tags as { Key: string }[] | undefined)?.some((t) => t.Key === 'Persona'));
      expect(personaRoles.map((r) => r.Properties.RoleName).sort()).toEqual(PERSONAS.map((p) => `soc2ml-${env}-${p}`).sort());
      for (const role of personaRoles) {
        expect(role.Properties.MaxSessionDuration).toBe(3600);
        const [trust] = (role.Properties.AssumeRolePolicyDocument as { Statement: { Condition: Record<string, Record<string, string>> }[] }).Statement;
        expect(trust.Condition.Bool).toEqual({ 'aws:MultiFactorAuthPresent': 'true' });
        expect(trust.Condition.NumericLessThan).toEqual({ 'aws:MultiFactorAuthAge': '3600' });
      }
    }
  });

  test('every role in an environment stack has that environment\'s permissions boundary, CDK\'s custom-resource role included', () => {
    for (const stack of built.environments) {
      const boundary = stack.resolve((stack.platform.permissionsBoundary.policy.node.defaultChild as CfnResource).logicalId);
      const roles = Template.fromStack(stack).findResources('AWS::IAM::Role');
      expect(Object.keys(roles)).toEqual(expect.arrayContaining([expect.stringMatching(/^CustomVpcRestrictDefaultSGCustomResourceProviderRole/)]));
      for (const [id, role] of Object.entries(roles)) {
        expect({ id, boundary: role.Properties.PermissionsBoundary }).toEqual({ id, boundary: { Ref: boundary } });
      }
    }
  });

  test('each environment has a VPC-only Studio domain on its data key, retained, and no user profile until people are named', () => {
    for (const stack of built.environments) {
      const t = Template.fromStack(stack);
      const dataKey = stack.resolve((stack.platform.keys.data.node.defaultChild as CfnResource).logicalId);
      t.hasResource('AWS::SageMaker::Domain', {
        Properties: { DomainName: `soc2ml-${stack.platform.environmentName}`, AppNetworkAccessType: 'VpcOnly', AuthMode: 'IAM', KmsKeyId: { 'Fn::GetAtt': [dataKey, 'Arn'] } },
        DeletionPolicy: 'Retain',
      });
      t.resourceCountIs('AWS::SageMaker::UserProfile', 0);
    }
  });

  test('the example feature group and model family of cdk.json are in every environment, retained', () => {
    const context = cdkJsonContext();
    expect((context['soc2ml:featureGroups'] as { name: string }[]).map((g) => g.name)).toEqual(['customer-churn']);
    expect(context['soc2ml:modelFamilies']).toEqual(['churn']);
    for (const stack of built.environments) {
      const env = stack.platform.environmentName;
      const t = Template.fromStack(stack);
      t.hasResource('AWS::SageMaker::FeatureGroup', {
        Properties: { FeatureGroupName: `${env}-customer-churn`, RecordIdentifierFeatureName: 'customer_id', EventTimeFeatureName: 'event_time' },
        DeletionPolicy: 'Retain',
      });
      t.hasResource('AWS::SageMaker::ModelPackageGroup', { Properties: { ModelPackageGroupName: `${env}-churn` }, DeletionPolicy: 'Retain' });
      t.hasResourceProperties('AWS::ECR::Repository', { RepositoryName: `soc2ml/${env}/training`, ImageTagMutability: 'IMMUTABLE' });
      t.hasResourceProperties('AWS::ECR::Repository', { RepositoryName: `soc2ml/${env}/serving`, ImageTagMutability: 'IMMUTABLE' });
    }
  });

  test('model approval changes and break-glass use are announced to the environment\'s own topic', () => {
    for (const stack of built.environments) {
      const topic = stack.resolve((stack.platform.alertTopic.topic.node.defaultChild as CfnResource).logicalId);
      // The signature gate's rule invokes its function (which alerts the topic itself), not the topic.
      const gateRule = stack.resolve((stack.platform.modelSignatureGate!.rule.node.defaultChild as CfnResource).logicalId);
      // Incident rules also record to the evidence archive (test/constructs/incident-routing.test.ts).
      const incidentRules = Object.values(stack.platform.incidentRouting.rules).map((r) => stack.resolve((r.node.defaultChild as CfnResource).logicalId));
      const rules = Object.entries(Template.fromStack(stack).findResources('AWS::Events::Rule')).filter(([id]) => id !== gateRule && !incidentRules.includes(id)).map(([, r]) => r as Resource);
      const sources = rules.map((r) => (r.Properties.EventPattern as { source: string[] }).source[0]).sort();
      expect(sources).toEqual(expect.arrayContaining(['aws.sagemaker', 'aws.sts']));
      for (const rule of rules.filter((r) => ['aws.sagemaker', 'aws.sts'].includes((r.Properties.EventPattern as { source: string[] }).source[0]))) {
        expect((rule.Properties.Targets as { Arn: unknown }[]).map((x) => x.Arn)).toEqual([{ Ref: topic }]);
      }
    }
  });

  test('no endpoint, model or monitor until a model is given, and AWS images only in the build pipelines, from per-region mappings; failed and stopped jobs are announced in every environment', () => {
    for (const stack of built.environments) {
      const t = Template.fromStack(stack);
      expect(stack.platform.serving).toBeUndefined();
      const types = Object.values(t.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type);
      expect(types.filter((type) => /^AWS::SageMaker::(Model|EndpointConfig|Endpoint|MonitoringSchedule|\w+JobDefinition)$|^AWS::ApplicationAutoScaling::/.test(type))).toEqual([]);
      expect(Object.keys(t.toJSON().Mappings).sort()).toEqual(['Soc2MlClarifyImageRegistries', 'Soc2MlModelMonitorImageRegistries', 'Soc2MlXgboostImageRegistries']);
      expect(Object.keys(stack.platform.buildPipelines)).toEqual(['churn']);
      const detailTypes = resourcesOf(stack, 'AWS::Events::Rule').map((r) => (r.Properties.EventPattern as { 'detail-type'?: string[] })['detail-type']?.[0]);
      expect(detailTypes).toEqual(expect.arrayContaining(['SageMaker Training Job State Change', 'SageMaker Processing Job State Change', 'SageMaker Transform Job State Change']));
      expect(Object.keys(stack.platform.operationsAlerts.rules)).toEqual(['Training', 'Processing', 'Transform', 'Monitoring']);
    }
  });
});

describe('audit trail, threat detection and backup in the default app', () => {
  interface Selector { Name?: string; FieldSelectors: { Field: string; Equals?: string[]; StartsWith?: unknown[] }[] }
  const trailsOf = (stack: Stack) => Object.values(Template.fromStack(stack).findResources('AWS::CloudTrail::Trail'))
    .map((t) => t.Properties as { AdvancedEventSelectors: Selector[]; EventSelectors?: unknown; IsMultiRegionTrail: boolean });
  const categories = (selectors: Selector[]) => selectors.map((sel) => sel.FieldSelectors.find((f) => f.Field === 'eventCategory')!.Equals![0]);

  test('the baseline holds the one trail that records management events, with SageMaker data events', () => {
    const trails = trailsOf(built.baselines[0]);
    expect(trails).toHaveLength(1);
    expect(trails[0].EventSelectors).toBeUndefined();
    expect(categories(trails[0].AdvancedEventSelectors)).toContain('Management');
    const types = trails[0].AdvancedEventSelectors.flatMap((sel) => sel.FieldSelectors.filter((f) => f.Field === 'resources.type').flatMap((f) => f.Equals ?? []));
    expect(types).toEqual(expect.arrayContaining(['AWS::SageMaker::Endpoint', 'AWS::SageMaker::FeatureGroup']));
  });

  test('each environment has a data-events trail with no management events, covering every classified bucket of its stack', () => {
    for (const env of built.environments) {
      const trails = trailsOf(env);
      expect(trails).toHaveLength(1);
      expect(categories(trails[0].AdvancedEventSelectors)).not.toContain('Management');
      const covered = JSON.stringify(trails[0].AdvancedEventSelectors);
      const buckets = Template.fromStack(env).findResources('AWS::S3::Bucket');
      const classified = Object.entries(buckets).filter(([, b]) => (b.Properties.Tags as { Key: string; Value: string }[])
        .some((t) => t.Key === 'DataClassification' && ['confidential', 'restricted'].includes(t.Value)));
      expect(classified.length).toBeGreaterThanOrEqual(3);
      for (const [id] of classified) {
        expect({ id, covered: covered.includes(`"${id}"`) }).toEqual({ id, covered: true });
      }
    }
  });

  test('the baseline references no environment stack, so the dependency runs one way', () => {
    const baseline = JSON.stringify(Template.fromStack(built.baselines[0]).toJSON());
    expect(baseline).not.toContain('Fn::ImportValue');
    expect(built.baselines[0].dependencies).toEqual([]);
  });

  test('training data and model artifacts are scanned for malware, and the platform\'s stores are marked for backup', () => {
    for (const env of built.environments) {
      const t = Template.fromStack(env);
      const protectedBuckets = Object.values(t.findResources('AWS::GuardDuty::MalwareProtectionPlan'))
        .map((plan) => JSON.stringify(plan.Properties.ProtectedResource));
      expect(protectedBuckets).toHaveLength(2);
      for (const bucket of [env.platform.trainingDataBucket, env.platform.modelArtifactsBucket]) {
        const id = env.resolve((bucket.bucket.node.defaultChild as CfnResource).logicalId) as string;
        expect(protectedBuckets.some((p) => p.includes(id))).toBe(true);
      }
      const marked = Object.values(t.findResources('AWS::S3::Bucket'))
        .filter((b) => (b.Properties.Tags as { Key: string; Value: string }[]).some((tag) => tag.Key === 'BackupPlan'));
      expect(marked).toHaveLength(3);
    }
  });

  test('with the trail, the detector and the flow-logged networks in the app, the pack\'s app-wide warnings are quiet', () => {
    const warnings = reports.filter((r) => r.pluginName === 'Soc2Ml').flatMap((r) => r.violations.map((v) => v.ruleName));
    expect(warnings.filter((w) => w.startsWith('App'))).toEqual([]);
  });
});

describe('model integrity and privacy in the default app', () => {
  type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };
  const idOf = (stack: Stack, c: IConstruct) => stack.resolve(((c.node.defaultChild ?? c) as CfnResource).logicalId) as string;

  test('each environment signs models with its own asymmetric key, which only the model build role may use to sign', () => {
    for (const stack of built.environments) {
      const env = stack.platform.environmentName;
      const t = Template.fromStack(stack);
      const keyId = idOf(stack, stack.platform.modelSigningKey.key);
      const key = t.findResources('AWS::KMS::Key')[keyId];
      expect(key.Properties).toEqual(expect.objectContaining({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }));
      expect(key.Properties.EnableKeyRotation).toBeUndefined();
      t.hasResourceProperties('AWS::KMS::Alias', { AliasName: `alias/soc2ml/${env}/model-signing`, TargetKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
      const modelBuild = idOf(stack, stack.platform.workloadRoles.modelBuild);
      const deny = (key.Properties.KeyPolicy as { Statement: { Sid?: string; Condition?: unknown }[] }).Statement.find((st) => st.Sid === 'DenySigningToAllButTheSigners');
      expect(deny?.Condition).toEqual({ ArnNotEquals: { 'aws:PrincipalArn': [{ 'Fn::GetAtt': [modelBuild, 'Arn'] }] } });
      // Only the model build role holds a policy that allows kms:Sign.
      const signers = Object.values(t.findResources('AWS::IAM::ManagedPolicy') as Record<string, Resource>)
        .filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes('"kms:Sign"'))
        .flatMap((p) => (p.Properties.Roles as { Ref: string }[]).map((r) => r.Ref));
      expect(signers).toEqual([modelBuild]);
    }
  });

  test('each environment\'s signature gate checks every approval of its registry, in its VPC, hardened, and may only reject; prod\'s is the release gate', () => {
    for (const stack of built.environments) {
      const env = stack.platform.environmentName;
      const gate = stack.platform.modelSignatureGate!;
      expect({ env, releases: gate.checksReleases }).toEqual({ env, releases: env === 'prod' });
      const t = Template.fromStack(stack);
      const fn = t.findResources('AWS::Lambda::Function')[idOf(stack, gate.function)] as Resource;
      expect(fn.Properties).toEqual(expect.objectContaining({
        Runtime: 'nodejs24.x',
        ReservedConcurrentExecutions: 2,
        DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [idOf(stack, gate.deadLetterQueue), 'Arn'] } },
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: idOf(stack, gate.logGroup) } },
      }));
      const network = stack.platform.network;
      expect(fn.Properties.VpcConfig).toEqual({
        SubnetIds: network.workloadSubnets.subnets.map((s) => ({ Ref: idOf(stack, s) })),
        SecurityGroupIds: [{ 'Fn::GetAtt': [idOf(stack, network.workloadSecurityGroup), 'GroupId'] }],
      });
      t.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: { 'source': ['aws.sagemaker'], 'detail-type': ['SageMaker Model Package State Change'], 'detail': { ModelPackageGroupName: [`${env}-churn`], ModelApprovalStatus: ['Approved'] } },
      });
      // Every customer-managed policy of the gate's role: attached by the role, or attaching itself to it.
      const role = t.findResources('AWS::IAM::Role')[idOf(stack, gate.role)] as Resource;
      const attached = (role.Properties.ManagedPolicyArns as { Ref?: string }[]).map((a) => a.Ref);
      const statusChanges = Object.entries(t.findResources('AWS::IAM::ManagedPolicy') as Record<string, Resource>)
        .filter(([id, p]) => attached.includes(id) || (p.Properties.Roles as { Ref: string }[] | undefined)?.some((r) => r.Ref === idOf(stack, gate.role)))
        .map(([, p]) => p)
        .flatMap((p) => (p.Properties.PolicyDocument as { Statement: { Action: unknown; Condition?: unknown }[] }).Statement)
        .filter((st) => JSON.stringify(st.Action).includes('sagemaker:UpdateModelPackage'));
      expect(statusChanges.map((st) => st.Condition)).toEqual([{ StringEquals: { 'sagemaker:ModelApprovalStatus': ['Rejected'] } }]);
    }
  });

  test('every environment\'s network reaches what the gate calls: S3 (gateway), KMS, SageMaker API, SNS and CloudWatch Logs, dev\'s essential set included', () => {
    for (const stack of built.environments) {
      const services = Object.values(Template.fromStack(stack).findResources('AWS::EC2::VPCEndpoint'))
        .map((e) => JSON.stringify(e.Properties.ServiceName).replace(/[^a-z0-9.]/g, ''));
      for (const service of ['s3', 'kms', 'sagemaker.api', 'sns', 'logs']) {
        expect({ env: stack.platform.environmentName, service, reached: services.some((n) => n.endsWith(`.${service}`)) }).toEqual({ env: stack.platform.environmentName, service, reached: true });
      }
    }
  });

  test('each environment has a Notation signing profile for container images, which ML engineers (who push images) may sign with', () => {
    for (const stack of built.environments) {
      const t = Template.fromStack(stack);
      t.resourcePropertiesCountIs('AWS::Signer::SigningProfile', { PlatformId: 'Notation-OCI-SHA384-ECDSA' }, 1);
      const sign = Object.values(t.findResources('AWS::IAM::ManagedPolicy') as Record<string, Resource>)
        .find((p) => JSON.stringify(p.Properties.PolicyDocument).includes('signer:SignPayload'))!;
      const engineers = [stack.platform.personas.role(Persona.ML_ENGINEER), stack.platform.personas.executionRole(Persona.ML_ENGINEER)!];
      expect(sign.Properties.Roles).toEqual(engineers.map((r) => ({ Ref: idOf(stack, r) })));
    }
  });

  test('the baseline enables Macie and discovers personal data in buckets tagged PersonalData=true or restricted, alerting the account topic', () => {
    const baseline = built.baselines[0];
    const t = Template.fromStack(baseline);
    t.resourceCountIs('AWS::Macie::Session', 1);
    const jobs = Object.values(t.findResources('Custom::MacieClassificationJob')).map((j) => [j.Properties.IncludeTag, j.Properties.ExcludeTag]);
    expect(jobs).toEqual([
      [{ Key: 'PersonalData', Value: 'true' }, undefined],
      [{ Key: 'DataClassification', Value: 'restricted' }, { Key: 'PersonalData', Value: 'true' }],
    ]);
    const topic = idOf(baseline, baseline.alertTopic.topic);
    t.hasResourceProperties('AWS::Events::Rule', { EventPattern: { 'source': ['aws.macie'], 'detail-type': ['Macie Finding'] }, Targets: [Match.objectLike({ Arn: { Ref: topic } })] });
  });

  test('Macie may decrypt what it classifies: each environment\'s data key admits its service-linked role of this account', () => {
    for (const stack of built.environments) {
      const key = Template.fromStack(stack).findResources('AWS::KMS::Key')[idOf(stack, stack.platform.keys.data)];
      const macie = (key.Properties.KeyPolicy as { Statement: { Sid?: string; Action: string; Condition: Record<string, Record<string, unknown>> }[] }).Statement
        .find((st) => st.Sid === 'AllowMacieToClassifyObjectsOfThisAccount')!;
      expect(macie.Action).toBe('kms:Decrypt');
      expect(JSON.stringify(macie.Condition.ArnEquals['aws:PrincipalArn'])).toContain('aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie');
      expect(macie.Condition.StringEquals).toEqual({ 'kms:CallerAccount': { Ref: 'AWS::AccountId' } });
    }
  });
});

describe('the default app under every check it applies', () => {
  test('applies our pack and the four cdk-nag packs at app level', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const plugins = ((app as any)._validationPlugins as { name: string }[]).map((p) => p.name);
    expect(plugins).toEqual(expect.arrayContaining(['Soc2Ml', ...CDK_NAG_PACKS]));
  });

  test('our pack reports no unacknowledged error, and judged every resource', () => {
    const errors = reports
      .filter((r) => r.pluginName === 'Soc2Ml')
      .flatMap((r) => r.violations.filter((v) => v.severity === 'error').map((v) => `${v.ruleName} on ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`));
    expect(errors).toEqual([]);
    const verdicts = JSON.parse(fs.readFileSync(path.join(outdir, 'soc2ml-verdicts.json'), 'utf-8'));
    const judged = (type: string): { passed: string[] }[] => verdicts.resources.filter((r: { type: string }) => r.type === type);
    const inTemplates = (type: string) => [...built.environments, ...built.baselines]
      .reduce((n, stack) => n + Object.keys(Template.fromStack(stack).findResources(type)).length, 0);
    const buckets = judged('AWS::S3::Bucket');
    const bucketsInTemplates = inTemplates('AWS::S3::Bucket');
    expect(bucketsInTemplates).toBeGreaterThanOrEqual(12);
    expect(buckets).toHaveLength(bucketsInTemplates);
    for (const b of buckets) {
      expect(b.passed).toContain('S3BucketKmsEncryption');
    }
    const vpcs = judged('AWS::EC2::VPC');
    expect(vpcs).toHaveLength(3);
    for (const v of vpcs) {
      expect(v.passed).toContain('VpcFlowLogs');
    }
    // Every backup plan is judged for how long it keeps recovery points, and keeps them long enough.
    const plans = judged('AWS::Backup::BackupPlan');
    const plansInTemplates = inTemplates('AWS::Backup::BackupPlan');
    expect(plansInTemplates).toBeGreaterThanOrEqual(1);
    expect(plans).toHaveLength(plansInTemplates);
    for (const p of plans) {
      expect(p.passed).toContain('BackupPlanRetention');
    }
    // The network answers the pack's app-wide question about flow-logged networks.
    const warnings = reports.filter((r) => r.pluginName === 'Soc2Ml').flatMap((r) => r.violations.map((v) => v.ruleName));
    expect(warnings).not.toContain('AppHasFlowLoggedNetwork');
  });

  test('no cdk-nag pack reports an unacknowledged error', () => {
    const errors = reports
      .filter((r) => CDK_NAG_PACKS.includes(r.pluginName))
      .flatMap((r) => r.violations.filter((v) => v.severity === 'error').map((v) => `${v.ruleName} on ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`));
    expect(errors).toEqual([]);
  });

  test('CloudFormation Validate reports nothing, errors or warnings', () => {
    const cfn = reports.filter((r) => r.pluginName === 'CloudFormation Validate').flatMap((r) => r.violations.map((v) => `${v.ruleName}: ${v.description}`));
    expect(cfn).toEqual([]);
  });

  test('CloudFormation Validate is live in this setup: it catches an invalid property', () => {
    const probeOut = tempOutdir();
    const probe = new App({ outdir: probeOut, context: cdkJsonContext({ '@aws-cdk/core:failSynthOnValidationErrors': false }) });
    const stack = new Stack(probe, 'Probe');
    new CfnResource(stack, 'Queue', { type: 'AWS::SQS::Queue', properties: { MessageRetentionPeriod: 'a week' } });
    // As synthValidated runs the default app: with CDK_VALIDATION unset (unit tests set it to false).
    const previous = process.env.CDK_VALIDATION;
    delete process.env.CDK_VALIDATION;
    try {
      probe.synth();
    } finally {
      process.env.CDK_VALIDATION = previous;
    }
    const probeReports: PluginReport[] = JSON.parse(fs.readFileSync(path.join(probeOut, 'validation-report.json'), 'utf-8')).pluginReports;
    expect(probeReports.find((r) => r.pluginName === 'CloudFormation Validate')?.violations.length).toBeGreaterThan(0);
  });

  test('every acknowledgement carries a reason an auditor can read, and the documentation lists it', () => {
    const readme = documentationText();
    const acks = collectAcknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.reason.length).toBeGreaterThan(60);
      // IDs that name the environment's resources (`*/prod-*`) are listed once, as `*/<env>-*`.
      const listedId = listedAcknowledgementId(ack.id, ack.at);
      expect({ id: ack.id, listed: readme.includes(`\`${listedId}\``) }).toEqual({ id: ack.id, listed: true });
      expect({ id: ack.id, reasonListed: readme.includes(ack.reason) }).toEqual({ id: ack.id, reasonListed: true });
    }
  });

  test('the network page\'s cost table counts the endpoints the sets really hold', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'network.md'), 'utf-8');
    const monthly = (count: number, zones: number) => `$${(count * zones * 0.01 * 730).toFixed(2)}`;
    for (const [set, zones] of [[EndpointSet.ESSENTIAL, 2], [EndpointSet.COMPLETE, 2], [EndpointSet.COMPLETE, 3]] as const) {
      const count = set.endpoints.length;
      expect(readme).toContain(`| ${count} × ${zones} | $${(count * zones * 0.01).toFixed(2)} | ${monthly(count, zones)} |`);
    }
  });

  test('acknowledgements sit on a bucket or an environment composition, never on the app or a stack', () => {
    for (const ack of collectAcknowledgements(app)) {
      if (ack.id === CDK_AZ_ACKNOWLEDGEMENT.id && ack.reason === CDK_AZ_ACKNOWLEDGEMENT.reason) {
        // Made by CDK itself, on the stack, whenever a stack's zones are read (the VPC reads them).
        expect(ack.at).toMatch(/^soc2ml-(dev|staging|prod)$/);
        continue;
      }
      // Each on the narrowest construct that covers its cause: one bucket, one role or policy, or an
      // environment's composition when every bucket of it shares the cause.
      // ML access and data: the one policy (or role) that holds the wildcard or managed policy.
      const environmentPlaces = new RegExp('^soc2ml-(dev|staging|prod)/Platform(/AccessLogs/Bucket'
        + '|/PermissionsBoundary/Resource'
        + '|/Personas/(DataScientist|MlEngineer|ModelApprover|Auditor|PlatformAdmin)Policy[2-9]?|/Personas/Auditor'
        + '|/WorkloadRoles/(Training|ModelBuild|Inference|Monitoring)Policy[2-9]?'
        + '|/Studio/ExecutionPolicy|/FeatureStore/OfflineStorePolicy'
        + '|/(TrainingData|ModelArtifacts)MalwareProtection/Policy'
        // Model integrity: the gate's one policy, and the image signers' (signer:GetRevocationStatus).
        + '|/ModelSignatureGate/Policy|/ImageSigning/SignPolicy'
        // Incident response: each runbook's one policy, and the responders' start policy.
        + '|/Runbooks/(EndpointRollback|EndpointOutOfService|RevokePersonaSessions|QuarantineDataPrefix|PreserveForensicEvidence|Start)Policy)?$'
        + '|^soc2ml-(dev|staging|prod)/DataEventsTrail/LogsPolicy$');
      const baselinePlaces = /^soc2ml-baseline\/(Soc2MlAccessLogs\/Bucket|ContinuousCompliance\/(DeliveryBucket\/ReplicationPolicy|DeliveryPolicy|RecorderRole)|Backup\/Role|AuditTrail\/(Bucket|LogsPolicy)|PersonalDataDiscovery\/(Function|Policy)|EvidenceArchive\/(Bucket|Writer\/(Function|Policy))|AccessReview\/ExceptionReviews\/Function|BackupAssurance\/ReportInbox\/ReplicationPolicy)$/;
      expect({ at: ack.at, allowed: environmentPlaces.test(ack.at) || baselinePlaces.test(ack.at) }).toEqual({ at: ack.at, allowed: true });
    }
  });

});

