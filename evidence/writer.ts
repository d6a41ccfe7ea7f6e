import * as fs from 'fs';
import * as path from 'path';
import { Errors, Stage, StageSynthesisOptions } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { IConstruct } from 'constructs';
import { buildAccessMatrix, renderAccessMatrixHtml } from './access-matrix';
import { describeError } from '../core/describe-error';
import { Soc2MlError } from '../core/errors';
import { AppModel, roleAccess } from './app-model';
import { buildChecks, ChecksDocument } from './checks';
import { buildControlMatrix, renderControlMatrixMarkdown } from './control-matrix';
import { buildDiagram, toDot } from './diagram';
import { buildExceptions, buildExceptionsRegister, unmatchedAcknowledgements } from './exceptions';
import { buildLogicalDiagrams, logicalDot } from './logical-diagram';
import { buildManifest, readSourceRevision } from './manifest';
import { renderSvg, startGraphviz } from './graphviz';
import { renderHtml } from './html';
import { EvidenceInputs, readEvidenceInputs } from './inputs';
import { renderSummary } from './summary';
import { summaryNotesOf } from '../core/summary-notes';
import { unreachableAlertLines } from './unreachable-alerts';
import { buildInventory } from './inventory';
import { keepTemplateFiles } from '../pack/template-files';
import { buildSarif } from './sarif';

/** The folder, in the cloud assembly, that holds the evidence. */
export const EVIDENCE_DIRECTORY = 'soc2-evidence';

/** The files of the evidence folder. */
export const EVIDENCE_FILES = {
  CONTROL_MATRIX_JSON: 'control-matrix.json',
  CONTROL_MATRIX_MD: 'control-matrix.md',
  INVENTORY: 'inventory.json',
  EXCEPTIONS: 'exceptions.json',
  CHECKS: 'checks.json',
  RESOURCE_GRAPH_DOT: 'resource-graph.dot',
  RESOURCE_GRAPH_SVG: 'resource-graph.svg',
  HTML: 'index.html',
  SARIF: 'findings.sarif',
  MANIFEST: 'evidence-manifest.json',
  ACCESS_MATRIX: 'access-matrix.json',
} as const;

/** The logical data-flow diagram of an environment, as DOT and as SVG. */
export function dataFlowFiles(environment: string): { readonly dot: string; readonly svg: string } {
  const name = `data-flow-${environment.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return { dot: `${name}.dot`, svg: `${name}.svg` };
}

export interface WriteEvidenceOptions {
  /**
   * The directory whose git work tree the manifest records (commit, date, uncommitted changes).
   *
   * @default - the working directory
   */
  readonly sourceDir?: string;
  /** The app, to read acknowledgements and registered plugins from its construct tree. */
  readonly app?: IConstruct;
  /** Whether synth threw. */
  readonly synthFailed?: boolean;
  /** The assembly relative to the repository root, for SARIF locations (see `SarifOptions`). */
  readonly assemblyPath?: string;
}

/** What writing the evidence produced, for the summary. */
export interface EvidenceWritten {
  /** The evidence folder. */
  readonly dir: string;
  readonly inputs: EvidenceInputs;
  readonly checks: ChecksDocument;
}

/**
 * Write the evidence for an assembly directory into `<outdir>/soc2-evidence/`, replacing what was
 * there.
 */
export async function writeEvidence(outdir: string, options: WriteEvidenceOptions = {}): Promise<EvidenceWritten> {
  const inputs = readEvidenceInputs(outdir, { app: options.app, synthFailed: options.synthFailed });
  return writeEvidenceFor(inputs, path.join(outdir, EVIDENCE_DIRECTORY), options);
}

/** Write the evidence of inputs (read from an assembly, or built by `cdk-soc2-ml check`) into a folder, replacing it. */
export async function writeEvidenceFor(inputs: EvidenceInputs, dir: string, options: Pick<WriteEvidenceOptions, 'assemblyPath' | 'sourceDir'> = {}): Promise<EvidenceWritten> {
  const model = new AppModel(inputs.stacks);
  const access = roleAccess(model);
  const dot = toDot(buildDiagram(model, access));
  const inventory = buildInventory(model, access);
  const flows = buildLogicalDiagrams(model, inventory).map((d) => ({ diagram: d, dot: logicalDot(d), files: dataFlowFiles(d.environment) }));
  // The layouts run in Graphviz's worker while everything else is built here.
  const rendered = Promise.all([dot, ...flows.map((f) => f.dot)].map((d) => renderSvg(d).then((svg) => svg, () => undefined)));

  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const files = new Map<string, string>();
  const write = (file: string, text: string) => {
    files.set(file, text);
    fs.writeFileSync(path.join(dir, file), text);
  };
  const json = (value: unknown) => JSON.stringify(value, undefined, 1) + '\n';

  const matrix = buildControlMatrix(model, inputs.verdicts);
  const register = buildExceptionsRegister(buildExceptions(inputs));
  const checks = buildChecks(inputs);
  write(EVIDENCE_FILES.CONTROL_MATRIX_JSON, json(matrix));
  write(EVIDENCE_FILES.CONTROL_MATRIX_MD, renderControlMatrixMarkdown(matrix));
  write(EVIDENCE_FILES.INVENTORY, json(inventory));
  write(EVIDENCE_FILES.EXCEPTIONS, json(register));
  write(EVIDENCE_FILES.CHECKS, json(checks));
  write(EVIDENCE_FILES.RESOURCE_GRAPH_DOT, dot);
  flows.forEach((f) => write(f.files.dot, f.dot));
  write(EVIDENCE_FILES.SARIF, json(buildSarif(inputs, model, { assemblyPath: options.assemblyPath })));
  const accessMatrixDocument = buildAccessMatrix(inputs.stacks);
  write(EVIDENCE_FILES.ACCESS_MATRIX, json(accessMatrixDocument));

  // A diagram that cannot be rendered leaves its DOT source, and the page says so.
  const [graphSvg, ...flowSvgs] = await rendered;
  if (graphSvg !== undefined) {
    write(EVIDENCE_FILES.RESOURCE_GRAPH_SVG, graphSvg);
  }
  flows.forEach((f, i) => {
    const svg = flowSvgs[i];
    if (svg !== undefined) {
      write(f.files.svg, svg);
    }
  });
  const source = readSourceRevision(options.sourceDir ?? process.cwd(), path.dirname(dir));
  write(EVIDENCE_FILES.HTML, renderHtml({
    checks, matrix, inventory, register, source, stacks: inputs.stacks.length,
    notJudged: (inputs.verdicts?.notJudged ?? []).reduce((n, x) => n + x.count, 0),
    resourceGraph: graphSvg !== undefined,
    dataFlows: flows.map((f, i) => ({ diagram: f.diagram, svg: flowSvgs[i], files: f.files })),
    extraSections: [{ id: 'access-matrix', title: 'Access matrix', html: renderAccessMatrixHtml(accessMatrixDocument) }],
  }));
  // Last: the manifest names every other file, with its hash.
  write(EVIDENCE_FILES.MANIFEST, json(buildManifest({ checks, stacks: inputs.stacks, files, source })));
  return { dir, inputs, checks };
}

/** The summary of written evidence, with the page's path as the user reaches it. */
export function summaryOf(written: EvidenceWritten, notes: readonly string[] = []): string {
  return renderSummary({
    checks: written.checks,
    verdicts: written.inputs.verdicts,
    stacks: written.inputs.stacks.length,
    resources: written.inputs.stacks.reduce((n, s) => n + s.template.resources.size, 0),
    evidencePage: displayPath(path.join(written.dir, EVIDENCE_FILES.HTML)),
    unmatchedAcknowledgements: unmatchedAcknowledgements(buildExceptions(written.inputs)).map((e) => `${e.id} at ${e.acknowledgedAt || 'the app'}`),
    notes: [...unreachableAlertLines(written.inputs.stacks), ...notes],
  });
}

/** Whether the summary is printed: on, unless SOC2ML_SUMMARY is `off` (the test suite's setting). */
function summaryWanted(): boolean {
  return process.env.SOC2ML_SUMMARY !== 'off';
}

/**
 * Synthesize the app, then write its audit evidence into the cloud assembly, also when synth
 * fails validation (the failures are evidence too); a synth error is rethrown after the evidence
 * is written.
 */
export async function synthWithEvidence(app: Stage, options?: StageSynthesisOptions): Promise<CloudAssembly> {
  let assembly: CloudAssembly | undefined;
  let synthError: unknown;
  // Graphviz loads its WebAssembly in a worker while synth runs.
  startGraphviz();
  // The templates the pack parses are kept for the evidence, which reads the same files.
  const release = keepTemplateFiles();
  try {
    try {
      assembly = app.synth(options);
    } catch (e) {
      synthError = e;
    }
    try {
      const written = await writeEvidence(app.outdir, { app, synthFailed: synthError !== undefined, assemblyPath: assemblyPathOf(app.outdir) });
      if (summaryWanted()) {
        process.stderr.write(summaryOf(written, summaryNotesOf(app)));
      }
    } catch (e) {
      if (synthError === undefined) {
        throw e;
      }
      // The synth error is what the user must see first; the evidence error follows it.
      console.error(`Audit evidence could not be written: ${(e as Error).message}`);
    }
  } finally {
    release();
  }
  if (synthError !== undefined) {
    throw readable(synthError);
  }
  return assembly!;
}

/**
 * A settings or prop error, or a failed check's report, as the package's error: printed uncaught
 * it shows the message alone, not the frames around it. Anything else (a bug) keeps its stack.
 */
function readable(e: unknown): unknown {
  if (Soc2MlError.isSoc2MlError(e) || !Errors.isValidationError(e)) {
    return e;
  }
  return new Soc2MlError(describeError(e));
}

/** The assembly relative to the working directory, when inside it (`cdk synth` runs at the repository root). */
function assemblyPathOf(outdir: string): string | undefined {
  const rel = path.relative(process.cwd(), path.resolve(outdir));
  return rel.startsWith('..') || path.isAbsolute(rel) ? undefined : rel.split(path.sep).join('/');
}

/** A path as the user reaches it from the working directory. */
function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), path.resolve(p));
  return rel.startsWith('..') || path.isAbsolute(rel) ? path.resolve(p) : rel.split(path.sep).join('/');
}
