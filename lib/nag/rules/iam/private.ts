import { isObject, Json, TemplateResource } from '../../template';
import { asArray, branches, isNoValue, Statement, statementsOf } from '../../values';

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

/**
 * The statements of a document in every `Fn::If` branch, of the document and of each statement
 * (CDK writes neither, hand-written templates do): `statementsOf` alone would read an `Fn::If`
 * statement as an Allow with no action.
 */
export function documentStatements(document: Json | undefined): Statement[] {
  const out: Statement[] = [];
  for (const branch of branches(document)) {
    let doc = branch;
    if (typeof doc === 'string') {
      try {
        doc = JSON.parse(doc) as Json;
      } catch {
        continue;
      }
    }
    if (!isObject(doc)) {
      continue;
    }
    const statements = branches(doc.Statement).flatMap((list) => asArray(list)).flatMap((s) => branches(s))
      .filter((s): s is Json => s !== undefined && !isNoValue(s) && isObject(s));
    out.push(...statementsOf({ Statement: statements }));
  }
  return out;
}
