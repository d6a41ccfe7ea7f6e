/*
 * Writes test/platform/logical-ids.snapshot.json: the logical id and type of every resource of the default
 * app and its variants. Logical ids are public API (a changed id replaces the resource), so the
 * suite compares every synth against this file; run `npm run snapshot:ids` only for an intended
 * change, and say why in the commit.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { buildDefaultApp } from '../platform/default-app';
import { cdkJsonContext, tempOutdir } from '../test/helpers/app-context';
import { VARIANTS } from '../test/fixtures/default-app-variants';
import { logicalIdsOf } from '../test/helpers/logical-ids';

process.env.CDK_VALIDATION = 'false';
const snapshot: Record<string, unknown> = {};
for (const [name, context] of Object.entries(VARIANTS)) {
  const outdir = tempOutdir();
  const app = new App({ outdir, context: cdkJsonContext(context) });
  buildDefaultApp(app, undefined, { validationPlugins: [] });
  app.synth();
  snapshot[name] = logicalIdsOf(outdir);
  fs.rmSync(outdir, { recursive: true, force: true });
}
fs.writeFileSync(path.join(__dirname, '..', 'test', 'platform', 'logical-ids.snapshot.json'), JSON.stringify(snapshot, undefined, 1) + '\n');
