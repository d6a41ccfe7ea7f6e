/*
 * The README's TypeScript examples type-check against the package's API, so a renamed prop or
 * construct cannot leave the documentation behind. Each example is compiled on its own, in
 * memory, as the body of a function inside a construct: its imports are kept (`cdk-soc2-ml`
 * resolves to this repository's index), and the names an example takes from its surroundings
 * (`env`, `alerts`, `bucket`, ...) are left undeclared. Errors about those names are expected;
 * every other error — an unknown prop, a missing required prop, a wrong type, an unknown export —
 * fails the test.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { REPO_ROOT } from './helpers/app-context';

/** Errors an example raises only because it uses names its surroundings would declare. */
const SURROUNDINGS = new Set([
  2304, // Cannot find name 'x'.
  2552, // Cannot find name 'x'. Did you mean 'y'?
  18004, // No value exists in scope for the shorthand property 'x'.
  7005, 7006, 7031, // implicitly has an 'any' type (a callback parameter of an undeclared value)
]);

interface Example {
  readonly line: number;
  readonly source: string;
}

function examples(): Example[] {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf-8');
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
    .map((m) => ({ line: readme.slice(0, m.index).split('\n').length, source: m[1] }));
}

/** The example as a module: its imports on top, the rest as a function body run with `this` a construct. */
function asModule(source: string): string {
  const fromIndex = (text: string) => text.replace(/from 'cdk-soc2-ml'/g, `from ${JSON.stringify(path.join(REPO_ROOT, 'index'))}`);
  // A complete program (an app's entry point, with its shebang) is a module as it stands.
  if (source.startsWith('#!')) {
    return fromIndex(source.replace(/^#!.*\n/, ''));
  }
  const imports: string[] = [];
  const body: string[] = [];
  let inImport = false;
  for (const line of source.split('\n')) {
    if (inImport || /^import /.test(line)) {
      imports.push(fromIndex(line));
      inImport = !/;\s*$/.test(line);
    } else {
      body.push(line);
    }
  }
  // `this` is whatever construct the example is written in (a Stack, an MlEnvironment).
  return `${imports.join('\n')}\nexport function example(this: any): void {\n${body.join('\n')}\n}\n`;
}

const OPTIONS: ts.CompilerOptions = {
  strict: true, noEmit: true, esModuleInterop: true, skipLibCheck: true,
  target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, types: ['node'],
};
const DIR = path.join(REPO_ROOT, '.tmp', 'readme-examples');

/** Type-check modules held in memory (by absolute path); the diagnostics of those modules. */
function compile(files: ReadonlyMap<string, string>): ts.Diagnostic[] {
  const host = ts.createCompilerHost(OPTIONS);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => files.has(f) || fileExists.call(host, f);
  host.readFile = (f) => files.get(f) ?? readFile.call(host, f);
  host.getSourceFile = (f, language, ...rest) => files.has(f)
    ? ts.createSourceFile(f, files.get(f)!, language)
    : getSourceFile.call(host, f, language, ...rest);
  return ts.getPreEmitDiagnostics(ts.createProgram([...files.keys()], OPTIONS, host)).filter((d) => d.file && files.has(d.file.fileName));
}

/** An example with a misspelt prop, compiled with the README's: the check must catch it. */
const MISSPELT = path.join(DIR, 'misspelt.ts');

describe('the README\'s TypeScript examples', () => {
  const all = examples();
  const diagnostics = new Map<number, string[]>();
  let misspelt: number[];

  beforeAll(() => {
    const files = new Map(all.map((e) => [path.join(DIR, `line-${e.line}.ts`), asModule(e.source)]));
    files.set(MISSPELT, asModule("import { DataClassification, SecureBucket } from 'cdk-soc2-ml';\nnew SecureBucket(this, 'B', { dataClasification: DataClassification.INTERNAL });\n"));
    const found = compile(files);
    misspelt = found.filter((d) => d.file!.fileName === MISSPELT).map((d) => d.code);
    for (const d of found.filter((x) => x.file!.fileName !== MISSPELT && !SURROUNDINGS.has(x.code))) {
      const line = Number(/line-(\d+)\.ts$/.exec(d.file!.fileName)![1]);
      const at = d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line;
      diagnostics.set(line, [...(diagnostics.get(line) ?? []), `line ${at}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`]);
    }
  }, 120_000);

  test('there are examples to check', () => {
    expect(all.length).toBeGreaterThan(20);
  });

  test('each one type-checks against the API', () => {
    expect(Object.fromEntries([...diagnostics].map(([line, errors]) => [`README.md:${line}`, errors]))).toEqual({});
  });

  test('the check sees a prop the API does not have', () => {
    // Object literal may only specify known properties, but 'dataClasification' does not exist. Did you mean ...?
    expect(misspelt).toContain(2561);
  });
});
