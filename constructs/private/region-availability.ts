import { Aws, CfnCondition, Fn, ICfnConditionExpression, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * Where an AWS feature exists, as its documentation lists it: either only in some regions, or
 * everywhere except some. Neither means everywhere.
 */
export interface RegionAvailability {
  /** The feature exists only in these regions. */
  readonly onlyIn?: readonly string[];
  /** The feature exists everywhere except in these regions. */
  readonly notIn?: readonly string[];
}

/** Whether a feature exists in a (literal) region. */
export function isAvailableIn(availability: RegionAvailability, region: string): boolean {
  if (availability.onlyIn) {
    return availability.onlyIn.includes(region);
  }
  return !(availability.notIn ?? []).includes(region);
}

/** Whether a feature exists in every region. */
export function isEverywhere(availability: RegionAvailability): boolean {
  return !availability.onlyIn && (availability.notIn ?? []).length === 0;
}

/**
 * How a resource that exists only in some regions is placed in a stack:
 * - `'create'`: create it unconditionally (available everywhere, or in the stack's literal region);
 * - `'skip'`: do not create it (the stack's literal region lacks it);
 * - a condition: the stack is region-agnostic, so CloudFormation decides at deploy time.
 */
export type Placement = 'create' | 'skip' | CfnCondition;

/**
 * Decide how to place a regional resource in `scope`'s stack. Conditions are shared: one per
 * distinct region list, created under `conditionScope` with an id derived from the list.
 */
export function placementFor(conditionScope: Construct, availability: RegionAvailability): Placement {
  if (isEverywhere(availability)) {
    return 'create';
  }
  const region = Stack.of(conditionScope).region;
  if (!Token.isUnresolved(region)) {
    return isAvailableIn(availability, region) ? 'create' : 'skip';
  }
  const id = conditionId(availability);
  const existing = conditionScope.node.tryFindChild(id);
  if (existing instanceof CfnCondition) {
    return existing;
  }
  return new CfnCondition(conditionScope, id, { expression: conditionExpression(availability) });
}

function conditionId(availability: RegionAvailability): string {
  const regions = [...(availability.onlyIn ?? availability.notIn ?? [])].sort();
  // A short, stable digest keeps ids readable and unique per list.
  let hash = 0;
  for (const ch of regions.join(',')) {
    hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  }
  return `${availability.onlyIn ? 'OnlyIn' : 'NotIn'}${regions.length}Regions${hash.toString(16).toUpperCase().padStart(8, '0')}`;
}

function conditionExpression(availability: RegionAvailability): ICfnConditionExpression {
  const regions = [...(availability.onlyIn ?? availability.notIn ?? [])];
  const inList = anyOf(regions.map((r) => Fn.conditionEquals(Aws.REGION, r)));
  return availability.onlyIn ? inList : Fn.conditionNot(inList);
}

/** `Fn::Or` takes 2 to 10 conditions: nest larger lists, and use a single one as it is. */
function anyOf(conditions: ICfnConditionExpression[]): ICfnConditionExpression {
  if (conditions.length === 1) {
    return conditions[0];
  }
  if (conditions.length <= 10) {
    return Fn.conditionOr(...conditions);
  }
  const groups: ICfnConditionExpression[] = [];
  for (let i = 0; i < conditions.length; i += 10) {
    groups.push(anyOf(conditions.slice(i, i + 10)));
  }
  return anyOf(groups);
}
