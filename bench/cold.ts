/*
 * npm run bench:cold: the packs' cost on the synth users run, one synth per fresh process (as
 * `cdk synth` does: nothing cached, the code not yet optimized, no garbage from an earlier synth).
 * The variants run interleaved, BENCH_COLD_RUNS processes each; prints medians and ratios as
 * `name: value` lines. `npm run bench` measures the same variants warm, in one process.
 */
import { execFileSync } from 'child_process';
import * as os from 'os';
import * as path from 'path';
import { median, PACK_VARIANTS, PackVariant } from './context';

const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 9);
const VARIANTS = Object.keys(PACK_VARIANTS) as PackVariant[];
const CHILD = path.join(__dirname, 'cold-synth.ts');

function synthOnce(variant: string): number {
  const out = execFileSync(process.execPath, ['--import', 'tsx', CHILD, variant], { encoding: 'utf-8', stdio: ['ignore', 'pipe', 'ignore'] });
  const ms = Number(out.trim().split('\n').pop());
  if (!Number.isFinite(ms)) {
    throw new Error(`bench/cold-synth.ts ${variant} printed no time: ${out.slice(-300)}`);
  }
  return ms;
}

const samples = Object.fromEntries(VARIANTS.map((v) => [v, [] as number[]])) as Record<PackVariant, number[]>;
for (let i = 0; i < RUNS; i++) {
  // Rotated each round, so page cache and CPU frequency favour no variant.
  for (let j = 0; j < VARIANTS.length; j++) {
    const v = VARIANTS[(i + j) % VARIANTS.length];
    samples[v].push(synthOnce(v));
  }
}
const m = Object.fromEntries(VARIANTS.map((v) => [v, median(samples[v])])) as Record<PackVariant, number>;
const lines: [string, string][] = [
  ['machine', `${os.cpus().length} x ${os.cpus()[0]?.model.trim()}, node ${process.version}`],
  ['processes_per_variant', String(RUNS)],
  ['cold_synth_default_app_ms', m.none.toFixed(0)],
  ['cold_pack_overhead_ratio', (m.soc2ml / m.none).toFixed(3)],
  ['cold_plugin_framework_overhead_ratio', (m.framework / m.none).toFixed(3)],
  ['cold_pack_over_framework_ratio', (m.soc2ml / m.framework).toFixed(3)],
  ['cold_aws_solutions_overhead_ratio', (m.awsSolutions / m.none).toFixed(3)],
];
for (const [k, v] of lines) {
  console.log(`${k}: ${v}`);
}
