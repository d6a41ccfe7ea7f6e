/*
 * The default app, synthesized once as `npx cdk synth` does it: cdk.json's context, every
 * validation plugin the app applies, and CloudFormation Validate on (this file is the one that
 * runs it). Later issues add their assertions about the default app here.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { IConstruct } from 'constructs';
import { CONTROL_TOWER_EXCEPTIONS } from '../../lib/control-tower';
import { buildDefaultApp, DefaultApp } from '../../lib/default-app';
import { cdkJsonContext, REPO_ROOT, tempOutdir } from '../helpers/app-context';

interface PluginReport {
  pluginName: string;
  conclusion: string;
  violations: { ruleName: string; severity: string; description: string; violatingConstructs: { constructPath: string }[] }[];
  suppressedViolations?: { ruleName: string; reason: string; acknowledgedAt: string }[];
}

const CDK_NAG_PACKS = ['AwsSolutions', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'];

let app: App;
let built: DefaultApp;
let outdir: string;
let reports: PluginReport[];

beforeAll(() => {
  delete process.env.CDK_VALIDATION;
  outdir = tempOutdir();
  app = new App({ outdir, context: cdkJsonContext() });
  built = buildDefaultApp(app);
  // Throws (test mode) if any plugin reports an unacknowledged error.
  app.synth();
  const reportFile = path.join(outdir, 'validation-report.json');
  reports = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, 'utf-8')).pluginReports : [];
});

afterAll(() => {
  process.env.CDK_VALIDATION = 'false';
});

describe('the default app', () => {
  test('synthesizes dev, staging and prod and one shared account baseline, environment-agnostic', () => {
    const names = app.node.children.filter(Stack.isStack).map((s) => s.stackName).sort();
    expect(names).toEqual(['soc2ml-baseline', 'soc2ml-dev', 'soc2ml-prod', 'soc2ml-staging']);
    for (const stack of app.node.children.filter(Stack.isStack)) {
      expect(Token.isUnresolved(stack.account)).toBe(true);
      expect(Token.isUnresolved(stack.region)).toBe(true);
    }
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
    prod.resourceCountIs('AWS::KMS::Key', 4);
    prod.resourceCountIs('AWS::SNS::Topic', 1);
    prod.resourceCountIs('AWS::S3::Bucket', 3);
    for (const purpose of ['data', 'models', 'logs', 'alerts']) {
      prod.hasResourceProperties('AWS::KMS::Alias', { AliasName: `alias/soc2ml/prod/${purpose}` });
    }
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
    const buckets = verdicts.resources.filter((r: { type: string }) => r.type === 'AWS::S3::Bucket');
    expect(buckets).toHaveLength(9);
    for (const b of buckets) {
      expect(b.passed).toContain('S3BucketKmsEncryption');
    }
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
    probe.synth();
    const probeReports: PluginReport[] = JSON.parse(fs.readFileSync(path.join(probeOut, 'validation-report.json'), 'utf-8')).pluginReports;
    expect(probeReports.find((r) => r.pluginName === 'CloudFormation Validate')?.violations.length).toBeGreaterThan(0);
  });

  test('every acknowledgement carries a reason an auditor can read, and the README lists it', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf-8');
    const acks = collectAcknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.reason.length).toBeGreaterThan(60);
      expect({ id: ack.id, listed: readme.includes(`\`${ack.id}\``) }).toEqual({ id: ack.id, listed: true });
      expect({ id: ack.id, reasonListed: readme.includes(ack.reason) }).toEqual({ id: ack.id, reasonListed: true });
    }
  });

  test('acknowledgements sit on a bucket or an environment composition, never on the app or a stack', () => {
    for (const ack of collectAcknowledgements(app)) {
      expect(ack.at).toMatch(/^soc2ml-[a-z-]+\/Platform(\/AccessLogs\/Bucket)?$/);
    }
  });

  test('AWS Control Tower proactive controls pass, except the justified list', () => {
    const templatePaths = fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json')).map((f) => path.join(outdir, f));
    const guard = new CfnGuardValidator();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = guard.validate({ templatePaths } as any);
    const found = new Set<string>();
    for (const v of result.violations) {
      const control = /\[(CT\.[A-Z0-9]+\.PR\.\d+)\]/.exec(v.description)?.[1] ?? v.ruleName;
      for (const r of v.violatingResources) {
        found.add(`${path.basename(r.templatePath)} ${r.resourceLogicalId} ${control}`);
      }
    }
    const justified = new Set<string>();
    for (const stack of built.environments) {
      for (const e of CONTROL_TOWER_EXCEPTIONS) {
        for (const p of e.constructPaths) {
          const construct = stack.node.findChild(p.split('/')[0]).node.findAll().find((c) => c.node.path === `${stack.node.path}/${p}`);
          expect(construct).toBeDefined();
          justified.add(`${stack.templateFile} ${stack.resolve((construct as unknown as { logicalId: string }).logicalId)} ${e.control}`);
        }
      }
    }
    expect([...found].filter((f) => !justified.has(f)).sort()).toEqual([]);
    // A justification that no longer matches a finding is stale and must go.
    expect([...justified].filter((j) => !found.has(j)).sort()).toEqual([]);
    expect(guard.ruleIds!.length).toBeGreaterThan(100);
  });
});

interface Ack { id: string; reason: string; at: string }

function collectAcknowledgements(root: IConstruct): Ack[] {
  const out: Ack[] = [];
  for (const c of root.node.findAll()) {
    for (const m of c.node.metadata) {
      if (m.type === 'aws:cdk:acknowledged-rules') {
        for (const [id, reason] of Object.entries(m.data as Record<string, string>)) {
          out.push({ id, reason, at: c.node.path });
        }
      }
    }
  }
  return out;
}
