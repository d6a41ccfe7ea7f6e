import { isAscii } from 'buffer';
import * as fs from 'fs';
import { Json } from './json';

/** A template file as read: its text (for line numbers) and its JSON. */
export interface TemplateFile {
  readonly text: string;
  readonly json: Json;
}

interface Remembered extends TemplateFile {
  readonly mtimeMs: number;
  readonly size: number;
}

/*
 * The templates the pack read in its last validation, kept for the audit evidence that reads the
 * same files right after synth (parsing them is most of the evidence's reading), and only while a
 * synth with evidence asks for it: a plain synth keeps nothing past its validation, so a process
 * that synthesizes again does not carry the last app's parsed templates into the next. The pack
 * forgets the previous synth's templates first, so the cache holds one app's templates at most. A
 * file is served from memory only while its size and modification time are those it was read with.
 */
const remembered = new Map<string, Remembered>();
let keepers = 0;

/** Forget every remembered template (a new validation begins). */
export function forgetTemplateFiles(): void {
  remembered.clear();
}

/**
 * Keep the templates the pack reads from now on for the evidence that follows the synth; the
 * function returned ends that (and forgets them once no one keeps them).
 */
export function keepTemplateFiles(): () => void {
  keepers++;
  let released = false;
  return () => {
    if (!released) {
      released = true;
      keepers--;
      if (keepers === 0) {
        forgetTemplateFiles();
      }
    }
  };
}

/** Whether templates read by the pack are to be kept (a synth with evidence is under way). */
export function templateFilesKept(): boolean {
  return keepers > 0;
}

/** Read and parse a template file; with `remember`, keep it for the next reader of the same file. */
export function readTemplateFile(file: string, remember = false): TemplateFile {
  const stat = fs.statSync(file);
  const known = remembered.get(file);
  if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) {
    return known;
  }
  const text = decode(fs.readFileSync(file));
  const read = { text, json: JSON.parse(text) as Json };
  if (remember) {
    remembered.set(file, { ...read, mtimeMs: stat.mtimeMs, size: stat.size });
  }
  return read;
}

const utf8 = new TextDecoder();

/**
 * A file's text: ASCII (what CDK writes unless a value holds other characters) copied as it is,
 * anything else decoded as UTF-8 by `TextDecoder`, which on Node 20 reads and parses a template
 * about a fifth faster than `readFileSync(file, 'utf-8')` does (measured on the default app's
 * templates, one non-ASCII character added to each).
 */
function decode(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : utf8.decode(bytes);
}
