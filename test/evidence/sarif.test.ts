/*
 * evidence/sarif.ts: the findings as SARIF 2.1.0, from a two-bucket template and reports built
 * in the test: a run per plugin, a result per violating resource at its template line, and
 * acknowledged findings as suppressions.
 */
import { AppModel } from '../../evidence/app-model';
import { EvidenceInputs, StackInput } from '../../evidence/inputs';
import { buildSarif } from '../../evidence/sarif';
import { Severity } from '../../pack/rule';
import { ALL_RULES } from '../../pack/rules';
import { evidenceInputs, pluginReport, reportedViolation as violation, sarifSchemaErrors, stackInput, verdictDocument } from './helpers';

interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number } }; logicalLocations: { fullyQualifiedName: string; kind: string }[] }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; status: string; justification: string; properties: Record<string, string> }[];
}

interface Run {
  tool: { driver: { name: string; version?: string; rules: { id: string; shortDescription: { text: string }; help?: { text: string }; defaultConfiguration?: { level: string }; properties?: { tags: string[] } }[] } };
  automationDetails: { id: string };
  originalUriBaseIds?: object;
  results: Result[];
}

interface Log {
  version: string;
  runs: Run[];
}

const ACK_REASON = 'Objects are copied nightly to the backup account.';

let stack: StackInput;
let model: AppModel;
let inputs: EvidenceInputs;
let log: Log;
const runOf = (l: Log, name: string) => l.runs.find((r) => r.tool.driver.name === name)!;
const resultsOf = (l: Log, name: string, ruleId: string) => runOf(l, name).results.filter((r) => r.ruleId === ruleId);

beforeAll(() => {
  stack = stackInput('App', {
    Raw: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'raw' } },
    Curated: { Type: 'AWS::S3::Bucket' },
  });
  model = new AppModel([stack]);
  const pack = pluginReport('Soc2Ml', {
    pluginVersion: '0.0.0',
    conclusion: 'failure',
    violations: [
      violation('S3BucketKmsEncryption', ['App/Raw/Resource', 'App/Curated/Resource'], { severity: 'error' }),
      violation('AppHasAuditTrail', ['App'], { severity: 'warning' }),
    ],
    suppressedViolations: [
      violation('S3BucketVersioned', ['App/Raw/Resource'], { severity: 'error', acknowledgedId: 'Soc2Ml::S3BucketVersioned', acknowledgedAt: 'App', reason: ACK_REASON }),
    ],
  });
  const nag = pluginReport('AwsSolutions', {
    conclusion: 'failure',
    violations: [
      violation('AwsSolutions-S1', ['App/Raw/Resource'], { severity: 'error', description: 'The S3 Bucket has server access logs disabled. Enable them.', suggestedFix: 'Set ServerAccessLogsBucket.' }),
      violation('AwsSolutions-N1', ['Elsewhere/Thing'], { severity: 'info' }),
      violation('AwsSolutions-N2', [], { severity: 'fatal' }),
      violation('AwsSolutions-N3', ['App/Curated/Resource']),
    ],
  });
  inputs = evidenceInputs({
    stacks: [stack],
    reports: [pack, nag],
    plugins: [{ name: 'Soc2Ml', version: '1.2.3' }, { name: 'HIPAA.Security', version: '3.0.2' }],
    verdicts: verdictDocument([], []),
  });
  log = buildSarif(inputs, model) as Log;
});

test('the log validates against the SARIF 2.1.0 schema', () => {
  expect(log.version).toBe('2.1.0');
  expect(sarifSchemaErrors(log)).toEqual([]);
});

describe('runs', () => {
  test('a run per plugin, registered or reporting, by name', () => {
    expect(log.runs.map((r) => r.tool.driver.name)).toEqual(['AwsSolutions', 'HIPAA.Security', 'Soc2Ml']);
  });

  test('a plugin that found nothing has a run with no results, so code scanning closes its alerts', () => {
    expect(runOf(log, 'HIPAA.Security').results).toEqual([]);
  });

  test('the driver\'s version is the registered plugin\'s, else the report\'s, else none', () => {
    expect(runOf(log, 'Soc2Ml').tool.driver.version).toBe('1.2.3');
    expect(runOf(log, 'HIPAA.Security').tool.driver.version).toBe('3.0.2');
    expect(runOf(log, 'AwsSolutions').tool.driver.version).toBeUndefined();
  });

  test('each run has its own automation id, the plugin name made safe', () => {
    expect(runOf(log, 'HIPAA.Security').automationDetails.id).toBe('soc2-evidence/HIPAA.Security/');
    const validate = buildSarif(evidenceInputs({ reports: [pluginReport('CloudFormation Validate')] }), model) as Log;
    expect(validate.runs[0].automationDetails.id).toBe('soc2-evidence/CloudFormation-Validate/');
  });

  test('the pack\'s run documents every rule of the pack, with its finding, fix, level and criteria', () => {
    const rules = runOf(log, 'Soc2Ml').tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(ALL_RULES.map((r) => r.rule.id).sort());
    const kms = ALL_RULES.find((r) => r.rule.id === 'S3BucketKmsEncryption')!;
    expect(rules.find((r) => r.id === 'S3BucketKmsEncryption')).toEqual({
      id: 'S3BucketKmsEncryption', shortDescription: { text: kms.finding }, help: { text: kms.fix }, defaultConfiguration: { level: 'error' }, properties: { tags: ['SOC 2', ...kms.criteria] },
    });
    const warning = ALL_RULES.find((r) => r.severity === Severity.WARNING)!;
    expect(rules.find((r) => r.id === warning.rule.id)?.defaultConfiguration).toEqual({ level: 'warning' });
  });

  test('another plugin\'s rules are those it reported: the first sentence of the finding, the fix as help', () => {
    expect(runOf(log, 'AwsSolutions').tool.driver.rules.find((r) => r.id === 'AwsSolutions-S1')).toEqual({
      id: 'AwsSolutions-S1', shortDescription: { text: 'The S3 Bucket has server access logs disabled.' }, help: { text: 'Set ServerAccessLogsBucket.' }, defaultConfiguration: { level: 'error' },
    });
  });
});

describe('results', () => {
  test('one result per violating resource, its rule index pointing at its rule', () => {
    const run = runOf(log, 'Soc2Ml');
    expect(resultsOf(log, 'Soc2Ml', 'S3BucketKmsEncryption').map((r) => r.locations[0].logicalLocations[0].fullyQualifiedName)).toEqual(['App/Curated/Resource', 'App/Raw/Resource']);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    }
  });

  test('a finding has its location: the template under the CDK_OUT base id, the line of its resource, its construct path', () => {
    const line = stack.text.split('\n').indexOf('  "Raw": {') + 1;
    expect(line).toBeGreaterThan(1);
    const [raw] = resultsOf(log, 'AwsSolutions', 'AwsSolutions-S1');
    expect(raw.locations).toEqual([{
      physicalLocation: { artifactLocation: { uri: 'App.template.json', uriBaseId: 'CDK_OUT' }, region: { startLine: line } },
      logicalLocations: [{ fullyQualifiedName: 'App/Raw/Resource', kind: 'resource' }],
    }]);
    expect(runOf(log, 'AwsSolutions').originalUriBaseIds).toEqual({ CDK_OUT: expect.any(Object) });
  });

  test('a finding on a stack points at its template, without a line; one outside every stack at the manifest', () => {
    expect(resultsOf(log, 'Soc2Ml', 'AppHasAuditTrail')[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'App.template.json', uriBaseId: 'CDK_OUT' } });
    expect(resultsOf(log, 'AwsSolutions', 'AwsSolutions-N1')[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'manifest.json', uriBaseId: 'CDK_OUT' } });
  });

  test('a violation naming no resource is one result, on the app', () => {
    const results = resultsOf(log, 'AwsSolutions', 'AwsSolutions-N2');
    expect(results.map((r) => r.locations[0].logicalLocations[0].fullyQualifiedName)).toEqual(['(app)']);
  });

  test('the level follows the severity: error, fatal and none are errors, warning a warning, anything else a note', () => {
    expect(resultsOf(log, 'Soc2Ml', 'AppHasAuditTrail')[0].level).toBe('warning');
    expect(resultsOf(log, 'AwsSolutions', 'AwsSolutions-S1')[0].level).toBe('error');
    expect(resultsOf(log, 'AwsSolutions', 'AwsSolutions-N2')[0].level).toBe('error');
    expect(resultsOf(log, 'AwsSolutions', 'AwsSolutions-N3')[0].level).toBe('error');
    expect(resultsOf(log, 'AwsSolutions', 'AwsSolutions-N1')[0].level).toBe('note');
  });

  test('the message is the violation\'s description, and the fingerprint is plugin, rule and construct, not the line', () => {
    const [raw] = resultsOf(log, 'AwsSolutions', 'AwsSolutions-S1');
    expect(raw.message).toEqual({ text: 'The S3 Bucket has server access logs disabled. Enable them.' });
    expect(raw.partialFingerprints).toEqual({ 'soc2EvidenceFinding/v1': 'AwsSolutions/AwsSolutions-S1/App/Raw/Resource' });
  });

  test('an acknowledged finding is an accepted in-source suppression, with its reason, place and id', () => {
    const [versioned] = resultsOf(log, 'Soc2Ml', 'S3BucketVersioned');
    expect(versioned.suppressions).toEqual([{
      kind: 'inSource', status: 'accepted', justification: ACK_REASON, properties: { acknowledgedAt: 'App', acknowledgedId: 'Soc2Ml::S3BucketVersioned' },
    }]);
    expect(resultsOf(log, 'Soc2Ml', 'S3BucketKmsEncryption').every((r) => r.suppressions === undefined)).toBe(true);
  });
});

describe('with the assembly\'s path from the working directory', () => {
  test('locations are relative to the working directory, with no base id', () => {
    const relative = buildSarif(inputs, model, { assemblyPath: 'cdk.out' }) as Log;
    expect(sarifSchemaErrors(relative)).toEqual([]);
    expect(runOf(relative, 'AwsSolutions').originalUriBaseIds).toBeUndefined();
    expect(resultsOf(relative, 'AwsSolutions', 'AwsSolutions-S1')[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'cdk.out/App.template.json' });
  });

  test('an assembly that is the working directory itself gives the bare template file', () => {
    const here = buildSarif(inputs, model, { assemblyPath: '' }) as Log;
    expect(resultsOf(here, 'AwsSolutions', 'AwsSolutions-S1')[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'App.template.json' });
  });
});
