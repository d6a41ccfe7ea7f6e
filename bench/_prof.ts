import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { buildDefaultApp } from '../platform/default-app';
import { Soc2MlChecks } from '../pack/soc2-ml-checks';
process.env.CDK_VALIDATION = 'false';
const context = { ...JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'cdk.json'), 'utf-8')).context, '@aws-cdk/core:failSynthOnValidationErrors': false, 'aws:cdk:enable-path-metadata': true };
function once(pack: boolean) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'p-'));
  const app = new App({ outdir: dir, context });
  buildDefaultApp(app, undefined, { validationPlugins: pack ? [new Soc2MlChecks(app)] : [] });
  const s = Date.now(); app.synth(); const ms = Date.now() - s; fs.rmSync(dir, { recursive: true, force: true }); return ms;
}
const mode = process.argv[2];
once(true); once(false);
const a: number[] = [], b: number[] = [];
for (let i = 0; i < Number(process.argv[3] ?? 5); i++) { if (mode !== 'pack') a.push(once(false)); b.push(once(true)); }
console.log('none', a.join(','), 'pack', b.join(','));
