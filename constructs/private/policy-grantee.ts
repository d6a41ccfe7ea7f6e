import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * A grantee for a role whose grants land in the given customer-managed policy (attached to that
 * role) rather than in the role's inline default policy, which the NIST 800-53, HIPAA and PCI packs
 * flag. `grant*` methods of CDK and of this library can then be used as they are.
 */
export function policyGrantee(role: iam.IRole, policy: iam.ManagedPolicy): iam.IGrantable {
  const principal: iam.IPrincipal = {
    get grantPrincipal() {
      return principal;
    },
    assumeRoleAction: role.assumeRoleAction,
    policyFragment: role.policyFragment,
    principalAccount: role.principalAccount,
    addToPrincipalPolicy: (statement) => {
      policy.addStatements(statement);
      return { statementAdded: true, policyDependable: policy };
    },
  };
  return { grantPrincipal: principal };
}
