import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { PackRun, runPackOnStack } from '../../helpers';

const RULE = 'LambdaNotPublic';

describe(RULE, () => {
  let run: PackRun;
  const permissionsUnder = (prefix: string) =>
    run.verdicts.filter((v) => v.type === 'AWS::Lambda::Permission' && v.constructPath.startsWith(prefix));

  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const fn = (id: string) => new lambda.Function(stack, id, {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('exports.handler = async () => ({});'),
      });
      const f = fn('Fn');
      const bucketArn = 'arn:aws:s3:::soc2ml-source-bucket';

      // The pairs differ only in the narrowing field.
      f.addPermission('FromBucket', { principal: new iam.ServicePrincipal('s3.amazonaws.com'), sourceArn: bucketArn, sourceAccount: '111111111111' });
      f.addPermission('AnyoneFromAccount', { principal: new iam.AnyPrincipal(), sourceAccount: '111111111111' });
      f.addPermission('Anyone', { principal: new iam.AnyPrincipal() });
      f.addPermission('AnyoneInOrganization', { principal: new iam.AnyPrincipal(), organizationId: 'o-a1b2c3d4e5' });
      f.addPermission('AnyoneFromSource', { principal: new iam.AnyPrincipal(), sourceArn: bucketArn });
      f.addPermission('Account', { principal: new iam.AccountRootPrincipal() });
      f.addPermission('NarrowingRemoved', { principal: new iam.AnyPrincipal(), sourceAccount: '111111111111' });
      (f.node.findChild('NarrowingRemoved') as lambda.CfnPermission).addPropertyDeletionOverride('SourceAccount');
      f.addPermission('WildcardSourceAccount', { principal: new iam.AnyPrincipal(), sourceAccount: '*' });

      fn('Granted').grantInvoke(new iam.AnyPrincipal());
      fn('PublicUrl').addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
      fn('IamUrl').addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });

      const principal = new CfnParameter(stack, 'Principal', { type: 'String' });
      new lambda.CfnPermission(stack, 'ParameterPrincipal', { action: 'lambda:InvokeFunction', functionName: f.functionName, principal: principal.valueAsString });
      const account = new CfnParameter(stack, 'Account', { type: 'String', allowedValues: ['111111111111', '222222222222'] });
      new lambda.CfnPermission(stack, 'AllowedParameterPrincipal', { action: 'lambda:InvokeFunction', functionName: f.functionName, principal: account.valueAsString });
      const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });
      new lambda.CfnPermission(stack, 'ConditionalNarrowing', {
        action: 'lambda:InvokeFunction', functionName: f.functionName, principal: '*',
        sourceAccount: Fn.conditionIf(useFeature.logicalId, '111111111111', Fn.ref('AWS::NoValue')).toString(),
      });
    });
  });

  test('a service permission narrowed by source fails no rule', () => {
    expect(run.verdicts.find((r) => r.constructPath === 'Test/Fn/FromBucket')!.failed).toEqual([]);
  });

  test('passes a permission to * narrowed by SourceAccount, PrincipalOrgID or SourceArn', () => {
    expect(run.verdict('Test/Fn/AnyoneFromAccount', RULE)).toBe('passed');
    expect(run.verdict('Test/Fn/AnyoneInOrganization', RULE)).toBe('passed');
    expect(run.verdict('Test/Fn/AnyoneFromSource', RULE)).toBe('passed');
  });

  test('fails a permission to * without narrowing', () => {
    expect(run.verdict('Test/Fn/Anyone', RULE)).toBe('failed');
    expect(run.verdict('Test/Fn/WildcardSourceAccount', RULE)).toBe('failed');
  });

  test('passes an account principal', () => {
    expect(run.verdict('Test/Fn/Account', RULE)).toBe('passed');
  });

  test('judges an override that removes the narrowing', () => {
    expect(run.verdict('Test/Fn/NarrowingRemoved', RULE)).toBe('failed');
  });

  test('fails grantInvoke to AnyPrincipal', () => {
    const permissions = permissionsUnder('Test/Granted/');
    expect(permissions).toHaveLength(1);
    expect(run.verdict(permissions[0].constructPath, RULE)).toBe('failed');
  });

  test('fails the permissions of a function URL with AuthType NONE', () => {
    const permissions = permissionsUnder('Test/PublicUrl/');
    expect(permissions.length).toBeGreaterThan(0);
    for (const p of permissions) {
      expect(run.verdict(p.constructPath, RULE)).toBe('failed');
    }
    expect(permissions.some((p) => /AuthType NONE/.test(run.detail(p.constructPath, RULE) ?? ''))).toBe(true);
  });

  test('says that a permission limited to the function URL (InvokedViaFunctionUrl) is reached through it', () => {
    const viaUrl = permissionsUnder('Test/PublicUrl/').filter((p) => !/AuthType NONE/.test(run.detail(p.constructPath, RULE) ?? ''));
    expect(viaUrl).toHaveLength(1);
    expect(run.detail(viaUrl[0].constructPath, RULE)).toBe('It lets any principal invoke the function through its function URL (InvokedViaFunctionUrl), with no SourceArn, SourceAccount or PrincipalOrgID narrowing it.');
    expect(run.detail('Test/Fn/Anyone', RULE)).toBe('It lets any principal invoke the function, with no SourceArn, SourceAccount or PrincipalOrgID narrowing it.');
  });

  test('an IAM-authenticated function URL adds no public permission', () => {
    expect(permissionsUnder('Test/IamUrl/').filter((p) => p.failed.length > 0)).toEqual([]);
  });

  test('a principal from a parameter may be * and fails, unless its AllowedValues exclude *', () => {
    expect(run.verdict('Test/ParameterPrincipal', RULE)).toBe('failed');
    expect(run.verdict('Test/AllowedParameterPrincipal', RULE)).toBe('passed');
  });

  test('fails narrowing that a condition may remove', () => {
    expect(run.verdict('Test/ConditionalNarrowing', RULE)).toBe('failed');
  });
});
