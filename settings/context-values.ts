import { Soc2MlError } from '../core/errors';
import { didYouMean } from '../core/did-you-mean';
/*
 * Readers of context values, shared by every settings module: each checks the value's shape and
 * names the context key, the value and the fix. What a value means is checked by the validators
 * of the construct that takes it (core/names.ts, constructs/private/), called with the key.
 */

/** A JSON object read from context. */
export type ContextObject = Record<string, unknown>;

/** Run a construct's validator on a context value: its error then names the context key. */
export function wrap<T>(key: string, make: () => T): T {
  try {
    return make();
  } catch (e) {
    // Our error already says all a person needs; anything else keeps its cause for a bug report.
    throw new Soc2MlError(`${key}: ${(e as Error).message}`, Soc2MlError.isSoc2MlError(e) ? undefined : { cause: e });
  }
}

/** Parse a JSON string given on the command line (`-c key='…'`); `expected` completes "pass …". */
export function parseJson(text: string, key: string, expected: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Soc2MlError(`${key} is ${JSON.stringify(text)}, which does not parse as JSON: pass ${expected}.`);
  }
}

/** A string value (trimmed); undefined when absent or empty. */
export function readString(value: unknown, key: string): string | undefined {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new Soc2MlError(`${key} is ${JSON.stringify(value)}: pass a string.`);
  }
  return value.trim();
}

/** A string that must be there; `what` completes "pass …". */
export function requiredString(value: unknown, key: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Soc2MlError(`${key} is ${JSON.stringify(value)}: pass ${what}.`);
  }
  return value.trim();
}

/** `true`/`false` (or their strings, as `-c` passes them); undefined when absent. */
export function readBoolean(value: unknown, key: string): boolean | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (value === true || value === 'true') {
    return true;
  }
  if (value === false || value === 'false') {
    return false;
  }
  throw new Soc2MlError(`${key} is ${JSON.stringify(value)}: pass true or false.`);
}

const JSON_LIST_OR_CSV = 'valid JSON (a JSON array or object), or a comma-separated list where a list is expected';

/** A list of strings: a JSON array (cdk.json), or a comma-separated string or JSON array string (`-c`). */
export function readList(value: unknown, key: string): string[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('[')) {
      return readList(parseJson(text, key, JSON_LIST_OR_CSV), key);
    }
    return text === '' ? [] : text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return value.map((v: string) => v.trim());
  }
  throw new Soc2MlError(`${key} is ${JSON.stringify(value)}: pass a list of strings (a JSON array in cdk.json, or a comma-separated string with -c).`);
}

/** A JSON array, given as JSON in cdk.json or as a JSON string with `-c`; [] when absent. */
export function readJsonList(value: unknown, key: string): unknown[] {
  if (value === undefined || value === null || value === '') {
    return [];
  }
  const parsed = typeof value === 'string' ? parseJson(value, key, JSON_LIST_OR_CSV) : value;
  if (!Array.isArray(parsed)) {
    throw new Soc2MlError(`${key} is ${JSON.stringify(value)}: pass a JSON array (in cdk.json, or as a JSON string with -c).`);
  }
  return parsed;
}

/** A JSON object; `fix` completes "<key> is <value>: …". */
export function readObject(value: unknown, key: string, fix: string): ContextObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Soc2MlError(`${key} is ${JSON.stringify(value)}: ${fix}.`);
  }
  return value as ContextObject;
}

/** Refuse a field the object does not have, naming the fields it has. */
export function rejectUnknownFields(o: ContextObject, known: readonly string[], key: string): void {
  const unknown = Object.keys(o).find((k) => !known.includes(k));
  if (unknown !== undefined) {
    throw new Soc2MlError(`${key} has an unknown field "${unknown}":${didYouMean(unknown, known)} the fields are ${known.join(', ')}.`);
  }
}
