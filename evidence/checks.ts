import { Severity } from '../pack/rule';
import { cmp, EvidenceInputs, PluginReport } from './inputs';

/*
 * Which checks evaluated the app, at which version, and what they concluded. CDK leaves a plugin
 * out of its report when it has nothing to say, so the plugins the app registered are listed
 * from the app, and those are read as clean when the report does not name them.
 */

export enum Conclusion {
  PASSED = 'passed',
  FAILED = 'failed',
}

export interface FindingCounts {
  /** Unacknowledged findings (violation × resource) by severity. */
  readonly errors: number;
  readonly warnings: number;
  /** Informational and other severities. */
  readonly other: number;
  readonly acknowledged: number;
}

export interface CheckRun {
  readonly plugin: string;
  readonly version?: string;
  /** How many rules the plugin says it has, where it says. */
  readonly ruleCount?: number;
  readonly conclusion: Conclusion;
  readonly findings: FindingCounts;
}

export interface ChecksDocument {
  /** Whether synth passed every check (a failed synth still writes the evidence). */
  readonly synthesis: Conclusion;
  readonly checks: readonly CheckRun[];
  /** The pack's own resource × rule verdict counts, when it ran. */
  readonly packVerdicts?: {
    readonly plugin: string;
    readonly passed: number;
    /** Unacknowledged failures of error-severity rules. */
    readonly failed: number;
    /** Unacknowledged failures of warning-severity rules. */
    readonly warnings: number;
    readonly acknowledged: number;
    readonly notApplicable: number;
  };
}

export function buildChecks(inputs: EvidenceInputs): ChecksDocument {
  const byName = new Map<string, { plugin: string; version?: string; ruleCount?: number; report?: PluginReport }>();
  for (const p of inputs.plugins ?? []) {
    byName.set(p.name, { plugin: p.name, version: p.version, ruleCount: p.ruleCount });
  }
  for (const r of inputs.reports) {
    const known = byName.get(r.pluginName);
    byName.set(r.pluginName, { plugin: r.pluginName, version: known?.version ?? r.pluginVersion, ruleCount: known?.ruleCount, report: r });
  }
  if (inputs.verdicts && !byName.has(inputs.verdicts.plugin)) {
    byName.set(inputs.verdicts.plugin, { plugin: inputs.verdicts.plugin, version: inputs.verdicts.version, ruleCount: inputs.verdicts.rules.length });
  }

  const checks: CheckRun[] = [...byName.values()].map((p) => {
    const violations = p.report?.violations ?? [];
    const count = (pred: (s: string) => boolean) => violations.filter((v) => pred(v.severity ?? 'error')).reduce((n, v) => n + Math.max(1, v.violatingConstructs.length), 0);
    const acknowledged = (p.report?.suppressedViolations ?? []).reduce((n, v) => n + Math.max(1, v.violatingConstructs.length), 0);
    return {
      plugin: p.plugin,
      version: p.version,
      ruleCount: p.ruleCount,
      conclusion: p.report && p.report.conclusion !== 'success' ? Conclusion.FAILED : Conclusion.PASSED,
      findings: {
        errors: count((s) => s === 'error' || s === 'fatal'),
        warnings: count((s) => s === 'warning'),
        other: count((s) => !['error', 'fatal', 'warning'].includes(s)),
        acknowledged,
      },
    };
  }).sort((a, b) => cmp(a.plugin, b.plugin));

  let packVerdicts: ChecksDocument['packVerdicts'];
  if (inputs.verdicts) {
    const v = { plugin: inputs.verdicts.plugin, passed: 0, failed: 0, warnings: 0, acknowledged: 0, notApplicable: 0 };
    for (const r of inputs.verdicts.resources) {
      v.passed += r.passed.length;
      v.notApplicable += r.notApplicable.length;
      for (const f of r.failed) {
        if (f.acknowledged) {
          v.acknowledged++;
        } else if (f.severity === Severity.WARNING) {
          v.warnings++;
        } else {
          v.failed++;
        }
      }
    }
    packVerdicts = v;
  }

  const failed = inputs.synthFailed || checks.some((c) => c.conclusion === Conclusion.FAILED);
  return { synthesis: failed ? Conclusion.FAILED : Conclusion.PASSED, checks, packVerdicts };
}
