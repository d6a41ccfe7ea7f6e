import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { MlStudio, MlStudioProps, Persona, StudioAuthMode } from '../../index';
import { logicalId, mlScope } from '../helpers/ml-scope';

function build(props: Partial<MlStudioProps> = {}) {
  const stack = new Stack(new App(), 'S');
  const scope = mlScope(stack);
  const execution = new iam.Role(stack, 'Execution', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
  const signIn = new iam.Role(stack, 'SignIn', { assumedBy: new iam.AccountRootPrincipal() });
  const users = [
    { name: 'alice', persona: Persona.DATA_SCIENTIST, executionRole: execution, signInRole: signIn },
    { name: 'Bob.Smith@example.com', persona: Persona.DATA_SCIENTIST, executionRole: execution, signInRole: signIn },
  ];
  const studio = new MlStudio(stack, 'Studio', {
    environmentName: 'prod', vpc: scope.vpc, subnets: scope.subnets, securityGroup: scope.securityGroup, encryptionKey: scope.dataKey,
    defaultExecutionRole: execution, users, ...props,
  });
  return { stack, scope, execution, signIn, studio, template: Template.fromStack(stack) };
}

describe('MlStudio', () => {
  const { stack, scope, execution, signIn, studio, template } = build();
  const sg = { 'Fn::GetAtt': [logicalId(stack, scope.securityGroup), 'GroupId'] };
  const idle = { AppLifecycleManagement: { IdleSettings: { LifecycleManagement: 'ENABLED', IdleTimeoutInMinutes: 60, MinIdleTimeoutInMinutes: 60, MaxIdleTimeoutInMinutes: 60 } } };

  test('a VPC-only domain on the environment\'s key and subnets, IAM sign-in, Docker off, idle apps shut down, the person named to CloudTrail', () => {
    template.hasResourceProperties('AWS::SageMaker::Domain', {
      DomainName: 'soc2ml-prod',
      AuthMode: 'IAM',
      AppNetworkAccessType: 'VpcOnly',
      VpcId: { Ref: logicalId(stack, scope.vpc) },
      SubnetIds: scope.subnets.map((s) => stack.resolve(s.subnetId)),
      KmsKeyId: { 'Fn::GetAtt': [logicalId(stack, scope.dataKey), 'Arn'] },
      DefaultUserSettings: {
        ExecutionRole: { 'Fn::GetAtt': [logicalId(stack, execution), 'Arn'] },
        SecurityGroups: [sg],
        JupyterLabAppSettings: idle,
        CodeEditorAppSettings: idle,
      },
      DefaultSpaceSettings: Match.objectLike({ ExecutionRole: { 'Fn::GetAtt': [logicalId(stack, execution), 'Arn'] }, SecurityGroups: [sg], JupyterLabAppSettings: idle }),
      DomainSettings: { DockerSettings: { EnableDockerAccess: 'DISABLED' }, ExecutionRoleIdentityConfig: 'USER_PROFILE_NAME' },
    });
  });

  test('the domain, and with it the home file system, is retained', () => {
    template.hasResource('AWS::SageMaker::Domain', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('a user profile per person, named after them, with their persona\'s execution role, tagged with the persona and bound to their own session', () => {
    template.resourceCountIs('AWS::SageMaker::UserProfile', 2);
    template.hasResourceProperties('AWS::SageMaker::UserProfile', {
      UserProfileName: 'bob-smith-example-com',
      UserSettings: { ExecutionRole: { 'Fn::GetAtt': [logicalId(stack, execution), 'Arn'] }, SecurityGroups: [sg] },
      Tags: [
        { Key: 'Persona', Value: 'data-scientist' },
        { Key: 'StudioUserId', Value: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(stack, signIn), 'RoleId'] }, ':Bob.Smith@example.com']] } },
      ],
    });
    expect(Object.keys(studio.userProfiles)).toEqual(['alice', 'Bob.Smith@example.com']);
  });

  test('a sign-in role may open only the profile whose tag is its own session, named profile by profile', () => {
    const policy = template.toJSON().Resources[logicalId(stack, studio.signInPolicy!)];
    expect(policy.Properties.Roles).toEqual([{ Ref: logicalId(stack, signIn) }]);
    const [open] = policy.Properties.PolicyDocument.Statement;
    expect(open).toMatchObject({
      Action: 'sagemaker:CreatePresignedDomainUrl',
      Condition: { StringEquals: { 'sagemaker:ResourceTag/StudioUserId': '${aws:userid}' } },
    });
    expect(JSON.stringify(open.Resource)).toMatch(/user-profile\/".*DomainId.*\/alice"/);
    expect(JSON.stringify(open.Resource)).not.toContain('/*');
  });

  test('execution roles may run apps and spaces in this domain only', () => {
    const policy = template.toJSON().Resources[logicalId(stack, studio.executionPolicy)];
    expect(policy.Properties.Roles).toEqual([{ Ref: logicalId(stack, execution) }]);
    const [apps] = policy.Properties.PolicyDocument.Statement;
    expect(apps.Action).toEqual(expect.arrayContaining(['sagemaker:CreateApp', 'sagemaker:CreateSpace']));
    const domain = { 'Fn::GetAtt': [logicalId(stack, { node: { defaultChild: studio.domain } }), 'DomainId'] };
    const inDomain = (type: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:${type}/`, domain, '/*']] });
    expect(apps.Resource).toEqual([inDomain('app'), inDomain('space')]);
  });

  test('SSO sign-in: profiles are bound to Identity Center users, with no sign-in policy', () => {
    const sso = build({ authMode: StudioAuthMode.SSO });
    sso.template.hasResourceProperties('AWS::SageMaker::Domain', { AuthMode: 'SSO' });
    sso.template.hasResourceProperties('AWS::SageMaker::UserProfile', { UserProfileName: 'alice', SingleSignOnUserIdentifier: 'UserName', SingleSignOnUserValue: 'alice' });
    expect(sso.studio.signInPolicy).toBeUndefined();
  });

  test('refuses an idle timeout outside SageMaker\'s range, people who share a profile name, and IAM users without a sign-in role', () => {
    expect(() => build({ idleTimeout: Duration.minutes(30) })).toThrow(/idleTimeout is 30 minutes: pass whole minutes from 60 to 525600/);
    const s = new Stack();
    const sc = mlScope(s);
    const role = new iam.Role(s, 'R', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
    const base = { environmentName: 'prod', vpc: sc.vpc, subnets: sc.subnets, securityGroup: sc.securityGroup, encryptionKey: sc.dataKey, defaultExecutionRole: role };
    expect(() => new MlStudio(s, 'A', { ...base, authMode: StudioAuthMode.SSO, users: [{ name: 'a.b', persona: Persona.ML_ENGINEER, executionRole: role }, { name: 'a-b', persona: Persona.ML_ENGINEER, executionRole: role }] }))
      .toThrow(/users\[1\]\.name "a-b" and "a\.b" both become the user profile "a-b"/);
    expect(() => new MlStudio(s, 'B', { ...base, users: [{ name: 'alice', persona: Persona.ML_ENGINEER, executionRole: role }] }))
      .toThrow(/users\[0\]\.signInRole is undefined but authMode is IAM/);
    expect(() => new MlStudio(s, 'C', { ...base, users: [{ name: '...', persona: Persona.ML_ENGINEER, executionRole: role }], authMode: StudioAuthMode.SSO }))
      .toThrow(/users\[0\]\.name is "\.\.\.", which has no letters or digits/);
  });
});
