/*
 * `cdk-soc2-ml check <cdk.out | template files…>`: the pack for every CDK language and for plain
 * CloudFormation. It judges a cloud assembly (`cdk synth` in Python, Java, Go or .NET, then
 * `cdk-soc2-ml check cdk.out`; the acknowledgements CDK recorded in it are honoured) or templates
 * in JSON or YAML (which carry no acknowledgements), writes the verdicts, the audit evidence and
 * findings.sarif as a TypeScript app's synth does, prints the summary, and exits 1 on any
 * unacknowledged error: a preventive control in any CI.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { EvidenceInputs, packReportOf, PluginReport, readValidationReport } from '../evidence/inputs';
import { EVIDENCE_DIRECTORY, summaryOf, writeEvidenceFor } from '../evidence/writer';
import { Acknowledgement, AssemblyStack, isAssemblyDirectory, readAssembly } from '../pack/assembly';
import { judge } from '../pack/judge';
import { readTemplateSource } from '../pack/template-sources';
import { VerdictDocument, writeVerdictDocument } from '../pack/verdicts';
import { CliOutput, ExitCode } from './io';

export const CHECK_USAGE = `  cdk-soc2-ml check <cdk.out> [--out <dir>]
  cdk-soc2-ml check <template.json|template.yaml …> [--out <dir>]
      Judge a cloud assembly (from cdk synth, in any CDK language) or CloudFormation templates with
      the Soc2MlChecks rules. Writes soc2ml-verdicts.json and soc2-evidence/ (with findings.sarif)
      into --out (default: the assembly itself; ./soc2ml-check for templates), prints a summary,
      and exits 1 on any unacknowledged error. The acknowledgements CDK recorded in an assembly are
      honoured; plain templates carry none.
`;

/** Where template files' verdicts and evidence go by default. */
export const DEFAULT_TEMPLATES_OUT = 'soc2ml-check';

const OPTIONS = { out: { type: 'string' } } as const;

/** What was read for judging. */
interface Loaded {
  readonly stacks: readonly AssemblyStack[];
  readonly acknowledgements: readonly Acknowledgement[];
  readonly reports: readonly PluginReport[];
  /** Where verdicts and evidence go by default. */
  readonly defaultOut: string;
  /** SARIF's base for template files (relative to the working directory). */
  readonly assemblyPath: string;
  readonly notes: readonly string[];
}

/** Run `check` with the arguments after the command; resolves to the exit code. */
export async function runCheck(argv: string[], io: CliOutput): Promise<number> {
  let values: { out?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (e) {
    io.err(`${(e as Error).message}\n\nUsage:\n${CHECK_USAGE}`);
    return ExitCode.USAGE;
  }
  let loaded: Loaded;
  try {
    loaded = load(positionals);
  } catch (e) {
    io.err(`${(e as Error).message}\n`);
    return ExitCode.USAGE;
  }
  const out = values.out ?? loaded.defaultOut;
  const verdicts = judge(loaded.stacks, loaded.acknowledgements);
  fs.mkdirSync(out, { recursive: true });
  writeVerdictDocument(out, verdicts);
  // The pack's findings as CDK's report would list them, beside the report of the synth (if any).
  const reports = [...loaded.reports.filter((r) => r.pluginName !== verdicts.plugin), packReportOf(verdicts)];
  const inputs: EvidenceInputs = { stacks: loaded.stacks, verdicts, reports, acknowledgements: loaded.acknowledgements, synthFailed: false };
  const written = await writeEvidenceFor(inputs, path.join(out, EVIDENCE_DIRECTORY), { assemblyPath: loaded.assemblyPath });
  io.err(summaryOf(written, loaded.notes));
  io.out(findingLines(verdicts));
  return hasErrors(verdicts) ? ExitCode.FAILED : ExitCode.OK;
}

function load(positionals: readonly string[]): Loaded {
  if (positionals.length === 0) {
    throw new Error(`Pass a cloud assembly directory (cdk.out, after cdk synth) or CloudFormation template files.\n\nUsage:\n${CHECK_USAGE}`);
  }
  for (const p of positionals) {
    if (!fs.existsSync(p)) {
      throw new Error(`${p} does not exist: pass a cloud assembly directory (cdk.out, after cdk synth) or CloudFormation template files.`);
    }
  }
  const directories = positionals.filter((p) => fs.statSync(p).isDirectory());
  if (directories.length > 0) {
    if (positionals.length > 1) {
      throw new Error(`${directories[0]} is a directory: check one cloud assembly at a time, or template files only.`);
    }
    return loadAssembly(directories[0]);
  }
  return loadTemplates(positionals);
}

function loadAssembly(dir: string): Loaded {
  if (!isAssemblyDirectory(dir)) {
    throw new Error(`${dir} is not a cloud assembly (it has no manifest.json): run cdk synth first and pass its output directory (cdk.out), or pass template files.`);
  }
  const assembly = readAssembly(dir);
  if (assembly.stacks.length === 0) {
    throw new Error(`${dir} holds no stack: synthesize an app with at least one stack.`);
  }
  return {
    stacks: assembly.stacks,
    acknowledgements: assembly.acknowledgements,
    reports: readValidationReport(dir),
    defaultOut: dir,
    assemblyPath: relativeToCwd(dir),
    notes: [`acknowledgements: ${assembly.acknowledgements.length} read from the assembly's metadata (CDK records none made on the app or a stage)`],
  };
}

function loadTemplates(files: readonly string[]): Loaded {
  const stacks: AssemblyStack[] = files.map((file) => {
    const { template, text } = readTemplateSource(file);
    return { stackPath: template.stackPath, templateFile: relativeToCwd(file), template, text, outputs: template.outputs, constructPaths: new Map() };
  });
  const names = new Set<string>();
  for (const s of stacks) {
    if (names.has(s.stackPath)) {
      throw new Error(`Two templates are named ${s.stackPath}: each template is judged as a stack named after its file; rename one of them.`);
    }
    names.add(s.stackPath);
  }
  return {
    stacks,
    acknowledgements: [],
    reports: [],
    defaultOut: DEFAULT_TEMPLATES_OUT,
    assemblyPath: '',
    notes: ['acknowledgements: none — plain templates carry none, so every finding counts (acknowledge in a CDK app and check its cdk.out instead)'],
  };
}

/** One line per unacknowledged finding, for the log of a CI job. */
function findingLines(verdicts: VerdictDocument): string {
  const lines: string[] = [];
  for (const r of verdicts.resources) {
    for (const f of r.failed.filter((x) => !x.acknowledged)) {
      lines.push(`${f.severity.toUpperCase()} ${f.rule} ${r.constructPath}: ${f.detail}`);
    }
  }
  return lines.map((l) => `${l}\n`).join('');
}

function hasErrors(verdicts: VerdictDocument): boolean {
  return verdicts.resources.some((r) => r.failed.some((f) => !f.acknowledged && f.severity === 'error'));
}

function relativeToCwd(p: string): string {
  const rel = path.relative(process.cwd(), path.resolve(p));
  return (rel.startsWith('..') || path.isAbsolute(rel) ? path.resolve(p) : rel).split(path.sep).join('/');
}
