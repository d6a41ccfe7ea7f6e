import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, Stack, Validations } from 'aws-cdk-lib';
import { synthWithEvidence } from '../../evidence/writer';
import { Soc2MlChecks } from '../../pack/soc2-ml-checks';
import { forgetTemplateFiles, keepTemplateFiles, readTemplateFile, templateFilesKept } from '../../pack/template-files';

// Whole seconds, so the time set is the time read back on every file system.
const WRITTEN_AT = new Date('2024-01-01T00:00:00Z');
const LATER = new Date('2024-01-01T00:01:00Z');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2ml-template-files-'));
let file: string;

/** Write `text` to the file and set its modification time. */
function write(text: string, at = WRITTEN_AT) {
  fs.writeFileSync(file, text);
  fs.utimesSync(file, at, at);
}

// The same length, so only the modification time can tell the two apart.
const FIRST = '{"Resources":{"A":{"Type":"AWS::S3::Bucket"}}}';
const SECOND = '{"Resources":{"B":{"Type":"AWS::S3::Bucket"}}}';

beforeEach(() => {
  forgetTemplateFiles();
  file = path.join(dir, `${expect.getState().currentTestName?.replace(/\W+/g, '-')}.template.json`);
  write(FIRST);
});

afterAll(() => {
  forgetTemplateFiles();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('reads a template\'s text and its JSON', () => {
  expect(readTemplateFile(file)).toEqual({ text: FIRST, json: { Resources: { A: { Type: 'AWS::S3::Bucket' } } } });
});

test('reads text beyond ASCII as UTF-8: Latin-1 letters, symbols, other scripts and emoji', () => {
  const description = 'Café • 訓練データ … 🔒';
  const text = JSON.stringify({ Description: description, Resources: {} });
  write(text);
  expect(readTemplateFile(file)).toEqual({ text, json: { Description: description, Resources: {} } });
});

test('a remembered file is served from memory while its size and mtime are unchanged', () => {
  const first = readTemplateFile(file, true);
  write(SECOND);
  const again = readTemplateFile(file);
  expect(again.text).toBe(FIRST);
  // Not parsed again: the very JSON the first read parsed.
  expect(again.json).toBe(first.json);
});

test('a file read without remember is read again each time', () => {
  readTemplateFile(file);
  write(SECOND);
  expect(readTemplateFile(file).text).toBe(SECOND);
});

test('a remembered file whose mtime changed is read again', () => {
  readTemplateFile(file, true);
  write(SECOND, LATER);
  expect(readTemplateFile(file).text).toBe(SECOND);
});

test('a remembered file whose size changed is read again', () => {
  readTemplateFile(file, true);
  const longer = '{"Resources":{"Longer":{"Type":"AWS::S3::Bucket"}}}';
  write(longer);
  expect(readTemplateFile(file).json).toEqual({ Resources: { Longer: { Type: 'AWS::S3::Bucket' } } });
});

test('a file read again after a change is remembered afresh', () => {
  readTemplateFile(file, true);
  write(SECOND, LATER);
  const second = readTemplateFile(file, true);
  write(FIRST, LATER);
  expect(readTemplateFile(file).text).toBe(SECOND);
  expect(readTemplateFile(file).json).toBe(second.json);
});

test('forgetting the templates reads every file again', () => {
  readTemplateFile(file, true);
  write(SECOND);
  forgetTemplateFiles();
  expect(readTemplateFile(file).text).toBe(SECOND);
});

test('a file that is not JSON throws', () => {
  write('{"Resources":');
  expect(() => readTemplateFile(file, true)).toThrow(SyntaxError);
});

test('a missing file throws', () => {
  expect(() => readTemplateFile(path.join(dir, 'missing.template.json'))).toThrow(/ENOENT/);
});

describe('keeping templates for the evidence', () => {
  /** A small app checked by the pack, synthesized into a fresh directory; the template file it wrote. */
  function synthChecked(synth: (app: App) => unknown): Promise<string> | string {
    const app = new App({ outdir: fs.mkdtempSync(path.join(dir, 'app-')), context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
    Validations.of(app).addPlugins(new Soc2MlChecks());
    new Stack(app, 'S');
    const file = path.join(app.outdir, 'S.template.json');
    const done = synth(app);
    return done instanceof Promise ? done.then(() => file) : file;
  }
  /** Whether two reads of a file give the same parsed object (it is remembered). */
  const isRemembered = (f: string) => readTemplateFile(f).json === readTemplateFile(f).json;

  test('a plain synth keeps nothing past the pack\'s validation', () => {
    expect(templateFilesKept()).toBe(false);
    const f = synthChecked((app) => app.synth()) as string;
    expect(isRemembered(f)).toBe(false);
  });

  test('while kept, the pack\'s reads are remembered; the release forgets them, once no one keeps them', () => {
    const outer = keepTemplateFiles();
    const inner = keepTemplateFiles();
    const f = synthChecked((app) => app.synth()) as string;
    expect(isRemembered(f)).toBe(true);
    inner();
    inner(); // a second release of the same keeper changes nothing
    expect(templateFilesKept()).toBe(true);
    expect(isRemembered(f)).toBe(true);
    outer();
    expect(templateFilesKept()).toBe(false);
    expect(isRemembered(f)).toBe(false);
  });

  test('synthWithEvidence keeps them for its evidence and forgets them after', async () => {
    let keptDuringSynth: boolean | undefined;
    const f = await synthChecked((app) => {
      Aspects.of(app).add({ visit: () => { keptDuringSynth = templateFilesKept(); } });
      return synthWithEvidence(app);
    });
    expect(keptDuringSynth).toBe(true);
    expect(templateFilesKept()).toBe(false);
    expect(isRemembered(f)).toBe(false);
  });
});
