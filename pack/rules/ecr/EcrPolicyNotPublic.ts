import { failed, passed, ResourceRule } from '../../rule';
import { isObject, Json } from '../../json';
import { branches, hasNarrowingCondition, isIntrinsic, isUnset, principalsOf, Statement, statementsOf } from '../../values';

/** Whether a policy can be read as a document (an object, or a JSON string of one). */
function readable(document: Json | undefined): boolean {
  if (typeof document === 'string') {
    try {
      return isObject(JSON.parse(document) as Json);
    } catch {
      return false;
    }
  }
  return isObject(document) && !isIntrinsic(document);
}

/**
 * Everyone: `*` (or an ARN with a wildcard, which IAM reads as `*`), or `NotPrincipal`, which
 * allows every principal but those it names.
 */
function isEveryone(statement: Statement): boolean {
  if (statement.notPrincipal !== undefined) {
    return true;
  }
  return principalsOf(statement.principal).aws.some((p) => p.includes('*'));
}

/**
 * The repository policy grants nothing to everyone unless a condition narrows it to an account,
 * organization, source or network. A policy that cannot be read at synth fails closed.
 */
export const EcrPolicyNotPublic: ResourceRule = {
  id: 'EcrPolicyNotPublic',
  resourceTypes: ['AWS::ECR::Repository'],
  passes: 'No `RepositoryPolicyText` statement allows `*` (or uses `NotPrincipal`) without a narrowing condition such as `aws:PrincipalOrgID` or `aws:SourceAccount`.',
  check: (repository) => {
    const location = 'Properties/RepositoryPolicyText';
    for (const document of branches(repository.properties.RepositoryPolicyText)) {
      if (isUnset(document)) {
        continue;
      }
      if (!readable(document)) {
        return failed('Its repository policy comes from a value that cannot be read at synth; make it literal or acknowledge the rule with a reason.', location);
      }
      const statements = statementsOf(document);
      for (const [i, s] of statements.entries()) {
        if (s.effect === 'Allow' && isEveryone(s) && !hasNarrowingCondition(s)) {
          return failed(`Statement ${i} of its repository policy allows everyone without a condition narrowing it to an account or organization.`, `${location}/Statement/${i}`);
        }
      }
    }
    return passed();
  },
};
