import { createHash } from 'crypto';
import * as fs from 'fs';
import { evaluate, Evaluated, EvaluatedRef, ResourceRef, StackRef } from './evaluate';
import { Json } from './json';
import { NotJudged, notJudged } from './not-judged';
import { ALL_RULES } from './rules';
import { PackRule, Verdict } from './rule';
import { logGroupAuditRetention, LogGroupAuditRetention } from './rules/logs/LogGroupAuditRetention';
import { readStacks, StackSource } from './stack-sources';
import { StackTemplate } from './template';
import { TemplateFile } from './template-files';

/*
 * What a validation computes from the templates alone, without the app's construct tree: every
 * rule's outcome on every resource and stack, and what no rule read. It runs in the thread that
 * validates, or ahead of validation in a worker (pack/analysis-worker.ts), which hands it back as
 * plain data (`WireAnalysis`).
 */

/** The pack's rules as a `Soc2MlChecks` with this audit-log retention applies them. */
export function packRules(auditLogRetentionDays: number): readonly PackRule[] {
  return ALL_RULES.map((r) => (r.rule.id === LogGroupAuditRetention.id ? { ...r, kind: 'resource', rule: logGroupAuditRetention(auditLogRetentionDays) } : r));
}

/** The outcomes of a validation, and what no rule read. */
export interface Analysis {
  readonly evaluated: readonly EvaluatedRef[];
  readonly notJudged: readonly NotJudged[];
}

/** An analysis of templates read in this thread: the stacks themselves come with it. */
export interface LocalAnalysis extends Analysis {
  readonly stacks: readonly StackTemplate[];
  readonly evaluated: readonly Evaluated[];
}

/** Judge the templates of `sources`, read with `read`. */
export function analyze(sources: readonly StackSource[], rules: readonly PackRule[], read: (file: string) => TemplateFile): LocalAnalysis {
  const stacks = readStacks(sources, read);
  return { stacks, evaluated: evaluate(stacks, rules), notJudged: notJudged(stacks) };
}

/** The SHA-256 of a file's bytes: which template an analysis read. */
export function fingerprint(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Read a template file, with the fingerprint of the bytes parsed. */
export function readFingerprinted(file: string): TemplateFile & { readonly fingerprint: string } {
  const bytes = fs.readFileSync(file);
  const text = bytes.toString('utf-8');
  return { text, json: JSON.parse(text) as Json, fingerprint: fingerprint(bytes) };
}

/** One outcome, as it crosses threads: rule index, stack index, resource index (-1: the stack), verdict, detail, location. */
type WireOutcome = [number, number, number, Verdict, string | null, string | null];

/** An analysis as plain data, with what it was computed from. */
export interface WireAnalysis {
  readonly sources: readonly StackSource[];
  /** The SHA-256 of each template as read, by template path. */
  readonly fingerprints: Readonly<Record<string, string>>;
  readonly resources: readonly [number, string, string, string | null][];
  readonly outcomes: readonly WireOutcome[];
  readonly notJudged: readonly NotJudged[];
}

/** An analysis as plain data; `rules` are the rules it was computed with (outcomes name them by index). */
export function toWire(sources: readonly StackSource[], fingerprints: Readonly<Record<string, string>>, analysis: LocalAnalysis, rules: readonly PackRule[]): WireAnalysis {
  const ruleIndex = new Map(rules.map((r, i) => [r, i]));
  const stackIndex = new Map(analysis.stacks.map((s, i) => [s, i]));
  const resourceIndex = new Map<object, number>();
  const resources: [number, string, string, string | null][] = [];
  const outcomes = analysis.evaluated.map((e): WireOutcome => {
    let r = -1;
    if (e.resource) {
      const known = resourceIndex.get(e.resource);
      r = known ?? resources.length;
      if (known === undefined) {
        resourceIndex.set(e.resource, r);
        resources.push([stackIndex.get(e.stack)!, e.resource.logicalId, e.resource.type, e.resource.cdkPath ?? null]);
      }
    }
    return [ruleIndex.get(e.packRule)!, stackIndex.get(e.stack)!, r, e.outcome.verdict, e.outcome.detail ?? null, e.outcome.location ?? null];
  });
  return { sources, fingerprints, resources, outcomes, notJudged: analysis.notJudged };
}

/** The analysis plain data describes, against the same `rules`. */
export function fromWire(wire: WireAnalysis, rules: readonly PackRule[]): Analysis {
  const stacks: StackRef[] = wire.sources.map((s) => ({ stackPath: s.stackPath, templatePath: s.templatePath }));
  const resources = wire.resources.map(([, logicalId, type, cdkPath]): ResourceRef => ({ logicalId, type, ...(cdkPath !== null ? { cdkPath } : {}) }));
  const evaluated = wire.outcomes.map(([rule, stack, resource, verdict, detail, location]): EvaluatedRef => ({
    packRule: rules[rule],
    stack: stacks[stack],
    ...(resource >= 0 ? { resource: resources[resource] } : {}),
    outcome: { verdict, ...(detail !== null ? { detail } : {}), ...(location !== null ? { location } : {}) },
  }));
  return { evaluated, notJudged: wire.notJudged };
}
