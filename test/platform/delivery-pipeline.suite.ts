/*
 * The pipeline app: the default app with soc2ml:pipeline:* and one account per environment,
 * synthesized once as `npx cdk synth -c ...` does it, with every validation plugin and
 * CloudFormation Validate on.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { CONTROL_TOWER_EXCEPTIONS, ExceptionStacks } from '../../platform/control-tower';
import { buildDefaultApp, DefaultApp, PIPELINE_STACK_NAME } from '../../platform/default-app';
import { DEFAULT_SYNTH_IMAGE, DeliveryPipelineStack, SYNTH_INSTALL_COMMANDS } from '../../platform/delivery-pipeline';
import { Soc2MlChecks } from '../../pack/soc2-ml-checks';
import { buildChecks } from '../../evidence/checks';
import { readEvidenceInputs } from '../../evidence/inputs';
import { EVIDENCE_DIRECTORY, summaryOf } from '../../evidence/writer';
import { platformSettingsFromContext } from '../../settings/platform-settings';
import { cdkJsonContext, documentationText, REPO_ROOT, tempOutdir } from '../helpers/app-context';
import { CONNECTION_ARN, ENVIRONMENT_ACCOUNTS, ON_CALL_CONTEXT, PIPELINE_REGION, PIPELINE_ZONES, pipelineContext, TOOLING_ACCOUNT } from '../fixtures/default-app-variants';
import { logicalIdsOf, pinnedLogicalIds } from '../helpers/logical-ids';
import { Ack, CDK_NAG_PACKS, collectAcknowledgements, PluginReport, nonAsciiInTemplates, synthValidated, ValidatedApp, violations } from '../helpers/app-checks';

/** What the validation report says of acknowledged violations: where they were. */
type SuppressedAt = { violatingConstructs: { constructPath: string }[] };
interface CfnAction { Name: string; ActionTypeId: { Category: string; Provider: string }; RunOrder: number; RoleArn?: unknown; Configuration?: Record<string, unknown> }
interface CfnStage { Name: string; Actions: CfnAction[] }

const deployRole = (account: string) => `:iam::${account}:role/cdk-hnb659fds-deploy-role-${account}-${PIPELINE_REGION}`;

let validated: ValidatedApp;
let app: App;
let built: DefaultApp;
let pipeline: DeliveryPipelineStack;
let template: Template;
let outdir: string;
let assembly: CloudAssembly;
let reports: PluginReport[];

beforeAll(() => {
  // Throws if any plugin reports an unacknowledged error.
  validated = synthValidated({ ...pipelineContext(), ...ON_CALL_CONTEXT });
  ({ app, built, outdir, reports } = validated);
  pipeline = built.pipeline!;
  assembly = app.synth();
  template = Template.fromStack(pipeline);
});

const pipelineStages = (): CfnStage[] => Object.values(template.findResources('AWS::CodePipeline::Pipeline'))[0].Properties.Stages;
const projects = () => Object.values(template.findResources('AWS::CodeBuild::Project'));
const synthProject = () => projects().find((p) => String(p.Properties.Description).endsWith('/Build/Synth'))!;
const logicalIdOf = (construct: IConstruct) => pipeline.resolve((construct.node.defaultChild as unknown as { logicalId: string }).logicalId) as string;

describe('the pipeline app', () => {
  test('keeps every logical id and type of the snapshot (ids are public API)', () => {
    expect(logicalIdsOf(outdir)).toEqual(pinnedLogicalIds('pipeline'));
  });

  test('its templates are ASCII text, which the pack reads at half the cost of two-byte text', () => {
    expect(nonAsciiInTemplates(validated.outdir)).toEqual([]);
  });

  test('puts the pipeline in the tooling account and a stage per environment in its own account, with the default app\'s stack names', () => {
    expect(app.node.children.filter(Stack.isStack).map((s) => [s.stackName, s.account, s.region])).toEqual([[PIPELINE_STACK_NAME, TOOLING_ACCOUNT, PIPELINE_REGION]]);
    expect(app.node.children.filter((c): c is Stage => Stage.isStage(c)).map((s) => [s.stageName, s.account, s.region]))
      .toEqual(Object.entries(ENVIRONMENT_ACCOUNTS).map(([env, account]) => [env, account, PIPELINE_REGION]));
    expect(built.environments.map((e) => [Stage.of(e)!.stageName, e.stackName, e.account, e.region, e.baseline.stackName])).toEqual(
      Object.entries(ENVIRONMENT_ACCOUNTS).map(([env, account]) => [env, `soc2ml-${env}`, account, PIPELINE_REGION, `soc2ml-baseline-${account}-${PIPELINE_REGION}`]));
    for (const baseline of built.baselines) {
      expect(Stage.of(baseline)!.account).toBe(baseline.account);
      // One baseline per account, so each holds its account's trail.
      expect(baseline.auditTrail).toBeDefined();
    }
  });

  test('is what the pipeline page\'s command synthesizes', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'pipeline.md'), 'utf-8');
    const blocks = readme.split('```sh\n').slice(1).map((b) => b.split('```')[0]);
    const command = blocks.find((b) => b.startsWith('npx cdk synth') && b.includes('pipeline'));
    expect(command).toBeDefined();
    const settings = Object.fromEntries([...command!.matchAll(/-c (\S+?)=(\S+)/g)].map((m) => [m[1], m[2]]));
    expect(settings).toEqual(pipelineContext());
  });

  test('friction 2: synth prints the compliance summary of every stage\'s stacks, and cdk.json keeps the CLI from printing the template', () => {
    const inputs = readEvidenceInputs(outdir, { app });
    const summary = summaryOf({ dir: path.join(outdir, EVIDENCE_DIRECTORY), inputs, checks: buildChecks(inputs) });
    const stacks = 1 + built.environments.length + built.baselines.length;
    expect(summary).toMatch(new RegExp(`^cdk-soc2-ml: every check passed — ${stacks} stacks, \\d+ resources\n`));
    expect(summary).toContain('  passed  Soc2Ml');
    expect(summary.length).toBeLessThan(4000);
    // A one-stack app (the stages are nested assemblies) would otherwise get its 60 KB template printed by `cdk synth`.
    expect(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf-8')).quiet).toBe(true);
  });

  test('needs no context lookups in any stage, so it synthesizes offline', () => {
    expect(assembly.manifest.missing ?? []).toEqual([]);
    expect(assembly.nestedAssemblies.map((a) => a.nestedAssembly.manifest.missing ?? [])).toEqual([[], [], []]);
    expect(built.environments[2].availabilityZones).toEqual(PIPELINE_ZONES.split(','));
  });

  test('the source is the branch of the repository, through the connection', () => {
    const source = pipelineStages()[0];
    expect(source.Name).toBe('Source');
    expect(source.Actions).toEqual([expect.objectContaining({
      ActionTypeId: expect.objectContaining({ Category: 'Source', Provider: 'CodeStarSourceConnection' }),
      Configuration: expect.objectContaining({ ConnectionArn: CONNECTION_ARN, FullRepositoryId: 'my-org/ml-platform', BranchName: 'main' }),
    })]);
  });

  test('tests, checks and synthesizes every change, then updates itself, then deploys dev, staging and prod in that order', () => {
    expect(pipelineStages().map((s) => s.Name)).toEqual(['Source', 'Build', 'UpdatePipeline', 'Assets', 'dev', 'staging', 'prod']);
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', { RestartExecutionOnUpdate: true, PipelineType: 'V2' });
    const selfMutate = projects().find((p) => String(p.Properties.Description).endsWith('/UpdatePipeline/SelfMutate'))!;
    expect(selfMutate.Properties.Source.BuildSpec).toContain(`deploy ${PIPELINE_STACK_NAME}`);
  });

  test('deploys each stage with its own account\'s CDK deploy role, the baseline before the environment', () => {
    for (const [env, account] of Object.entries(ENVIRONMENT_ACCOUNTS)) {
      const deploys = pipelineStages().find((s) => s.Name === env)!.Actions.filter((a) => a.ActionTypeId.Category === 'Deploy');
      expect(deploys).toHaveLength(4);
      for (const action of deploys) {
        expect(JSON.stringify(action.RoleArn)).toContain(deployRole(account));
      }
      const runOrder = (stack: string) => Math.max(...deploys.filter((a) => a.Configuration!.StackName === stack).map((a) => a.RunOrder));
      expect(runOrder(`soc2ml-baseline-${account}-${PIPELINE_REGION}`)).toBeLessThan(runOrder(`soc2ml-${env}`));
    }
  });

  test('asks a person to approve before prod, and only before prod', () => {
    for (const stage of pipelineStages().filter((s) => ['dev', 'staging', 'prod'].includes(s.Name))) {
      const approvals = stage.Actions.filter((a) => a.ActionTypeId.Category === 'Approval');
      if (stage.Name !== 'prod') {
        expect({ stage: stage.Name, approvals }).toEqual({ stage: stage.Name, approvals: [] });
        continue;
      }
      expect(approvals).toEqual([expect.objectContaining({ Name: 'Approve', ActionTypeId: expect.objectContaining({ Provider: 'Manual' }) })]);
      const firstDeploy = Math.min(...stage.Actions.filter((a) => a.ActionTypeId.Category === 'Deploy').map((a) => a.RunOrder));
      expect(approvals[0].RunOrder).toBeLessThan(firstDeploy);
    }
  });

  test('the synth step installs Chromium as .ci/run does, then runs npm ci, npm test and cdk synth with the pipeline\'s settings', () => {
    const ciRun = fs.readFileSync(path.join(REPO_ROOT, '.ci', 'run'), 'utf-8');
    expect(ciRun).toContain('apt-get install -y chromium');
    expect(SYNTH_INSTALL_COMMANDS.join('\n')).toContain('apt-get install -y chromium');

    const synth = synthProject();
    const spec = JSON.parse(synth.Properties.Source.BuildSpec);
    expect(spec.phases.install.commands).toEqual(SYNTH_INSTALL_COMMANDS);
    const commands: string[] = spec.phases.build.commands;
    expect(commands.slice(0, 2)).toEqual(['npm ci', 'npm test']);
    expect(commands).toHaveLength(3);
    expect(commands[2]).toMatch(/^npx cdk synth /);
    const settings = { 'soc2ml:environments': 'dev,staging,prod', 'soc2ml:pipeline:branch': 'main', ...pipelineContext() };
    for (const [key, value] of Object.entries(settings)) {
      expect(commands[2]).toContain(` -c '${key}=${value}'`);
    }
    // The assembly the rest of the pipeline deploys is what that synth wrote.
    expect(spec.artifacts['base-directory']).toBe('cdk.out');
    expect(synth.Properties.Environment).toEqual(expect.objectContaining({ Image: DEFAULT_SYNTH_IMAGE, PrivilegedMode: false }));
  });

  test('the packs gate every change: the synth step runs the app with every plugin, and the plugins judge every stage\'s stacks', () => {
    expect(synthProject().Properties.Source.BuildSpec).toMatch(/npm test[\s\S]*npx cdk synth/);
    // `npx cdk synth` runs bin/app.ts, which builds this same app through buildDefaultApp.
    const cdkJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf-8'));
    expect(cdkJson.app).toContain('bin/app.ts');
    expect(fs.readFileSync(path.join(REPO_ROOT, 'bin', 'app.ts'), 'utf-8')).toContain('buildDefaultApp(app)');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const plugins = ((app as any)._validationPlugins as { name: string }[]).map((p) => p.name);
    expect(plugins).toEqual(expect.arrayContaining(['Soc2Ml', ...CDK_NAG_PACKS]));
    // App-level plugins receive the stacks of every nested assembly: our verdicts cover every stack.
    const verdicts = JSON.parse(fs.readFileSync(path.join(outdir, 'soc2ml-verdicts.json'), 'utf-8'));
    const judged = new Set(verdicts.resources.map((r: { stack: string }) => r.stack));
    const stacks = [pipeline, ...built.baselines, ...built.environments].map((s) => s.node.path);
    expect(stacks).toHaveLength(7);
    expect(stacks.filter((s) => !judged.has(s))).toEqual([]);
    // And every cdk-nag pack judged a stage stack (each has acknowledged findings there).
    for (const pack of CDK_NAG_PACKS) {
      const suppressed = reports.find((r) => r.pluginName === pack)!.suppressedViolations as unknown as SuppressedAt[];
      const paths = suppressed.flatMap((v) => v.violatingConstructs.map((c) => c.constructPath));
      expect({ pack, inStages: Object.keys(ENVIRONMENT_ACCOUNTS).every((env) => paths.some((p) => p.startsWith(`${env}/soc2ml-${env}/`))) }).toEqual({ pack, inStages: true });
    }
  });

  test('encrypts artifacts, builds, logs and alerts with customer-managed keys that rotate', () => {
    const key = (construct: IConstruct) => ({ 'Fn::GetAtt': [logicalIdOf(construct), 'Arn'] });
    const artifactKey = pipeline.artifactBucket.encryptionKey;
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', {
      ArtifactStore: { Type: 'S3', Location: { Ref: logicalIdOf(pipeline.artifactBucket.bucket) }, EncryptionKey: { Type: 'KMS', Id: key(artifactKey) } },
    });
    template.hasResource('AWS::S3::Bucket', {
      Properties: {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: key(artifactKey) } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: { DestinationBucketName: { Ref: 'Soc2MlAccessLogsBucket5E616011' } },
      },
      DeletionPolicy: 'Retain',
    });
    expect(projects()).toHaveLength(3);
    for (const project of projects()) {
      expect(project.Properties.EncryptionKey).toEqual(key(artifactKey));
      expect(project.Properties.LogsConfig).toEqual({ CloudWatchLogs: { GroupName: { Ref: logicalIdOf(pipeline.buildLogs) }, Status: 'ENABLED' } });
      expect(project.Properties.Environment.PrivilegedMode).toBe(false);
    }
    template.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 365, KmsKeyId: Match.anyValue() }, DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: key(pipeline.alertTopic.encryptionKey) });
    for (const k of Object.values(template.findResources('AWS::KMS::Key'))) {
      expect(k.Properties.EnableKeyRotation).toBe(true);
    }
    for (const purpose of ['data', 'logs', 'alerts']) {
      template.hasResourceProperties('AWS::KMS::Alias', { AliasName: `alias/soc2ml/pipeline/${purpose}` });
    }
  });

  test('cross-account keys: only the environments\' deploy roles may read artifacts and decrypt them', () => {
    const artifactKey = Object.values(template.findResources('AWS::KMS::Key'))
      .find((k) => String(k.Properties.Description).includes('artifacts'))!;
    const grants = (artifactKey.Properties.KeyPolicy.Statement as { Effect: string; Principal: { AWS: unknown }; Action: unknown }[])
      .filter((s) => s.Effect === 'Allow' && JSON.stringify(s.Principal).includes('cdk-hnb659fds'));
    expect(grants).toHaveLength(1);
    expect(grants[0].Action).toEqual(['kms:Decrypt', 'kms:DescribeKey']);
    for (const account of Object.values(ENVIRONMENT_ACCOUNTS)) {
      expect(JSON.stringify(grants[0].Principal)).toContain(deployRole(account));
    }
    const bucketPolicy = Object.values(template.findResources('AWS::S3::BucketPolicy'))
      .find((p) => JSON.stringify(p.Properties.Bucket).includes(logicalIdOf(pipeline.artifactBucket.bucket)))!;
    const crossAccount = (bucketPolicy.Properties.PolicyDocument.Statement as { Effect: string; Principal: unknown; Action: unknown }[])
      .filter((s) => s.Effect === 'Allow');
    expect(crossAccount).toHaveLength(1);
    expect(crossAccount[0].Action).toEqual(['s3:GetBucket*', 's3:GetObject*', 's3:List*']);
    expect(JSON.stringify(crossAccount[0].Principal).match(/deploy-role/g)).toHaveLength(3);
  });

  test('sends failed executions and approvals to the pipeline\'s alert topic', () => {
    const topic = logicalIdOf(pipeline.alertTopic.topic);
    const pipelineRef = { Ref: logicalIdOf(pipeline.pipeline.pipeline) };
    const rules = Object.values(template.findResources('AWS::Events::Rule'));
    expect(rules.map((r) => r.Properties.EventPattern)).toEqual([
      { 'source': ['aws.codepipeline'], 'detail-type': ['CodePipeline Pipeline Execution State Change'], 'detail': { pipeline: [pipelineRef], state: ['FAILED'] } },
      { 'source': ['aws.codepipeline'], 'detail-type': ['CodePipeline Action Execution State Change'], 'detail': { pipeline: [pipelineRef], type: { category: ['Approval'] } } },
    ]);
    for (const rule of rules) {
      expect(rule.Properties.Targets).toEqual([expect.objectContaining({ Arn: { Ref: topic }, InputTransformer: expect.anything() })]);
    }
  });

  test('tags everything in the pipeline stack Environment=pipeline', () => {
    const tagged = Object.entries(template.toJSON().Resources as Record<string, { Properties?: { Tags?: { Key: string; Value: string }[] } }>)
      .filter(([, r]) => Array.isArray(r.Properties?.Tags));
    expect(tagged.length).toBeGreaterThan(5);
    for (const [id, r] of tagged) {
      expect({ id, tag: r.Properties!.Tags!.find((t) => t.Key === 'Environment')?.Value }).toEqual({ id, tag: 'pipeline' });
    }
  });
});

describe('the pipeline app under every check', () => {
  test('our pack reports no unacknowledged error, and judged the pipeline\'s resources', () => {
    expect(violations(reports, ['Soc2Ml'], 'error')).toEqual([]);
    const verdicts = JSON.parse(fs.readFileSync(path.join(outdir, 'soc2ml-verdicts.json'), 'utf-8'));
    const ours = verdicts.resources.filter((r: { stack: string }) => r.stack === PIPELINE_STACK_NAME);
    const byType = (type: string) => ours.filter((r: { type: string }) => r.type === type);
    expect(byType('AWS::S3::Bucket')).toHaveLength(2);
    expect(byType('AWS::KMS::Key')).toHaveLength(3);
    expect(byType('AWS::IAM::Role').length).toBeGreaterThanOrEqual(6);
    for (const r of byType('AWS::S3::Bucket')) {
      expect(r.passed).toEqual(expect.arrayContaining(['S3BucketKmsEncryption', 'S3BucketTlsOnly', 'S3BucketVersioned', 'S3BucketRetained']));
    }
    for (const r of byType('AWS::IAM::Role')) {
      expect(r.failed).toEqual([]);
    }
    expect(byType('AWS::CodePipeline::Pipeline').map((r: { passed: string[] }) => r.passed.includes('CodePipelineArtifactsCustomerKey'))).toEqual([true]);
    // The synth, self-update and asset projects: judged by every CodeBuild rule, and passing each.
    const projects = byType('AWS::CodeBuild::Project');
    expect(projects).toHaveLength(3);
    for (const r of projects) {
      expect({ project: r.constructPath, passed: r.passed.filter((id: string) => id.startsWith('CodeBuild')).sort() }).toEqual({
        project: r.constructPath,
        passed: ['CodeBuildEncrypted', 'CodeBuildLogsEnabled', 'CodeBuildNoPlaintextSecrets', 'CodeBuildNotPrivileged', 'CodeBuildSourceNoCredentials'],
      });
    }
  });

  test('no cdk-nag pack reports an unacknowledged error or warning', () => {
    expect(violations(reports, CDK_NAG_PACKS)).toEqual([]);
  });

  test('CloudFormation Validate reports nothing, errors or warnings', () => {
    expect(violations(reports, ['CloudFormation Validate'])).toEqual([]);
  });

  test('acknowledgements in the pipeline stack sit on the generated policy, project or bucket they concern, and the README lists each with its reason', () => {
    const readme = documentationText();
    const acks = collectAcknowledgements(pipeline);
    expect(acks.length).toBeGreaterThan(40);
    const places = new RegExp(`^${PIPELINE_STACK_NAME}/(`
      + '(ArtifactBucket|Soc2MlAccessLogs)/Bucket'
      + '|Pipeline/Role/DefaultPolicy|Pipeline/Source/[^/]+/CodePipelineActionRole/DefaultPolicy'
      + '|Pipeline/Build/Synth/CdkBuildProject(/Role/DefaultPolicy)?'
      + '|Delivery/CodeBuildActionRole/DefaultPolicy|Delivery/UpdatePipeline/SelfMutation(/Role/DefaultPolicy)?'
      + '|Delivery/Assets/(FileAsset|FileRole/DefaultPolicy))$');
    for (const ack of acks) {
      expect({ at: ack.at, allowed: places.test(ack.at) }).toEqual({ at: ack.at, allowed: true });
      expect(ack.reason.length).toBeGreaterThan(60);
      const listed = ack.id.split(TOOLING_ACCOUNT).join('<tooling account>').split(`:${PIPELINE_REGION}:`).join(':<region>:');
      expect({ id: ack.id, listed: readme.includes(`\`${listed}\``) }).toEqual({ id: ack.id, listed: true });
      expect({ id: ack.id, reasonListed: readme.includes(ack.reason) }).toEqual({ id: ack.id, reasonListed: true });
    }
  });

  test('every stage carries the default app\'s acknowledgements, on the same constructs, and no other', () => {
    const agnostic = new App({ outdir: tempOutdir(), context: cdkJsonContext() });
    const defaults = buildDefaultApp(agnostic);
    for (const env of built.environments) {
      const name = Stage.of(env)!.stageName;
      const inDefault = defaults.environments.find((e) => e.stackName === env.stackName)!;
      const defaultBaseline = defaults.baselines[0];
      const where = (acks: Ack[], prefix: string) => [...new Set(acks.map((a) => `${a.at.slice(prefix.length)} ${a.reason}`))].sort();
      expect(where(collectAcknowledgements(env), `${name}/${env.stackName}`)).toEqual(where(collectAcknowledgements(inDefault), env.stackName));
      expect(where(collectAcknowledgements(env.baseline), `${name}/${env.baseline.stackName}`)).toEqual(where(collectAcknowledgements(defaultBaseline), defaultBaseline.stackName));
    }
  });

  test('the pipeline\'s own resources need only its buckets\' Control Tower justifications (scripts/check-control-tower.ts runs the controls)', () => {
    expect(fs.readdirSync(outdir, { recursive: true, encoding: 'utf-8' }).filter((f) => f.endsWith('.template.json'))).toHaveLength(7);
    expect(CONTROL_TOWER_EXCEPTIONS.filter((e) => e.stacks === ExceptionStacks.PIPELINE).map((e) => e.control).sort())
      .toEqual(['CT.S3.PR.10', 'CT.S3.PR.2', 'CT.S3.PR.9', 'CT.S3.PR.9']);
  });

});

describe('a non-compliant change fails the pipeline\'s synth', () => {
  test('the app-level packs judge a pipeline stage\'s stacks: a bucket that breaks them fails synth', () => {
    // CDK Pipelines synthesizes a stage when it is added, so the bad bucket goes in first.
    const probe = new App({ outdir: tempOutdir() });
    Validations.of(probe).addPlugins(new Soc2MlChecks(probe), new AwsSolutionsChecks(probe));
    const stage = new Stage(probe, 'prod', { env: { account: ENVIRONMENT_ACCOUNTS.prod, region: PIPELINE_REGION } });
    new s3.Bucket(new Stack(stage, 'soc2ml-prod'), 'Unencrypted', { encryption: s3.BucketEncryption.S3_MANAGED });
    new DeliveryPipelineStack(probe, PIPELINE_STACK_NAME, {
      env: { account: TOOLING_ACCOUNT, region: PIPELINE_REGION }, repository: 'my-org/ml-platform', branch: 'main', connectionArn: CONNECTION_ARN, stages: [{ stage, requiresApproval: true }],
    });
    const failure = (() => {
      try {
        probe.synth();
        return '';
      } catch (e) {
        return String(e);
      }
    })();
    expect(failure).toMatch(/S3BucketKmsEncryption[\s\S]*prod\/soc2ml-prod\/Unencrypted/);
    expect(failure).toMatch(/AwsSolutions-S1[\s\S]*prod\/soc2ml-prod\/Unencrypted/);
  });
});

describe('pipeline settings', () => {
  const settings = (context: Record<string, unknown>) => platformSettingsFromContext(new App({ context: { ...ON_CALL_CONTEXT, ...context } }));

  test('production delivered by the pipeline refuses to synthesize without anyone on call, naming the key', () => {
    expect(() => platformSettingsFromContext(new App({ context: pipelineContext() })))
      .toThrow(/Environment "prod" serves production and is pinned to account 444444444444, but nobody is on call for its incidents: set soc2ml:oncall \(or soc2ml:prod:oncall\)/);
  });

  test('none without soc2ml:pipeline:account; the branch defaults to main', () => {
    expect(settings({}).pipeline).toBeUndefined();
    expect(settings(pipelineContext()).pipeline).toEqual({ account: TOOLING_ACCOUNT, region: PIPELINE_REGION, repository: 'my-org/ml-platform', branch: 'main', connectionArn: CONNECTION_ARN });
    expect(settings({ ...pipelineContext(), 'soc2ml:pipeline:branch': 'release/v2' }).pipeline!.branch).toBe('release/v2');
  });

  test('refuse pipeline keys without the tooling account, and the account without what the pipeline needs', () => {
    expect(() => settings({ 'soc2ml:pipeline:repository': 'my-org/ml-platform' }))
      .toThrow(/soc2ml:pipeline:repository is set but soc2ml:pipeline:account is not/);
    for (const key of ['region', 'repository', 'connectionArn']) {
      const context = pipelineContext();
      delete context[`soc2ml:pipeline:${key}`];
      expect(() => settings(context)).toThrow(new RegExp(`soc2ml:pipeline:account is set but soc2ml:pipeline:${key} is not: pass -c soc2ml:pipeline:${key}=`));
    }
  });

  test('refuse malformed pipeline values, naming the key', () => {
    const bad = (key: string, value: string) => () => settings({ ...pipelineContext(), [`soc2ml:pipeline:${key}`]: value });
    expect(bad('account', '1111')).toThrow(/soc2ml:pipeline:account is "1111": an AWS account id is 12 digits/);
    expect(bad('region', 'Ireland')).toThrow(/soc2ml:pipeline:region is "Ireland": pass a region code/);
    expect(bad('repository', 'ml-platform')).toThrow(/soc2ml:pipeline:repository is "ml-platform": pass the repository as its provider names it, owner\/name/);
    expect(bad('connectionArn', 'arn:aws:iam::111111111111:role/x')).toThrow(/soc2ml:pipeline:connectionArn is .*not the ARN of a CodeConnections connection/);
    expect(bad('branch', 'main; rm -rf /')).toThrow(/soc2ml:pipeline:branch is "main; rm -rf \/": pass a branch name/);
    expect(() => settings({ ...pipelineContext(), 'soc2ml:pipeline:repo': 'x' })).toThrow(/Unknown context key soc2ml:pipeline:repo: Did you mean "soc2ml:pipeline:repository"\? the pipeline's keys are account, region, repository, branch, connectionArn/);
  });

  test('with the pipeline, every environment has an account of its own in the pipeline\'s region', () => {
    const context = pipelineContext();
    delete context['soc2ml:staging:account'];
    delete context['soc2ml:staging:region'];
    delete context['soc2ml:staging:availabilityZones'];
    expect(() => settings(context)).toThrow(/soc2ml:pipeline:account is set, so every environment is deployed by the pipeline to an account of its own, but environment "staging" is not pinned: pass -c soc2ml:staging:account=/);
    expect(() => settings({ ...pipelineContext(), 'soc2ml:staging:account': ENVIRONMENT_ACCOUNTS.dev }))
      .toThrow(/Environments "dev" and "staging" are both pinned to account 222222222222/);
    expect(() => settings({ ...pipelineContext(), 'soc2ml:prod:region': 'us-east-1', 'soc2ml:prod:availabilityZones': 'us-east-1a' }))
      .toThrow(/soc2ml:prod:region is us-east-1, but the pipeline runs in eu-west-1/);
  });

  test('no environment may take the pipeline\'s name', () => {
    expect(() => settings({ 'soc2ml:environments': 'dev,pipeline' })).toThrow(/soc2ml:environments names "pipeline", which is the namespace of the delivery pipeline's keys/);
  });
});

describe('DeliveryPipelineStack props', () => {
  const props = (stages: { stage: Stage; requiresApproval: boolean }[]) => ({
    env: { account: TOOLING_ACCOUNT, region: PIPELINE_REGION }, repository: 'my-org/ml-platform', branch: 'main', connectionArn: CONNECTION_ARN, stages,
  });

  test('refuses no stages, a stage without an account, and a pipeline without one', () => {
    const a = new App();
    expect(() => new DeliveryPipelineStack(a, 'Empty', props([]))).toThrow(/stages is empty/);
    expect(() => new DeliveryPipelineStack(a, 'Agnostic', props([{ stage: new Stage(a, 'loose'), requiresApproval: false }])))
      .toThrow(/stages\[0\] \(loose\) has no account and region: create the Stage with env: \{ account, region \}/);
    const pinned = new Stage(a, 'pinned', { env: { account: ENVIRONMENT_ACCOUNTS.dev, region: PIPELINE_REGION } });
    expect(() => new DeliveryPipelineStack(a, 'Nowhere', { ...props([{ stage: pinned, requiresApproval: false }]), env: undefined }))
      .toThrow(/Nowhere has no account and region: pass env: \{ account, region \} of the tooling account/);
    expect(() => new DeliveryPipelineStack(a, 'Quoted', { ...props([{ stage: pinned, requiresApproval: false }]), synthContext: { 'soc2ml:alertEmails': "o'brien@example.com" } }))
      .toThrow(/synthContext has "soc2ml:alertEmails=o'brien@example.com", which holds a single quote or a line break/);
  });

  test('with a synth image of your own, no custom-image acknowledgement is made', () => {
    const a = new App();
    const stage = new Stage(a, 'dev', { env: { account: ENVIRONMENT_ACCOUNTS.dev, region: PIPELINE_REGION } });
    new Stack(stage, 'Empty').node.addMetadata('purpose', 'a stage needs a stack to deploy');
    const stack = new DeliveryPipelineStack(a, 'Own', { ...props([{ stage, requiresApproval: false }]), synthImage: codebuild.LinuxBuildImage.STANDARD_7_0 });
    const acks = collectAcknowledgements(stack).filter((x) => x.id === 'AwsSolutions::AwsSolutions-CB5');
    expect(acks).toEqual([]);
    Template.fromStack(stack).hasResourceProperties('AWS::CodeBuild::Project', { Environment: { Image: 'aws/codebuild/standard:7.0', PrivilegedMode: false } });
  });
});
