/*
 * `cdk-soc2-ml check`: the pack on an assembly synthesized by any CDK language (the default app's,
 * and a committed assembly of a Python app), and on plain templates in YAML and JSON.
 */
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../cli/cdk-soc2-ml';
import { EVIDENCE_DIRECTORY, EVIDENCE_FILES } from '../../evidence/writer';
import { VERDICTS_FILE, VerdictDocument } from '../../pack/verdicts';
import { REPO_ROOT, tempOutdir } from '../helpers/app-context';
import { sharedDefaultAppEvidence } from '../helpers/default-app-evidence';
import { sarifSchemaErrors } from '../evidence/helpers';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
const PYTHON_ASSEMBLY = path.join(FIXTURES, 'python-assembly', 'assembly');
const TEMPLATES = path.join(FIXTURES, 'templates');

interface Run { code: number; out: string; err: string; dir: string }

async function check(...args: string[]): Promise<Run> {
  const dir = tempOutdir('soc2ml-check-');
  let out = '';
  let err = '';
  const code = await main(['check', ...args, '--out', dir], () => {
    throw new Error('check makes no AWS call');
  }, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err, dir };
}

const verdicts = (run: Run) => JSON.parse(fs.readFileSync(path.join(run.dir, VERDICTS_FILE), 'utf-8')) as VerdictDocument;
const failedOf = (run: Run, constructPath: string) => verdicts(run).resources.find((r) => r.constructPath === constructPath)?.failed ?? [];

describe('on the default app\'s cdk.out', () => {
  let run: Run;
  beforeAll(async () => {
    run = await check(await sharedDefaultAppEvidence());
  });

  test('passes, as its synth did, honouring the acknowledgements the assembly records', () => {
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/^cdk-soc2-ml: every check passed — 4 stacks, \d+ resources/);
    expect(run.err).toMatch(/passed {2}Soc2Ml \S+: \d+ passed, 0 failed/);
    expect(run.err).toMatch(/acknowledgements: \d+ read from the assembly's metadata/);
    expect(run.out).not.toMatch(/^ERROR/m);
  });

  test('judges as the plugin did during synth: the same verdicts for every resource and rule', () => {
    const synth = JSON.parse(fs.readFileSync(path.join(runAssembly, VERDICTS_FILE), 'utf-8')) as VerdictDocument;
    const key = (d: VerdictDocument) => d.resources.map((r) => `${r.stack} ${r.constructPath} ${r.logicalId} ${r.passed.join(',')} ${r.failed.map((f) => `${f.rule}:${f.acknowledged ? 'ack' : f.severity}`).join(',')}`);
    expect(key(verdicts(run))).toEqual(key(synth));
  });

  test('writes the evidence, the SARIF log included, where it is told to', () => {
    const files = fs.readdirSync(path.join(run.dir, EVIDENCE_DIRECTORY));
    expect(files.filter((f) => !f.startsWith('data-flow-')).sort()).toEqual(Object.values(EVIDENCE_FILES).sort());
    // Each environment's logical data flow, as DOT and SVG.
    expect(files.filter((f) => f.startsWith('data-flow-')).length).toBeGreaterThanOrEqual(2);
  });
});

let runAssembly: string;
beforeAll(async () => {
  runAssembly = await sharedDefaultAppEvidence();
});

describe('on a Python CDK app\'s assembly', () => {
  let run: Run;
  beforeAll(async () => {
    run = await check(PYTHON_ASSEMBLY);
  });

  test('fails on the unacknowledged errors, naming rule, resource and detail', () => {
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/^ERROR S3BucketVersioned MlData\/Features\/Resource: Versioning is not enabled\.$/m);
    expect(run.err).toMatch(/FAILED {2}Soc2Ml/);
  });

  test('honours the acknowledgement the Python app made, with its reason', () => {
    expect(failedOf(run, 'MlData/Raw/Resource').find((f) => f.rule === 'S3BucketKmsEncryption')?.acknowledged).toEqual({
      reason: expect.stringMatching(/^Raw holds public reference data/),
      at: 'MlData/Raw',
    });
    expect(run.out).not.toMatch(/S3BucketKmsEncryption/);
  });

  test('writes a SARIF log that validates, with the finding at its template', () => {
    const sarif = JSON.parse(fs.readFileSync(path.join(run.dir, EVIDENCE_DIRECTORY, EVIDENCE_FILES.SARIF), 'utf-8')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    const result = sarif.runs[0].results.find((r) => r.ruleId === 'S3BucketVersioned');
    expect(result?.locations[0].physicalLocation.artifactLocation.uri).toMatch(/MlData\.template\.json$/);
  });
});

describe('on plain templates', () => {
  test('passes a hardened YAML template written with short-form intrinsics, and says plain templates carry no acknowledgements', async () => {
    const run = await check(path.join(TEMPLATES, 'clean.yaml'));
    expect(run.out).not.toMatch(/^ERROR/m);
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/acknowledgements: none — plain templates carry none/);
  });

  test('fails YAML and JSON templates with breaks, naming each', async () => {
    const run = await check(path.join(TEMPLATES, 'broken.yaml'), path.join(TEMPLATES, 'broken.json'));
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/^ERROR KmsKeyRotation broken\.yaml\/Key: /m);
    expect(run.out).toMatch(/^ERROR SecurityGroupNoPublicIngress broken\.yaml\/OpenSsh: It allows TCP port 22 from the internet/m);
    expect(run.out).toMatch(/^ERROR S3BucketKmsEncryption broken\.json\/Exports: /m);
    expect(run.out).toMatch(/^ERROR S3BucketPublicAccessBlocked broken\.json\/Exports: /m);
  });
});

describe('refuses what it cannot judge, saying what to pass', () => {
  test.each([
    [['missing.yaml'], /missing\.yaml does not exist/],
    [[], /Pass a cloud assembly directory/],
  ])('%j', async (args, message) => {
    const run = await check(...args);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
  });

  test('a directory that is not an assembly', async () => {
    const run = await check(TEMPLATES);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/is not a cloud assembly \(it has no manifest\.json\): run cdk synth first/);
  });

  test('a SAM template, whose resources exist only once expanded', async () => {
    const dir = tempOutdir('soc2ml-sam-');
    const file = path.join(dir, 'template.yaml');
    fs.writeFileSync(file, 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: {}\n');
    const run = await check(file);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/is a SAM template .* Run sam build and check the expanded template/);
  });
});
