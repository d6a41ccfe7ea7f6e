import { soc2mlRuleId } from '../core/nag-packs';
import { packageVersion } from '../core/package-info';
import { Acknowledgement } from './assembly';
import { evaluate, recordVerdicts, VerdictLocator } from './evaluate';
import { StackTemplate, TemplateResource } from './template';
import { VerdictDocument } from './verdicts';

/*
 * The pack judging templates without the app that made them: a cloud assembly CDK wrote (any CDK
 * language: `cdk synth` then `cdk-soc2-ml check cdk.out`), whose metadata gives each resource's
 * construct path and every acknowledgement, or plain CloudFormation templates, which have neither.
 */

/** A stack to judge, with the construct path of each resource where the assembly records one. */
export interface StackToJudge {
  readonly template: StackTemplate;
  /** Logical id → construct path; a resource without one is named `<stack>/<logical id>`. */
  readonly constructPaths: ReadonlyMap<string, string>;
}

/**
 * Finds construct paths in the assembly's records, and acknowledgements on a resource's construct
 * or its ancestors, as CDK applies them.
 */
class RecordedLocator implements VerdictLocator {
  private readonly paths = new Map<StackTemplate, ReadonlyMap<string, string>>();
  private readonly acknowledged = new Map<string, Acknowledgement>();

  constructor(stacks: readonly StackToJudge[], acknowledgements: readonly Acknowledgement[]) {
    for (const s of stacks) {
      this.paths.set(s.template, s.constructPaths);
    }
    for (const a of acknowledgements) {
      this.acknowledged.set(`${a.at}\u0000${a.id}`, a);
    }
  }

  public of(stack: StackTemplate, resource: TemplateResource | undefined): string {
    if (!resource) {
      return stack.stackPath;
    }
    return this.paths.get(stack)?.get(resource.logicalId) ?? resource.cdkPath ?? `${stack.stackPath}/${resource.logicalId}`;
  }

  public acknowledgementOf(stack: StackTemplate, resource: TemplateResource | undefined, ruleId: string): { reason: string; at: string } | undefined {
    const id = soc2mlRuleId(ruleId);
    const parts = this.of(stack, resource).split('/');
    for (let n = parts.length; n > 0; n--) {
      const found = this.acknowledged.get(`${parts.slice(0, n).join('/')}\u0000${id}`);
      if (found) {
        return { reason: found.reason, at: found.at };
      }
    }
    return undefined;
  }
}

/** Judge the stacks of an app (every stack sees the others, as in a synth) and record the verdicts. */
export function judge(stacks: readonly StackToJudge[], acknowledgements: readonly Acknowledgement[]): VerdictDocument {
  const templates = stacks.map((s) => s.template);
  return recordVerdicts(templates, evaluate(templates), new RecordedLocator(stacks, acknowledgements), packageVersion());
}
