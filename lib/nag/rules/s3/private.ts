import { isObject, Json, StackTemplate, TemplateResource } from '../../template';
import { branches, isIntrinsic, isNoValue } from '../../values';

/*
 * Helpers shared by this pack's S3, KMS and Logs rules (candidates for values.ts).
 */

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
      if (isObject(parameter) && Array.isArray(parameter.AllowedValues) && parameter.AllowedValues.length > 0) {
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
