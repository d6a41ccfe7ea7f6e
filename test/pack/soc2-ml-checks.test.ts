/*
 * How the pack behaves as a plugin: what fails synth, what does not, acknowledgements, the
 * verdict file, and that it judges templates as deployed (overrides, CfnInclude, nested stacks,
 * stages).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, NestedStack, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as cfninc from 'aws-cdk-lib/cloudformation-include';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { renderRulesMarkdown } from '../../pack/rules-doc';
import { ALL_RULES } from '../../pack/rules';
import { Soc2MlChecks } from '../../pack/soc2-ml-checks';
import { collectAcknowledgements } from '../../pack/assembly';
import { VERDICTS_FILE } from '../../pack/verdicts';
import { isEntityLevelCommonCriterion, trustServicesCriterion } from '../../core/trust-services-criteria';
import { REPO_ROOT, tempOutdir } from '../helpers/app-context';
import { runPack, runPackOnStack } from './helpers';

const RULE = 'S3BucketKmsEncryption';

describe('Soc2MlChecks as a plugin', () => {
  test('is named Soc2Ml and lists its rule ids', () => {
    const pack = new Soc2MlChecks();
    expect(pack.name).toBe('Soc2Ml');
    expect(pack.ruleIds).toEqual(ALL_RULES.map((r) => r.rule.id));
    expect(pack.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('an error fails synth, naming the rule, the resource, the criteria and the fix', () => {
    const app = new App({ outdir: tempOutdir() });
    Validations.of(app).addPlugins(new Soc2MlChecks(app));
    new s3.Bucket(new Stack(app, 'Test'), 'Plain');
    expect(() => app.synth()).toThrow(/S3BucketKmsEncryption[\s\S]*Test\/Plain\/Resource/);
    try {
      app.synth({ force: true });
    } catch (e) {
      const message = (e as Error).message;
      expect(message).toMatch(/SOC 2 CC6\.1/);
      expect(message).toMatch(/encryptionKey/);
    }
  });

  test('an acknowledged error does not fail synth; its reason is reported and recorded', () => {
    const reason = 'Public benchmark data published openly; SSE-S3 is enough and anonymous readers need no key.';
    const run = runPackOnStack((stack) => {
      const bucket = new s3.Bucket(stack, 'Public', { encryption: s3.BucketEncryption.S3_MANAGED });
      Validations.of(bucket).acknowledge({ id: `Soc2Ml::${RULE}`, reason });
    });
    expect(run.violations.filter((v) => v.ruleName === RULE)).toEqual([]);
    expect(run.acknowledged.filter((v) => v.ruleName === RULE)).toEqual([expect.objectContaining({ reason, constructPaths: ['Test/Public/Resource'] })]);
    const entry = run.verdicts.find((r) => r.constructPath === 'Test/Public/Resource')!;
    expect(entry.failed.find((f) => f.rule === RULE)?.acknowledged).toEqual({ reason, at: 'Test/Public' });
    // And with failing on: it synthesizes.
    const app = new App({ outdir: tempOutdir() });
    Validations.of(app).addPlugins(new Soc2MlChecks(app));
    const stack = new Stack(app, 'Test');
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const b = new s3.Bucket(stack, 'Public', { encryption: s3.BucketEncryption.S3_MANAGED });
    Validations.of(stack).acknowledge(...ALL_RULES.filter((r) => r.rule.id !== 'KmsKeyRotation').map((r) => ({ id: `Soc2Ml::${r.rule.id}`, reason })));
    void b; void key;
    expect(() => app.synth()).not.toThrow();
  });

  test('with path metadata on (as `cdk synth` runs), acknowledgements apply to the construct the metadata names', () => {
    const reason = 'Public benchmark data published openly; SSE-S3 is enough and anonymous readers need no key.';
    const outdir = tempOutdir();
    const app = new App({ outdir, context: { 'aws:cdk:enable-path-metadata': true, '@aws-cdk/core:failSynthOnValidationErrors': false } });
    Validations.of(app).addPlugins(new Soc2MlChecks(app));
    const stack = new Stack(app, 'Test');
    const acknowledged = new s3.Bucket(stack, 'Public', { encryption: s3.BucketEncryption.S3_MANAGED });
    Validations.of(acknowledged).acknowledge({ id: `Soc2Ml::${RULE}`, reason });
    new s3.Bucket(stack, 'Other', { encryption: s3.BucketEncryption.S3_MANAGED });
    app.synth();
    const verdicts = JSON.parse(fs.readFileSync(path.join(outdir, VERDICTS_FILE), 'utf-8')).resources as { constructPath: string; failed: { rule: string; acknowledged?: unknown }[] }[];
    const rule = (p: string) => verdicts.find((r) => r.constructPath === p)!.failed.find((f) => f.rule === RULE);
    expect(rule('Test/Public/Resource')).toEqual(expect.objectContaining({ acknowledged: { reason, at: 'Test/Public' } }));
    expect(rule('Test/Other/Resource')).toEqual(expect.not.objectContaining({ acknowledged: expect.anything() }));
  });

  test('a warning is reported but never fails synth', () => {
    const outdir = tempOutdir();
    const app = new App({ outdir });
    Validations.of(app).addPlugins(new Soc2MlChecks(app));
    const stack = new Stack(app, 'Test');
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    // Hardened but for its lifecycle policy, which is a warning.
    new ecr.Repository(stack, 'Images', {
      imageScanOnPush: true,
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
      encryption: ecr.RepositoryEncryption.KMS,
      encryptionKey: key,
    });
    expect(() => app.synth()).not.toThrow();
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf-8'));
    const ours = report.pluginReports.find((r: { pluginName: string }) => r.pluginName === 'Soc2Ml');
    expect(ours.conclusion).toBe('success');
    expect(ours.violations.map((v: { ruleName: string; severity: string }) => [v.ruleName, v.severity])).toEqual([['EcrLifecyclePolicy', 'warning']]);
  });

  test('an acknowledgement for another rule does not hide this one', () => {
    const run = runPackOnStack((stack) => {
      const bucket = new s3.Bucket(stack, 'Plain');
      Validations.of(bucket).acknowledge({ id: 'Soc2Ml::KmsKeyRotation', reason: 'not the rule that fails here, whatever the reason says' });
    });
    expect(run.violations.find((v) => v.ruleName === RULE)?.constructPaths).toEqual(['Test/Plain/Resource']);
  });

  test('judges raw overrides that cdk-nag cannot see', () => {
    const run = runPackOnStack((stack) => {
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      const bucket = new s3.Bucket(stack, 'Overridden', { encryption: s3.BucketEncryption.KMS, encryptionKey: key });
      (bucket.node.defaultChild as CfnResource).addPropertyDeletionOverride('BucketEncryption');
      (key.node.defaultChild as CfnResource).addOverride('Properties.EnableKeyRotation', false);
    });
    expect(run.verdict('Test/Overridden/Resource', RULE)).toBe('failed');
    expect(run.verdict('Test/Key/Resource', 'KmsKeyRotation')).toBe('failed');
  });

  test('judges resources imported with CfnInclude', () => {
    const dir = tempOutdir('soc2ml-include-');
    const file = path.join(dir, 'legacy.json');
    fs.writeFileSync(file, JSON.stringify({
      Resources: {
        LegacyBucket: { Type: 'AWS::S3::Bucket', Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } } },
        LegacyKey: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: 'true', KeyPolicy: {} } },
      },
    }));
    const run = runPackOnStack((stack) => {
      new cfninc.CfnInclude(stack, 'Legacy', { templateFile: file });
    });
    expect(run.verdict('Test/Legacy/LegacyBucket', RULE)).toBe('failed');
    expect(run.verdict('Test/Legacy/LegacyKey', 'KmsKeyRotation')).toBe('passed');
  });

  test('judges nested stacks and stacks inside stages', () => {
    const run = runPack((app) => {
      const parent = new Stack(app, 'Parent');
      const nested = new NestedStack(parent, 'Nested');
      new s3.Bucket(nested, 'InNested');
      const stage = new Stage(app, 'Prod');
      new s3.Bucket(new Stack(stage, 'Inner'), 'InStage');
    });
    expect(run.verdict('Parent/Nested/InNested/Resource', RULE)).toBe('failed');
    expect(run.verdict('Prod/Inner/InStage/Resource', RULE)).toBe('failed');
  });

  test('writes a deterministic verdict file: no absolute paths, same bytes for the same app', () => {
    const build = (app: App) => {
      const stack = new Stack(app, 'Test');
      new s3.Bucket(stack, 'A');
      new kms.Key(stack, 'K', { enableKeyRotation: true });
    };
    const a = runPack(build);
    const b = runPack(build);
    const fileA = fs.readFileSync(path.join(a.outdir, VERDICTS_FILE), 'utf-8');
    expect(fileA).toEqual(fs.readFileSync(path.join(b.outdir, VERDICTS_FILE), 'utf-8'));
    expect(fileA).not.toContain(a.outdir);
    expect(fileA).not.toMatch(/\s+at\s/);
  });

  test('recordVerdicts: false writes no verdict file', () => {
    const outdir = tempOutdir();
    const app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
    Validations.of(app).addPlugins(new Soc2MlChecks(app, { recordVerdicts: false }));
    new kms.Key(new Stack(app, 'Test'), 'K', { enableKeyRotation: true });
    app.synth();
    expect(fs.existsSync(path.join(outdir, VERDICTS_FILE))).toBe(false);
  });
});

describe('Soc2MlChecks.acknowledge', () => {
  const reason = 'Public benchmark data published openly; SSE-S3 is enough and anonymous readers need no key.';

  test('acknowledges a rule of the pack by its id as Validations does, and records owner and review date for the register', () => {
    const run = runPackOnStack((stack) => {
      const bucket = new s3.Bucket(stack, 'Public', { encryption: s3.BucketEncryption.S3_MANAGED });
      Soc2MlChecks.acknowledge(bucket, { id: RULE, reason, owner: 'data-platform', reviewBy: '2027-06-30' });
    });
    expect(run.violations.filter((v) => v.ruleName === RULE)).toEqual([]);
    expect(run.verdicts.find((r) => r.constructPath === 'Test/Public/Resource')!.failed.find((f) => f.rule === RULE)?.acknowledged).toEqual({ reason, at: 'Test/Public' });
    const app = new App();
    const stack = new Stack(app, 'S');
    Soc2MlChecks.acknowledge(stack, { id: `Soc2Ml::${RULE}`, reason, owner: 'data-platform', reviewBy: '2027-06-30' });
    Soc2MlChecks.acknowledge(stack, { id: 'AwsSolutions::AwsSolutions-S1', reason: 'Log target of the stack.' });
    expect(collectAcknowledgements([{ at: 'S', entries: stack.node.metadata }])).toEqual([
      { id: 'AwsSolutions::AwsSolutions-S1', namespace: 'AwsSolutions', rule: 'AwsSolutions-S1', reason: 'Log target of the stack.', at: 'S', origin: 'user' },
      { id: `Soc2Ml::${RULE}`, namespace: 'Soc2Ml', rule: RULE, reason, at: 'S', origin: 'user', owner: 'data-platform', reviewBy: '2027-06-30' },
    ]);
  });

  test('a review date that is not a day, or an empty owner, is an error naming the prop and the fix', () => {
    const stack = new Stack(new App(), 'S');
    expect(() => Soc2MlChecks.acknowledge(stack, { id: RULE, reason, reviewBy: '30/06/2027' })).toThrow(/reviewBy is "30\/06\/2027": write the day .* as YYYY-MM-DD/);
    expect(() => Soc2MlChecks.acknowledge(stack, { id: RULE, reason, reviewBy: '2027-13-45' })).toThrow(/reviewBy is "2027-13-45"/);
    expect(() => Soc2MlChecks.acknowledge(stack, { id: RULE, reason, owner: ' ' })).toThrow(/owner is empty/);
  });
});

describe('criteria mapping', () => {
  const problems = (check: (r: typeof ALL_RULES[number]) => string | undefined) => ALL_RULES.map(check).filter((p) => p !== undefined);

  test('every rule cites Trust Services Criteria that exist, each once', () => {
    expect(problems((r) => (r.criteria.every((c) => trustServicesCriterion(c)) && new Set(r.criteria).size === r.criteria.length ? undefined : `${r.rule.id}: ${r.criteria.join(', ')}`))).toEqual([]);
  });

  test('no rule cites the entity-level criteria CC1 to CC3: a template cannot show them', () => {
    expect(problems((r) => (r.criteria.some(isEntityLevelCommonCriterion) ? `${r.rule.id}: ${r.criteria.join(', ')}` : undefined))).toEqual([]);
  });

  test('every rule says in a line why its criteria apply, naming each criterion it cites', () => {
    expect(problems((r) => {
      const why = r.rationale ?? '';
      const unnamed = r.criteria.filter((c) => !why.includes(c));
      return why.length < 30 || why.includes('\n') || unnamed.length ? `${r.rule.id}: ${unnamed.join(', ') || 'no rationale'}` : undefined;
    })).toEqual([]);
  });

  test('the community mapping a rule deviates from cites criteria that exist', () => {
    expect(problems((r) => (r.reference && !r.reference.criteria.every((c) => trustServicesCriterion(c)) ? r.rule.id : undefined))).toEqual([]);
  });

  test('the four reviewed mappings: TLS is transmission, console users are not risk assessment, retention is not disposal, log encryption is not output', () => {
    const criteria = (id: string) => ALL_RULES.find((r) => r.rule.id === id)!.criteria;
    expect(criteria('S3BucketTlsOnly')).toContain('CC6.7');
    expect(criteria('IamNoConsoleUsers')).not.toContain('CC3.2');
    expect(criteria('S3BucketRetained')).not.toContain('C1.2');
    expect(criteria('LogGroupKmsEncryption')).not.toContain('PI1.4');
  });

  test('RULES.md notes where a rule deviates from the community mapping', () => {
    expect(renderRulesMarkdown()).toMatch(/\| `S3BucketTlsOnly` \| CC6\.7 \| .* \| `steampipe:s3_bucket_enforces_ssl` cites CC6\.1, CC6\.2: drops CC6\.1, CC6\.2; adds CC6\.7 \|/);
  });
});

describe('RULES.md', () => {
  test('matches the rule definitions (regenerate with npm run rules:doc)', () => {
    expect(fs.readFileSync(path.join(REPO_ROOT, 'RULES.md'), 'utf-8')).toEqual(renderRulesMarkdown());
  });

  test('every rule has criteria, a finding, a fix and what passes', () => {
    for (const r of ALL_RULES) {
      expect({ id: r.rule.id, ok: r.criteria.length > 0 && r.criteria.every((c) => /^(CC\d\.\d|A1\.\d|C1\.\d|PI1\.\d|P\d\.\d)$/.test(c)) }).toEqual({ id: r.rule.id, ok: true });
      expect(r.finding.length).toBeGreaterThan(10);
      expect(r.fix.length).toBeGreaterThan(20);
      expect(r.rule.passes.length).toBeGreaterThan(10);
      expect(r.rule.id).toMatch(/^[A-Z][A-Za-z0-9]+$/);
    }
  });
});
