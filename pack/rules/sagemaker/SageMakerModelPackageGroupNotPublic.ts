import { failed, passed, ResourceRule } from '../../rule';
import { Json } from '../../json';
import { branches, flatten, hasNarrowingCondition, isIntrinsic, isUnset, isWildcardPrincipal, Statement, statementsOf } from '../../values';

/**
 * The model registry group's resource policy grants nothing to everyone. An `Allow` to `*` (or
 * with `NotPrincipal`, which means everyone else) passes only with a narrowing condition
 * (`aws:PrincipalOrgID`, `aws:SourceAccount`, ...), the same test the pack applies to other
 * resource policies. A principal given by a parameter or import is taken as the account it names.
 *
 * No row of the SOC 2 mapping covers model package groups; like the row for public ECR
 * repositories (the other artifact store of the platform), it evidences CC6.1 and CC6.6.
 */
export const SageMakerModelPackageGroupNotPublic: ResourceRule = {
  id: 'SageMakerModelPackageGroupNotPublic',
  resourceTypes: ['AWS::SageMaker::ModelPackageGroup'],
  passes: '`ModelPackageGroupPolicy` is absent or has no `Allow` to `*` (or with `NotPrincipal`) lacking a narrowing condition such as `aws:PrincipalOrgID`.',
  check: (group) => {
    for (const policy of branches(group.properties.ModelPackageGroupPolicy)) {
      const statements = readStatements(policy);
      if (statements === undefined) {
        return failed('Its ModelPackageGroupPolicy cannot be read at synth time, so it cannot be shown not to be public.', 'Properties/ModelPackageGroupPolicy');
      }
      if (statements.some(isPublicGrant)) {
        return failed('Its ModelPackageGroupPolicy allows any AWS principal (Principal "*" without a condition narrowing it to an account or organization).', 'Properties/ModelPackageGroupPolicy');
      }
    }
    return passed();
  },
};

/**
 * The statements of a policy written as an object, a JSON string, or a string CDK joined from
 * tokens (`Stack.toJsonString`): references become `${…}` placeholders inside JSON strings.
 * Undefined when the value cannot be read.
 */
function readStatements(policy: Json | undefined): readonly Statement[] | undefined {
  if (isUnset(policy)) {
    return [];
  }
  let document: Json | undefined = policy;
  if (typeof policy === 'string' || isIntrinsic(policy)) {
    try {
      document = JSON.parse(typeof policy === 'string' ? policy : flatten(policy)) as Json;
    } catch {
      return undefined;
    }
  }
  return statementsOf(document);
}

function isPublicGrant(statement: Statement): boolean {
  if (statement.effect !== 'Allow') {
    return false;
  }
  const everyone = isWildcardPrincipal(statement) || statement.notPrincipal !== undefined;
  return everyone && !hasNarrowingCondition(statement);
}
