/*
 * Logical ids are public API: a changed id makes CloudFormation replace the resource (a new,
 * empty bucket; a new key). Every resource of the default app and its variants keeps the id and
 * type pinned in test/platform/logical-ids.snapshot.json; an intended change regenerates the file with
 * `npm run snapshot:ids` in the same commit, with the reason in the message.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { buildDefaultApp } from '../../platform/default-app';
import { VARIANTS } from '../fixtures/default-app-variants';
import { cdkJsonContext, tempOutdir } from '../helpers/app-context';
import { logicalIdsOf } from '../helpers/logical-ids';

const snapshot = JSON.parse(fs.readFileSync(path.join(__dirname, 'logical-ids.snapshot.json'), 'utf-8')) as Record<string, unknown>;

test.each(Object.keys(VARIANTS))('the %s variant keeps every logical id and type of the snapshot', (name) => {
  const outdir = tempOutdir();
  const app = new App({ outdir, context: cdkJsonContext(VARIANTS[name as keyof typeof VARIANTS]) });
  buildDefaultApp(app, undefined, { validationPlugins: [] });
  app.synth();
  expect(logicalIdsOf(outdir)).toEqual(snapshot[name]);
});
