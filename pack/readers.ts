import { failed, Outcome, passed } from './rule';
import { StackTemplate, TemplateResource } from './template';
import { isObject, Json, JsonObject } from './json';
import { asBoolean, branches, isIntrinsic, isNoValue, isUnset } from './values';

/*
 * Readers shared by rules of several services: nested properties through `Fn::If`, literal
 * alternatives (parameters' AllowedValues), boolean controls, and retention policies.
 */

/**
 * A property of an object by its CloudFormation name. Some SageMaker L1 props are typed `any`
 * (`CfnFeatureGroup.offlineStoreConfig`, `onlineStoreConfig`) and CDK writes them as given, so a
 * camelCase spelling is matched too: the rule judges what the user meant, and CloudFormation's own
 * validation reports the spelling.
 */
export function prop(value: Json | undefined, name: string): Json | undefined {
  if (!isObject(value)) {
    return undefined;
  }
  if (name in value) {
    return value[name];
  }
  const lower = name.toLowerCase();
  const key = Object.keys(value).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : value[key];
}

/** A setting's object when synth can read it: neither absent nor an intrinsic it cannot see through. */
export function readableObject(value: Json | undefined): JsonObject | undefined {
  return value !== undefined && isObject(value) && !isIntrinsic(value) ? value : undefined;
}

/**
 * Every value a nested property can take, expanding `Fn::If` at each level. `undefined` stands for
 * an absent property (including `AWS::NoValue`); `null` for a level that is an intrinsic the pack
 * cannot see through, so callers fail closed on it.
 */
export function valuesAt(value: Json | undefined, path: readonly string[]): (Json | undefined)[] {
  const out: (Json | undefined)[] = [];
  for (const b of branches(value)) {
    if (b === undefined || isNoValue(b)) {
      out.push(undefined);
    } else if (path.length === 0) {
      out.push(b);
    } else if (isObject(b) && !isIntrinsic(b)) {
      out.push(...valuesAt(prop(b, path[0]), path.slice(1)));
    } else {
      out.push(null);
    }
  }
  return out;
}

/**
 * Every object a nested setting can be, through `Fn::If` (`valuesAt`): an absent one left out, one
 * synth cannot read (an intrinsic it cannot see through) as `null`, for a rule to fail closed on.
 */
export function objectsAt(value: Json | undefined, path: readonly string[]): (JsonObject | null)[] {
  return valuesAt(value, path).filter((v) => v !== undefined).map((v) => readableObject(v) ?? null);
}

/**
 * The literal values a property can take at deploy time: each branch of `Fn::If`, and for a
 * `Ref` to a template parameter its `AllowedValues` (the only parameter values CloudFormation
 * will accept). `undefined` in the result stands for an absent property (`AWS::NoValue`).
 * Returns undefined when some branch cannot be known at synth: another intrinsic, an import,
 * or a parameter without `AllowedValues`.
 */
export function literalAlternatives(value: Json | undefined, template: StackTemplate): (Json | undefined)[] | undefined {
  const out: (Json | undefined)[] = [];
  for (const v of branches(value)) {
    if (v === undefined || isNoValue(v)) {
      out.push(undefined);
      continue;
    }
    if (isObject(v) && typeof v.Ref === 'string' && Object.keys(v).length === 1) {
      const parameter = template.parameters[v.Ref];
      // An SSM parameter type checks AllowedValues against the parameter's name, not the value it
      // fetches from Parameter Store: its value cannot be known at synth.
      const fromSsm = isObject(parameter) && typeof parameter.Type === 'string' && parameter.Type.startsWith('AWS::SSM::Parameter::Value');
      if (isObject(parameter) && !fromSsm && Array.isArray(parameter.AllowedValues) && parameter.AllowedValues.length > 0) {
        out.push(...parameter.AllowedValues);
        continue;
      }
      return undefined;
    }
    if (isIntrinsic(v)) {
      return undefined;
    }
    out.push(v);
  }
  return out;
}

/**
 * The literal values a nested setting can take at deploy time: every `Fn::If` branch at each level
 * (`valuesAt`), with a `Ref` to a template parameter replaced by its `AllowedValues`. `undefined`
 * in the result stands for an absent setting. Returns undefined when some branch cannot be known
 * at synth (an import, a parameter without `AllowedValues`, a level the pack cannot read).
 */
export function literalValuesAt(value: Json | undefined, path: readonly string[], template: StackTemplate): (Json | undefined)[] | undefined {
  const out: (Json | undefined)[] = [];
  for (const v of valuesAt(value, path)) {
    const alternatives = v === null ? undefined : literalAlternatives(v, template);
    if (alternatives === undefined || alternatives.includes(null)) {
      return undefined;
    }
    out.push(...alternatives);
  }
  return out;
}

/**
 * Every value a KMS key setting at `path` can take at deploy time, for `isCustomerManagedKey` to
 * judge: each `Fn::If` branch, a parameter as each of its `AllowedValues`, and any other reference
 * as written (a `Ref`, `Fn::GetAtt` or import is how a key is named). `undefined` stands for an
 * absent setting. Null when a level of `path` is an intrinsic synth cannot see through (never for
 * an empty path).
 */
export function keyValuesAt(value: Json | undefined, path: readonly string[], template: StackTemplate): (Json | undefined)[] | null {
  const out: (Json | undefined)[] = [];
  for (const key of valuesAt(value, path)) {
    if (key === null) {
      return null;
    }
    out.push(...(literalAlternatives(key, template) ?? [key]));
  }
  return out;
}

/** `DeletionPolicy` values that keep a resource when its stack deletes it. */
export const RETAINING_DELETION_POLICIES: readonly string[] = ['Retain', 'RetainExceptOnCreate'];
/**
 * `UpdateReplacePolicy` values that keep the old resource on replacement
 * (`RetainExceptOnCreate` is not valid there).
 */
export const RETAINING_REPLACE_POLICIES: readonly string[] = ['Retain'];

/**
 * Whether a `DeletionPolicy`/`UpdateReplacePolicy` is one of `accepted` in every branch. An
 * absent policy means `Delete`; a value that cannot be known at synth is not proof of retention.
 */
export function alwaysOneOf(value: Json | undefined, template: StackTemplate, accepted: readonly string[]): boolean {
  const values = literalAlternatives(value, template);
  return values !== undefined && values.every((v) => typeof v === 'string' && accepted.includes(v));
}

/** A policy attribute as a user reads it in a finding. */
export function describePolicy(value: Json | undefined): string {
  if (value === undefined) {
    return 'absent (so Delete)';
  }
  return typeof value === 'string' ? JSON.stringify(value) : 'not a literal value';
}

/** The literal values a tag can take (see `literalAlternatives`); undefined when unknowable. */
export function tagAlternatives(resource: TemplateResource, key: string): (Json | undefined)[] | undefined {
  return literalAlternatives(resource.tag(key), resource.template);
}

/**
 * A boolean control that must be literally true in every value it can take (pass
 * `branches(value)`, so each side of an `Fn::If` counts). A value CDK cannot see through (a
 * parameter, an import) fails closed: it may be false once deployed, and an auditor would not
 * accept "probably on" as evidence.
 */
export function requireTrue(values: readonly (Json | undefined)[], location: string, offDetail: string): Outcome {
  if (values.every((v) => asBoolean(v) === true)) {
    return passed();
  }
  if (values.some((v) => asBoolean(v) === false || isUnset(v))) {
    return failed(offDetail, location);
  }
  const property = location.split('/').pop();
  return failed(`${property} comes from a value that cannot be known at synth (a parameter or import), so it may be false once deployed; make it literal or acknowledge the rule with a reason.`, location);
}

/**
 * A stateful resource's `DeletionPolicy` keeps it when its stack deletes it (`Retain` or
 * `RetainExceptOnCreate`, which only deletes a resource whose creation failed and so holds
 * nothing). `consequence` completes "so deleting the stack …".
 */
export function requireRetainedOnDelete(resource: TemplateResource, consequence: string): Outcome {
  if (!alwaysOneOf(resource.deletionPolicy, resource.template, RETAINING_DELETION_POLICIES)) {
    return failed(`Its DeletionPolicy is ${describePolicy(resource.deletionPolicy)}, so deleting the stack ${consequence}.`, 'DeletionPolicy');
  }
  return passed();
}
