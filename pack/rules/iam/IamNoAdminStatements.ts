import { failed, passed, ResourceRule } from '../../rule';
import { coversAllResources, flatten, Statement, statementsOf } from '../../values';
import { identityDocuments, isAllResourcesArn } from './private';

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
  // Actions first: they are short, and few statements grant every one.
  let what: string;
  if (statement.actions?.some(isAllActions)) {
    what = 'every action';
  } else if (statement.actions === undefined && statement.notActions !== undefined) {
    what = `every action except ${statement.notActions.join(', ')} (NotAction)`;
  } else {
    return undefined;
  }
  if (statement.resources === undefined) {
    return statement.raw.NotResource !== undefined ? `${what} on all but the NotResource resources` : undefined;
  }
  return coversAllResources(statement.resources) || statement.resources.some(isAllResourcesArn) ? `${what} on all resources` : undefined;
}

function isAllActions(action: string): boolean {
  return /^\*+(:\*+)?$/.test(action.trim());
}
