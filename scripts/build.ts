/*
 * `npm run build` (after the handler bundles): the package as it is published, into dist/.
 *
 * JavaScript: esbuild transpiles each shipped file on its own (the sources are written for it:
 * `isolatedModules`), in about a second. Declarations: tsc. `npm test` has just written every
 * declaration into .tmp/types (its type check emits them for the API report); when those are
 * newer than every shipped source they are copied rather than computed again, which is most of
 * what packing the package costs in the suite. Otherwise tsc writes them.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { buildSync } from 'esbuild';

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'dist');
const DECLARATIONS = path.join(ROOT, '.tmp', 'types');
/** What the package ships: tsconfig.build.json's `include`, and the handlers' shared code the command line imports. */
const SHIPPED = ['index.ts', 'core', 'constructs', 'settings', 'platform', 'pack', 'evidence', 'cli', path.join('handlers', 'shared')];

function shippedSources(): string[] {
  return SHIPPED.flatMap((p) => (p.endsWith('.ts')
    ? [p]
    : fs.readdirSync(path.join(ROOT, p), { recursive: true, encoding: 'utf-8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => path.join(p, f))));
}

function transpile(sources: readonly string[]): void {
  buildSync({
    entryPoints: sources.map((s) => path.join(ROOT, s)),
    outdir: OUT,
    outbase: ROOT,
    bundle: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
}

/** Whether .tmp/types holds a declaration of every shipped source, written after its last change. */
function declarationsAreFresh(sources: readonly string[]): boolean {
  return sources.every((s) => {
    const declaration = path.join(DECLARATIONS, s.replace(/\.ts$/, '.d.ts'));
    return fs.existsSync(declaration) && fs.statSync(declaration).mtimeMs >= fs.statSync(path.join(ROOT, s)).mtimeMs;
  });
}

function declare(sources: readonly string[]): string {
  if (declarationsAreFresh(sources)) {
    for (const s of sources) {
      const d = s.replace(/\.ts$/, '.d.ts');
      fs.mkdirSync(path.dirname(path.join(OUT, d)), { recursive: true });
      fs.copyFileSync(path.join(DECLARATIONS, d), path.join(OUT, d));
    }
    return 'copied from .tmp/types';
  }
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--emitDeclarationOnly'], { cwd: ROOT, stdio: 'inherit' });
  return 'written by tsc';
}

const sources = shippedSources();
transpile(sources);
const how = declare(sources);
console.log(`built ${sources.length} modules into dist/ (declarations ${how})`);
