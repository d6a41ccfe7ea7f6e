import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { KeyPurpose, PlatformKey } from '../../index';

function keyTemplate(purpose: KeyPurpose, environmentName?: string) {
  const stack = new Stack(new App(), 'S');
  const key = new PlatformKey(stack, 'Key', { purpose, environmentName });
  return { stack, key, template: Template.fromStack(stack) };
}

describe('PlatformKey', () => {
  const { template } = keyTemplate(KeyPurpose.DATA, 'prod');
  const statements = () => Object.values(template.findResources('AWS::KMS::Key'))[0].Properties.KeyPolicy.Statement as Record<string, unknown>[];

  test('rotates yearly, has a 30-day deletion window and is retained', () => {
    template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true, PendingWindowInDays: 30 },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('has an alias naming the environment and purpose', () => {
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/soc2ml/prod/data' });
  });

  test('keeps the account-root statement so IAM policies govern use', () => {
    expect(statements()).toContainEqual(expect.objectContaining({
      Effect: 'Allow',
      Action: 'kms:*',
      Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] } },
    }));
  });

  test('denies grants that are not for AWS resources (CT.KMS.PR.3)', () => {
    expect(statements()).toContainEqual(expect.objectContaining({
      Effect: 'Deny',
      Action: 'kms:CreateGrant',
      Principal: { AWS: '*' },
      Resource: '*',
      Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
    }));
  });

  test('a data key admits no service principal, and only Macie\'s service-linked role of this account besides the root, to decrypt', () => {
    const allows = statements().filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(2);
    const macie = allows.find((s) => s.Sid === 'AllowMacieToClassifyObjectsOfThisAccount');
    expect(macie).toEqual(expect.objectContaining({
      Principal: { AWS: '*' },
      Action: 'kms:Decrypt',
      Condition: {
        StringEquals: { 'kms:CallerAccount': { Ref: 'AWS::AccountId' } },
        ArnEquals: { 'aws:PrincipalArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie']] } },
      },
    }));
    for (const s of allows.filter((a) => a !== macie)) {
      expect(JSON.stringify(s.Principal)).not.toBe('{"AWS":"*"}');
    }
  });

  test('a models key admits no one but the account root', () => {
    const { template: models } = keyTemplate(KeyPurpose.MODELS, 'prod');
    const doc = Object.values(models.findResources('AWS::KMS::Key'))[0].Properties.KeyPolicy.Statement as { Effect: string }[];
    expect(doc.filter((s) => s.Effect === 'Allow')).toHaveLength(1);
  });

  test('a model-signing key is asymmetric (ECC_NIST_P256, sign and verify), without rotation, and otherwise hardened alike', () => {
    const { template: signing } = keyTemplate(KeyPurpose.MODEL_SIGNING, 'prod');
    signing.hasResource('AWS::KMS::Key', {
      Properties: { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', EnableKeyRotation: Match.absent(), PendingWindowInDays: 30 },
      DeletionPolicy: 'Retain',
    });
    signing.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/soc2ml/prod/model-signing' });
    signing.hasResourceProperties('AWS::KMS::Key', { KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 'kms:CreateGrant' })]) } });
  });

  test('a logs key admits CloudWatch Logs only for this account\'s log groups', () => {
    const { template: logs } = keyTemplate(KeyPurpose.LOGS, 'dev');
    logs.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Effect: 'Allow',
          Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
          Condition: {
            ArnLike: {
              'kms:EncryptionContext:aws:logs:arn': {
                'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':log-group:*']],
              },
            },
          },
        })]),
      },
    });
  });

  test('an alerts key admits CloudWatch by source account and alarm ARN, and EventBridge and CodeStar only through SNS', () => {
    const { template: alerts } = keyTemplate(KeyPurpose.ALERTS);
    const doc = Object.values(alerts.findResources('AWS::KMS::Key'))[0].Properties.KeyPolicy.Statement as { Principal?: { Service?: string }; Condition?: Record<string, Record<string, unknown>> }[];
    const byService = (service: string) => doc.find((s) => s.Principal?.Service === service);
    expect(byService('cloudwatch.amazonaws.com')?.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
      ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':alarm:*']] } },
    });
    const viaSns = { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['sns.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } } };
    expect(byService('events.amazonaws.com')?.Condition).toEqual(viaSns);
    expect(byService('codestar-notifications.amazonaws.com')?.Condition).toEqual(viaSns);
  });

  test('without an environment, the alias is derived from the construct path', () => {
    const { template: t } = keyTemplate(KeyPurpose.MODELS);
    t.hasResourceProperties('AWS::KMS::Alias', { AliasName: Match.stringLikeRegexp('^alias/soc2ml/SKey[A-F0-9]{8}$') });
  });

  test('rejects an environment name that cannot be part of an alias', () => {
    expect(() => keyTemplate(KeyPurpose.DATA, 'Prod Env')).toThrow(/environmentName is "Prod Env": use 1 to 32 lowercase letters/);
  });

  test('rejects an unknown purpose from a JavaScript caller', () => {
    expect(() => keyTemplate('secrets' as KeyPurpose)).toThrow(/purpose is "secrets": pass one of KeyPurpose.DATA/);
  });
});
