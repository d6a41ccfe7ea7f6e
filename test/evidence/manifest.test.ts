/*
 * evidence/manifest.ts: versions, stacks and file hashes from inputs built in the test; the git
 * revision of a work tree made in the test, and none outside one.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Conclusion } from '../../evidence/checks';
import { buildManifest, readSourceRevision, sha256 } from '../../evidence/manifest';
import { stackInput } from './helpers';

const CHECKS = { synthesis: Conclusion.PASSED, checks: [{ plugin: 'Soc2Ml', version: '1.2.3', ruleCount: 9, conclusion: Conclusion.PASSED, findings: { errors: 0, warnings: 0, other: 0, acknowledged: 0 } }] };

describe('buildManifest', () => {
  const manifest = buildManifest({
    checks: CHECKS,
    stacks: [stackInput('Prod', { Bucket: { Type: 'AWS::S3::Bucket' } }), stackInput('Dev', {})],
    files: new Map([['z.json', '{}\n'], ['a.md', 'text']]),
    source: { commit: 'c0ffee', commitDate: '2026-01-02T03:04:05+00:00', uncommittedChanges: false },
  });

  test('names the package, aws-cdk-lib and each check with its version and rule count', () => {
    expect(manifest.generator).toEqual({ package: 'cdk-soc2-ml', version: expect.stringMatching(/^\d+\.\d+\.\d+/), awsCdkLib: expect.stringMatching(/^2\./) });
    expect(manifest.checks).toEqual([{ plugin: 'Soc2Ml', version: '1.2.3', rules: 9 }]);
  });

  test('lists the stacks by path with account and region (environment-agnostic ones say so) and the hash of their templates', () => {
    expect(manifest.stacks.map((s) => [s.stack, s.account, s.region])).toEqual([['Dev', 'environment-agnostic', 'environment-agnostic'], ['Prod', 'environment-agnostic', 'environment-agnostic']]);
    expect(manifest.stacks[0].templateSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('lists each file, sorted, with its SHA-256 and size', () => {
    expect(manifest.files).toEqual([
      { file: 'a.md', sha256: sha256('text'), bytes: 4 },
      { file: 'z.json', sha256: sha256('{}\n'), bytes: 3 },
    ]);
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  test('leaves the source out when there is none', () => {
    expect(buildManifest({ checks: CHECKS, stacks: [], files: new Map() })).not.toHaveProperty('source');
  });
});

describe('readSourceRevision', () => {
  const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf-8' });
  let repo: string;

  beforeAll(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2ml-manifest-git-'));
    git(repo, 'init', '-q');
    fs.writeFileSync(path.join(repo, 'app.ts'), 'app');
    git(repo, 'add', '.');
    git(repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'first', '--date', '2026-01-02T03:04:05Z');
  });

  test('in a clean work tree: the commit, its committer date, no uncommitted changes', () => {
    expect(readSourceRevision(repo)).toEqual({ commit: git(repo, 'rev-parse', 'HEAD').trim(), commitDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), uncommittedChanges: false });
  });

  test('the assembly being written does not count as a change; any other file does', () => {
    fs.mkdirSync(path.join(repo, 'cdk.out'));
    fs.writeFileSync(path.join(repo, 'cdk.out', 'manifest.json'), '{}');
    expect(readSourceRevision(repo, path.join(repo, 'cdk.out'))?.uncommittedChanges).toBe(false);
    fs.writeFileSync(path.join(repo, 'app.ts'), 'changed');
    expect(readSourceRevision(repo, path.join(repo, 'cdk.out'))?.uncommittedChanges).toBe(true);
  });

  test('outside a git work tree: nothing, never the clock', () => {
    expect(readSourceRevision(fs.mkdtempSync(path.join(os.tmpdir(), 'soc2ml-manifest-nogit-')))).toBeUndefined();
  });
});
