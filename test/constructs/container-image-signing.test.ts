import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ContainerImageSigning } from '../../index';
import { logicalId } from '../helpers/ml-scope';

describe('ContainerImageSigning', () => {
  const stack = new Stack(new App(), 'S');
  const engineer = new iam.Role(stack, 'Engineer', { assumedBy: new iam.AccountRootPrincipal() });
  const signing = new ContainerImageSigning(stack, 'ImageSigning', { signers: [engineer] });
  const template = Template.fromStack(stack);

  test('is an AWS Signer profile for Notation container images, retained', () => {
    template.hasResource('AWS::Signer::SigningProfile', {
      Properties: { PlatformId: 'Notation-OCI-SHA384-ECDSA', SignatureValidityPeriod: { Type: 'MONTHS', Value: 135 } },
      DeletionPolicy: 'Retain',
    });
    expect(stack.resolve(signing.profileArn)).toEqual({ 'Fn::GetAtt': [logicalId(stack, signing.signingProfile), 'Arn'] });
  });

  test('image builders may sign with this profile only, and check revocation, in a customer-managed policy', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          { Sid: 'SignImages', Effect: 'Allow', Action: ['signer:SignPayload', 'signer:GetSigningProfile'], Resource: { 'Fn::GetAtt': [logicalId(stack, signing.signingProfile), 'Arn'] } },
          { Sid: 'CheckRevocation', Effect: 'Allow', Action: 'signer:GetRevocationStatus', Resource: '*' },
        ],
      },
      Roles: [{ Ref: logicalId(stack, engineer) }],
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('takes a shorter signature validity, and refuses one AWS Signer does not accept', () => {
    const s = new Stack(new App(), 'S');
    new ContainerImageSigning(s, 'A', { signatureValidity: Duration.days(365) });
    Template.fromStack(s).hasResourceProperties('AWS::Signer::SigningProfile', { SignatureValidityPeriod: { Type: 'DAYS', Value: 365 } });
    expect(() => new ContainerImageSigning(s, 'B', { signatureValidity: Duration.days(5000) })).toThrow(/signatureValidity is 5000 days: AWS Signer accepts whole days from 1 to 4050/);
    expect(() => new ContainerImageSigning(s, 'C', { signatureValidity: Duration.hours(12) })).toThrow(/signatureValidity is 0.5 days/);
  });
});
