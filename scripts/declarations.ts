/*
 * The shipped sources, and whether .tmp/types holds a declaration of each written after its last
 * change (`npm run typecheck` writes them there for the API report). `npm run build` copies them
 * rather than running tsc again; `npm run docs:examples` type-checks the documentation's examples
 * against them rather than against the sources.
 */
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.join(__dirname, '..');
export const DECLARATIONS = path.join(ROOT, '.tmp', 'types');
/** What the package ships: tsconfig.build.json's `include`, and the handlers' shared code the command line imports. */
const SHIPPED = ['index.ts', 'core', 'constructs', 'settings', 'platform', 'pack', 'evidence', 'cli', path.join('handlers', 'shared')];

/** The shipped TypeScript sources, relative to the repository. */
export function shippedSources(): string[] {
  return SHIPPED.flatMap((p) => (p.endsWith('.ts')
    ? [p]
    : fs.readdirSync(path.join(ROOT, p), { recursive: true, encoding: 'utf-8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => path.join(p, f))));
}

/** Whether .tmp/types holds a declaration of every shipped source, written after its last change. */
export function declarationsAreFresh(sources: readonly string[] = shippedSources()): boolean {
  return sources.every((s) => {
    const declaration = path.join(DECLARATIONS, s.replace(/\.ts$/, '.d.ts'));
    return fs.existsSync(declaration) && fs.statSync(declaration).mtimeMs >= fs.statSync(path.join(ROOT, s)).mtimeMs;
  });
}
