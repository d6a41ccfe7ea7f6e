import { failed, Outcome, passed } from '../../rule';
import { StackTemplate, TemplateResource } from '../../template';
import { isObject, Json, JsonObject } from '../../json';
import { literalAlternatives } from '../../readers';
import { asBoolean, branches, flatten, isCustomerManagedKey, isIntrinsic, isNoValue, isUnset } from '../../values';

/*
 * Readers the Bedrock, Glue, Athena and EC2 compute rules share. None is specific to Bedrock:
 * they would sit in pack/readers.ts, and live here only because each family owns its folder.
 * Values come from `valuesAt`, where `undefined` is an absent property and `null` a level the
 * pack cannot read.
 */

/**
 * The literal values a setting can take at deploy time: each value through `literalAlternatives`
 * (a parameter counts by its `AllowedValues`). Undefined when some value cannot be known at synth.
 */
export function literalValues(values: readonly (Json | undefined)[], template: StackTemplate): (Json | undefined)[] | undefined {
  const out: (Json | undefined)[] = [];
  for (const v of values) {
    const alternatives = v === null ? undefined : literalAlternatives(v, template);
    if (alternatives === undefined) {
      return undefined;
    }
    out.push(...alternatives);
  }
  return out;
}

/** What an enumerated string setting is in its worst value: absent beats another value beats unknowable. */
export interface LiteralState {
  readonly state: 'accepted' | 'absent' | 'other' | 'unknown';
  /** The offending value, for `other`. */
  readonly value?: string;
}

const RANK: Readonly<Record<LiteralState['state'], number>> = { accepted: 0, unknown: 1, other: 2, absent: 3 };

/** The worst state of a string setting over its values, compared with `accepted` case-insensitively. */
export function literalState(values: readonly (Json | undefined)[], template: StackTemplate, accepted: readonly string[]): LiteralState {
  let worst: LiteralState = { state: 'accepted' };
  for (const v of values) {
    const alternatives = v === null ? undefined : literalAlternatives(v, template);
    const states: LiteralState[] = alternatives === undefined ? [{ state: 'unknown' }] : alternatives.map((a) => {
      if (isUnset(a)) {
        return { state: 'absent' };
      }
      const ok = typeof a === 'string' && accepted.some((x) => x.toLowerCase() === a.toLowerCase());
      return ok ? { state: 'accepted' } : { state: 'other', value: flatten(a) };
    });
    for (const s of states) {
      if (RANK[s.state] > RANK[worst.state]) {
        worst = s;
      }
    }
  }
  return worst;
}

/** What to say when a boolean control is off. */
export interface OffDetails {
  /** The property is absent (the service default applies). */
  readonly absent: string;
  /** The property is false in some branch. */
  readonly off: string;
}

/**
 * A boolean control that must be true in every value it can take, a parameter counting by its
 * `AllowedValues`. A value synth cannot know fails closed: it may be false once deployed.
 */
export function requireLiteralTrue(values: readonly (Json | undefined)[], template: StackTemplate, location: string, details: OffDetails): Outcome {
  const known = literalValues(values, template);
  if (known === undefined) {
    const property = location.split('/').pop();
    return failed(`${property} comes from a value that cannot be known at synth (a parameter without AllowedValues, an import or another intrinsic), so it may be false once deployed; make it literal, give the parameter AllowedValues, or acknowledge the rule with a reason.`, location);
  }
  if (known.some((v) => isUnset(v))) {
    return failed(details.absent, location);
  }
  return known.every((v) => asBoolean(v) === true) ? passed() : failed(details.off, location);
}

/**
 * Why a KMS key setting does not name a customer-managed key in every value, or undefined when it
 * does (a reference to a key counts, see `isCustomerManagedKey`). `absent` completes "no key is
 * set, so …" with the service's default.
 */
export function customerKeyProblem(values: readonly (Json | undefined)[], absent: string): string | undefined {
  for (const v of values) {
    if (v === null) {
      return 'its key is inside a value that cannot be read at synth';
    }
    if (isUnset(v)) {
      return `no key is set, so ${absent}`;
    }
    if (!isCustomerManagedKey(v)) {
      return `it names the AWS-managed key ${flatten(v)}`;
    }
  }
  return undefined;
}

/**
 * The items of a list setting over its values (from `valuesAt`), each item through `Fn::If`.
 * A list or an item synth cannot read is `null`, for the rule to fail closed on.
 */
export function itemsOf(values: readonly (Json | undefined)[]): (JsonObject | null)[] {
  const items: (JsonObject | null)[] = [];
  for (const list of values) {
    if (list === undefined) {
      continue;
    }
    const entries = Array.isArray(list) ? list.flatMap((entry) => branches(entry)) : [null];
    for (const entry of entries) {
      if (entry !== undefined && !isNoValue(entry)) {
        items.push(isObject(entry) && !isIntrinsic(entry) ? entry : null);
      }
    }
  }
  return items;
}

/**
 * The resource of `type` a name refers to in the template: through `Ref`/`Fn::GetAtt`, or by
 * its `nameProperty` spelled the same way (a literal name, or the same `Fn::Sub`/`Fn::Join` of
 * the same references). Undefined when nothing in the template matches.
 */
export function resourceNamed(template: StackTemplate, type: string, nameProperty: string, name: Json | undefined): TemplateResource | undefined {
  const target = template.target(name);
  if (target) {
    return target.type === type ? target : undefined;
  }
  const spelled = flatten(name);
  if (spelled === '' || spelled.includes('${?}')) {
    return undefined;
  }
  return template.ofType(type).find((r) => flatten(r.properties[nameProperty]) === spelled);
}
