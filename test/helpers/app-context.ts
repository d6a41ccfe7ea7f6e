import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

/** The context `npx cdk synth` gives the app: cdk.json's feature flags, plus overrides. */
export function cdkJsonContext(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdk.json'), 'utf-8')) as { context: Record<string, unknown> };
  return { ...cdkJson.context, ...overrides };
}

/** A fresh directory for a cloud assembly. */
export function tempOutdir(prefix = 'soc2ml-app-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The repository root. */
export const REPO_ROOT = ROOT;

/**
 * The template files of a cloud assembly, nested assemblies (a pipeline's stages, `assembly-<stage>/`)
 * included: paths relative to `outdir`, sorted.
 */
export function templateFilesOf(outdir: string): string[] {
  return fs.readdirSync(outdir, { recursive: true, encoding: 'utf-8' }).filter((f) => f.endsWith('.template.json')).sort();
}

/** The README and every page under docs/, as one text: what a reader can find. */
export function documentationText(): string {
  const docs = path.join(REPO_ROOT, 'docs');
  const pages = fs.readdirSync(docs, { recursive: true, encoding: 'utf-8' }).filter((f) => f.endsWith('.md')).sort();
  return [path.join(REPO_ROOT, 'README.md'), ...pages.map((f) => path.join(docs, f))].map((f) => fs.readFileSync(f, 'utf-8')).join('\n');
}

/**
 * An acknowledgement id as the documentation lists it: ids that name an environment's resources
 * (`…/prod-…`, `soc2ml-prod-…`, `…/incidents/prod/…`) are listed once, with `<env>` for the name.
 */
export function listedAcknowledgementId(id: string, at: string): string {
  const env = /^soc2ml-(dev|staging|prod)\//.exec(at)?.[1];
  return env === undefined ? id : id.split(`/${env}-`).join('/<env>-').split(`-${env}-`).join('-<env>-').split(`/${env}/`).join('/<env>/');
}
