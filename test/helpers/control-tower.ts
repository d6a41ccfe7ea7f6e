/*
 * AWS Control Tower's proactive controls (the cfn-guard rules @cdklabs/cdk-validator-cfnguard
 * ships), run offline over synthesized templates, as fast as the suite needs.
 *
 * cfn-guard evaluates every rule against every resource of a template, so one run over the
 * default app's four templates takes about 80 s. Each rule only queries the resource types it
 * names, so each rule runs here on a copy of the template that keeps those types and, as their
 * type alone, the resources they reference (the rules check that a local `Ref`/`Fn::GetAtt`
 * target exists and is of the right type): the same findings (checked against a full run,
 * docs/development.md) in a few seconds. One cfn-guard process runs a set of rules over its copies
 * of every template given. Results are cached by content (rules, template copy, validator version)
 * in the temp directory, so a template that two variants share is judged once.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';

const PACKAGE_DIR = path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json'));
const RULES_DIR = path.join(PACKAGE_DIR, 'rules', 'control-tower', 'cfn-guard');
const VERSION = (JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf-8')) as { version: string }).version;
const CACHE_DIR = path.join(os.tmpdir(), 'soc2ml-control-tower-cache');

type Resources = Record<string, { Type?: string; Properties?: unknown }>;

interface GuardRule {
  readonly file: string;
  readonly types: ReadonlySet<string>;
}

let rules: GuardRule[] | undefined;

/** Every Control Tower rule file, with the resource types it names. */
function controlTowerRules(): GuardRule[] {
  if (!rules) {
    const files = fs.readdirSync(RULES_DIR, { recursive: true, encoding: 'utf-8' }).filter((f) => f.endsWith('.guard')).sort();
    rules = files.map((f) => {
      const file = path.join(RULES_DIR, f);
      return { file, types: new Set(fs.readFileSync(file, 'utf-8').match(/AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/g) ?? []) };
    });
  }
  return rules;
}

/** How many Control Tower rules run. */
export function controlTowerRuleCount(): number {
  return controlTowerRules().length;
}

/** The logical ids a value refers to through `Ref`, `Fn::GetAtt` and `Fn::Sub` placeholders. */
function referencedIds(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) {
    value.forEach((v) => referencedIds(v, out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'Ref' && typeof v === 'string') {
        out.add(v);
      } else if (k === 'Fn::GetAtt') {
        const target = Array.isArray(v) ? v[0] : typeof v === 'string' ? v.split('.')[0] : undefined;
        if (typeof target === 'string') {
          out.add(target);
        }
      } else if (k === 'Fn::Sub') {
        const text = Array.isArray(v) ? v[0] : v;
        for (const m of typeof text === 'string' ? text.matchAll(/\$\{([A-Za-z0-9]+)(\.[A-Za-z0-9.]+)?\}/g) : []) {
          out.add(m[1]);
        }
      }
      referencedIds(v, out);
    }
  }
}

/** The template with the resources of `types` and the resources they refer to; undefined when none is of `types`. */
function narrowed(template: { Resources?: Resources }, types: ReadonlySet<string>): object | undefined {
  const all = template.Resources ?? {};
  const kept: Resources = {};
  for (const [id, r] of Object.entries(all)) {
    if (r.Type && types.has(r.Type)) {
      kept[id] = r;
    }
  }
  if (Object.keys(kept).length === 0) {
    return undefined;
  }
  // The rules check that a local reference's target exists and is of the right type, and read
  // the properties only of the types they name: a target of another type is kept as its type alone.
  const refs = new Set<string>();
  referencedIds(kept, refs);
  for (const id of refs) {
    if (all[id] && !kept[id]) {
      kept[id] = { Type: all[id].Type };
    }
  }
  return { ...template, Resources: kept };
}

/** One finding, as `<template file name> <logical id> <control>`. */
export type ControlTowerFinding = string;

/** Control Tower's findings over templates. */
export function controlTowerFindings(templatePaths: readonly string[]): Set<ControlTowerFinding> {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  // Each template gives a narrowed copy per set of rules that see the same copy; the same set of
  // rules then runs over its copies of every template in one cfn-guard process (a process costs
  // about 50 ms before it reads anything).
  const jobs = new Map<string, { ruleFiles: string[]; copies: { templatePath: string; text: string; cache: string }[] }>();
  for (const templatePath of templatePaths) {
    const template = JSON.parse(fs.readFileSync(templatePath, 'utf-8')) as { Resources?: Resources };
    const byCopy = new Map<string, string[]>();
    for (const rule of controlTowerRules()) {
      const copy = narrowed(template, rule.types);
      if (copy) {
        const text = JSON.stringify(copy);
        byCopy.set(text, [...(byCopy.get(text) ?? []), rule.file]);
      }
    }
    for (const [text, ruleFiles] of byCopy) {
      const key = ruleFiles.join('\n');
      const job = jobs.get(key) ?? { ruleFiles, copies: [] };
      job.copies.push({ templatePath, text, cache: path.join(CACHE_DIR, `${crypto.createHash('sha256').update(VERSION).update(key).update(text).digest('hex')}.json`) });
      jobs.set(key, job);
    }
  }
  const found = new Set<ControlTowerFinding>();
  for (const { ruleFiles, copies } of jobs.values()) {
    const judged = judge(ruleFiles, copies.filter((c) => !fs.existsSync(c.cache)));
    for (const copy of copies) {
      // A copy cfn-guard crashed on has no result (CONTROL_TOWER_CRASHES names it).
      const findings = judged.get(copy) ?? (fs.existsSync(copy.cache) ? JSON.parse(fs.readFileSync(copy.cache, 'utf-8')) as string[] : []);
      for (const f of findings) {
        found.add(`${path.basename(copy.templatePath)} ${f}`);
      }
    }
  }
  return found;
}

/**
 * `<logical id> <control>` of each finding of the rules over each narrowed copy, in one cfn-guard
 * process, each copy's findings cached by content.
 */
function judge<C extends { text: string; cache: string }>(ruleFiles: readonly string[], copies: readonly C[]): Map<C, string[]> {
  const out = new Map<C, string[]>();
  if (copies.length === 0) {
    return out;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2ml-ct-'));
  const byFile = new Map<string, C>();
  copies.forEach((c, i) => {
    const file = path.join(dir, `copy-${i}.json`);
    fs.writeFileSync(file, c.text);
    byFile.set(file, c);
    out.set(c, []);
  });
  const violations = guardViolations(ruleFiles, [...byFile.keys()]);
  for (const violation of violations) {
    const control = /\[(CT\.[A-Z0-9]+\.PR\.\d+)\]/.exec(violation.description)?.[1] ?? violation.ruleName;
    for (const r of violation.violatingResources) {
      const copy = byFile.get(r.templatePath) ?? byFile.get(path.resolve(r.templatePath));
      if (!copy) {
        throw new Error(`cfn-guard reported ${r.templatePath}, which is none of the copies it was given.`);
      }
      out.get(copy)!.push(`${r.resourceLogicalId} ${control}`);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const crashed = new Set(CONTROL_TOWER_CRASHES.map((c) => c.split(' ')[1].replace(/:$/, '')));
  for (const [file, copy] of byFile) {
    if (crashed.has(file)) {
      out.delete(copy);
    }
  }
  for (const [copy, findings] of out) {
    // Written then renamed, so a parallel reader never sees half a file.
    fs.writeFileSync(`${copy.cache}.${process.pid}`, JSON.stringify(findings));
    fs.renameSync(`${copy.cache}.${process.pid}`, copy.cache);
  }
  return out;
}

type GuardViolation = ReturnType<CfnGuardValidator['validate']>['violations'][number];

/**
 * Rules and templates cfn-guard's plugin could not judge: it throws on some results it cannot
 * read (a `TypeError` reading `traversed.to`). Judged one rule and one template at a time, the
 * rest still counts; a pair that fails alone is recorded here as `<rule file> <template>`.
 */
export const CONTROL_TOWER_CRASHES: string[] = [];

/** The violations of rule files over templates; on a plugin failure, split until the failing pair is alone. */
function guardViolations(ruleFiles: readonly string[], templatePaths: readonly string[]): GuardViolation[] {
  try {
    const guard = new CfnGuardValidator({ controlTowerRulesEnabled: false, rules: [...ruleFiles] });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return [...guard.validate({ templatePaths: [...templatePaths] } as any).violations];
  } catch (e) {
    if (ruleFiles.length > 1) {
      return ruleFiles.flatMap((r) => guardViolations([r], templatePaths));
    }
    if (templatePaths.length > 1) {
      return templatePaths.flatMap((t) => guardViolations(ruleFiles, [t]));
    }
    CONTROL_TOWER_CRASHES.push(`${path.basename(ruleFiles[0])} ${templatePaths[0]}: ${String(e).split('\n').find((l) => /Error:/.test(l.trim()) && !/plugin failed/.test(l))?.trim() ?? 'failed'}`);
    return [];
  }
}

/** Control Tower's findings the usual way: every rule over every whole template, in one cfn-guard run (slow). */
export function controlTowerFindingsUnnarrowed(templatePaths: readonly string[]): Set<ControlTowerFinding> {
  const guard = new CfnGuardValidator();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const result = guard.validate({ templatePaths } as any);
  const found = new Set<ControlTowerFinding>();
  for (const violation of result.violations) {
    const control = /\[(CT\.[A-Z0-9]+\.PR\.\d+)\]/.exec(violation.description)?.[1] ?? violation.ruleName;
    for (const r of violation.violatingResources) {
      found.add(`${path.basename(r.templatePath)} ${r.resourceLogicalId} ${control}`);
    }
  }
  return found;
}
