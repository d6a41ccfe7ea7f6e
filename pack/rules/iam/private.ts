import { TemplateResource } from '../../template';
import { isObject, Json } from '../../json';
import { asArray, branches, flatten } from '../../values';

/** A policy document with where it sits in its resource. */
export interface LocatedDocument {
  readonly document: Json | undefined;
  readonly location: string;
}

/**
 * The identity-policy documents a resource holds: `PolicyDocument` of an `AWS::IAM::Policy` or
 * `AWS::IAM::ManagedPolicy`, or each inline `Policies[*].PolicyDocument` of a role, user or group,
 * in every `Fn::If` branch.
 */
export function identityDocuments(resource: TemplateResource): LocatedDocument[] {
  if (resource.type === 'AWS::IAM::Policy' || resource.type === 'AWS::IAM::ManagedPolicy') {
    return [{ document: resource.properties.PolicyDocument, location: 'Properties/PolicyDocument' }];
  }
  const out: LocatedDocument[] = [];
  for (const list of branches(resource.properties.Policies)) {
    asArray(list).forEach((entry, i) => {
      for (const policy of branches(entry)) {
        if (isObject(policy)) {
          out.push({ document: policy.PolicyDocument, location: `Properties/Policies/${i}/PolicyDocument` });
        }
      }
    });
  }
  return out;
}

// `arn:aws:*:*:*:*` and the like name every resource as surely as `*`.
export function isAllResourcesArn(resource: Json): boolean {
  return /^arn:(\$\{[^}]*\}|[^:]*):\*+(:\**)*$/.test(flatten(resource).trim());
}
