/*
 * The same app synthesized twice, into two different folders, yields byte-identical evidence:
 * stable order, and no time, stack trace or absolute path.
 */
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { buildDefaultApp } from '../../platform/default-app';
import { EVIDENCE_DIRECTORY, EVIDENCE_FILES } from '../../evidence/writer';
import { EvidenceManifest } from '../../evidence/manifest';
import { synthWithEvidence } from '../../evidence/writer';
import { cdkJsonContext, REPO_ROOT, tempOutdir } from '../helpers/app-context';
import { sharedDefaultAppEvidence } from '../helpers/default-app-evidence';
import { filesOf } from './helpers';

const runs: { outdir: string; files: Map<string, Buffer> }[] = [];

beforeAll(async () => {
  // One synth is the one other test files read (test/helpers/default-app-evidence.ts); the
  // second is this file's own, into another folder.
  const shared = await sharedDefaultAppEvidence();
  runs.push({ outdir: shared, files: filesOf(path.join(shared, EVIDENCE_DIRECTORY)) });
  const outdir = tempOutdir('soc2ml-evidence-determinism-');
  const app = new App({ outdir, context: cdkJsonContext() });
  buildDefaultApp(app);
  await synthWithEvidence(app);
  runs.push({ outdir, files: filesOf(path.join(outdir, EVIDENCE_DIRECTORY)) });
});

test('two synths of the default app write byte-identical evidence', () => {
  const [a, b] = runs;
  expect([...b.files.keys()]).toEqual([...a.files.keys()]);
  for (const [name, bytes] of a.files) {
    expect({ name, identical: bytes.equals(b.files.get(name)!) }).toEqual({ name, identical: true });
  }
});

test('no file holds an absolute path, a stack trace or a time, but the date of the commit synthesized', () => {
  for (const { outdir, files } of runs) {
    const commitDate = (JSON.parse(files.get(EVIDENCE_FILES.MANIFEST)!.toString('utf-8')) as EvidenceManifest).source?.commitDate;
    for (const [name, bytes] of files) {
      const text = commitDate ? bytes.toString('utf-8').split(commitDate).join('') : bytes.toString('utf-8');
      expect({ name, outdir: text.includes(outdir) }).toEqual({ name, outdir: false });
      expect({ name, repo: text.includes(REPO_ROOT) }).toEqual({ name, repo: false });
      expect({ name, tmp: /\/tmp\/|\/home\/|\/root\/|[A-Z]:\\/.test(text) }).toEqual({ name, tmp: false });
      expect({ name, trace: /\bat [^\s]+ \(|\.ts:\d+:\d+/.test(text) }).toEqual({ name, trace: false });
      expect({ name, time: /\b20\d\d-\d\d-\d\dT\d\d:\d\d/.test(text) }).toEqual({ name, time: false });
    }
  }
});
