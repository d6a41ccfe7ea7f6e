import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ModelSigningKey } from '../../index';
import { logicalId } from '../helpers/ml-scope';

describe('ModelSigningKey', () => {
  const stack = new Stack(new App(), 'S');
  const role = (id: string) => new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
  const builder = role('ModelBuild');
  const pipeline = role('Pipeline');
  const approver = role('Approver');
  const signing = new ModelSigningKey(stack, 'ModelSigningKey', { environmentName: 'prod', signers: [builder], verifiers: [approver] });
  signing.allowSign(pipeline);
  const template = Template.fromStack(stack);
  const keyPolicy = () => Object.values(template.findResources('AWS::KMS::Key'))[0].Properties.KeyPolicy.Statement as Record<string, unknown>[];

  test('is an asymmetric ECC_NIST_P256 sign-and-verify key, without rotation (KMS cannot rotate it), retained, with the environment\'s alias', () => {
    template.hasResource('AWS::KMS::Key', {
      Properties: { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', EnableKeyRotation: Match.absent(), PendingWindowInDays: 30 },
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/soc2ml/prod/model-signing' });
    expect(ModelSigningKey.SIGNING_ALGORITHM).toBe('ECDSA_SHA_256');
  });

  test('denies kms:Sign to every principal but the signers, whatever their IAM policies say', () => {
    expect(keyPolicy()).toContainEqual({
      Sid: 'DenySigningToAllButTheSigners',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'kms:Sign',
      Resource: '*',
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': [{ 'Fn::GetAtt': [logicalId(stack, builder), 'Arn'] }, { 'Fn::GetAtt': [logicalId(stack, pipeline), 'Arn'] }] } },
    });
  });

  test('signers get a customer-managed policy to sign digests with ECDSA_SHA_256 only, and nothing inline', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Sid: 'SignModelArtifactDigests',
          Effect: 'Allow',
          Action: 'kms:Sign',
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ModelSigningKey'), 'Arn'] },
          Condition: { StringEquals: { 'kms:SigningAlgorithm': 'ECDSA_SHA_256', 'kms:MessageType': 'DIGEST' } },
        }]),
      },
      Roles: [{ Ref: logicalId(stack, builder) }, { Ref: logicalId(stack, pipeline) }],
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('verifiers may verify and read the public key, and not sign', () => {
    const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy'));
    const verify = policies.find((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: logicalId(stack, approver) }]))!;
    expect(verify.Properties.PolicyDocument.Statement).toEqual([expect.objectContaining({ Action: ['kms:Verify', 'kms:GetPublicKey', 'kms:DescribeKey'] })]);
  });

  test('without signers, the deny still refuses signing to everyone but the account root', () => {
    const s = new Stack(new App(), 'S');
    new ModelSigningKey(s, 'Key');
    const statements = Object.values(Template.fromStack(s).findResources('AWS::KMS::Key'))[0].Properties.KeyPolicy.Statement as { Sid?: string; Condition?: { ArnNotEquals: Record<string, unknown> } }[];
    const deny = statements.find((st) => st.Sid === 'DenySigningToAllButTheSigners')!;
    expect(JSON.stringify(deny.Condition!.ArnNotEquals['aws:PrincipalArn'])).toContain(':root');
  });
});
