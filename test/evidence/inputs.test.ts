/*
 * evidence/inputs.ts: what the evidence reads from one small assembly (a stack with an
 * acknowledged bucket and an output, and a stage holding a second stack), and the helpers that
 * name rules and order everything.
 */
import { App, CfnElement, CfnOutput, Stack, Stage, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { cmp, EvidenceInputs, namespaceOf, readEvidenceInputs, splitRuleId } from '../../evidence/inputs';
import { Soc2MlChecks } from '../../pack/soc2-ml-checks';
import { cdkJsonContext, tempOutdir } from '../helpers/app-context';

const FIRST_REASON = 'Versioning is replaced by the nightly copy to the backup account.';
const LATER_REASON = 'Versioning is replaced by AWS Backup continuous backups; see the retention runbook.';
const NAG_REASON = 'The import role reads every object of the raw bucket.';

let app: App;
let outdir: string;
let data: Stack;
let serve: Stack;
let rawId: string;
let fromApp: EvidenceInputs;
let fromAssembly: EvidenceInputs;

beforeAll(() => {
  outdir = tempOutdir('soc2ml-evidence-inputs-');
  // The pack fails this app; the report is still written.
  app = new App({ outdir, context: cdkJsonContext({ '@aws-cdk/core:failSynthOnValidationErrors': false }) });
  Validations.of(app).addPlugins(new Soc2MlChecks(app));
  data = new Stack(app, 'Data');
  const raw = new s3.Bucket(data, 'Raw');
  Validations.of(raw).acknowledge({ id: 'Soc2Ml::S3BucketVersioned', reason: FIRST_REASON });
  Validations.of(raw).acknowledge({ id: 'Soc2Ml::S3BucketVersioned', reason: LATER_REASON });
  Validations.of(data).acknowledge({ id: 'AwsSolutions::AwsSolutions-IAM5[Resource::arn:*]', reason: NAG_REASON });
  new CfnOutput(data, 'RawBucketName', { value: raw.bucketName });
  serve = new Stack(new Stage(app, 'Prod'), 'Serve');
  new s3.Bucket(serve, 'Out');
  app.synth();
  rawId = data.getLogicalId(raw.node.defaultChild as CfnElement);
  fromApp = readEvidenceInputs(outdir, { app });
  fromAssembly = readEvidenceInputs(outdir);
});

describe('splitRuleId', () => {
  test('splits Namespace::Rule at the ::', () => {
    expect(splitRuleId('Soc2Ml::S3BucketVersioned')).toEqual({ namespace: 'Soc2Ml', rule: 'S3BucketVersioned' });
  });

  test('a :: inside brackets, parentheses or braces belongs to the rule', () => {
    expect(splitRuleId('AwsSolutions::AwsSolutions-IAM5[Resource::*]')).toEqual({ namespace: 'AwsSolutions', rule: 'AwsSolutions-IAM5[Resource::*]' });
    expect(splitRuleId('Ns(a::b)::Rule')).toEqual({ namespace: 'Ns(a::b)', rule: 'Rule' });
    expect(splitRuleId('Ns{a::b}::Rule')).toEqual({ namespace: 'Ns{a::b}', rule: 'Rule' });
  });

  test('an id without :: is a construct annotation\'s', () => {
    expect(splitRuleId('MyWarning')).toEqual({ namespace: 'annotation', rule: 'MyWarning' });
    expect(splitRuleId('Rule[a::b]')).toEqual({ namespace: 'annotation', rule: 'Rule[a::b]' });
  });
});

describe('namespaceOf', () => {
  test('is the plugin name with spaces as dashes', () => {
    expect(namespaceOf('CloudFormation Validate')).toBe('CloudFormation-Validate');
    expect(namespaceOf('Soc2Ml')).toBe('Soc2Ml');
  });

  test('construct annotations acknowledge under `annotation`', () => {
    expect(namespaceOf('Construct Annotations')).toBe('annotation');
  });
});

describe('cmp', () => {
  test('orders by UTF-16 code unit, the same in every locale: capitals first', () => {
    expect(['b', 'a', 'B', 'A', 'a/b', 'a-b'].sort(cmp)).toEqual(['A', 'B', 'a', 'a-b', 'a/b', 'b']);
  });

  test('equal strings compare 0', () => {
    expect(cmp('Data/Raw', 'Data/Raw')).toBe(0);
  });
});

describe('readEvidenceInputs', () => {
  test('lists every stack, a stage\'s included, by construct path, with its template file relative to the assembly', () => {
    expect(fromApp.stacks.map((s) => [s.stackPath, s.templateFile])).toEqual([
      ['Data', data.templateFile],
      ['Prod/Serve', `assembly-Prod/${serve.templateFile}`],
    ]);
  });

  test('each stack holds its template as written and as read, and its outputs', () => {
    const stack = fromApp.stacks[0];
    Template.fromString(stack.text).resourceCountIs('AWS::S3::Bucket', 1);
    expect(stack.template.resources.get(rawId)?.type).toBe('AWS::S3::Bucket');
    expect(stack.outputs.RawBucketName).toEqual({ Value: { Ref: rawId } });
  });

  test('each resource has its construct path, from the app or from the manifest alone', () => {
    for (const inputs of [fromApp, fromAssembly]) {
      expect([...inputs.stacks[0].constructPaths]).toEqual([[rawId, 'Data/Raw/Resource']]);
      expect([...inputs.stacks[1].constructPaths.values()]).toEqual(['Prod/Serve/Out/Resource']);
    }
  });

  test('reads the pack\'s verdicts, acknowledged failures included', () => {
    expect(fromApp.verdicts?.plugin).toBe('Soc2Ml');
    const raw = fromApp.verdicts?.resources.find((r) => r.constructPath === 'Data/Raw/Resource');
    expect(raw).toEqual(expect.objectContaining({ stack: 'Data', logicalId: rawId, type: 'AWS::S3::Bucket' }));
    expect(raw?.failed.find((f) => f.rule === 'S3BucketVersioned')?.acknowledged).toEqual(expect.objectContaining({ at: 'Data/Raw' }));
  });

  test('reads each plugin\'s part of CDK\'s validation report: conclusion, violations and acknowledged ones', () => {
    expect(fromApp.reports.map((r) => [r.pluginName, r.conclusion])).toEqual([['Soc2Ml', 'failure']]);
    const [report] = fromApp.reports;
    expect(report.violations.filter((v) => v.ruleName === 'S3BucketKmsEncryption').flatMap((v) => v.violatingConstructs.map((c) => c.constructPath)).sort())
      .toEqual(['Data/Raw/Resource', 'Prod/Serve/Out/Resource']);
    expect(report.suppressedViolations).toEqual([expect.objectContaining({
      ruleName: 'S3BucketVersioned', acknowledgedId: 'Soc2Ml::S3BucketVersioned', acknowledgedAt: 'Data/Raw', reason: LATER_REASON,
    })]);
  });

  test('every acknowledgement, split into namespace and rule, with its reason and place, sorted by namespace', () => {
    expect(fromApp.acknowledgements).toEqual([
      { id: 'AwsSolutions::AwsSolutions-IAM5[Resource::arn:*]', namespace: 'AwsSolutions', rule: 'AwsSolutions-IAM5[Resource::arn:*]', reason: NAG_REASON, at: 'Data' },
      { id: 'Soc2Ml::S3BucketVersioned', namespace: 'Soc2Ml', rule: 'S3BucketVersioned', reason: LATER_REASON, at: 'Data/Raw' },
    ]);
  });

  test('a rule acknowledged twice on one construct is listed once, with the later reason, as CDK\'s report has it', () => {
    expect(fromApp.acknowledgements.filter((a) => a.at === 'Data/Raw').map((a) => a.reason)).toEqual([LATER_REASON]);
  });

  test('the manifest alone yields the acknowledgements made on stacks and their constructs', () => {
    expect(fromAssembly.acknowledgements).toEqual(fromApp.acknowledgements);
  });

  test('with the app, lists the plugins it registered, with version and rule count; without it, none', () => {
    const pack = new Soc2MlChecks();
    // CloudFormation Validate is off in unit tests (CDK_VALIDATION=false), so it is not listed.
    expect(fromApp.plugins).toEqual([{ name: 'Soc2Ml', version: pack.version, ruleCount: pack.ruleIds.length }]);
    expect(fromAssembly.plugins).toBeUndefined();
  });

  test('synthFailed is what the caller says, false by default', () => {
    expect(fromApp.synthFailed).toBe(false);
    expect(readEvidenceInputs(outdir, { synthFailed: true }).synthFailed).toBe(true);
  });

  test('a folder with no assembly yields nothing, and no error', () => {
    expect(readEvidenceInputs(tempOutdir('soc2ml-evidence-empty-'))).toEqual({
      stacks: [], verdicts: undefined, reports: [], acknowledgements: [], plugins: undefined, synthFailed: false,
    });
  });
});
