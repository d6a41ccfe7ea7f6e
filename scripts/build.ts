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
import { DECLARATIONS, declarationsAreFresh, ROOT, shippedSources } from './declarations';

const OUT = path.join(ROOT, 'dist');

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

/**
 * Empty dist/ but for the handler bundles (`npm run bundle` has just written them): the compiled
 * form of a source since deleted or renamed must not be packed with the rest.
 */
function clean(): void {
  if (!fs.existsSync(OUT)) {
    return;
  }
  for (const entry of fs.readdirSync(OUT)) {
    if (entry !== 'assets') {
      fs.rmSync(path.join(OUT, entry), { recursive: true, force: true });
    }
  }
}

const sources = shippedSources();
clean();
transpile(sources);
const how = declare(sources);
console.log(`built ${sources.length} modules into dist/ (declarations ${how})`);
