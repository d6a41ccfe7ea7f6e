import { ALL_RULES } from '../pack/rules';
import { Severity } from '../pack/rule';
import { flatten } from '../pack/values';
import { TRUST_SERVICES_CRITERIA, trustServicesCriterion } from '../core/trust-services-criteria';
import { AppModel } from './app-model';
import { ControlSpec, CriterionNature, criterionSpec } from './criteria';
import { cmp } from './inputs';
import { VerdictDocument } from '../pack/verdicts';

/*
 * The control matrix: every Trust Services Criterion with one status that says what a synth can
 * show about it, the pack's rules that examined resources for it and what they concluded on each,
 * and the deployed controls that keep checking it (AWS Config rules mirroring the rules,
 * detectors, alarms) or whose operation over the audit period must show it. A rule that examined
 * nothing contributes nothing; a criterion only operation can show is never reported met.
 */

export enum CriterionStatus {
  /** Rules examined at least one resource for it, and none failed unacknowledged. */
  ENFORCED_AT_DESIGN = 'enforced-at-design',
  /** Enforced at design, and a deployed detective control (AWS Config rule, detector, alarm) records it after deploy. */
  DESIGNED_AND_MONITORED = 'designed-and-monitored',
  /** The platform deploys a mechanism; only its operation over the audit period can show the criterion. */
  OPERATING_EVIDENCE_REQUIRED = 'operating-evidence-required',
  /** Entity-level (governance, people, risk assessment, vendors): no infrastructure evidences it. */
  OUTSIDE_INFRASTRUCTURE = 'outside-infrastructure',
  /** Nothing in the app addresses it, or what does fails a rule. */
  NOT_ADDRESSED = 'not-addressed',
}

/** The statuses, in the order the summary lists them. */
export const STATUS_ORDER: readonly CriterionStatus[] = [
  CriterionStatus.ENFORCED_AT_DESIGN, CriterionStatus.DESIGNED_AND_MONITORED, CriterionStatus.OPERATING_EVIDENCE_REQUIRED,
  CriterionStatus.OUTSIDE_INFRASTRUCTURE, CriterionStatus.NOT_ADDRESSED,
];

export enum ResourceOutcome {
  PASSED = 'passed',
  FAILED = 'failed',
  ACKNOWLEDGED = 'acknowledged',
}

export interface Counts {
  passed: number;
  acknowledged: number;
  /** Unacknowledged failures of error-severity rules. */
  failed: number;
  /** Unacknowledged failures of warning-severity rules. */
  warnings: number;
  notApplicable: number;
}

export interface ExaminedResource {
  readonly stack: string;
  readonly constructPath: string;
  readonly logicalId?: string;
  readonly type: string;
  readonly outcome: ResourceOutcome;
  readonly detail?: string;
  readonly reason?: string;
  readonly acknowledgedAt?: string;
}

export interface RuleEvidence {
  readonly rule: string;
  readonly severity: Severity;
  readonly counts: Counts;
  /** Every resource the rule examined, not-applicable ones left out. */
  readonly resources: readonly ExaminedResource[];
}

/** An AWS Config rule in the templates that mirrors pack rules at runtime. */
export interface RuntimeRule {
  /** The managed rule's identifier (or the rule's name). */
  readonly configRule: string;
  readonly stack: string;
  readonly constructPath: string;
  /** The pack rules its description names. */
  readonly mirrors: readonly string[];
  /** Deployed only where a template condition holds (e.g. regions where the rule exists). */
  readonly conditional: boolean;
}

/** A control the app deploys for a criterion: a detective control, or a mechanism whose operation shows it. */
export interface DeployedControl {
  readonly name: string;
  /** Where its records land. */
  readonly records: string;
  /** Its resources, by construct path. */
  readonly resources: readonly string[];
}

export interface CriterionEvidence {
  readonly criterion: string;
  readonly title: string;
  readonly status: CriterionStatus;
  /** Why it has that status, in a sentence or two. */
  readonly basis: string;
  /** Over the rules that examined at least one resource. */
  readonly counts: Counts;
  /** The rules that cite it and examined at least one resource: the only ones that contribute. */
  readonly rules: readonly RuleEvidence[];
  /** Rules that cite it but examined no resource of this app: they contribute nothing. */
  readonly rulesExaminedNothing: readonly string[];
  /** AWS Config rules mirroring its contributing rules after deploy. */
  readonly runtimeRules: readonly RuntimeRule[];
  /** Detective controls (design criteria) or mechanisms (operating criteria) the app deploys for it. */
  readonly controls: readonly DeployedControl[];
  /** Mechanisms the criterion could rest on that the app does not deploy (operating criteria). */
  readonly controlsNotDeployed: readonly string[];
}

export interface ControlMatrix {
  /** The pack that judged the app, or undefined when it did not run. */
  readonly pack?: { readonly plugin: string; readonly version: string };
  /** How many criteria have each status. */
  readonly summary: Readonly<Record<CriterionStatus, number>>;
  readonly criteria: readonly CriterionEvidence[];
}

type ByRule = Map<string, { counts: Counts; resources: ExaminedResource[] }>;

export function buildControlMatrix(model: AppModel, verdicts: VerdictDocument | undefined): ControlMatrix {
  const rules = verdicts?.rules ?? ALL_RULES.map((r) => ({ id: r.rule.id, criteria: [...r.criteria], severity: r.severity, resourceTypes: [...r.rule.resourceTypes] }));
  const byRule = verdictsByRule(rules, verdicts);
  const runtime = runtimeRules(model, rules.map((r) => r.id));
  const configDelivery = configDestination(model);
  const cited = rules.flatMap((r) => r.criteria).filter((c) => !trustServicesCriterion(c));
  const ids = [...TRUST_SERVICES_CRITERIA.map((c) => c.id), ...[...new Set(cited)].sort(compareCriteria)];

  const criteria = ids.map((criterion): CriterionEvidence => {
    const citing = rules.filter((r) => r.criteria.includes(criterion)).map((r) => ({ rule: r.id, severity: r.severity, ...byRule.get(r.id)! })).sort((a, b) => cmp(a.rule, b.rule));
    const contributing = citing.filter((r) => examined(r.counts) > 0);
    const counts = contributing.reduce((sum, r) => add(sum, r.counts), zero());
    const mirrors = runtime.filter((rt) => rt.mirrors.some((m) => contributing.some((r) => r.rule === m)));
    const spec = criterionSpec(criterion);
    const controls = (spec.nature === CriterionNature.OPERATING ? spec.mechanisms : spec.monitors) ?? [];
    const deployed = deployedControls(model, controls);
    if (mirrors.length > 0 && spec.nature === CriterionNature.DESIGN) {
      deployed.unshift({ name: 'AWS Config rules mirroring its rules', records: `compliance evaluations in AWS Config, delivered ${configDelivery}`, resources: [...new Set(mirrors.map((m) => m.constructPath))] });
    }
    const evidence = { criterion, title: trustServicesCriterion(criterion)?.title ?? '', counts, rules: contributing, runtimeRules: mirrors, controls: deployed };
    return {
      ...evidence,
      ...statusOf(spec.nature, spec.note, evidence, verdicts !== undefined),
      rulesExaminedNothing: citing.filter((r) => examined(r.counts) === 0).map((r) => r.rule),
      controlsNotDeployed: controls.filter((c) => !deployed.some((d) => d.name === c.name)).map((c) => c.name),
    };
  });
  const summary = Object.fromEntries(STATUS_ORDER.map((st) => [st, criteria.filter((c) => c.status === st).length])) as Record<CriterionStatus, number>;
  return { pack: verdicts ? { plugin: verdicts.plugin, version: verdicts.version } : undefined, summary, criteria };
}

/** Rule → what it concluded on each resource. */
function verdictsByRule(rules: readonly { id: string; severity: Severity }[], verdicts: VerdictDocument | undefined): ByRule {
  const severity = new Map(rules.map((r) => [r.id, r.severity]));
  const byRule: ByRule = new Map(rules.map((r) => [r.id, { counts: zero(), resources: [] }]));
  for (const res of verdicts?.resources ?? []) {
    const base = { stack: res.stack, constructPath: res.constructPath, logicalId: res.logicalId, type: res.type };
    for (const id of res.passed) {
      const e = byRule.get(id);
      if (e) {
        e.counts.passed++;
        e.resources.push({ ...base, outcome: ResourceOutcome.PASSED });
      }
    }
    for (const id of res.notApplicable) {
      const e = byRule.get(id);
      if (e) {
        e.counts.notApplicable++;
      }
    }
    for (const f of res.failed) {
      const e = byRule.get(f.rule);
      if (!e) {
        continue;
      }
      if (f.acknowledged) {
        e.counts.acknowledged++;
        e.resources.push({ ...base, outcome: ResourceOutcome.ACKNOWLEDGED, detail: f.detail, reason: f.acknowledged.reason, acknowledgedAt: f.acknowledged.at });
      } else {
        if ((severity.get(f.rule) ?? f.severity) === Severity.WARNING) {
          e.counts.warnings++;
        } else {
          e.counts.failed++;
        }
        e.resources.push({ ...base, outcome: ResourceOutcome.FAILED, detail: f.detail });
      }
    }
  }
  for (const e of byRule.values()) {
    e.resources.sort((a, b) => cmp(a.stack, b.stack) || cmp(a.constructPath, b.constructPath) || cmp(a.logicalId ?? '', b.logicalId ?? ''));
  }
  return byRule;
}

function deployedControls(model: AppModel, specs: readonly ControlSpec[]): DeployedControl[] {
  return specs.map((c) => ({ name: c.name, records: c.records, resources: [...new Set(c.find(model).map((r) => r.constructPath))].sort() }))
    .filter((c) => c.resources.length > 0);
}

/** Where AWS Config delivers what it records: its delivery channel's bucket, as a construct path where the app defines it. */
function configDestination(model: AppModel): string {
  const channel = model.ofType('AWS::Config::DeliveryChannel')[0];
  if (!channel) {
    return 'by the account\'s AWS Config delivery channel (not in this app)';
  }
  const bucket = model.target(channel.stack, channel.properties.S3BucketName);
  return `by ${channel.constructPath} to the bucket ${bucket ? bucket.constructPath : model.describe(channel.stack, channel.properties.S3BucketName)}`;
}

interface StatusInput {
  readonly counts: Counts;
  readonly rules: readonly RuleEvidence[];
  readonly controls: readonly DeployedControl[];
}

function statusOf(nature: CriterionNature, note: string | undefined, c: StatusInput, packRan: boolean): { status: CriterionStatus; basis: string } {
  const names = c.controls.map((d) => d.name).join('; ');
  if (nature === CriterionNature.ENTITY) {
    return { status: CriterionStatus.OUTSIDE_INFRASTRUCTURE, basis: note ?? 'Entity-level.' };
  }
  if (nature === CriterionNature.OPERATING) {
    return c.controls.length > 0
      ? { status: CriterionStatus.OPERATING_EVIDENCE_REQUIRED, basis: `Only the operation over the audit period of what the app deploys for it shows it: ${names}.` }
      : { status: CriterionStatus.NOT_ADDRESSED, basis: 'The app deploys no mechanism for it.' };
  }
  if (!packRan) {
    return { status: CriterionStatus.NOT_ADDRESSED, basis: 'The Soc2Ml pack did not run on this app: no resource was examined.' };
  }
  const n = examined(c.counts);
  if (c.rules.length === 0) {
    return { status: CriterionStatus.NOT_ADDRESSED, basis: 'No rule of the pack examined a resource of this app for it.' };
  }
  const open = c.counts.failed + c.counts.warnings;
  if (open > 0) {
    return { status: CriterionStatus.NOT_ADDRESSED, basis: `${open} unacknowledged finding${open === 1 ? '' : 's'} of the rules that examined resources for it: the design does not meet it yet.` };
  }
  const design = `${c.rules.length} rule${c.rules.length === 1 ? '' : 's'} examined ${n} resource × rule pair${n === 1 ? '' : 's'}; none fails unacknowledged${c.counts.acknowledged ? ` (${c.counts.acknowledged} acknowledged, in the exceptions register)` : ''}.`;
  return c.controls.length > 0
    ? { status: CriterionStatus.DESIGNED_AND_MONITORED, basis: `${design} After deploy: ${names}.` }
    : { status: CriterionStatus.ENFORCED_AT_DESIGN, basis: `${design} No deployed control re-checks it.` };
}

function examined(c: Counts): number {
  return c.passed + c.acknowledged + c.failed + c.warnings;
}

/** AWS Config rules whose description names a pack rule id. */
function runtimeRules(model: AppModel, packRuleIds: readonly string[]): RuntimeRule[] {
  const ids = new Set(packRuleIds);
  const out: RuntimeRule[] = [];
  for (const r of model.ofType('AWS::Config::ConfigRule')) {
    const description = flatten(r.properties.Description);
    const mirrors = [...new Set(description.split(/[^A-Za-z0-9]+/).filter((w) => ids.has(w)))].sort();
    if (mirrors.length === 0) {
      continue;
    }
    const source = r.properties.Source;
    const identifier = source && typeof source === 'object' && !Array.isArray(source) ? flatten(source.SourceIdentifier) : '';
    out.push({
      configRule: identifier || flatten(r.properties.ConfigRuleName) || r.logicalId,
      stack: r.stack.stackPath,
      constructPath: r.constructPath,
      mirrors,
      conditional: r.resource.condition !== undefined,
    });
  }
  return out.sort((a, b) => cmp(a.configRule, b.configRule) || cmp(a.stack, b.stack) || cmp(a.constructPath, b.constructPath));
}

const CATEGORY_ORDER = ['CC', 'A', 'C', 'PI', 'P'];

/** CC before A before C before PI; numbers compared as numbers (CC6.10 after CC6.9). */
export function compareCriteria(a: string, b: string): number {
  const parse = (c: string) => {
    const m = /^([A-Z]+)(\d+)\.(\d+)$/.exec(c);
    return m ? [CATEGORY_ORDER.indexOf(m[1]) === -1 ? 99 : CATEGORY_ORDER.indexOf(m[1]), Number(m[2]), Number(m[3])] : [100, 0, 0];
  };
  const [x, y] = [parse(a), parse(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || cmp(a, b);
}

function zero(): Counts {
  return { passed: 0, acknowledged: 0, failed: 0, warnings: 0, notApplicable: 0 };
}

function add(a: Counts, b: Counts): Counts {
  return {
    passed: a.passed + b.passed,
    acknowledged: a.acknowledged + b.acknowledged,
    failed: a.failed + b.failed,
    warnings: a.warnings + b.warnings,
    notApplicable: a.notApplicable + b.notApplicable,
  };
}

const STATUS_WORDS: Readonly<Record<CriterionStatus, string>> = {
  [CriterionStatus.ENFORCED_AT_DESIGN]: 'enforced at design',
  [CriterionStatus.DESIGNED_AND_MONITORED]: 'designed and monitored',
  [CriterionStatus.OPERATING_EVIDENCE_REQUIRED]: 'operating evidence required',
  [CriterionStatus.OUTSIDE_INFRASTRUCTURE]: 'outside infrastructure',
  [CriterionStatus.NOT_ADDRESSED]: 'not addressed',
};

export function statusWords(status: CriterionStatus): string {
  return STATUS_WORDS[status];
}

/** What each status means, in a line, for the reader of the matrix. */
export const STATUS_MEANINGS: Readonly<Record<CriterionStatus, string>> = {
  [CriterionStatus.ENFORCED_AT_DESIGN]: 'synth-time rules examined at least one resource for it and none failed unacknowledged; nothing deployed re-checks it',
  [CriterionStatus.DESIGNED_AND_MONITORED]: 'enforced at design, and a deployed detective control (AWS Config rule, detector, alarm) records it after deploy',
  [CriterionStatus.OPERATING_EVIDENCE_REQUIRED]: 'the platform deploys a mechanism for it; only its operation over the audit period can show the criterion is met',
  [CriterionStatus.OUTSIDE_INFRASTRUCTURE]: 'entity-level (governance, people, risk assessment, vendors, privacy program): no infrastructure evidences it',
  [CriterionStatus.NOT_ADDRESSED]: 'nothing in the app addresses it, no rule examined a resource for it, or a rule fails unacknowledged',
};

/** The control matrix as Markdown, for people and for diffs in review. */
export function renderControlMatrixMarkdown(matrix: ControlMatrix): string {
  const lines: string[] = ['# SOC 2 control matrix', ''];
  lines.push(matrix.pack
    ? `Generated at synth from the app's templates; judged by ${matrix.pack.plugin} ${matrix.pack.version}. Counts are resource × rule verdicts of the rules that examined at least one resource.`
    : 'The Soc2Ml pack did not run on this app (no verdict file): no resource was examined.');
  lines.push('', '| status | criteria | meaning |', '|---|---:|---|');
  for (const st of STATUS_ORDER) {
    lines.push(`| ${statusWords(st)} | ${matrix.summary[st]} | ${STATUS_MEANINGS[st]} |`);
  }
  lines.push('', '| criterion | title | status | basis |', '|---|---|---|---|');
  for (const c of matrix.criteria) {
    lines.push(`| [${c.criterion}](#${anchor(c.criterion)}) | ${md(c.title)} | ${statusWords(c.status)} | ${md(c.basis)} |`);
  }
  for (const c of matrix.criteria.filter((x) => x.status !== CriterionStatus.OUTSIDE_INFRASTRUCTURE)) {
    lines.push('', `## ${c.criterion}`, '', `${md(c.title)}. Status: **${statusWords(c.status)}**. ${md(c.basis)}`);
    lines.push(...criterionMarkdown(c));
  }
  return lines.join('\n') + '\n';
}

function criterionMarkdown(c: CriterionEvidence): string[] {
  const lines: string[] = [];
  if (c.rules.length > 0) {
    lines.push('', '| rule | severity | passed | acknowledged | failed | warnings | not applicable |', '|---|---|---:|---:|---:|---:|---:|');
    for (const r of c.rules) {
      lines.push(`| \`${r.rule}\` | ${r.severity} | ${r.counts.passed} | ${r.counts.acknowledged} | ${r.counts.failed} | ${r.counts.warnings} | ${r.counts.notApplicable} |`);
    }
    // Passing resources are listed one by one in control-matrix.json; here, what needs reading.
    const rest = c.rules.flatMap((r) => r.resources.filter((res) => res.outcome !== ResourceOutcome.PASSED).map((res) => ({ rule: r.rule, ...res })));
    if (rest.length > 0) {
      lines.push('', '| rule | resource | outcome | detail or reason |', '|---|---|---|---|');
      for (const e of rest) {
        const why = e.outcome === ResourceOutcome.ACKNOWLEDGED ? `${e.reason ?? ''} (acknowledged at \`${e.acknowledgedAt ?? ''}\`)` : e.detail ?? '';
        lines.push(`| \`${e.rule}\` | \`${e.constructPath}\` | ${e.outcome} | ${md(why)} |`);
      }
    }
    lines.push('', 'The passing verdicts, resource by resource, are in control-matrix.json.');
  }
  if (c.rulesExaminedNothing.length > 0) {
    lines.push('', `Rules that cite it but examined no resource of this app (they contribute nothing): ${c.rulesExaminedNothing.map((r) => `\`${r}\``).join(', ')}.`);
  }
  for (const d of c.controls) {
    lines.push('', `- ${md(d.name)}: ${md(d.records)} (${d.resources.length} resource${d.resources.length === 1 ? '' : 's'}, e.g. \`${d.resources[0]}\`)`);
  }
  if (c.controlsNotDeployed.length > 0) {
    lines.push('', `Not deployed by this app: ${c.controlsNotDeployed.map(md).join('; ')}.`);
  }
  return lines;
}

function anchor(criterion: string): string {
  return criterion.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Text safe inside a Markdown table cell. */
function md(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}
