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
 * The documentation acknowledgements are listed in: the README and every page under docs/ (an
 * acknowledgement is listed on the page of the feature that makes it, for example docs/incidents.md).
 */
export function documentationText(): string {
  const docs = path.join(ROOT, 'docs');
  const pages = fs.readdirSync(docs).filter((f) => f.endsWith('.md')).map((f) => fs.readFileSync(path.join(docs, f), 'utf-8'));
  return [fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8'), ...pages].join('\n');
}

/**
 * An acknowledgement id as the documentation lists it: ids that name an environment's resources
 * (`…/prod-…`, `soc2ml-prod-…`, `…/incidents/prod/…`) are listed once, with `<env>` for the name.
 */
export function listedAcknowledgementId(id: string, at: string): string {
  const env = /^soc2ml-(dev|staging|prod)\//.exec(at)?.[1];
  return env === undefined ? id : id.split(`/${env}-`).join('/<env>-').split(`-${env}-`).join('-<env>-').split(`/${env}/`).join('/<env>/');
}
