import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { PackRun, runPackOnStack } from '../../helpers';
import { failedRules } from './fixtures';

const RULE = 'SageMakerModelPackageGroupNotPublic';

describe(RULE, () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const statement = (principal: iam.IPrincipal, conditions?: Record<string, unknown>) => new iam.PolicyStatement({
        principals: [principal],
        actions: ['sagemaker:DescribeModelPackage', 'sagemaker:ListModelPackages'],
        resources: [stack.formatArn({ service: 'sagemaker', resource: 'model-package', resourceName: 'registry/*' })],
        conditions,
      });
      const group = (id: string, policy?: iam.PolicyStatement) => new sagemaker.CfnModelPackageGroup(stack, id, {
        modelPackageGroupName: id,
        modelPackageGroupPolicy: policy ? new iam.PolicyDocument({ statements: [policy] }).toJSON() : undefined,
      });
      const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(stack.region, 'eu-west-1') });

      group('NoPolicy');
      // The pair differs only in the principal.
      group('AccountPrincipal', statement(new iam.AccountPrincipal('111122223333')));
      group('Everyone', statement(new iam.AnyPrincipal()));
      group('EveryoneInOrg', statement(new iam.AnyPrincipal(), { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }));
      group('EveryoneNotOrg', statement(new iam.AnyPrincipal(), { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }));
      const deny = new iam.PolicyStatement({ effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['sagemaker:*'], resources: ['*'] });
      group('DenyEveryone', deny);
      // CDK's prop wants an object; a JSON string, which CloudFormation also takes, comes in by override.
      group('JsonString').addPropertyOverride('ModelPackageGroupPolicy',
        JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sagemaker:DescribeModelPackage', Resource: '*' }] }));
      new sagemaker.CfnModelPackageGroup(stack, 'JoinedJson', {
        modelPackageGroupName: 'joined',
        modelPackageGroupPolicy: stack.toJsonString(new iam.PolicyDocument({ statements: [statement(new iam.AccountPrincipal(stack.account))] }).toJSON()),
      });
      new sagemaker.CfnModelPackageGroup(stack, 'JoinedPublicJson', {
        modelPackageGroupName: 'joined-public',
        modelPackageGroupPolicy: stack.toJsonString(new iam.PolicyDocument({ statements: [statement(new iam.AnyPrincipal())] }).toJSON()),
      });
      const document = (principal: iam.IPrincipal) => new iam.PolicyDocument({ statements: [statement(principal)] }).toJSON();
      new sagemaker.CfnModelPackageGroup(stack, 'IfPublic', {
        modelPackageGroupName: 'if',
        modelPackageGroupPolicy: Fn.conditionIf(isProd.logicalId, document(new iam.AccountPrincipal('111122223333')), document(new iam.AnyPrincipal())),
      });
      const policy = new CfnParameter(stack, 'Policy', { type: 'String' });
      new sagemaker.CfnModelPackageGroup(stack, 'ParameterPolicy', { modelPackageGroupName: 'param', modelPackageGroupPolicy: policy.valueAsString });
      const account = new CfnParameter(stack, 'ConsumerAccount', { type: 'String' });
      group('ParameterPrincipal', statement(new iam.AccountPrincipal(account.valueAsString)));
      group('OverridePrincipal', statement(new iam.AccountPrincipal('111122223333')))
        .addPropertyOverride('ModelPackageGroupPolicy.Statement.0.Principal', { AWS: '*' });
    });
  });

  test('a group without a policy, or shared with a named account, passes', () => {
    expect(run.verdict('Test/NoPolicy', RULE)).toBe('passed');
    expect(run.verdict('Test/AccountPrincipal', RULE)).toBe('passed');
    expect(failedRules(run, 'Test/AccountPrincipal')).toEqual([]);
  });

  test('an Allow to everyone is an error (it fails synth unless acknowledged)', () => {
    expect(run.verdict('Test/Everyone', RULE)).toBe('failed');
    const v = run.violations.find((x) => x.ruleName === RULE && x.constructPaths.includes('Test/Everyone'));
    expect(v?.severity).toBe('error');
    expect(v?.description).toMatch(/\(SOC 2 CC6\.1, CC6\.6\)$/);
  });

  test('an Allow to everyone narrowed to the organization passes; a negated condition does not narrow', () => {
    expect(run.verdict('Test/EveryoneInOrg', RULE)).toBe('passed');
    expect(run.verdict('Test/EveryoneNotOrg', RULE)).toBe('failed');
  });

  test('a Deny to everyone is not a grant', () => {
    expect(run.verdict('Test/DenyEveryone', RULE)).toBe('passed');
  });

  test('reads policies written as JSON strings, including strings CDK joins from tokens', () => {
    expect(run.verdict('Test/JsonString', RULE)).toBe('failed');
    expect(run.verdict('Test/JoinedJson', RULE)).toBe('passed');
    expect(run.verdict('Test/JoinedPublicJson', RULE)).toBe('failed');
  });

  test('judges every Fn::If branch', () => {
    expect(run.verdict('Test/IfPublic', RULE)).toBe('failed');
  });

  test('a policy from a parameter cannot be read, so it is reported; a principal from a parameter is taken as an account', () => {
    expect(run.verdict('Test/ParameterPolicy', RULE)).toBe('failed');
    expect(run.detail('Test/ParameterPolicy', RULE)).toMatch(/cannot be read/);
    expect(run.verdict('Test/ParameterPrincipal', RULE)).toBe('passed');
  });

  test('judges a property override', () => {
    expect(run.verdict('Test/OverridePrincipal', RULE)).toBe('failed');
  });
});
