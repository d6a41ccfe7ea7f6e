import { ALL_RULES } from '../pack/rules';
import { Severity } from '../pack/rule';
import { flatten } from '../pack/values';
import { AppModel } from './app-model';
import { cmp } from './inputs';
import { VerdictDocument } from '../pack/verdicts';

/*
 * The control matrix: each SOC 2 Trust Services Criterion → the pack's rules that evidence it →
 * every resource they examined and what they concluded, plus the AWS Config rules that keep
 * checking the same controls after deploy. A criterion no rule evidences is listed as such:
 * coverage is never invented.
 */

/**
 * The criteria the platform addresses, with short titles paraphrasing the 2017 Trust Services
 * Criteria (revised points of focus, 2022). Criteria the pack's rules cite beyond these are added
 * from the rules.
 */
export const CRITERIA: Readonly<Record<string, string>> = {
  'CC1.3': 'Structures, reporting lines, authorities and responsibilities',
  'CC2.1': 'Relevant, quality information supports internal control',
  'CC3.1': 'Objectives are specified clearly enough to assess risks',
  'CC3.2': 'Risks to objectives are identified and analyzed',
  'CC4.2': 'Control deficiencies are evaluated and communicated',
  'CC6.1': 'Logical access security over protected information assets',
  'CC6.2': 'Users are registered and authorized before access is granted',
  'CC6.3': 'Access is granted, changed and removed by role and least privilege',
  'CC6.6': 'Protection against threats from outside the system boundaries',
  'CC6.7': 'Transmission and movement of information is restricted and protected',
  'CC6.8': 'Unauthorized or malicious software is prevented or detected',
  'CC7.1': 'Configuration changes and new vulnerabilities are detected',
  'CC7.2': 'System components are monitored for anomalies',
  'CC7.3': 'Security events are evaluated to identify incidents',
  'CC7.4': 'Security incidents are responded to',
  'CC8.1': 'Changes are authorized, tested, approved and implemented',
  'A1.2': 'Environmental protections, backup and recovery infrastructure',
  'C1.1': 'Confidential information is identified and protected',
  'C1.2': 'Confidential information is disposed of',
  'PI1.1': 'Processing objectives and data definitions are communicated',
  'PI1.2': 'System inputs are complete and accurate',
  'PI1.3': 'System processing is complete, accurate and timely',
  'PI1.4': 'Outputs are delivered completely, accurately and timely',
  'PI1.5': 'Inputs, items in processing and outputs are stored completely and accurately',
};

/** The criteria the matrix always lists, evidenced or not. */
export const REQUIRED_CRITERIA: readonly string[] = [
  'CC6.1', 'CC6.2', 'CC6.3', 'CC6.6', 'CC6.7', 'CC6.8', 'CC7.1', 'CC7.2', 'CC7.3', 'CC7.4', 'CC8.1',
  'A1.2', 'C1.1', 'C1.2', 'PI1.1', 'PI1.2', 'PI1.3', 'PI1.4', 'PI1.5',
];

export enum CriterionStatus {
  /** Every examined resource passed or is acknowledged. */
  PASSING = 'passing',
  /** No error-severity failure, but unacknowledged warnings remain. */
  WARNINGS = 'passing-with-warnings',
  /** Some resource fails an error-severity rule without acknowledgement. */
  FAILING = 'failing',
  /** Rules cite the criterion, but the app has no resource they examine. */
  NO_RESOURCES_IN_SCOPE = 'no-resources-in-scope',
  /** No rule of the pack evidences the criterion: it needs evidence from outside the app. */
  NOT_EVIDENCED = 'not-evidenced-by-any-rule',
  /** The pack did not run (no verdict file), so nothing was examined. */
  NOT_CHECKED = 'not-checked',
}

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

export interface CriterionEvidence {
  readonly criterion: string;
  readonly title: string;
  readonly status: CriterionStatus;
  readonly counts: Counts;
  readonly rules: readonly RuleEvidence[];
  readonly runtimeRules: readonly RuntimeRule[];
}

export interface ControlMatrix {
  /** The pack that judged the app, or undefined when it did not run. */
  readonly pack?: { readonly plugin: string; readonly version: string };
  readonly criteria: readonly CriterionEvidence[];
}

export function buildControlMatrix(model: AppModel, verdicts: VerdictDocument | undefined): ControlMatrix {
  const rules = verdicts?.rules ?? ALL_RULES.map((r) => ({ id: r.rule.id, criteria: [...r.criteria], severity: r.severity, resourceTypes: [...r.rule.resourceTypes] }));
  const severity = new Map(rules.map((r) => [r.id, r.severity]));

  // Rule → what it concluded on each resource.
  const byRule = new Map<string, { counts: Counts; resources: ExaminedResource[] }>();
  for (const r of rules) {
    byRule.set(r.id, { counts: zero(), resources: [] });
  }
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

  const runtime = runtimeRules(model, rules.map((r) => r.id));
  const criteriaOfRule = new Map(rules.map((r) => [r.id, r.criteria]));
  const cited = new Set(rules.flatMap((r) => r.criteria));
  const criteria = [...new Set([...REQUIRED_CRITERIA, ...cited])].sort(compareCriteria);

  return {
    pack: verdicts ? { plugin: verdicts.plugin, version: verdicts.version } : undefined,
    criteria: criteria.map((criterion) => {
      const ruleEvidence: RuleEvidence[] = rules
        .filter((r) => r.criteria.includes(criterion))
        .map((r) => ({ rule: r.id, severity: r.severity, ...byRule.get(r.id)! }))
        .sort((a, b) => cmp(a.rule, b.rule));
      const counts = ruleEvidence.reduce((sum, r) => add(sum, r.counts), zero());
      return {
        criterion,
        title: CRITERIA[criterion] ?? '',
        status: statusOf(ruleEvidence, counts, verdicts !== undefined),
        counts,
        rules: ruleEvidence,
        runtimeRules: runtime.filter((rt) => rt.mirrors.some((m) => criteriaOfRule.get(m)?.includes(criterion))),
      };
    }),
  };
}

function statusOf(rules: readonly RuleEvidence[], counts: Counts, packRan: boolean): CriterionStatus {
  if (rules.length === 0) {
    return CriterionStatus.NOT_EVIDENCED;
  }
  if (!packRan) {
    return CriterionStatus.NOT_CHECKED;
  }
  if (counts.passed + counts.acknowledged + counts.failed + counts.warnings === 0) {
    return CriterionStatus.NO_RESOURCES_IN_SCOPE;
  }
  return counts.failed > 0 ? CriterionStatus.FAILING : counts.warnings > 0 ? CriterionStatus.WARNINGS : CriterionStatus.PASSING;
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
  [CriterionStatus.PASSING]: 'passing',
  [CriterionStatus.WARNINGS]: 'passing, with warnings',
  [CriterionStatus.FAILING]: 'FAILING',
  [CriterionStatus.NO_RESOURCES_IN_SCOPE]: 'no resources in scope',
  [CriterionStatus.NOT_EVIDENCED]: 'not evidenced by any rule',
  [CriterionStatus.NOT_CHECKED]: 'not checked (the pack did not run)',
};

export function statusWords(status: CriterionStatus): string {
  return STATUS_WORDS[status];
}

/** The control matrix as Markdown, for people and for diffs in review. */
export function renderControlMatrixMarkdown(matrix: ControlMatrix): string {
  const lines: string[] = [];
  lines.push('# SOC 2 control matrix', '');
  lines.push(matrix.pack
    ? `Generated at synth from the app's templates by ${matrix.pack.plugin} ${matrix.pack.version}. Counts are resource × rule verdicts.`
    : 'The Soc2Ml pack did not run on this app (no verdict file): no resource was examined.');
  lines.push('A criterion that no rule evidences is listed as such: it needs evidence from outside the app (policies, procedures, other systems).', '');
  lines.push('| criterion | title | status | passed | acknowledged | failed | warnings | rules | runtime AWS Config rules |');
  lines.push('|---|---|---|---:|---:|---:|---:|---:|---:|');
  for (const c of matrix.criteria) {
    lines.push(`| [${c.criterion}](#${anchor(c.criterion)}) | ${md(c.title)} | ${statusWords(c.status)} | ${c.counts.passed} | ${c.counts.acknowledged} | ${c.counts.failed} | ${c.counts.warnings} | ${c.rules.length} | ${c.runtimeRules.length} |`);
  }
  for (const c of matrix.criteria) {
    lines.push('', `## ${c.criterion}`, '', `${md(c.title)}. Status: **${statusWords(c.status)}**.`, '');
    if (c.rules.length === 0) {
      lines.push('No rule of the pack evidences this criterion yet.');
    } else {
      lines.push('| rule | severity | passed | acknowledged | failed | warnings | not applicable |', '|---|---|---:|---:|---:|---:|---:|');
      for (const r of c.rules) {
        lines.push(`| \`${r.rule}\` | ${r.severity} | ${r.counts.passed} | ${r.counts.acknowledged} | ${r.counts.failed} | ${r.counts.warnings} | ${r.counts.notApplicable} |`);
      }
      // Passing resources are listed one by one in control-matrix.json; here, what needs reading.
      const examined = c.rules.flatMap((r) => r.resources.filter((res) => res.outcome !== ResourceOutcome.PASSED).map((res) => ({ rule: r.rule, ...res })));
      if (examined.length > 0) {
        lines.push('', '| rule | resource | type | outcome | detail or reason |', '|---|---|---|---|---|');
        for (const e of examined) {
          const why = e.outcome === ResourceOutcome.ACKNOWLEDGED ? `${e.reason ?? ''} (acknowledged at \`${e.acknowledgedAt ?? ''}\`)` : e.detail ?? '';
          lines.push(`| \`${e.rule}\` | \`${e.constructPath}\` | ${e.type} | ${e.outcome} | ${md(why)} |`);
        }
      }
      const passed = c.rules.reduce((n, r) => n + r.counts.passed, 0);
      if (passed > 0) {
        lines.push('', `${passed} passing verdicts, resource by resource, are in control-matrix.json.`);
      }
    }
    if (c.runtimeRules.length > 0) {
      lines.push('', 'Checked after deploy by AWS Config:', '');
      for (const rt of c.runtimeRules) {
        lines.push(`- \`${rt.configRule}\` (${rt.mirrors.map((m) => `\`${m}\``).join(', ')}) in \`${rt.constructPath}\`${rt.conditional ? ', where the region offers it' : ''}`);
      }
    }
  }
  return lines.join('\n') + '\n';
}

function anchor(criterion: string): string {
  return criterion.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Text safe inside a Markdown table cell. */
function md(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}
