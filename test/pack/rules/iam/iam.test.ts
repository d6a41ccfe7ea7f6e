import { CfnCondition, CfnParameter, Fn, SecretValue, Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { PackRun, runPackOnStack } from '../../helpers';

const IAM_RULE_IDS = ['IamNoAdminStatements', 'IamNoAwsManagedAdminPolicies', 'IamHumanTrustRequiresMfa', 'IamNoAccessKeys', 'IamNoConsoleUsers', 'IamActionsExist', 'IamLeastPrivilege', 'IamSegregationOfDuties'];
const MFA = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };

let run: PackRun;
beforeAll(() => {
  run = runPackOnStack((stack) => {
    buildHardened(stack);
    buildAdminStatementCases(stack);
    buildManagedPolicyCases(stack);
    buildTrustCases(stack);
    buildUserCases(stack);
    buildActionsExistCases(stack);
    buildLeastPrivilegeCases(stack);
  });
});

function buildHardened(stack: Stack) {
  // A person's role: MFA to assume, least-privilege grants, a customer-managed policy.
  const bucket = new s3.Bucket(stack, 'Data');
  const role = new iam.Role(stack, 'HardenedRole', {
    assumedBy: new iam.AccountRootPrincipal().withConditions(MFA),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
  });
  Tags.of(role).add('Persona', 'data-scientist');
  bucket.grantRead(role);
  new iam.ManagedPolicy(stack, 'HardenedPolicy', {
    statements: [new iam.PolicyStatement({ actions: ['sagemaker:DescribeTrainingJob'], resources: ['*'] })],
    roles: [role],
  });
  // A workload role and a user without credentials, in a group.
  const workload = new iam.Role(stack, 'HardenedWorkload', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
  bucket.grantReadWrite(workload);
  const group = new iam.Group(stack, 'HardenedGroup', { managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('job-function/ViewOnlyAccess')] });
  new iam.User(stack, 'HardenedUser', { groups: [group] });
}

function buildAdminStatementCases(stack: Stack) {
  const role = (id: string) => new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  // Pair: differ only in the action.
  role('AdminGrant').addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
  role('ScopedGrant').addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
  // Pair: differ only in the resource.
  role('AllActionsOneBucket').addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['arn:aws:s3:::bucket/*'] }));
  role('AllActionsArnWildcard').addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['arn:aws:*:*:*:*'] }));
  role('DenyEverything').addToPolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['*'], resources: ['*'] }));
  role('AllowNotAction').addToPolicy(new iam.PolicyStatement({ notActions: ['iam:*'], resources: ['*'] }));
  // CDK's PolicyStatement rejects `*:*`; IAM accepts it.
  new iam.CfnManagedPolicy(stack, 'StarStarManaged', { policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['*:*'], Resource: '*' }] } });
  new iam.Role(stack, 'InlineAdmin', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    inlinePolicies: { admin: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })] }) },
  });
  new iam.CfnGroup(stack, 'L1GroupAdmin', {
    policies: [{ policyName: 'admin', policyDocument: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } } }],
  });
  // A statement chosen by a condition: any branch granting everything fails.
  const admin = new CfnParameter(stack, 'Admin', { type: 'String', allowedValues: ['yes', 'no'] });
  const isAdmin = new CfnCondition(stack, 'IsAdmin', { expression: Fn.conditionEquals(admin.valueAsString, 'yes') });
  new iam.CfnManagedPolicy(stack, 'ConditionalAdmin', {
    policyDocument: {
      Version: '2012-10-17',
      Statement: [Fn.conditionIf(isAdmin.logicalId, { Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' })],
    },
  });
  // Escape hatch on a least-privilege grant.
  const overridden = role('OverriddenGrant');
  overridden.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
  (overridden.node.findChild('DefaultPolicy').node.defaultChild as iam.CfnPolicy).addPropertyOverride('PolicyDocument.Statement.0.Action', '*');
}

function buildManagedPolicyCases(stack: Stack) {
  const role = (id: string, ...names: string[]) => new iam.Role(stack, id, {
    assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
    managedPolicies: names.map((n) => iam.ManagedPolicy.fromAwsManagedPolicyName(n)),
  });
  // Pair: differ only in the policy name.
  role('AdministratorAccessRole', 'AdministratorAccess');
  role('ReadOnlyRole', 'ReadOnlyAccess');
  role('SageMakerFullAccessRole', 'AmazonSageMakerFullAccess');
  role('PowerUserRole', 'PowerUserAccess');
  role('JobFunctionAdminRole', 'job-function/SystemAdministrator');
  role('ServiceRolePolicyRole', 'service-role/AmazonSageMakerCanvasDirectDeployAccess');
  new iam.Role(stack, 'LiteralArnRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromManagedPolicyArn(stack, 'LiteralAdmin', 'arn:aws:iam::aws:policy/AdministratorAccess')],
  });
  new iam.Group(stack, 'S3FullAccessGroup', { managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3FullAccess')] });
  new iam.User(stack, 'AdminUser', { managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')] });
  // Customer-managed policies, by reference or parameter, are judged by their statements instead.
  const custom = new iam.ManagedPolicy(stack, 'CustomFullAccess', { managedPolicyName: 'TeamFullAccess', statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })] });
  new iam.Role(stack, 'CustomPolicyRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), managedPolicies: [custom] });
  const arn = new CfnParameter(stack, 'PolicyArn', { type: 'String' });
  new iam.Role(stack, 'ParameterPolicyRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromManagedPolicyArn(stack, 'ParamPolicy', arn.valueAsString)],
  });
  const full = new CfnCondition(stack, 'Full', { expression: Fn.conditionEquals(arn.valueAsString, 'full') });
  new iam.CfnRole(stack, 'ConditionalPolicyRole', {
    assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }] },
    managedPolicyArns: [Fn.conditionIf(full.logicalId, 'arn:aws:iam::aws:policy/AmazonS3FullAccess', 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess').toString()],
  });
}

function buildTrustCases(stack: Stack) {
  const role = (id: string, assumedBy: iam.IPrincipal) => new iam.Role(stack, id, { assumedBy });
  // Pair: differ only in the MFA condition.
  role('RootNoMfa', new iam.AccountRootPrincipal());
  role('RootMfa', new iam.AccountRootPrincipal().withConditions(MFA));
  role('RootMfaBoolean', new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': true } }));
  role('RootMfaIfExists', new iam.AccountRootPrincipal().withConditions({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }));
  role('RootMfaAge', new iam.AccountRootPrincipal().withConditions({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }));
  role('OtherAccount', new iam.AccountPrincipal('123456789012'));
  role('OtherAccountMfa', new iam.AccountPrincipal('123456789012').withConditions(MFA));
  const user = new iam.User(stack, 'Operator');
  role('UserTrust', new iam.ArnPrincipal(user.userArn));
  role('UserArnTrust', new iam.ArnPrincipal('arn:aws:iam::123456789012:user/alice'));
  role('AnyoneTrust', new iam.AnyPrincipal());
  role('OrganizationTrust', new iam.OrganizationPrincipal('o-abcdef1234'));
  role('CompositeTrust', new iam.CompositePrincipal(new iam.ServicePrincipal('ec2.amazonaws.com'), new iam.AccountRootPrincipal()));

  // Machines: exempt, so the rule does not apply.
  const service = role('ServiceTrust', new iam.ServicePrincipal('lambda.amazonaws.com'));
  role('RoleTrust', new iam.ArnPrincipal(service.roleArn));
  role('RoleArnTrust', new iam.ArnPrincipal('arn:aws:iam::123456789012:role/deployer'));
  role('AccountNarrowedToRoles', new iam.AccountRootPrincipal().withConditions({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/ci-*' } }));
  role('AccountNarrowedToUser', new iam.AccountRootPrincipal().withConditions({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:user/alice' } }));
  role('WebIdentityTrust', new iam.WebIdentityPrincipal('cognito-identity.amazonaws.com'));
  const saml = new iam.SamlProvider(stack, 'Idp', { metadataDocument: iam.SamlMetadataDocument.fromXml('<md:EntityDescriptor/>') });
  role('SamlTrust', new iam.SamlConsolePrincipal(saml));

  // Principals synth cannot classify fail closed.
  const principal = new CfnParameter(stack, 'TrustedArn', { type: 'String' });
  role('ParameterTrust', new iam.ArnPrincipal(principal.valueAsString));
  role('ParameterTrustMfa', new iam.ArnPrincipal(principal.valueAsString).withConditions(MFA));
  role('ImportedTrust', new iam.ArnPrincipal(Fn.importValue('TrustedArn')));
  const toRoot = new CfnCondition(stack, 'ToRoot', { expression: Fn.conditionEquals(principal.valueAsString, 'root') });
  new iam.CfnRole(stack, 'ConditionalTrust', {
    assumeRolePolicyDocument: {
      Statement: [{ Effect: 'Allow', Action: 'sts:*', Principal: { AWS: Fn.conditionIf(toRoot.logicalId, 'arn:aws:iam::123456789012:root', 'arn:aws:iam::123456789012:role/ci') } }],
    },
  });

  // A role tagged Persona needs MFA for any AWS principal but a role; federation stays exempt.
  const persona = (id: string, assumedBy: iam.IPrincipal) => Tags.of(role(id, assumedBy)).add('Persona', 'ml-engineer');
  const rolesOnly = { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/*' } };
  persona('PersonaViaAccount', new iam.AccountRootPrincipal().withConditions(rolesOnly));
  persona('PersonaViaAccountMfa', new iam.AccountRootPrincipal().withConditions({ ...rolesOnly, ...MFA }));
  persona('PersonaViaImport', new iam.ArnPrincipal(Fn.importValue('JumpPrincipal')));
  persona('PersonaViaRole', new iam.ArnPrincipal('arn:aws:iam::123456789012:role/jump'));
  persona('PersonaViaSaml', new iam.SamlConsolePrincipal(saml));

  // Escape hatch: an override drops the condition of a compliant trust policy.
  const overridden = role('OverriddenTrust', new iam.AccountRootPrincipal().withConditions(MFA));
  (overridden.node.defaultChild as iam.CfnRole).addPropertyDeletionOverride('AssumeRolePolicyDocument.Statement.0.Condition');
}

function buildUserCases(stack: Stack) {
  // Pair: differ only in the password.
  const console = new iam.User(stack, 'ConsoleUser', { password: SecretValue.unsafePlainText('x') });
  const programmatic = new iam.User(stack, 'ProgrammaticUser');
  new iam.AccessKey(stack, 'Key', { user: programmatic });
  new iam.AccessKey(stack, 'InactiveKey', { user: console, status: iam.AccessKeyStatus.INACTIVE });
  const overridden = new iam.User(stack, 'OverriddenUser');
  (overridden.node.defaultChild as iam.CfnUser).addPropertyOverride('LoginProfile', { Password: '{{resolve:secretsmanager:pw}}' });
  const consoleParam = new CfnParameter(stack, 'Console', { type: 'String', allowedValues: ['yes', 'no'] });
  const withConsole = new CfnCondition(stack, 'WithConsole', { expression: Fn.conditionEquals(consoleParam.valueAsString, 'yes') });
  new iam.CfnUser(stack, 'ConditionalConsoleUser', { loginProfile: Fn.conditionIf(withConsole.logicalId, { Password: '{{resolve:secretsmanager:pw}}' }, Fn.ref('AWS::NoValue')) });
}

function buildActionsExistCases(stack: Stack) {
  const role = (id: string) => new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  // Pair: differ only in the action's spelling.
  role('RealAction').addToPolicy(new iam.PolicyStatement({ actions: ['sagemaker:DescribeModelPackage'], resources: ['*'] }));
  role('MisspeltAction').addToPolicy(new iam.PolicyStatement({ actions: ['sagemaker:DescribeModelPackages'], resources: ['*'] }));
  // Pair: differ only in the verb of the wildcard (sts has no Describe action).
  role('MatchingWildcard').addToPolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, notActions: ['sts:Get*'], resources: ['*'] }));
  role('EmptyWildcard').addToPolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, notActions: ['sts:Describe*'], resources: ['*'] }));
  // MediaLive's role for MediaConnect inputs, as its guide prescribes: actions the reference omits.
  role('GuidePrescribed').addToPolicy(new iam.PolicyStatement({ actions: ['mediaconnect:ManagedDescribeFlow', 'mediaconnect:ManagedAddOutput', 'mediaconnect:ManagedRemoveOutput', 'mediaconnect:Managed*'], resources: ['*'] }));
  role('GuidePrescribedMisspelt').addToPolicy(new iam.PolicyStatement({ actions: ['mediaconnect:ManagedDescribeFlows'], resources: ['*'] }));
  // Pair: differ only in the condition key.
  const tls = (key: string) => new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:*'], resources: ['*'], conditions: { Bool: { [key]: 'false' } } });
  role('RealConditionKey').addToPolicy(tls('aws:SecureTransport'));
  role('UnknownConditionKey').addToPolicy(tls('aws:SecureTransports'));
  role('UnknownService').addToPolicy(new iam.PolicyStatement({ actions: ['sagemakr:DescribeModel'], resources: ['*'] }));
  // A resource policy is checked too.
  const topic = new sns.Topic(stack, 'Topic');
  topic.addToResourcePolicy(new iam.PolicyStatement({ actions: ['sns:Publishh'], principals: [new iam.AccountRootPrincipal()], resources: [topic.topicArn] }));
}

function buildLeastPrivilegeCases(stack: Stack) {
  const role = (id: string) => new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  // Pair: differ only in the resource (a service-wide wildcard on every resource, or on one bucket).
  role('S3StarOnAll').addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
  role('S3StarOnBucket').addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/*'] }));
  role('IamStarOnAll').addToPolicy(new iam.PolicyStatement({ actions: ['iam:*'], resources: ['*'] }));
  // Pair: differ only in the narrowing condition.
  const putPolicies = (conditions?: Record<string, unknown>) => new iam.PolicyStatement({ actions: ['iam:Put*Policy'], resources: ['*'], conditions });
  role('PutPoliciesOnAll').addToPolicy(putPolicies());
  role('PutPoliciesWithBoundary').addToPolicy(putPolicies({ StringEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::123456789012:policy/boundary' } }));
  // Pair: differ only in iam:PassedToService.
  const passRole = (conditions?: Record<string, unknown>) => new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'], conditions });
  role('PassAnyRole').addToPolicy(passRole());
  role('PassRoleToSageMaker').addToPolicy(passRole({ StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } }));
  role('AllowNotActionOnAll').addToPolicy(new iam.PolicyStatement({ notActions: ['iam:*', 'organizations:*'], resources: ['*'] }));
  // Pairs: differ only in the resource, and only in the narrowing condition (kms:ViaService).
  const decrypt = (actions: string[], resources: string[], conditions?: Record<string, unknown>) => new iam.PolicyStatement({ actions, resources, conditions });
  role('DecryptAnyKey').addToPolicy(decrypt(['kms:Decrypt'], ['*']));
  role('DecryptOneKey').addToPolicy(decrypt(['kms:Decrypt'], ['arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab']));
  role('DecryptViaS3').addToPolicy(decrypt(['kms:Decrypt'], ['*'], { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } }));
  role('ReEncryptAnyKey').addToPolicy(decrypt(['kms:ReEncrypt*', 'kms:GenerateDataKey*'], ['*']));
  role('EncryptAnyKey').addToPolicy(decrypt(['kms:Encrypt', 'kms:GenerateDataKey'], ['*']));
  role('AllowNotActionIamOnAll').addToPolicy(new iam.PolicyStatement({ notActions: ['iam:*', 'organizations:*', 's3:*', 'sts:*', 'kms:Put*', 'kms:Create*', 'kms:Update*', 'kms:Schedule*', 'kms:Replicate*', 'kms:*Grant*', 'kms:Import*'], resources: ['*'] }));
  // A permissions boundary is a ceiling: exempt.
  const boundary = new iam.ManagedPolicy(stack, 'WideBoundary', { statements: [new iam.PolicyStatement({ actions: ['s3:*', 'iam:*'], resources: ['*'] })] });
  new iam.Role(stack, 'Bounded', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), permissionsBoundary: boundary });
}

const verdict = (path: string, rule: string) => run.verdict(path, rule);

describe('hardened IAM', () => {
  test('a persona role with MFA and least-privilege grants, a workload role, a group and a user fail no rule', () => {
    const prefixes = ['Test/HardenedRole/', 'Test/HardenedPolicy/', 'Test/HardenedWorkload/', 'Test/HardenedGroup/', 'Test/HardenedUser/'];
    const resources = run.verdicts.filter((r) => prefixes.some((p) => r.constructPath.startsWith(p)));
    expect(resources.map((r) => r.constructPath).sort()).toEqual([
      'Test/HardenedGroup/Resource', 'Test/HardenedPolicy/Resource', 'Test/HardenedRole/DefaultPolicy/Resource', 'Test/HardenedRole/Resource',
      'Test/HardenedUser/Resource', 'Test/HardenedWorkload/DefaultPolicy/Resource', 'Test/HardenedWorkload/Resource',
    ]);
    for (const r of resources) {
      expect({ path: r.constructPath, failed: r.failed }).toEqual({ path: r.constructPath, failed: [] });
    }
    expect(verdict('Test/HardenedRole/Resource', 'IamHumanTrustRequiresMfa')).toBe('passed');
    for (const rule of ['IamNoAdminStatements', 'IamNoAwsManagedAdminPolicies']) {
      expect(verdict('Test/HardenedRole/Resource', rule)).toBe('passed');
    }
    expect(IAM_RULE_IDS.every((id) => run.verdicts.some((r) => r.passed.includes(id) || r.failed.some((f) => f.rule === id)))).toBe(true);
  });
});

describe('IamNoAdminStatements', () => {
  const RULE = 'IamNoAdminStatements';

  test('fails a grant of every action on every resource, passes one action', () => {
    expect(verdict('Test/AdminGrant/DefaultPolicy/Resource', RULE)).toBe('failed');
    expect(run.detail('Test/AdminGrant/DefaultPolicy/Resource', RULE)).toMatch(/every action on all resources/);
    expect(verdict('Test/ScopedGrant/DefaultPolicy/Resource', RULE)).toBe('passed');
  });

  test('passes every action on one bucket; fails *:* and an all-wildcard ARN', () => {
    expect(verdict('Test/AllActionsOneBucket/DefaultPolicy/Resource', RULE)).toBe('passed');
    expect(verdict('Test/AllActionsArnWildcard/DefaultPolicy/Resource', RULE)).toBe('failed');
    expect(verdict('Test/StarStarManaged', RULE)).toBe('failed');
  });

  test('passes a Deny; fails an Allow with NotAction on every resource', () => {
    expect(verdict('Test/DenyEverything/DefaultPolicy/Resource', RULE)).toBe('passed');
    expect(verdict('Test/AllowNotAction/DefaultPolicy/Resource', RULE)).toBe('failed');
  });

  test('reads inline policies of roles and groups', () => {
    expect(verdict('Test/InlineAdmin/Resource', RULE)).toBe('failed');
    expect(verdict('Test/L1GroupAdmin', RULE)).toBe('failed');
  });

  test('fails when any Fn::If branch of a statement grants everything', () => {
    expect(verdict('Test/ConditionalAdmin', RULE)).toBe('failed');
  });

  test('judges a property override', () => {
    expect(verdict('Test/OverriddenGrant/DefaultPolicy/Resource', RULE)).toBe('failed');
  });
});

describe('IamNoAwsManagedAdminPolicies', () => {
  const RULE = 'IamNoAwsManagedAdminPolicies';

  test('fails AdministratorAccess, passes ReadOnlyAccess', () => {
    expect(verdict('Test/AdministratorAccessRole/Resource', RULE)).toBe('failed');
    expect(run.detail('Test/AdministratorAccessRole/Resource', RULE)).toMatch(/AdministratorAccess/);
    expect(verdict('Test/ReadOnlyRole/Resource', RULE)).toBe('passed');
  });

  test('fails FullAccess, PowerUserAccess and administrator job functions', () => {
    expect(verdict('Test/SageMakerFullAccessRole/Resource', RULE)).toBe('failed');
    expect(verdict('Test/PowerUserRole/Resource', RULE)).toBe('failed');
    expect(verdict('Test/JobFunctionAdminRole/Resource', RULE)).toBe('failed');
    expect(verdict('Test/ServiceRolePolicyRole/Resource', RULE)).toBe('passed');
  });

  test('reads literal ARNs, groups and users', () => {
    expect(verdict('Test/LiteralArnRole/Resource', RULE)).toBe('failed');
    expect(verdict('Test/S3FullAccessGroup/Resource', RULE)).toBe('failed');
    expect(verdict('Test/AdminUser/Resource', RULE)).toBe('failed');
  });

  test('passes customer-managed policies, by reference or parameter', () => {
    expect(verdict('Test/CustomPolicyRole/Resource', RULE)).toBe('passed');
    expect(verdict('Test/ParameterPolicyRole/Resource', RULE)).toBe('passed');
  });

  test('fails when any Fn::If branch attaches a full-access policy', () => {
    expect(verdict('Test/ConditionalPolicyRole', RULE)).toBe('failed');
  });
});

describe('IamHumanTrustRequiresMfa', () => {
  const RULE = 'IamHumanTrustRequiresMfa';

  test('fails an account-root trust without MFA, passes it with Bool MFA', () => {
    expect(verdict('Test/RootNoMfa/Resource', RULE)).toBe('failed');
    expect(verdict('Test/RootMfa/Resource', RULE)).toBe('passed');
    expect(verdict('Test/RootMfaBoolean/Resource', RULE)).toBe('passed');
    expect(verdict('Test/RootMfaAge/Resource', RULE)).toBe('passed');
  });

  test('BoolIfExists does not count', () => {
    expect(verdict('Test/RootMfaIfExists/Resource', RULE)).toBe('failed');
    expect(run.detail('Test/RootMfaIfExists/Resource', RULE)).toMatch(/BoolIfExists/);
  });

  test('accounts, users and everyone are people', () => {
    expect(verdict('Test/OtherAccount/Resource', RULE)).toBe('failed');
    expect(verdict('Test/OtherAccountMfa/Resource', RULE)).toBe('passed');
    expect(verdict('Test/UserTrust/Resource', RULE)).toBe('failed');
    expect(verdict('Test/UserArnTrust/Resource', RULE)).toBe('failed');
    expect(verdict('Test/AnyoneTrust/Resource', RULE)).toBe('failed');
    expect(verdict('Test/OrganizationTrust/Resource', RULE)).toBe('failed');
    expect(verdict('Test/CompositeTrust/Resource', RULE)).toBe('failed');
  });

  test('services, federation and roles are exempt', () => {
    for (const id of ['ServiceTrust', 'RoleTrust', 'RoleArnTrust', 'AccountNarrowedToRoles', 'WebIdentityTrust', 'SamlTrust']) {
      expect({ id, verdict: verdict(`Test/${id}/Resource`, RULE) }).toEqual({ id, verdict: 'not-applicable' });
    }
  });

  test('an account narrowed by aws:PrincipalArn to a user still needs MFA', () => {
    expect(verdict('Test/AccountNarrowedToUser/Resource', RULE)).toBe('failed');
  });

  test('fails closed on a principal synth cannot classify', () => {
    expect(verdict('Test/ParameterTrust/Resource', RULE)).toBe('failed');
    expect(run.detail('Test/ParameterTrust/Resource', RULE)).toMatch(/acknowledge/);
    expect(verdict('Test/ParameterTrustMfa/Resource', RULE)).toBe('passed');
    expect(verdict('Test/ImportedTrust/Resource', RULE)).toBe('failed');
    expect(verdict('Test/ConditionalTrust', RULE)).toBe('failed');
  });

  test('a role tagged Persona needs MFA for every AWS principal but a role, even one narrowed to roles by condition', () => {
    expect(verdict('Test/PersonaViaAccount/Resource', RULE)).toBe('failed');
    expect(run.detail('Test/PersonaViaAccount/Resource', RULE)).toMatch(/tagged Persona/);
    expect(verdict('Test/PersonaViaAccountMfa/Resource', RULE)).toBe('passed');
    expect(verdict('Test/PersonaViaImport/Resource', RULE)).toBe('failed');
  });

  test('a persona role trusted through federation or by another role is exempt', () => {
    expect(verdict('Test/PersonaViaSaml/Resource', RULE)).toBe('not-applicable');
    expect(verdict('Test/PersonaViaRole/Resource', RULE)).toBe('not-applicable');
  });

  test('judges a property override', () => {
    expect(verdict('Test/OverriddenTrust/Resource', RULE)).toBe('failed');
  });
});

describe('IamNoAccessKeys', () => {
  const RULE = 'IamNoAccessKeys';

  test('fails every access key, active or not', () => {
    expect(verdict('Test/Key/Resource', RULE)).toBe('failed');
    expect(verdict('Test/InactiveKey/Resource', RULE)).toBe('failed');
  });

  test('a user without a key raises nothing', () => {
    const keys = run.violations.filter((v) => v.ruleName === RULE).flatMap((v) => v.constructPaths).sort();
    expect(keys).toEqual(['Test/InactiveKey/Resource', 'Test/Key/Resource']);
  });
});

describe('IamNoConsoleUsers', () => {
  const RULE = 'IamNoConsoleUsers';

  test('fails a user with a password, passes one without', () => {
    expect(verdict('Test/ConsoleUser/Resource', RULE)).toBe('failed');
    expect(verdict('Test/ProgrammaticUser/Resource', RULE)).toBe('passed');
  });

  test('fails a login profile in any Fn::If branch, or added by override', () => {
    expect(verdict('Test/ConditionalConsoleUser', RULE)).toBe('failed');
    expect(verdict('Test/OverriddenUser/Resource', RULE)).toBe('failed');
  });
});

describe('IamActionsExist', () => {
  const RULE = 'IamActionsExist';

  test('fails an action the IAM reference does not have, passes a real one', () => {
    expect(verdict('Test/RealAction/DefaultPolicy/Resource', RULE)).toBe('passed');
    expect(verdict('Test/MisspeltAction/DefaultPolicy/Resource', RULE)).toBe('failed');
    expect(run.detail('Test/MisspeltAction/DefaultPolicy/Resource', RULE)).toMatch(/sagemaker:DescribeModelPackages is no sagemaker action/);
  });

  test('fails a wildcard that matches no action (a Deny that denies nothing), passes one that matches', () => {
    expect(verdict('Test/MatchingWildcard/DefaultPolicy/Resource', RULE)).toBe('passed');
    expect(verdict('Test/EmptyWildcard/DefaultPolicy/Resource', RULE)).toBe('failed');
    expect(run.detail('Test/EmptyWildcard/DefaultPolicy/Resource', RULE)).toMatch(/sts:Describe\* matches no sts action/);
  });

  test('passes the actions a service\'s guide prescribes that the reference omits, and only those', () => {
    expect(verdict('Test/GuidePrescribed/DefaultPolicy/Resource', RULE)).toBe('passed');
    expect(run.detail('Test/GuidePrescribedMisspelt/DefaultPolicy/Resource', RULE)).toMatch(/mediaconnect:ManagedDescribeFlows is no mediaconnect action/);
  });

  test('fails an unknown condition key or service, passes a global key', () => {
    expect(verdict('Test/RealConditionKey/DefaultPolicy/Resource', RULE)).toBe('passed');
    expect(run.detail('Test/UnknownConditionKey/DefaultPolicy/Resource', RULE)).toMatch(/condition key aws:SecureTransports exists neither globally nor in its service/);
    expect(run.detail('Test/UnknownService/DefaultPolicy/Resource', RULE)).toMatch(/the IAM reference has no service "sagemakr"/);
  });

  test('judges resource policies and trust policies', () => {
    expect(run.detail('Test/Topic/Policy/Resource', RULE)).toMatch(/sns:Publishh is no sns action/);
    expect(verdict('Test/RealAction/Resource', RULE)).toBe('passed');
  });
});

describe('IamLeastPrivilege', () => {
  const RULE = 'IamLeastPrivilege';

  test('fails a service-wide wildcard on every resource, naming what it expands to; passes it on one bucket', () => {
    expect(verdict('Test/S3StarOnBucket/DefaultPolicy/Resource', RULE)).toBe('passed');
    expect(verdict('Test/S3StarOnAll/DefaultPolicy/Resource', RULE)).toBe('failed');
    expect(run.detail('Test/S3StarOnAll/DefaultPolicy/Resource', RULE)).toMatch(/allows the service-wide wildcard s3:\* on every resource: \d+ actions, among them s3:\w+ \(Permissions management/);
    expect(run.detail('Test/IamStarOnAll/DefaultPolicy/Resource', RULE)).toMatch(/iam:\*/);
  });

  test('fails permissions management on every resource without a narrowing condition, naming the actions', () => {
    expect(verdict('Test/PutPoliciesWithBoundary/DefaultPolicy/Resource', RULE)).toBe('passed');
    expect(run.detail('Test/PutPoliciesOnAll/DefaultPolicy/Resource', RULE)).toMatch(/permissions-management actions on every resource without a narrowing condition: .*iam:PutRolePolicy.*\(iam:Put\*Policy expands to them\)/);
  });

  test('fails iam:PassRole on every resource without iam:PassedToService', () => {
    expect(verdict('Test/PassRoleToSageMaker/DefaultPolicy/Resource', RULE)).toBe('passed');
    expect(run.detail('Test/PassAnyRole/DefaultPolicy/Resource', RULE)).toMatch(/iam:PassRole on every resource without an iam:PassedToService condition/);
  });

  test('fails kms:Decrypt or kms:ReEncryptFrom on every key without a narrowing condition; passes one key, kms:ViaService, or encryption alone', () => {
    expect(run.detail('Test/DecryptAnyKey/DefaultPolicy/Resource', RULE)).toBe('A statement allows kms:Decrypt on every resource without a narrowing condition: it can decrypt with any key of the account whose key policy lets IAM policies grant it.');
    expect(verdict('Test/DecryptOneKey/DefaultPolicy/Resource', RULE)).toBe('passed');
    expect(verdict('Test/DecryptViaS3/DefaultPolicy/Resource', RULE)).toBe('passed');
    expect(run.detail('Test/ReEncryptAnyKey/DefaultPolicy/Resource', RULE)).toBe('A statement allows kms:ReEncryptFrom on every resource without a narrowing condition (through kms:ReEncrypt*): it can decrypt with any key of the account whose key policy lets IAM policies grant it.');
    expect(verdict('Test/EncryptAnyKey/DefaultPolicy/Resource', RULE)).toBe('passed');
    expect(run.detail('Test/AllowNotActionIamOnAll/DefaultPolicy/Resource', RULE)).toMatch(/allows kms:Decrypt and kms:ReEncryptFrom on every resource without a narrowing condition \(through NotAction\)/);
  });

  test('expands an Allow with NotAction against the permissions-management services', () => {
    expect(run.detail('Test/AllowNotActionOnAll/DefaultPolicy/Resource', RULE)).toMatch(/through NotAction/);
  });

  test('a permissions boundary is not a grant', () => {
    expect(verdict('Test/WideBoundary/Resource', RULE)).toBe('not-applicable');
  });
});
