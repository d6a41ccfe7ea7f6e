import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { forgetTemplateFiles, readTemplateFile } from '../../pack/template-files';

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
