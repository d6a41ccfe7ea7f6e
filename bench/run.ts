/*
 * npm run bench: the pack's cost, as ratios against a baseline measured in the same run, and the
 * audit evidence's cost over the synth it follows. Synthesis runs with CDK_VALIDATION=false so
 * CloudFormation Validate's cost does not hide the packs'. Prints `name: value` lines.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, IPolicyValidationPlugin, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { buildDefaultApp } from '../platform/default-app';
import { synthWithEvidence } from '../evidence/writer';
import { Soc2MlChecks } from '../pack/soc2-ml-checks';
import { addWorkload } from './workloads';
import { median, PACK_VARIANTS, PackVariant, roundRatioSpread, synthContext } from './context';

process.env.CDK_VALIDATION = 'false';

const context = synthContext();
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WORKLOADS_PER_STACK = 75; // 6 resources each, under CloudFormation's 500 per stack

function outdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'soc2ml-bench-'));
}

const gc = (globalThis as { gc?: () => void }).gc;

function timeOnce(build: (app: App) => void): number {
  // Collect garbage outside the timed region, so one variant does not pay for another's.
  gc?.();
  const dir = outdir();
  const app = new App({ outdir: dir, context });
  build(app);
  const start = process.hrtime.bigint();
  app.synth();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  fs.rmSync(dir, { recursive: true, force: true });
  return ms;
}

/**
 * Median time of each variant, runs interleaved so drift hits every variant alike, the order
 * rotated each round so no variant always follows the same one (a synth leaves the heap shaped for
 * the next).
 */
function measure(variants: Record<string, (app: App) => void>): { medians: Record<string, number>; samples: Record<string, number[]> } {
  for (const build of Object.values(variants)) {
    timeOnce(build); // warm-up: module loading and JIT
  }
  const entries = Object.entries(variants);
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let i = 0; i < RUNS; i++) {
    for (let j = 0; j < entries.length; j++) {
      const [name, build] = entries[(i + j) % entries.length];
      samples[name].push(timeOnce(build));
    }
  }
  return { medians: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])), samples };
}

const defaultApp = (plugins: (app: App) => IPolicyValidationPlugin[]) => (app: App) => {
  buildDefaultApp(app, undefined, { validationPlugins: plugins(app) });
};

function mlApp(workloads: number) {
  return (app: App) => {
    buildDefaultApp(app, undefined, { validationPlugins: [new Soc2MlChecks(app)] });
    for (let s = 0; s * WORKLOADS_PER_STACK < workloads; s++) {
      const stack = new Stack(app, `workloads-${s}`);
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      const roleArn = stack.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: 'ml-execution' });
      for (let w = s * WORKLOADS_PER_STACK; w < Math.min(workloads, (s + 1) * WORKLOADS_PER_STACK); w++) {
        addWorkload(stack, `W${w}`, key, roleArn);
      }
    }
  };
}

/** cdk-nag packs do not list their rules; count the rules the pack applies. */
function awsSolutionsRuleCount(): number {
  const source = fs.readFileSync(require.resolve('cdk-nag/lib/packs/aws-solutions.js'), 'utf-8');
  return (source.match(/this\.applyRule\(/g) ?? []).length;
}

/**
 * The default app as `npx cdk synth` builds it (every pack), synthesized without and with the
 * evidence, interleaved; the median of each. The Graphviz module loads once per process, in the
 * warm-up, as it does once per `cdk synth`.
 */
async function measureEvidence(): Promise<{ plain: number; evidence: number }> {
  const once = async (withEvidence: boolean) => {
    gc?.();
    const dir = outdir();
    const app = new App({ outdir: dir, context });
    buildDefaultApp(app);
    const start = process.hrtime.bigint();
    if (withEvidence) {
      await synthWithEvidence(app);
    } else {
      app.synth();
    }
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    fs.rmSync(dir, { recursive: true, force: true });
    return ms;
  };
  await once(false);
  await once(true);
  const plain: number[] = [];
  const evidence: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    plain.push(await once(false));
    evidence.push(await once(true));
  }
  return { plain: median(plain), evidence: median(evidence) };
}

const packs = measure(Object.fromEntries(Object.entries(PACK_VARIANTS).map(([name, plugins]) => [name, defaultApp(plugins)])));
const times = packs.medians as Record<PackVariant, number>;
const scaling = measure({ w100: mlApp(100), w500: mlApp(500) }).medians;

const ourRules = new Soc2MlChecks().ruleIds.length;
const theirRules = awsSolutionsRuleCount();
const ourOverhead = times.soc2ml / times.none;
const theirOverhead = times.awsSolutions / times.none;
const lines: [string, string][] = [
  ['machine', `${os.cpus().length} x ${os.cpus()[0]?.model.trim()}, node ${process.version}`],
  ['runs', String(RUNS)],
  ['synth_default_app_ms', times.none.toFixed(0)],
  ['pack_overhead_ratio', ourOverhead.toFixed(3)],
  // The quartiles of the ratio taken round by round: a difference between runs inside them is noise.
  ['pack_overhead_ratio_round_quartiles', roundRatioSpread(packs.samples.soc2ml, packs.samples.none)],
  ['plugin_framework_overhead_ratio', (times.framework / times.none).toFixed(3)],
  ['pack_over_framework_ratio', (times.soc2ml / times.framework).toFixed(3)],
  ['soc2ml_rule_count', String(ourRules)],
  ['soc2ml_per_rule_cost', ((ourOverhead - 1) / ourRules).toFixed(5)],
  ['aws_solutions_overhead_ratio', theirOverhead.toFixed(3)],
  ['aws_solutions_over_framework_ratio', (times.awsSolutions / times.framework).toFixed(3)],
  ['aws_solutions_rule_count', String(theirRules)],
  ['aws_solutions_per_rule_cost', ((theirOverhead - 1) / theirRules).toFixed(5)],
  ['synth_check_100_workloads_ms', scaling.w100.toFixed(0)],
  ['synth_check_500_workloads_ms', scaling.w500.toFixed(0)],
  ['scaling_ratio_500_over_100', (scaling.w500 / scaling.w100).toFixed(3)],
];

void measureEvidence().then((evidence) => {
  lines.push(
    ['synth_default_app_all_packs_ms', evidence.plain.toFixed(0)],
    ['synth_with_evidence_ms', evidence.evidence.toFixed(0)],
    ['evidence_overhead_ratio', (evidence.evidence / evidence.plain).toFixed(3)],
  );
  for (const [k, v] of lines) {
    console.log(`${k}: ${v}`);
  }
});
