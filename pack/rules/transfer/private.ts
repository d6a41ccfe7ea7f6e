import { StackTemplate } from '../../template';
import { isObject, Json } from '../../json';
import { literalAlternatives } from '../../readers';
import { branches, isIntrinsic, isNoValue, isUnset, variantsOf } from '../../values';

/*
 * AWS Transfer Family's server (SFTP, FTPS, FTP and AS2 endpoints in front of S3 or EFS; aws-cdk-lib
 * has only the L1 CfnServer) and the readers its rules share: a list property (`Protocols`,
 * `StructuredLogDestinations`) in each value it can take at deploy time, and whether a setting names
 * something (a role, a log group) in every value.
 */

export const SERVER = 'AWS::Transfer::Server';

/**
 * Every list a list property can be at deploy time: each combination of the `Fn::If` branches in
 * and around it (`variantsOf`; an entry whose branch is `AWS::NoValue` is dropped). `undefined`
 * stands for an absent property, `null` for a list synth cannot read (an import, `Fn::Split`, a list
 * parameter without `AllowedValues`). A list parameter with `AllowedValues` reads as one list per
 * allowed value: CloudFormation takes each entry only from them, so any of them may be there.
 */
export function listVariants(value: Json | undefined, template: StackTemplate): (Json[] | undefined | null)[] {
  if (value === undefined) {
    return [undefined];
  }
  return variantsOf(value).flatMap((list): (Json[] | undefined | null)[] => {
    if (isNoValue(list)) {
      return [undefined];
    }
    if (Array.isArray(list)) {
      return [list];
    }
    const allowed = literalAlternatives(list, template);
    return allowed === undefined ? [null] : allowed.map((v) => (v === undefined ? [] : [v]));
  });
}

/** Whether a setting that names something (a role ARN, a log group ARN) does so at deploy time. */
export enum Naming {
  NAMED = 'named',
  /** Absent, empty or `AWS::NoValue` in some branch. */
  UNSET = 'unset',
  /** A parameter without `AllowedValues` (which may be given as an empty string), or a value of the wrong type. */
  UNKNOWN = 'unknown',
}

/**
 * Whether a setting names something in every value it can take, its worst value counting (unset
 * before unknown). A reference (`Fn::GetAtt`, `Ref` to a resource, `Fn::Join`, `Fn::Sub`, an
 * import) counts: that is how a role or log group is given. A parameter counts by its
 * `AllowedValues`; one without them is unknown.
 */
export function namingOf(value: Json | undefined, template: StackTemplate): Naming {
  let worst = Naming.NAMED;
  for (const branch of branches(value)) {
    const naming = branchNaming(branch, template);
    if (naming === Naming.UNSET) {
      return Naming.UNSET;
    }
    if (naming === Naming.UNKNOWN) {
      worst = Naming.UNKNOWN;
    }
  }
  return worst;
}

function branchNaming(value: Json | undefined, template: StackTemplate): Naming {
  if (isUnset(value)) {
    return Naming.UNSET;
  }
  if (isObject(value) && typeof value.Ref === 'string' && value.Ref in template.parameters) {
    const allowed = literalAlternatives(value, template);
    if (allowed === undefined) {
      return Naming.UNKNOWN;
    }
    return allowed.some(isUnset) ? Naming.UNSET : Naming.NAMED;
  }
  return typeof value === 'string' || isIntrinsic(value) ? Naming.NAMED : Naming.UNKNOWN;
}
