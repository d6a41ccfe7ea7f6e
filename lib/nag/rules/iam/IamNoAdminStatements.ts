import { failed, passed, ResourceRule } from '../../rule';
import { Json } from '../../template';
import { coversAllResources, flatten, Statement, statementsOf } from '../../values';
import { identityDocuments } from './private';

/**
 * No identity policy grants administrator access: an Allow of every action (`*`, `*:*`) on every
 * resource. An Allow with `NotAction` on every resource counts too (it grants all but a few
 * actions), as does `NotResource` (all but a few resources). Conditions do not redeem such a
 * statement: they rarely bound what an administrator can do.
 */
export const IamNoAdminStatements: ResourceRule = {
  id: 'IamNoAdminStatements',
  resourceTypes: ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'],
  passes: 'No statement (of `PolicyDocument`, or of inline `Policies[*].PolicyDocument`) with `Effect: Allow`, an action `*`/`*:*` (or `NotAction`) and a resource `*` (or `NotResource`).',
  check: (resource) => {
    for (const { document, location } of identityDocuments(resource)) {
      for (const statement of statementsOf(document)) {
        const grant = administratorGrant(statement);
        if (grant) {
          return failed(`A statement ${statement.raw.Sid !== undefined ? `(${flatten(statement.raw.Sid)}) ` : ''}allows ${grant}.`, location);
        }
      }
    }
    return passed();
  },
};

function administratorGrant(statement: Statement): string | undefined {
  if (statement.effect !== 'Allow') {
    return undefined;
  }
  const allResources = statement.resources === undefined
    ? statement.raw.NotResource !== undefined
    : coversAllResources(statement.resources) || statement.resources.some(isAllResourcesArn);
  if (!allResources) {
    return undefined;
  }
  const onWhat = statement.resources === undefined ? 'all but the NotResource resources' : 'all resources';
  if (statement.actions?.some(isAllActions)) {
    return `every action on ${onWhat}`;
  }
  if (statement.actions === undefined && statement.notActions !== undefined) {
    return `every action except ${statement.notActions.join(', ')} (NotAction) on ${onWhat}`;
  }
  return undefined;
}

function isAllActions(action: string): boolean {
  return /^\*+(:\*+)?$/.test(action.trim());
}

// `arn:aws:*:*:*:*` and the like name every resource as surely as `*`.
function isAllResourcesArn(resource: Json): boolean {
  return /^arn:(\$\{[^}]*\}|[^:]*):\*+(:\**)*$/.test(flatten(resource).trim());
}
