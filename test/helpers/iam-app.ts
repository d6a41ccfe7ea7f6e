import { AppIndex } from '../../pack/app-index';
import { StackTemplate } from '../../pack/template';

/*
 * A small app as templates, for the tests of pack/iam: two personas (a data scientist and a model
 * approver) under a boundary, a workload role with an AWS-managed policy, a classified bucket with
 * its policy, a key, a model package group and a trail. Built from JSON, without synth.
 */

const ROOT = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] };
const tags = (persona?: string) => [{ Key: 'Environment', Value: 'prod' }, ...(persona ? [{ Key: 'Persona', Value: persona }] : [])];
const personaRole = (persona: string) => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: ROOT }, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] },
    PermissionsBoundary: { Ref: 'Boundary' },
    Tags: tags(persona),
  },
});

/** The app's templates, indexed, with `extra` resources added to the stack. */
export function iamApp(extra: Record<string, unknown> = {}): StackTemplate[] {
  const stack = new StackTemplate('Prod', 'prod.json', {
    Resources: {
      Boundary: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Statement: [
        { Sid: 'Ceiling', Effect: 'Allow', Action: ['s3:*', 'kms:*', 'sagemaker:*', 'sts:AssumeRole'], Resource: '*' },
        { Sid: 'NoTrailTampering', Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'kms:ScheduleKeyDeletion'], Resource: '*' },
      ] } } },
      DataScientist: personaRole('data-scientist'),
      DataScientistPolicy: { Type: 'AWS::IAM::ManagedPolicy', Properties: { Roles: [{ Ref: 'DataScientist' }], PolicyDocument: { Statement: [
        { Sid: 'ReadWriteData', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Data', 'Arn'] }, '/*']] } },
        { Sid: 'UseKey', Effect: 'Allow', Action: 'kms:Decrypt', Resource: { 'Fn::GetAtt': ['Key', 'Arn'] } },
        { Sid: 'NoApprovals', Effect: 'Deny', Action: 'sagemaker:UpdateModelPackage', Resource: '*' },
      ] } } },
      Approver: personaRole('model-approver'),
      ApproverPolicy: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'approve', Roles: [{ Ref: 'Approver' }], PolicyDocument: { Statement: [
        { Sid: 'Approve', Effect: 'Allow', Action: 'sagemaker:UpdateModelPackage', Resource: '*', Condition: { StringEquals: { 'sagemaker:ModelApprovalStatus': ['Approved', 'Rejected'] } } },
        { Sid: 'ReadArtifacts', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      ] } } },
      Training: { Type: 'AWS::IAM::Role', Properties: {
        AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'sagemaker.amazonaws.com' } }] },
        ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonSageMakerReadOnly']] }],
        Policies: [{ PolicyName: 'train', PolicyDocument: { Statement: [{ Sid: 'ReadData', Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Sub': '${Data.Arn}/*' } }] } }],
        PermissionsBoundary: { Ref: 'Boundary' },
      } },
      Data: { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'DataClassification', Value: 'confidential' }, ...tags()] } },
      DataPolicy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Data' }, PolicyDocument: { Statement: [
        { Sid: 'TlsOnly', Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: [{ 'Fn::GetAtt': ['Data', 'Arn'] }, { 'Fn::Sub': '${Data.Arn}/*' }], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ] } } },
      Key: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Statement: [{ Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' }] } } },
      Group: { Type: 'AWS::SageMaker::ModelPackageGroup', Properties: { ModelPackageGroupName: 'churn' } },
      Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: true } },
      ...extra,
    },
  }, '111122223333', 'eu-west-1');
  const stacks = [stack];
  new AppIndex(stacks).attach();
  return stacks;
}
