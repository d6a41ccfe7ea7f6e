import { ExceptionOrigin } from '../core/acknowledgements';
import { ALL_RULES } from '../pack/rules';
import { synthDay } from '../pack/rules/lambda/runtime-support';
import { cmp, EvidenceInputs, namespaceOf, splitRuleId } from './inputs';

/*
 * The exceptions register: every acknowledgement in the app, from every plugin (ours, cdk-nag's,
 * CloudFormation Validate's, construct annotations), with the findings it covered in this synth,
 * the criteria those findings bear on, and the owner and review date where the exception records
 * them (`Soc2MlChecks.acknowledge`). Identical reasons are grouped; the platform's own exceptions
 * (made by this library's constructs) are kept apart from the user's; acknowledgements that
 * covered no finding are listed, and review dates before the day of synth are flagged.
 */

/** One acknowledgement: a rule, acknowledged on a construct, and what it covered. */
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
  /** The criteria of the rule (rules of the Soc2Ml pack; other plugins' rules cite none). */
  readonly criteria: readonly string[];
  readonly origin: ExceptionOrigin;
  readonly owner?: string;
  readonly reviewBy?: string;
  /** Set when it covered no finding: a warning the summary repeats (a stale exception, a misspelt id, or a plugin that did not run). */
  readonly warning?: string;
}

/** The warning of an acknowledgement that covered no finding. */
export const UNMATCHED_WARNING = 'matched no finding in this synth: the rule passes here, the id is misspelt, or its plugin did not run; remove it or fix the id';

/** The acknowledgements that covered no finding (warnings in the summary and the evidence). */
export function unmatchedAcknowledgements(entries: readonly ExceptionEntry[]): ExceptionEntry[] {
  return entries.filter((e) => e.warning !== undefined);
}

/** Acknowledgements with one reason, owner, review date and origin. */
export interface ExceptionGroup {
  readonly origin: ExceptionOrigin;
  readonly reason: string;
  readonly owner?: string;
  readonly reviewBy?: string;
  /** The review date has passed (it is before the day of synth). */
  readonly reviewOverdue: boolean;
  /** The rules acknowledged, by id. */
  readonly rules: readonly string[];
  readonly criteria: readonly string[];
  readonly findings: number;
  readonly acknowledgements: readonly ExceptionEntry[];
}

export interface ExceptionsRegister {
  /** The day review dates are compared with: the day of synth (UTC, or `SOC2ML_SYNTH_DATE`). */
  readonly asOf: string;
  readonly summary: {
    readonly acknowledgements: number;
    readonly platform: number;
    readonly user: number;
    /** Made by the AWS CDK itself. */
    readonly awsCdk: number;
    readonly distinctReasons: number;
    /** Acknowledgements that covered no finding in this synth. */
    readonly matchedNoFinding: number;
    readonly reviewOverdue: number;
    readonly findingsCovered: number;
  };
  /** The user's groups first, then the platform's; each by reason. */
  readonly groups: readonly ExceptionGroup[];
  /** Acknowledgements that covered no finding in this synth: still exceptions someone approved. */
  readonly matchedNoFinding: readonly ExceptionEntry[];
}

interface MutableEntry {
  plugin: string;
  rule: string;
  id: string;
  acknowledgedAt: string;
  reason: string;
  findings: Set<string>;
  origin: ExceptionOrigin;
  owner?: string;
  reviewBy?: string;
}

/** Every acknowledgement, with what it covered. */
export function buildExceptions(inputs: EvidenceInputs): ExceptionEntry[] {
  const pluginNames = new Map<string, string>();
  for (const name of [...(inputs.plugins ?? []).map((p) => p.name), ...inputs.reports.map((r) => r.pluginName)]) {
    pluginNames.set(namespaceOf(name), name);
  }
  const entries = new Map<string, MutableEntry>();
  const entry = (id: string, at: string, reason: string) => {
    const key = `${id}\u0000${at}`;
    let e = entries.get(key);
    if (!e) {
      const { namespace, rule } = splitRuleId(id);
      // Unknown plugins are named as CDK names them from the namespace (dashes read as spaces).
      e = { plugin: pluginNames.get(namespace) ?? namespace.replace(/-/g, ' '), rule, id, acknowledgedAt: at, reason, findings: new Set(), origin: ExceptionOrigin.USER };
      entries.set(key, e);
    }
    return e;
  };

  for (const ack of inputs.acknowledgements) {
    const e = entry(ack.id, ack.at, ack.reason);
    e.origin = originOf(ack.id, ack.reason, ack.origin);
    e.owner = ack.owner;
    e.reviewBy = ack.reviewBy;
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

  const criteria = new Map(ALL_RULES.map((r) => [r.rule.id, r.criteria]));
  return [...entries.values()]
    .map((e): ExceptionEntry => ({
      plugin: e.plugin, rule: e.rule, id: e.id, acknowledgedAt: e.acknowledgedAt, reason: e.reason,
      findings: [...e.findings].sort(),
      criteria: e.plugin === inputs.verdicts?.plugin || splitRuleId(e.id).namespace === 'Soc2Ml' ? [...(criteria.get(e.rule) ?? [])] : [],
      origin: e.origin,
      ...(e.owner !== undefined ? { owner: e.owner } : {}),
      ...(e.reviewBy !== undefined ? { reviewBy: e.reviewBy } : {}),
      ...(e.findings.size === 0 ? { warning: UNMATCHED_WARNING } : {}),
    }))
    .sort((a, b) => cmp(a.plugin, b.plugin) || cmp(a.rule, b.rule) || cmp(a.acknowledgedAt, b.acknowledgedAt));
}

/** The register lists the app's own exceptions first. */
const ORIGIN_ORDER = [ExceptionOrigin.USER, ExceptionOrigin.PLATFORM, ExceptionOrigin.AWS_CDK];

/** CDK's own acknowledgement, made when a stack reads its availability zones. */
const CDK_AVAILABILITY_ZONES = { id: 'CloudFormation-Validate::W3010', reason: 'Literal AZs in template are the result of accessing stack.availabilityZones' };

function originOf(id: string, reason: string, recorded: string | undefined): ExceptionOrigin {
  if (recorded === ExceptionOrigin.PLATFORM || recorded === ExceptionOrigin.USER) {
    return recorded;
  }
  return id === CDK_AVAILABILITY_ZONES.id && reason.startsWith(CDK_AVAILABILITY_ZONES.reason) ? ExceptionOrigin.AWS_CDK : ExceptionOrigin.USER;
}

/** The register: the acknowledgements grouped by reason, owner and review date, the platform's apart from the user's. */
export function buildExceptionsRegister(entries: readonly ExceptionEntry[], asOf: string = dayOfSynth()): ExceptionsRegister {
  const groups = new Map<string, ExceptionEntry[]>();
  for (const e of entries) {
    const key = [e.origin, e.reason, e.owner ?? '', e.reviewBy ?? ''].join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const list: ExceptionGroup[] = [...groups.values()].map((members) => {
    const first = members[0];
    return {
      origin: first.origin,
      reason: first.reason,
      ...(first.owner !== undefined ? { owner: first.owner } : {}),
      ...(first.reviewBy !== undefined ? { reviewBy: first.reviewBy } : {}),
      reviewOverdue: first.reviewBy !== undefined && first.reviewBy < asOf,
      rules: [...new Set(members.map((m) => m.id))].sort(),
      criteria: [...new Set(members.flatMap((m) => m.criteria))].sort(),
      findings: members.reduce((n, m) => n + m.findings.length, 0),
      acknowledgements: members,
    };
  }).sort((a, b) => ORIGIN_ORDER.indexOf(a.origin) - ORIGIN_ORDER.indexOf(b.origin) || b.acknowledgements.length - a.acknowledgements.length || cmp(a.reason, b.reason));
  const unmatched = entries.filter((e) => e.findings.length === 0);
  return {
    asOf,
    summary: {
      acknowledgements: entries.length,
      platform: entries.filter((e) => e.origin === ExceptionOrigin.PLATFORM).length,
      user: entries.filter((e) => e.origin === ExceptionOrigin.USER).length,
      awsCdk: entries.filter((e) => e.origin === ExceptionOrigin.AWS_CDK).length,
      distinctReasons: new Set(entries.map((e) => e.reason)).size,
      matchedNoFinding: unmatched.length,
      reviewOverdue: list.filter((g) => g.reviewOverdue).reduce((n, g) => n + g.acknowledgements.length, 0),
      findingsCovered: entries.reduce((n, e) => n + e.findings.length, 0),
    },
    groups: list,
    matchedNoFinding: unmatched,
  };
}

function dayOfSynth(): string {
  const day = synthDay();
  if (day instanceof Error) {
    throw day;
  }
  return day;
}
