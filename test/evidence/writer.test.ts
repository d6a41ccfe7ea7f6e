/*
 * evidence/writer.ts: writeEvidence over one small synthesized assembly (a bucket with an
 * acknowledged finding), written twice: with the app, then from the assembly alone over the
 * first folder; and over a folder synth left empty.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AppModel } from '../../evidence/app-model';
import { buildChecks, ChecksDocument, Conclusion } from '../../evidence/checks';
import { buildControlMatrix, renderControlMatrixMarkdown } from '../../evidence/control-matrix';
import { buildDiagram, toDot } from '../../evidence/diagram';
import { buildExceptions, buildExceptionsRegister, ExceptionsRegister } from '../../evidence/exceptions';
import { EvidenceManifest, sha256 } from '../../evidence/manifest';
import { readEvidenceInputs } from '../../evidence/inputs';
import { buildInventory } from '../../evidence/inventory';
import { buildSarif } from '../../evidence/sarif';
import { EVIDENCE_DIRECTORY, EVIDENCE_FILES, writeEvidence } from '../../evidence/writer';
import { Soc2MlChecks } from '../../pack/soc2-ml-checks';
import { tempOutdir } from '../helpers/app-context';
import { filesOf } from './helpers';

const REASON = 'Objects are copied nightly to the backup account.';
const STALE = 'left-from-an-older-version.json';

let app: App;
let outdir: string;
let written: string;
let first: Map<string, Buffer>;
let second: Map<string, Buffer>;
let empty: Map<string, Buffer>;
const json = <T>(files: Map<string, Buffer>, file: string): T => JSON.parse(files.get(file)!.toString('utf-8')) as T;
const text = (files: Map<string, Buffer>, file: string): string => files.get(file)!.toString('utf-8');
/** A value as the JSON files hold it (undefined members dropped). */
const asWritten = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

beforeAll(async () => {
  outdir = tempOutdir('soc2ml-evidence-writer-');
  app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
  Validations.of(app).addPlugins(new Soc2MlChecks(app));
  const bucket = new s3.Bucket(new Stack(app, 'Data'), 'Raw');
  Validations.of(bucket).acknowledge({ id: 'Soc2Ml::S3BucketVersioned', reason: REASON });
  app.synth();

  written = (await writeEvidence(outdir, { app })).dir;
  first = filesOf(written);
  fs.writeFileSync(path.join(written, STALE), '{}');
  await writeEvidence(outdir, { assemblyPath: 'cdk.out' });
  second = filesOf(written);
  empty = filesOf((await writeEvidence(tempOutdir('soc2ml-evidence-writer-empty-'), { synthFailed: true })).dir);
});

test('writes every file of EVIDENCE_FILES, and nothing else, into the evidence folder of the assembly, which it returns', () => {
  expect(written).toBe(path.join(outdir, EVIDENCE_DIRECTORY));
  expect([...first.keys()]).toEqual(Object.values(EVIDENCE_FILES).sort());
});

test('each file is what its module builds from the assembly and the app', () => {
  const inputs = readEvidenceInputs(outdir, { app });
  const model = new AppModel(inputs.stacks);
  const matrix = buildControlMatrix(model, inputs.verdicts);
  expect(json(first, EVIDENCE_FILES.CONTROL_MATRIX_JSON)).toEqual(asWritten(matrix));
  expect(text(first, EVIDENCE_FILES.CONTROL_MATRIX_MD)).toBe(renderControlMatrixMarkdown(matrix));
  expect(json(first, EVIDENCE_FILES.INVENTORY)).toEqual(asWritten(buildInventory(model)));
  expect(json(first, EVIDENCE_FILES.EXCEPTIONS)).toEqual(asWritten(buildExceptionsRegister(buildExceptions(inputs))));
  expect(json(first, EVIDENCE_FILES.CHECKS)).toEqual(asWritten(buildChecks(inputs)));
  expect(text(first, EVIDENCE_FILES.RESOURCE_GRAPH_DOT)).toBe(toDot(buildDiagram(model)));
  expect(json(first, EVIDENCE_FILES.SARIF)).toEqual(asWritten(buildSarif(inputs, model)));
});

test('the JSON files are indented and end with a line break', () => {
  expect(text(first, EVIDENCE_FILES.CHECKS)).toMatch(/^\{\n "synthesis": "failed",\n[\s\S]*\}\n$/);
});

test('the resource graph is rendered to SVG, its own file, which the page links', () => {
  expect(text(first, EVIDENCE_FILES.RESOURCE_GRAPH_SVG)).toMatch(/<svg [^>]*>/);
  expect(text(first, EVIDENCE_FILES.HTML)).toContain('<a href="resource-graph.svg">resource-graph.svg</a>');
});

test('the manifest, written last, holds the SHA-256 of every other file', () => {
  const manifest = json<EvidenceManifest>(first, EVIDENCE_FILES.MANIFEST);
  expect(manifest.files.map((f) => f.file)).toEqual([...first.keys()].filter((f) => f !== EVIDENCE_FILES.MANIFEST));
  expect(manifest.files.every((f) => f.sha256 === sha256(first.get(f.file)!.toString('utf-8')))).toBe(true);
  expect(manifest.stacks).toEqual([expect.objectContaining({ stack: 'Data', account: 'environment-agnostic', templateFile: 'Data.template.json' })]);
});

test('writing again replaces the folder: a file from before is gone', () => {
  expect(second.has(STALE)).toBe(false);
  expect([...second.keys()]).toEqual(Object.values(EVIDENCE_FILES).sort());
});

test('a synth that failed before writing an assembly still gets every file, saying it failed', () => {
  expect([...empty.keys()]).toEqual(Object.values(EVIDENCE_FILES).sort());
  expect(json<ChecksDocument>(empty, EVIDENCE_FILES.CHECKS)).toEqual({ synthesis: Conclusion.FAILED, checks: [] });
});

test('the assembly path is where SARIF locations point', () => {
  const sarif = json<{ runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }>(second, EVIDENCE_FILES.SARIF);
  expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'cdk.out/Data.template.json' });
});

test('with the app, the plugins it registered are read from it; from the assembly alone, only what the report says', () => {
  const ruleCount = (files: Map<string, Buffer>) => json<ChecksDocument>(files, EVIDENCE_FILES.CHECKS).checks.map((c) => [c.plugin, c.ruleCount]);
  expect(ruleCount(first)).toEqual([['Soc2Ml', new Soc2MlChecks().ruleIds.length]]);
  expect(ruleCount(second)).toEqual([['Soc2Ml', undefined]]);
});

test('from the assembly alone, the acknowledged finding is still an exception, with its reason and place', () => {
  expect(json<ExceptionsRegister>(second, EVIDENCE_FILES.EXCEPTIONS).groups.flatMap((g) => g.acknowledgements)).toEqual([expect.objectContaining({
    plugin: 'Soc2Ml', rule: 'S3BucketVersioned', acknowledgedAt: 'Data/Raw', reason: REASON, findings: ['Data/Raw/Resource'],
  })]);
});
