import { ALL_RULES } from './rules';
import { Outcome, PackRule, Verdict } from './rule';
import { StackTemplate, TemplateResource } from './template';
import { AcknowledgedVerdict, FailedVerdict, ResourceVerdicts, VerdictDocument } from './verdicts';
import { SOC2ML_PACK } from '../core/nag-packs';
import { AppIndex } from './app-index';
import { notJudged } from './not-judged';

/** One rule's outcome on one resource (or, for a stack rule, one stack). */
export interface Evaluated {
  readonly packRule: PackRule;
  readonly stack: StackTemplate;
  readonly resource?: TemplateResource;
  readonly outcome: Outcome;
}

/** The resource rules of a rule set, by the resource types they read. */
function rulesByType(rules: readonly PackRule[]): ReadonlyMap<string, readonly PackRule[]> {
  const map = new Map<string, PackRule[]>();
  for (const r of rules) {
    if (r.kind !== 'resource') {
      continue;
    }
    for (const type of r.rule.resourceTypes) {
      map.set(type, [...(map.get(type) ?? []), r]);
    }
  }
  return map;
}

const ALL_RULES_BY_TYPE = rulesByType(ALL_RULES);

/**
 * Every rule of the pack (or of `rules`, the pack's rules as a `Soc2MlChecks` configured them)
 * over every resource (by type) and every stack of an app.
 */
export function evaluate(stacks: readonly StackTemplate[], rules: readonly PackRule[] = ALL_RULES): Evaluated[] {
  const byType = rules === ALL_RULES ? ALL_RULES_BY_TYPE : rulesByType(rules);
  const stackRules = rules.filter((r) => r.kind === 'stack');
  // Every stack sees the others: a value may name a resource of another stack of the app.
  new AppIndex(stacks).attach();
  const out: Evaluated[] = [];
  for (const stack of stacks) {
    for (const resource of stack.resources.values()) {
      for (const packRule of byType.get(resource.type) ?? []) {
        if (packRule.kind === 'resource') {
          out.push({ packRule, stack, resource, outcome: safely(() => packRule.rule.check(resource)) });
        }
      }
    }
    for (const packRule of stackRules) {
      if (packRule.kind === 'stack') {
        out.push({ packRule, stack, outcome: safely(() => packRule.rule.check(stack, stacks)) });
      }
    }
  }
  return out;
}

/** A rule that cannot read a resource fails closed, saying why. */
function safely(check: () => Outcome): Outcome {
  try {
    return check();
  } catch (e) {
    return { verdict: Verdict.FAILED, detail: `The rule could not evaluate this resource (${(e as Error).message}); make the value literal or acknowledge the rule with a reason.` };
  }
}

/** Where a verdict belongs: the construct path of a resource, and the acknowledgement covering a rule on it. */
export interface VerdictLocator {
  /** The resource's construct path; `exact` asks for a match proven by logical id (failed verdicts). */
  of(stack: StackTemplate, resource: TemplateResource | undefined, exact: boolean): string;
  /** The acknowledgement of a rule that covers the resource, if any. */
  acknowledgementOf(stack: StackTemplate, resource: TemplateResource | undefined, ruleId: string): AcknowledgedVerdict | undefined;
}

interface Entry {
  readonly e: Evaluated;
  readonly passed: string[];
  readonly notApplicable: string[];
  readonly failed: FailedVerdict[];
}

/** The verdicts file's document for what was evaluated, sorted so that it is byte-identical across synths. */
export function recordVerdicts(stacks: readonly StackTemplate[], evaluated: readonly Evaluated[], locator: VerdictLocator, version: string): VerdictDocument {
  // A resource's verdicts under the resource; a stack rule's under its stack.
  const byResource = new Map<TemplateResource | StackTemplate, Entry>();
  for (const e of evaluated) {
    const key = e.resource ?? e.stack;
    let entry = byResource.get(key);
    if (!entry) {
      entry = { e, passed: [], notApplicable: [], failed: [] };
      byResource.set(key, entry);
    }
    const id = e.packRule.rule.id;
    if (e.outcome.verdict === Verdict.PASSED) {
      entry.passed.push(id);
    } else if (e.outcome.verdict === Verdict.NOT_APPLICABLE) {
      entry.notApplicable.push(id);
    } else {
      const acknowledged = locator.acknowledgementOf(e.stack, e.resource, id);
      entry.failed.push({ rule: id, severity: e.packRule.severity, detail: e.outcome.detail ?? '', ...(acknowledged ? { acknowledged } : {}) });
    }
  }
  // A resource that failed a rule was matched to its construct exactly; the path is the same one.
  const resources: ResourceVerdicts[] = [...byResource.values()].map(({ e, passed, notApplicable, failed }) => ({
    stack: e.stack.stackPath,
    constructPath: locator.of(e.stack, e.resource, failed.length > 0),
    logicalId: e.resource?.logicalId,
    type: e.resource?.type ?? 'AWS::CloudFormation::Stack',
    passed: [...passed].sort(),
    notApplicable: [...notApplicable].sort(),
    failed: [...failed].sort((a, b) => cmp(a.rule, b.rule)),
  }));
  resources.sort((a, b) => cmp(a.stack, b.stack) || cmp(a.constructPath, b.constructPath) || cmp(a.logicalId ?? '', b.logicalId ?? ''));
  return {
    plugin: SOC2ML_PACK,
    version,
    rules: ALL_RULES.map((r) => ({ id: r.rule.id, criteria: r.criteria, severity: r.severity, resourceTypes: r.rule.resourceTypes })),
    resources,
    notJudged: notJudged(stacks),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
