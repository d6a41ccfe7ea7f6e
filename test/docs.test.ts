/*
 * The documentation a newcomer reads: a README of at most 25 KB that links every topic page, and
 * links that resolve, in the README and every page under docs/ (the generated API reference
 * included): a relative file must exist, and an anchor must name a heading of its page.
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from './helpers/app-context';

/** Pages other work adds to docs/; linked from the README before they land. */
const PAGES_TO_COME = ['operating-evidence.md', 'access.md', 'incidents.md', 'releases.md', 'checklist.md'];
const MAX_README_BYTES = 25 * 1024;

function markdownFiles(): string[] {
  const docs = fs.readdirSync(path.join(REPO_ROOT, 'docs'), { recursive: true, encoding: 'utf-8' })
    .filter((f) => f.endsWith('.md')).map((f) => path.join('docs', f));
  return ['README.md', ...docs.sort()];
}

/** The text outside fenced code blocks (links there are examples, not links). */
function prose(text: string): string {
  return text.split(/^```.*$/m).filter((_, i) => i % 2 === 0).join('\n');
}

/** GitHub's anchors for a page's headings (lowercase, punctuation dropped, spaces as dashes, repeats numbered). */
function anchorsOf(text: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const m of prose(text).matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const base = m[1].toLowerCase().replace(/<[^>]+>/g, '').replace(/[^\p{L}\p{N}\- _]/gu, '').replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  for (const m of text.matchAll(/<a (?:name|id)="([^"]+)"/g)) {
    anchors.add(m[1]);
  }
  return anchors;
}

const cache = new Map<string, Set<string>>();
function anchorsOfFile(file: string): Set<string> {
  if (!cache.has(file)) {
    cache.set(file, anchorsOf(fs.readFileSync(file, 'utf-8')));
  }
  return cache.get(file)!;
}

/** Every broken relative link of a Markdown file, as `file: target (why)`. */
function brokenLinks(file: string): string[] {
  const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf-8');
  const broken: string[] = [];
  for (const m of prose(text).matchAll(/\]\(([^)\s]+)(?: "[^"]*")?\)/g)) {
    const target = m[1];
    if (/^(?:[a-z]+:|\/\/)/i.test(target)) {
      continue;
    }
    const [filePart, anchor] = target.split('#');
    const resolved = filePart === '' ? path.join(REPO_ROOT, file) : path.resolve(path.dirname(path.join(REPO_ROOT, file)), decodeURIComponent(filePart));
    if (!fs.existsSync(resolved)) {
      const toCome = file === 'README.md' && PAGES_TO_COME.some((p) => filePart === `docs/${p}`);
      if (!toCome) {
        broken.push(`${file}: ${target} (no such file)`);
      }
      continue;
    }
    if (anchor !== undefined && resolved.endsWith('.md') && !anchorsOfFile(resolved).has(anchor.toLowerCase())) {
      broken.push(`${file}: ${target} (no heading #${anchor})`);
    }
  }
  return broken;
}

describe('the documentation', () => {
  test('the README is at most 25 KB and starts with the two commands', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf-8');
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(MAX_README_BYTES);
    const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((b) => b[1].trim());
    expect(blocks.slice(0, 2)).toEqual(['npm ci && npx cdk synth', 'npm test']);
  });

  test('the README links every topic page, those still to come included', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf-8');
    const pages = fs.readdirSync(path.join(REPO_ROOT, 'docs')).filter((f) => f.endsWith('.md'));
    for (const page of [...new Set([...pages, ...PAGES_TO_COME, 'check.md', 'evidence.md', 'coverage.md', 'development.md'])]) {
      expect({ page, linked: readme.includes(`](docs/${page})`) || readme.includes(`](docs/${page}#`) }).toEqual({ page, linked: true });
    }
    expect(readme).toContain('](docs/api/index.md)');
  });

  test('every relative link of the README and of docs/ resolves, anchors included', () => {
    expect(markdownFiles().flatMap(brokenLinks)).toEqual([]);
  });

  test('the check finds a broken link and a missing anchor', () => {
    const dir = fs.mkdtempSync(path.join(REPO_ROOT, '.tmp-links-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.md'), '# Title\n\n[ok](#title) [bad](#nothing) [gone](missing.md)\n\n```md\n[example](nowhere.md)\n```\n');
      expect(brokenLinks(path.relative(REPO_ROOT, path.join(dir, 'a.md')))).toEqual([
        expect.stringContaining('#nothing (no heading #nothing)'),
        expect.stringContaining('missing.md (no such file)'),
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
