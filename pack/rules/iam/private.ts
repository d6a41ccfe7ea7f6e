import { TemplateResource } from '../../template';
import { Json } from '../../json';
import { PolicyKind, policyDocumentsOf } from '../../iam/documents';
import { flatten } from '../../values';

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
  return policyDocumentsOf(resource).filter((d) => d.kind === PolicyKind.IDENTITY).map(({ document, location }) => ({ document, location }));
}

// `arn:aws:*:*:*:*` and the like name every resource as surely as `*`.
export function isAllResourcesArn(resource: Json): boolean {
  return /^arn:(\$\{[^}]*\}|[^:]*):\*+(:\**)*$/.test(flatten(resource).trim());
}
