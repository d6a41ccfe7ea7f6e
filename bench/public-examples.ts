/*
 * npm run bench:examples -- <aws-cdk-examples checkout> [--details] [--keep] [example ...]: the pack over apps nobody
 * here wrote. Each TypeScript example of aws-samples/aws-cdk-examples is synthesized offline (this
 * repository's node_modules, its own cdk.json context, no credentials) and judged by
 * `cdk-soc2-ml check`; prints per app the resources, the errors by rule and the types no rule reads,
 * then totals. An app that does not synthesize here (a dependency we do not have, Docker bundling)
 * is listed as skipped with the first line of its error. The errors are read by a person: a true
 * finding is a control the example does not meet; a false alarm is a bug in a rule.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readAssembly } from '../pack/assembly';
import { judge } from '../pack/judge';

const ROOT = path.join(__dirname, '..');
/** `--keep`: leave each example's copy and cloud assembly in the temporary directory, to read a finding's template. */
const KEEP = process.argv.includes('--keep');

interface AppResult {
  readonly name: string;
  readonly skipped?: string;
  readonly resources?: number;
  readonly errors?: Map<string, number>;
  readonly notJudged?: number;
  /** Count per resource type no rule reads. */
  readonly notJudgedTypes?: Map<string, number>;
  /** `rule path: detail` of each error, for `--details`. */
  readonly details?: string[];
}

/** The TypeScript entry point cdk.json runs (`npx ts-node --prefer-ts-exts bin/app.ts`, …). */
function entryPoint(dir: string): { file: string; context: Record<string, unknown> } | undefined {
  const cdkJson = path.join(dir, 'cdk.json');
  if (!fs.existsSync(cdkJson)) {
    return undefined;
  }
  const config = JSON.parse(fs.readFileSync(cdkJson, 'utf-8')) as { app?: string; context?: Record<string, unknown> };
  const file = /([\w./-]+\.ts)\b/.exec(config.app ?? '')?.[1];
  return file && fs.existsSync(path.join(dir, file)) ? { file, context: config.context ?? {} } : undefined;
}

/**
 * `cdk init`'s older entry points import `source-map-support/register`, which only maps stack traces
 * to the TypeScript source and is not among this repository's packages: the import is dropped from
 * the copy, which changes nothing the app synthesizes.
 */
function dropSourceMapSupport(entryFile: string): void {
  const text = fs.readFileSync(entryFile, 'utf-8');
  const without = text.replace(/^import ['"]source-map-support\/register['"];?[ \t]*$/m, '');
  if (without !== text) {
    fs.writeFileSync(entryFile, without);
  }
}

/** The line that says what failed: Node's `Error: …` line rather than the code frame printed above it. */
function firstErrorLine(output: string): string | undefined {
  const lines = output.split('\n');
  return lines.find((l) => /^\s*(\w*Error|error)\b[:\s[]/.test(l)) ?? lines.find((l) => /error|cannot|not found/i.test(l));
}

/**
 * `NodejsFunction` looks for a lock file from the working directory up, to find the project's
 * root, and stops the synth without one. Many examples keep theirs beside a parent folder or not
 * at all: the copy gets an empty npm lock file when it has none of any package manager, which
 * changes nothing the app synthesizes (esbuild bundles from this repository's node_modules).
 */
function addLockFile(work: string): void {
  const lockFiles = ['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];
  if (!lockFiles.some((f) => fs.existsSync(path.join(work, f)))) {
    fs.writeFileSync(path.join(work, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, requires: true, packages: {} }));
  }
}

function synthesize(source: string): { outdir: string } | { skipped: string } {
  const entry = entryPoint(source);
  if (!entry) {
    return { skipped: 'no TypeScript entry point in cdk.json' };
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2ml-example-'));
  fs.cpSync(source, work, { recursive: true, filter: (f) => !f.includes('node_modules') });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
  dropSourceMapSupport(path.join(work, entry.file));
  addLockFile(work);
  const outdir = path.join(work, 'cdk.out');
  const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), entry.file], {
    cwd: work,
    encoding: 'utf-8',
    timeout: 180_000,
    env: {
      ...process.env,
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify(entry.context),
      CDK_DEFAULT_ACCOUNT: '111111111111',
      CDK_DEFAULT_REGION: 'us-east-1',
      CDK_VALIDATION: 'false',
    },
  });
  if (run.status !== 0 || !fs.existsSync(path.join(outdir, 'manifest.json'))) {
    const firstError = firstErrorLine(`${run.stderr ?? ''}${run.error?.message ?? ''}`) ?? `exit ${run.status}`;
    if (!KEEP) {
      fs.rmSync(work, { recursive: true, force: true });
    }
    return { skipped: firstError.trim().slice(0, 160) };
  }
  return { outdir };
}

function judgeExample(source: string): AppResult {
  const name = path.basename(source);
  const synth = synthesize(source);
  if ('skipped' in synth) {
    return { name, skipped: synth.skipped };
  }
  const assembly = readAssembly(synth.outdir);
  if (!KEEP) {
    fs.rmSync(path.dirname(synth.outdir), { recursive: true, force: true });
  }
  const verdicts = judge(assembly.stacks, assembly.acknowledgements);
  const errors = new Map<string, number>();
  const details: string[] = [];
  for (const r of verdicts.resources) {
    for (const failed of r.failed.filter((f) => f.severity === 'error' && !f.acknowledged)) {
      errors.set(failed.rule, (errors.get(failed.rule) ?? 0) + 1);
      details.push(`${failed.rule} ${r.constructPath}: ${failed.detail}`);
    }
  }
  const notJudgedTypes = new Map<string, number>();
  verdicts.notJudged.forEach((x) => notJudgedTypes.set(x.type, (notJudgedTypes.get(x.type) ?? 0) + x.count));
  return { name, resources: verdicts.resources.length, errors, details, notJudgedTypes, notJudged: verdicts.notJudged.reduce((n, x) => n + x.count, 0) };
}

function main(): void {
  const args = process.argv.slice(2);
  const showDetails = args.includes('--details');
  const [checkout, ...only] = args.filter((a) => a !== '--details' && a !== '--keep');
  if (!checkout) {
    console.error('usage: npm run bench:examples -- <aws-cdk-examples checkout> [--details] [--keep] [example ...]');
    process.exitCode = 2;
    return;
  }
  const base = path.join(checkout, 'typescript');
  const names = only.length > 0 ? only : fs.readdirSync(base).filter((n) => fs.statSync(path.join(base, n)).isDirectory()).sort();
  const results = names.map((n) => judgeExample(path.join(base, n)));
  for (const r of results) {
    if (r.skipped) {
      console.log(`${r.name}: skipped (${r.skipped})`);
    } else {
      const rules = [...r.errors!].map(([rule, n]) => `${rule}×${n}`).join(' ');
      console.log(`${r.name}: ${r.resources} resources, ${r.notJudged} not judged, errors: ${rules || 'none'}`);
      if (showDetails) {
        r.details!.forEach((d) => console.log(`  ${d}`));
      }
    }
  }
  const judged = results.filter((r) => !r.skipped);
  console.log(`apps_judged: ${judged.length}/${results.length}`);
  console.log(`resources: ${judged.reduce((n, r) => n + r.resources!, 0)}`);
  console.log(`not_judged: ${judged.reduce((n, r) => n + r.notJudged!, 0)}`);
  const types = new Map<string, number>();
  judged.forEach((r) => r.notJudgedTypes!.forEach((n, t) => types.set(t, (types.get(t) ?? 0) + n)));
  console.log(`not_judged_types: ${[...types].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t}×${n}`).join(' ')}`);
  console.log(`errors: ${judged.reduce((n, r) => n + [...r.errors!.values()].reduce((a, b) => a + b, 0), 0)}`);
}

main();
