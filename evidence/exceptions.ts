import { cmp, EvidenceInputs, namespaceOf, splitRuleId } from './inputs';

/*
 * Every acknowledgement in the app, from every plugin (ours, cdk-nag's, CloudFormation
 * Validate's, construct annotations): the rule, where it was made, the reason, and the findings it
 * covered in this synth. An acknowledgement that covered nothing this time is listed too: it is
 * still an exception someone approved.
 */

export interface ExceptionEntry {
  /** The plugin the rule belongs to, by its report name where known (`CloudFormation Validate`). */
  readonly plugin: string;
  readonly rule: string;
  /** The id as acknowledged, `Namespace::Rule`. */
  readonly id: string;
  /** The construct it was acknowledged on: it covers that construct and everything under it. */
  readonly acknowledgedAt: string;
  readonly reason: string;
  /** Construct paths of the findings it suppressed in this synth. */
  readonly findings: readonly string[];
  /** Set when it covered no finding: a warning the summary repeats (a stale exception, a misspelt id, or a plugin that did not run). */
  readonly warning?: string;
}

/** The warning of an acknowledgement that covered no finding. */
export const UNMATCHED_WARNING = 'matched no finding in this synth: the rule passes here, the id is misspelt, or its plugin did not run; remove it or fix the id';

/** The acknowledgements that covered no finding (warnings in the summary and the evidence). */
export function unmatchedAcknowledgements(entries: readonly ExceptionEntry[]): ExceptionEntry[] {
  return entries.filter((e) => e.warning !== undefined);
}

export function buildExceptions(inputs: EvidenceInputs): ExceptionEntry[] {
  const pluginNames = new Map<string, string>();
  for (const name of [...(inputs.plugins ?? []).map((p) => p.name), ...inputs.reports.map((r) => r.pluginName)]) {
    pluginNames.set(namespaceOf(name), name);
  }
  const entries = new Map<string, { plugin: string; rule: string; id: string; acknowledgedAt: string; reason: string; findings: Set<string> }>();
  const entry = (id: string, at: string, reason: string) => {
    const key = `${id}\u0000${at}`;
    let e = entries.get(key);
    if (!e) {
      const { namespace, rule } = splitRuleId(id);
      // Unknown plugins are named as CDK names them from the namespace (dashes read as spaces).
      e = { plugin: pluginNames.get(namespace) ?? namespace.replace(/-/g, ' '), rule, id, acknowledgedAt: at, reason, findings: new Set() };
      entries.set(key, e);
    }
    return e;
  };

  for (const ack of inputs.acknowledgements) {
    entry(ack.id, ack.at, ack.reason);
  }
  for (const report of inputs.reports) {
    for (const v of report.suppressedViolations ?? []) {
      if (!v.acknowledgedId || v.acknowledgedAt === undefined) {
        continue;
      }
      const e = entry(v.acknowledgedId, v.acknowledgedAt, v.reason ?? '');
      for (const c of v.violatingConstructs) {
        if (c.constructPath) {
          e.findings.add(c.constructPath);
        }
      }
    }
  }
  // Our verdict file names acknowledged findings even when a report is not written.
  for (const res of inputs.verdicts?.resources ?? []) {
    for (const f of res.failed) {
      if (f.acknowledged) {
        entry(`${inputs.verdicts!.plugin}::${f.rule}`, f.acknowledged.at, f.acknowledged.reason).findings.add(res.constructPath);
      }
    }
  }

  return [...entries.values()]
    .map((e) => ({ ...e, findings: [...e.findings].sort(), ...(e.findings.size === 0 ? { warning: UNMATCHED_WARNING } : {}) }))
    .sort((a, b) => cmp(a.plugin, b.plugin) || cmp(a.rule, b.rule) || cmp(a.acknowledgedAt, b.acknowledgedAt));
}
