/*
 * `npm run docs:examples`, part of `npm test`: the TypeScript examples of the README and of every
 * page under docs/ type-check against the package's API, so a renamed prop or construct cannot
 * leave the documentation behind. Each example is compiled on its own, in memory, as the body of
 * a function inside a construct: its imports are kept (`cdk-soc2-ml` resolves to this
 * repository's index), and the names an example takes from its surroundings (`env`, `alerts`,
 * `bucket`, ...) are left undeclared. Errors about those names are expected; every other error —
 * an unknown prop, a missing required prop, a wrong type, an unknown export — fails the check.
 * An example with a misspelt prop is compiled with them: the check fails if it does not see it.
 *
 * It runs after the type check (`npm run static:types`), against the declarations it writes, rather
 * than in the test runner: loading aws-cdk-lib's declarations is most of its cost.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { DECLARATIONS, declarationsAreFresh } from './declarations';

const ROOT = path.join(__dirname, '..');
/**
 * What `cdk-soc2-ml` resolves to: the declarations the type check has just written, when they are
 * up to date (compiling against them rather than every source takes a fraction of the time), or
 * the sources.
 */
const ENTRY = declarationsAreFresh() ? path.join(DECLARATIONS, 'index') : path.join(ROOT, 'index');

/** Errors an example raises only because it uses names its surroundings would declare. */
const SURROUNDINGS = new Set([
  2304, // Cannot find name 'x'.
  2552, // Cannot find name 'x'. Did you mean 'y'?
  18004, // No value exists in scope for the shorthand property 'x'.
  7005, 7006, 7031, // implicitly has an 'any' type (a callback parameter of an undeclared value)
]);
/** Object literal may only specify known properties, but 'x' does not exist. Did you mean 'y'? */
const MISSPELT_PROP = 2561;

interface Example {
  /** `README.md:123` */
  readonly at: string;
  readonly source: string;
}

/** The Markdown files whose examples are checked: the README and every page under docs/ (not the generated API reference, which has none). */
export function documentationFiles(): string[] {
  const docs = path.join(ROOT, 'docs');
  const pages = fs.existsSync(docs)
    ? fs.readdirSync(docs, { recursive: true, encoding: 'utf-8' }).filter((f) => f.endsWith('.md') && !f.startsWith(`api${path.sep}`)).map((f) => path.join('docs', f))
    : [];
  return ['README.md', ...pages.sort()];
}

function examples(): Example[] {
  return documentationFiles().flatMap((file) => {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf-8');
    return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => ({ at: `${file.split(path.sep).join('/')}:${text.slice(0, m.index).split('\n').length}`, source: m[1] }));
  });
}

/** The example as a module: its imports on top, the rest as a function body run with `this` a construct. */
function asModule(source: string): string {
  const fromIndex = (text: string) => text.replace(/from 'cdk-soc2-ml'/g, `from ${JSON.stringify(ENTRY)}`);
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
const DIR = path.join(ROOT, '.tmp', 'doc-examples');

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

/** The problems of the documentation's examples, by place; throws when the check itself cannot see a misspelt prop. */
export function checkDocExamples(): Map<string, string[]> {
  const all = examples();
  const names = new Map(all.map((e, i) => [path.join(DIR, `example-${i}.ts`), e]));
  const files = new Map([...names].map(([file, e]) => [file, asModule(e.source)]));
  const misspelt = path.join(DIR, 'misspelt.ts');
  files.set(misspelt, asModule("import { DataClassification, SecureBucket } from 'cdk-soc2-ml';\nnew SecureBucket(this, 'B', { dataClasification: DataClassification.INTERNAL });\n"));
  const found = compile(files);
  if (!found.some((d) => d.file!.fileName === misspelt && d.code === MISSPELT_PROP)) {
    throw new Error('The examples check did not see a misspelt prop: it checks nothing. Fix scripts/check-doc-examples.ts.');
  }
  const problems = new Map<string, string[]>();
  for (const d of found.filter((x) => x.file!.fileName !== misspelt && !SURROUNDINGS.has(x.code))) {
    const example = names.get(d.file!.fileName)!;
    const line = d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line;
    problems.set(example.at, [...(problems.get(example.at) ?? []), `line ${line}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`]);
  }
  if (all.length < 20) {
    problems.set('documentation', [`only ${all.length} TypeScript examples found: the check looks for \`\`\`ts blocks`]);
  }
  return problems;
}

if (require.main === module) {
  const problems = checkDocExamples();
  for (const [at, errors] of problems) {
    console.error(`${at}\n  ${errors.join('\n  ')}`);
  }
  if (problems.size > 0) {
    console.error(`\n${problems.size} documentation example(s) do not type-check against the API.`);
    process.exitCode = 1;
  } else {
    console.log(`Every TypeScript example in ${documentationFiles().join(', ')} type-checks against the API.`);
  }
}
