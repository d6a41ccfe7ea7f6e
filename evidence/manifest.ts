import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { PACKAGE_NAME, packageVersion } from '../core/package-info';
import { ChecksDocument } from './checks';
import { cmp, StackInput } from './inputs';

/*
 * What ties the evidence folder to what was built: the package and check versions, the git
 * commit the app was synthesized from (when it is in a git work tree), the stacks with their
 * accounts and regions, and the SHA-256 of every other file of the folder. Nothing here reads the
 * clock: two synths of one commit write the same manifest, byte for byte.
 */

/** The commit the app was synthesized from. */
export interface SourceRevision {
  readonly commit: string;
  /** The commit's committer date, ISO 8601, as git records it. */
  readonly commitDate: string;
  /** Whether the work tree had changes not committed (the evidence folder's own assembly left out). */
  readonly uncommittedChanges: boolean;
}

export interface ManifestStack {
  readonly stack: string;
  /** The account, or `environment-agnostic` when the stack leaves it to deploy time. */
  readonly account: string;
  readonly region: string;
  readonly templateFile: string;
  readonly templateSha256: string;
}

export interface ManifestFile {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
}

export interface EvidenceManifest {
  readonly generator: { readonly package: string; readonly version: string; readonly awsCdkLib?: string };
  /** The checks that judged the app, with their versions. */
  readonly checks: readonly { readonly plugin: string; readonly version?: string; readonly rules?: number }[];
  /** Left out when the app is not in a git work tree. */
  readonly source?: SourceRevision;
  readonly stacks: readonly ManifestStack[];
  /** Every other file of the evidence folder. */
  readonly files: readonly ManifestFile[];
}

const AGNOSTIC = 'environment-agnostic';

export interface ManifestInputs {
  readonly checks: ChecksDocument;
  readonly stacks: readonly StackInput[];
  /** Evidence file name → its content. */
  readonly files: ReadonlyMap<string, string>;
  /** The source revision, read with `readSourceRevision`. */
  readonly source?: SourceRevision;
}

export function buildManifest(inputs: ManifestInputs): EvidenceManifest {
  return {
    generator: { package: PACKAGE_NAME, version: packageVersion(), awsCdkLib: awsCdkLibVersion() },
    checks: inputs.checks.checks.map((c) => ({ plugin: c.plugin, version: c.version, rules: c.ruleCount })),
    ...(inputs.source ? { source: inputs.source } : {}),
    stacks: inputs.stacks.map((s) => ({
      stack: s.stackPath,
      account: s.template.account ?? AGNOSTIC,
      region: s.template.region ?? AGNOSTIC,
      templateFile: s.templateFile,
      templateSha256: sha256(s.text),
    })).sort((a, b) => cmp(a.stack, b.stack)),
    files: [...inputs.files].map(([file, text]) => ({ file, sha256: sha256(text), bytes: Buffer.byteLength(text) })).sort((a, b) => cmp(a.file, b.file)),
  };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The git commit of the work tree holding `dir`, its date, and whether the tree has uncommitted
 * changes (paths under `ignore`, the assembly being written, are not counted); undefined outside
 * a git work tree or without git.
 */
export function readSourceRevision(dir: string, ignore?: string): SourceRevision | undefined {
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf-8', stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const [commit, commitDate] = git('log', '-1', '--format=%H%n%cI').trim().split('\n');
    const top = git('rev-parse', '--show-toplevel').trim();
    const ignored = ignore ? path.relative(top, path.resolve(ignore)).split(path.sep).join('/') : undefined;
    const changed = git('status', '--porcelain', '--untracked-files=normal').split('\n').filter((l) => l.trim() !== '')
      .map((l) => l.slice(3).replace(/^"|"$/g, ''))
      .filter((p) => !ignored || ignored.startsWith('..') || !(p === ignored || p.startsWith(`${ignored}/`) || `${ignored}/`.startsWith(p)));
    return commit && commitDate ? { commit, commitDate, uncommittedChanges: changed.length > 0 } : undefined;
  } catch {
    return undefined;
  }
}

function awsCdkLibVersion(): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(require.resolve('aws-cdk-lib/package.json'), 'utf-8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}
