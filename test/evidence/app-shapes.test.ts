/*
 * Users' apps come in other shapes: stacks inside stages, nested stacks, acknowledgements on a
 * stage, no validation plugin at all. The evidence reads them all from the assembly.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, NestedStack, Stack, Stage, Tags, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { ChecksDocument, Conclusion } from '../../evidence/checks';
import { compareCriteria, ControlMatrix, CriterionStatus } from '../../evidence/control-matrix';
import { ExceptionsRegister } from '../../evidence/exceptions';
import { EvidenceInputs, readEvidenceInputs, splitRuleId } from '../../evidence/inputs';
import { Inventory } from '../../evidence/inventory';
import { EVIDENCE_FILES } from '../../evidence/writer';
import { Soc2MlChecks } from '../../pack/soc2-ml-checks';
import { ResourceVerdicts, VERDICTS_FILE } from '../../pack/verdicts';
import { synthWithEvidence } from '../../evidence/writer';
import { REPO_ROOT, tempOutdir } from '../helpers/app-context';
import { readEvidenceJson, readEvidenceText } from './fixtures';
import { sarifSchemaErrors } from './helpers';

const STAGE_REASON = 'Versioning is handled by the replication target of this stage in the backup account; see the data-retention runbook.';

describe('a stage holding a stack with a nested stack', () => {
  let outdir: string;

  beforeAll(async () => {
    outdir = tempOutdir('soc2ml-evidence-shapes-');
    const app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
    Validations.of(app).addPlugins(new Soc2MlChecks(app));
    const stage = new Stage(app, 'Prod');
    Validations.of(stage).acknowledge({ id: 'Soc2Ml::S3BucketVersioned', reason: STAGE_REASON });
    const stack = new Stack(stage, 'Data');
    Tags.of(new s3.Bucket(new NestedStack(stack, 'Inner'), 'Deep')).add('DataClassification', 'internal');
    new s3.Bucket(stack, 'Top');
    await synthWithEvidence(app);
  });

  test('the inventory has the nested stack\'s resources, by their construct paths', () => {
    const stores = readEvidenceJson<Inventory>(outdir, EVIDENCE_FILES.INVENTORY).dataStores;
    expect(stores.map((d) => [d.stack, d.constructPath, d.classification])).toEqual([
      ['Prod/Data', 'Prod/Data/Top/Resource', undefined],
      ['Prod/Data/Inner', 'Prod/Data/Inner/Deep/Resource', 'internal'],
    ]);
  });

  test('an acknowledgement on the stage covers the buckets below it, and is listed', () => {
    expect(readEvidenceJson<ExceptionsRegister>(outdir, EVIDENCE_FILES.EXCEPTIONS).groups.flatMap((g) => g.acknowledgements)).toEqual([expect.objectContaining({
      plugin: 'Soc2Ml', rule: 'S3BucketVersioned', acknowledgedAt: 'Prod', reason: STAGE_REASON,
      findings: ['Prod/Data/Inner/Deep/Resource', 'Prod/Data/Top/Resource'],
    })]);
  });

  test('SARIF points at the nested template inside the stage\'s assembly', () => {
    const sarif = JSON.parse(readEvidenceText(outdir, EVIDENCE_FILES.SARIF));
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    const deep = sarif.runs[0].results.find((r: { ruleId: string; locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }) =>
      r.ruleId === 'S3BucketKmsEncryption' && r.locations[0].logicalLocations[0].fullyQualifiedName === 'Prod/Data/Inner/Deep/Resource');
    expect(deep.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: expect.stringMatching(/^assembly-Prod\/ProdDataInner[0-9A-F]+\.nested\.template\.json$/), uriBaseId: 'CDK_OUT' },
      region: { startLine: expect.any(Number) },
    });
  });

  test('the diagram has a boundary for each stack, nested ones included', () => {
    const dot = readEvidenceText(outdir, EVIDENCE_FILES.RESOURCE_GRAPH_DOT);
    expect(dot).toContain('label="Prod/Data"');
    expect(dot).toContain('label="Prod/Data/Inner"');
  });
});

describe('an app synthesized inside the working directory', () => {
  let outdir: string;

  beforeAll(async () => {
    // Like `cdk synth` at the repository root into cdk.out.
    fs.mkdirSync(path.join(REPO_ROOT, '.tmp'), { recursive: true });
    outdir = fs.mkdtempSync(path.join(REPO_ROOT, '.tmp', 'soc2ml-evidence-bare-'));
    const app = new App({ outdir });
    Validations.of(app).addPlugins(new Soc2MlChecks(app));
    new s3.Bucket(new Stack(app, 'Bare'), 'Bucket');
    await synthWithEvidence(app).catch(() => undefined);
  });

  afterAll(() => {
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('SARIF locations are relative to the working directory, where code scanning looks', () => {
    const sarif = JSON.parse(readEvidenceText(outdir, EVIDENCE_FILES.SARIF));
    const rel = path.relative(process.cwd(), outdir);
    expect(sarif.runs[0].originalUriBaseIds).toBeUndefined();
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: `${rel}/Bare.template.json` });
  });
});

describe('an app synthesized as `cdk synth` does, with path metadata, importing a template that carries another app\'s paths', () => {
  let outdir: string;
  let app: App;

  beforeAll(async () => {
    outdir = tempOutdir('soc2ml-evidence-paths-');
    // CfnInclude keeps the imported template's Metadata, so its aws:cdk:path names a construct of the app it came from.
    const templateFile = path.join(outdir, 'legacy.json');
    fs.writeFileSync(templateFile, JSON.stringify({
      Resources: { Legacy: { Type: 'AWS::S3::Bucket', Metadata: { 'aws:cdk:path': 'OldApp/Old/Bucket/Resource' } } },
    }));
    app = new App({ outdir, context: { 'aws:cdk:enable-path-metadata': true, '@aws-cdk/core:failSynthOnValidationErrors': false } });
    Validations.of(app).addPlugins(new Soc2MlChecks(app));
    const shaped = new Stack(app, 'Shaped');
    new CfnInclude(shaped, 'Imported', { templateFile });
    new s3.Bucket(shaped, 'Native');
    new s3.Bucket(new Stack(app, 'Plain'), 'Bucket');
    await synthWithEvidence(app);
  });

  test('the imported resource is known by its construct in this app, in the evidence and in the verdicts', () => {
    const stores = readEvidenceJson<Inventory>(outdir, EVIDENCE_FILES.INVENTORY).dataStores;
    expect(stores.map((d) => d.constructPath).sort()).toEqual(['Plain/Bucket/Resource', 'Shaped/Imported/Legacy', 'Shaped/Native/Resource']);
    const verdicts = JSON.parse(fs.readFileSync(path.join(outdir, VERDICTS_FILE), 'utf-8')) as { resources: ResourceVerdicts[] };
    expect(verdicts.resources.filter((r) => r.type === 'AWS::S3::Bucket').map((r) => r.constructPath).sort())
      .toEqual(['Plain/Bucket/Resource', 'Shaped/Imported/Legacy', 'Shaped/Native/Resource']);
  });

  test('construct paths read from the templates\' path metadata are those the manifest records', () => {
    const paths = (inputs: EvidenceInputs) => inputs.stacks.map((s) => [s.stackPath, [...s.constructPaths.entries()].sort()]);
    const fromTemplates = readEvidenceInputs(outdir, { app });
    expect(paths(fromTemplates)).toEqual(paths(readEvidenceInputs(outdir)));
    expect(fromTemplates.stacks.map((s) => s.stackPath)).toEqual(['Plain', 'Shaped']);
  });
});

describe('an app without any validation plugin', () => {
  let outdir: string;

  beforeAll(async () => {
    outdir = tempOutdir('soc2ml-evidence-bare-');
    const app = new App({ outdir });
    new s3.Bucket(new Stack(app, 'Bare'), 'Bucket');
    await synthWithEvidence(app);
  });

  test('still gets an inventory, and a matrix that says nothing was checked', () => {
    expect(readEvidenceJson<Inventory>(outdir, EVIDENCE_FILES.INVENTORY).dataStores).toHaveLength(1);
    const matrix = readEvidenceJson<ControlMatrix>(outdir, EVIDENCE_FILES.CONTROL_MATRIX_JSON);
    expect(matrix.pack).toBeUndefined();
    expect(matrix.criteria.find((c) => c.criterion === 'CC6.1')).toEqual(expect.objectContaining({ status: CriterionStatus.NOT_ADDRESSED, basis: 'The Soc2Ml pack did not run on this app: no resource was examined.' }));
    expect(readEvidenceJson<ChecksDocument>(outdir, EVIDENCE_FILES.CHECKS)).toEqual({ synthesis: Conclusion.PASSED, checks: [] });
    expect(JSON.parse(readEvidenceText(outdir, EVIDENCE_FILES.SARIF)).runs).toEqual([]);
  });
});

describe('an app whose synth fails before any template is written', () => {
  test('still gets its evidence folder, saying synth failed, and the error is rethrown', async () => {
    const outdir = tempOutdir('soc2ml-evidence-broken-');
    const app = new App({ outdir });
    new Stack(app, 'Broken').node.addValidation({ validate: () => ['the stack is broken on purpose'] });
    await expect(synthWithEvidence(app)).rejects.toThrow(/broken on purpose/);
    expect(readEvidenceJson<ChecksDocument>(outdir, EVIDENCE_FILES.CHECKS)).toEqual({ synthesis: Conclusion.FAILED, checks: [] });
    expect(readEvidenceJson<Inventory>(outdir, EVIDENCE_FILES.INVENTORY).dataStores).toEqual([]);
  });
});

describe('helpers', () => {
  test('rule ids split at the first :: outside brackets', () => {
    expect(splitRuleId('AwsSolutions::AwsSolutions-IAM5[Resource::arn:*]')).toEqual({ namespace: 'AwsSolutions', rule: 'AwsSolutions-IAM5[Resource::arn:*]' });
    expect(splitRuleId('CloudFormation-Validate::W3010')).toEqual({ namespace: 'CloudFormation-Validate', rule: 'W3010' });
    expect(splitRuleId('MyWarning')).toEqual({ namespace: 'annotation', rule: 'MyWarning' });
  });

  test('criteria sort in Trust Services order, numbers as numbers', () => {
    expect(['PI1.1', 'C1.1', 'CC6.10', 'A1.2', 'CC6.9', 'CC1.3'].sort(compareCriteria)).toEqual(['CC1.3', 'CC6.9', 'CC6.10', 'A1.2', 'C1.1', 'PI1.1']);
  });
});
