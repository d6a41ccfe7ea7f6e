/*
 * docs/checklist.md stays true: every item of the ML SOC 2 checklist has one of the four answers,
 * every construct it names is exported by the package, and every rule it names is a rule of the pack.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as api from '../../index';
import { ALL_RULES } from '../../pack/rules';
import { REPO_ROOT } from '../helpers/app-context';

const ANSWERS = ['enforced control', 'evidence only', 'documentation only', 'nothing yet'];

interface Row { readonly item: string; readonly answer: string; readonly constructs: string[]; readonly rules: string[] }

function rows(): Row[] {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'checklist.md'), 'utf-8');
  const names = (cell: string) => [...cell.matchAll(/`([A-Za-z0-9]+)`/g)].map((m) => m[1]);
  return text.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| item ')).map((l) => {
    const cells = l.split(' | ').map((c) => c.replace(/^\| ?| ?\|$/g, '').trim());
    return { item: cells[0], answer: cells[1], constructs: names(cells[2]), rules: names(cells[3]) };
  });
}

test('lists the 78 items of the checklist, each once, with one of the four answers', () => {
  expect(rows()).toHaveLength(78);
  expect(new Set(rows().map((r) => r.item)).size).toBe(78);
  expect(rows().filter((r) => !ANSWERS.includes(r.answer))).toEqual([]);
});

test('every construct it names is exported by the package', () => {
  const exported = new Set(Object.keys(api));
  expect(rows().flatMap((r) => r.constructs).filter((c) => !exported.has(c))).toEqual([]);
});

test('every rule it names is a rule of the pack', () => {
  const ids = new Set(ALL_RULES.map((r) => r.rule.id));
  expect(rows().flatMap((r) => r.rules).filter((id) => !ids.has(id))).toEqual([]);
});

test('an enforced control names the construct that builds it; an item with nothing yet names none', () => {
  expect(rows().filter((r) => r.answer === 'enforced control' && r.constructs.length === 0).map((r) => r.item)).toEqual([]);
  expect(rows().filter((r) => r.answer === 'nothing yet' && (r.constructs.length > 0 || r.rules.length > 0)).map((r) => r.item)).toEqual([]);
});
