/*
 * One synth of the default app in this process, as `cdk synth` runs it (a fresh process, code not
 * yet optimized), with the plugin the first argument names; prints the synth's milliseconds.
 * Run by bench/cold.ts.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { buildDefaultApp } from '../platform/default-app';
import { PACK_VARIANTS, PackVariant, synthContext } from './context';

process.env.CDK_VALIDATION = 'false';

const name = process.argv[2];
if (!(name in PACK_VARIANTS)) {
  console.error(`usage: cold-synth.ts <${Object.keys(PACK_VARIANTS).join('|')}>`);
  process.exit(2);
}
const variant = PACK_VARIANTS[name as PackVariant];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2ml-cold-'));
const app = new App({ outdir: dir, context: synthContext() });
buildDefaultApp(app, undefined, { validationPlugins: variant(app) });
const start = process.hrtime.bigint();
app.synth();
const ms = Number(process.hrtime.bigint() - start) / 1e6;
fs.rmSync(dir, { recursive: true, force: true });
console.log(ms.toFixed(1));
