import { PackRule, Severity } from '../../rule';
import { IamHumanTrustRequiresMfa } from './IamHumanTrustRequiresMfa';
import { IamNoAccessKeys } from './IamNoAccessKeys';
import { IamNoAdminStatements } from './IamNoAdminStatements';
import { IamNoAwsManagedAdminPolicies } from './IamNoAwsManagedAdminPolicies';
import { IamNoConsoleUsers } from './IamNoConsoleUsers';

/** The IAM rules, with the criteria, words and severity the pack gives them. */
export const IAM_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: IamNoAdminStatements,
    criteria: ['CC1.3', 'CC6.1', 'CC6.2', 'CC6.3'],
    severity: Severity.ERROR,
    finding: 'IAM policy grants administrator access (every action on every resource).',
    fix: 'Grant the actions and resources the principal needs (the L2 grant* methods, or PolicyStatement with specific actions and resource ARNs) instead of Action "*" on Resource "*".',
  },
  {
    kind: 'resource',
    rule: IamNoAwsManagedAdminPolicies,
    // The admin-policy row names attached AWS-managed AdministratorAccess; the FullAccess rows
    // (AmazonBedrockFullAccess, full-access statements) add nothing beyond CC6.3.
    criteria: ['CC1.3', 'CC6.1', 'CC6.2', 'CC6.3'],
    severity: Severity.ERROR,
    finding: 'IAM principal has an AWS-managed administrator or full-access policy attached.',
    fix: 'Remove ManagedPolicy.fromAwsManagedPolicyName(\'AdministratorAccess\' / \'PowerUserAccess\' / \'…FullAccess\') from managedPolicies and grant least privilege (grant* methods or a customer-managed policy with specific actions).',
  },
  {
    kind: 'resource',
    rule: IamHumanTrustRequiresMfa,
    // No reference row covers MFA on role assumption. The nearest (MFA for console users) maps
    // CC3.2;CC6.6: CC6.6 (additional authentication for access from outside the boundary) fits,
    // CC3.2 (risk assessment) is that row's console-user mapping and stays with IamNoConsoleUsers.
    // CC6.1 is logical access security, whose points of focus include authenticating users.
    criteria: ['CC6.1', 'CC6.6'],
    severity: Severity.ERROR,
    finding: 'IAM role people can assume does not require MFA.',
    fix: 'Add the condition to the trust statement: assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { \'aws:MultiFactorAuthPresent\': \'true\' } }) (Bool, not BoolIfExists). If the principal is a role or the IdP enforces MFA for a federated Persona role, acknowledge with that reason.',
  },
  {
    kind: 'resource',
    rule: IamNoAccessKeys,
    criteria: ['CC1.3', 'CC6.1', 'CC6.2', 'CC6.3'],
    severity: Severity.ERROR,
    finding: 'Template creates a long-lived IAM access key.',
    fix: 'Remove the iam.AccessKey / AWS::IAM::AccessKey: give workloads a role (instance profile, task or execution role, IAM Roles Anywhere) and people federated access.',
  },
  {
    kind: 'resource',
    rule: IamNoConsoleUsers,
    criteria: ['CC3.2', 'CC6.6'],
    severity: Severity.ERROR,
    finding: 'IAM user has a console password.',
    fix: 'Remove the password (LoginProfile) from the iam.User and sign people in through IAM Identity Center or another identity provider that enforces MFA.',
  },
];
