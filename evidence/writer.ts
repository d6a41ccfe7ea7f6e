import * as fs from 'fs';
import * as path from 'path';
import { Stage, StageSynthesisOptions } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { IConstruct } from 'constructs';
import { AppModel, roleAccess } from './app-model';
import { buildChecks } from './checks';
import { buildControlMatrix, renderControlMatrixMarkdown } from './control-matrix';
import { buildDiagram, toDot } from './diagram';
import { buildExceptions } from './exceptions';
import { renderSvg, startGraphviz } from './graphviz';
import { renderHtml } from './html';
import { readEvidenceInputs } from './inputs';
import { buildInventory } from './inventory';
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
  DIAGRAM_DOT: 'data-flow.dot',
  DIAGRAM_SVG: 'data-flow.svg',
  HTML: 'index.html',
  SARIF: 'findings.sarif',
} as const;

export interface WriteEvidenceOptions {
  /** The app, to read acknowledgements and registered plugins from its construct tree. */
  readonly app?: IConstruct;
  /** Whether synth threw. */
  readonly synthFailed?: boolean;
  /** The assembly relative to the repository root, for SARIF locations (see `SarifOptions`). */
  readonly assemblyPath?: string;
}

/**
 * Write the evidence for an assembly directory into `<outdir>/soc2-evidence/`, replacing what was
 * there. Returns the folder.
 */
export async function writeEvidence(outdir: string, options: WriteEvidenceOptions = {}): Promise<string> {
  const inputs = readEvidenceInputs(outdir, { app: options.app, synthFailed: options.synthFailed });
  const model = new AppModel(inputs.stacks);
  const access = roleAccess(model);
  const dot = toDot(buildDiagram(model, access));
  // The layout runs in Graphviz's worker while everything else is built here.
  const svgRendered = renderSvg(dot).then((svg) => svg, () => undefined);

  const dir = path.join(outdir, EVIDENCE_DIRECTORY);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const write = (file: string, text: string) => fs.writeFileSync(path.join(dir, file), text);
  const json = (value: unknown) => JSON.stringify(value, undefined, 1) + '\n';

  const matrix = buildControlMatrix(model, inputs.verdicts);
  const inventory = buildInventory(model, access);
  const exceptions = buildExceptions(inputs);
  const checks = buildChecks(inputs);
  write(EVIDENCE_FILES.CONTROL_MATRIX_JSON, json(matrix));
  write(EVIDENCE_FILES.CONTROL_MATRIX_MD, renderControlMatrixMarkdown(matrix));
  write(EVIDENCE_FILES.INVENTORY, json(inventory));
  write(EVIDENCE_FILES.EXCEPTIONS, json(exceptions));
  write(EVIDENCE_FILES.CHECKS, json(checks));
  write(EVIDENCE_FILES.DIAGRAM_DOT, dot);
  write(EVIDENCE_FILES.SARIF, json(buildSarif(inputs, model, { assemblyPath: options.assemblyPath })));

  // A diagram that cannot be rendered leaves its DOT source, and the page says so.
  const svg = await svgRendered;
  if (svg !== undefined) {
    write(EVIDENCE_FILES.DIAGRAM_SVG, svg);
  }
  write(EVIDENCE_FILES.HTML, renderHtml({ checks, matrix, inventory, exceptions, svg }));
  return dir;
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
  try {
    assembly = app.synth(options);
  } catch (e) {
    synthError = e;
  }
  try {
    await writeEvidence(app.outdir, { app, synthFailed: synthError !== undefined, assemblyPath: assemblyPathOf(app.outdir) });
  } catch (e) {
    if (synthError === undefined) {
      throw e;
    }
    // The synth error is what the user must see first; the evidence error follows it.
    console.error(`Audit evidence could not be written: ${(e as Error).message}`);
  }
  if (synthError !== undefined) {
    throw synthError;
  }
  return assembly!;
}

/** The assembly relative to the working directory, when inside it (`cdk synth` runs at the repository root). */
function assemblyPathOf(outdir: string): string | undefined {
  const rel = path.relative(process.cwd(), path.resolve(outdir));
  return rel.startsWith('..') || path.isAbsolute(rel) ? undefined : rel.split(path.sep).join('/');
}
