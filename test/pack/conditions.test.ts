import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { decideCondition, withDecidedBranches } from '../../pack/conditions';
import { StackTemplate } from '../../pack/template';
import { runPackOnStack } from './helpers';

const conditions = {
  Yes: { 'Fn::Equals': ['a', 'a'] },
  No: { 'Fn::Equals': ['a', 'b'] },
  Param: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
  NotNo: { 'Fn::Not': [{ Condition: 'No' }] },
  AndParam: { 'Fn::And': [{ Condition: 'No' }, { Condition: 'Param' }] },
  OrParam: { 'Fn::Or': [{ Condition: 'Yes' }, { Condition: 'Param' }] },
  Loop: { 'Fn::Not': [{ Condition: 'Loop' }] },
};

describe('decideCondition', () => {
  test.each([
    ['Yes', true], ['No', false], ['NotNo', true],
    ['AndParam', false], ['OrParam', true],
    ['Param', undefined], ['Loop', undefined], ['Missing', undefined],
  ])('%s is %s', (name, value) => {
    expect(decideCondition(name, conditions)).toBe(value);
  });
});

describe('withDecidedBranches', () => {
  test('replaces a decided Fn::If by the branch that deploys, at any depth, and keeps an undecided one', () => {
    const value = { A: { 'Fn::If': ['No', 'dead', 'live'] }, B: [{ 'Fn::If': ['Yes', { C: { 'Fn::If': ['Param', 1, 2] } }, 'dead'] }] };
    expect(withDecidedBranches(value, conditions, new Map())).toEqual({ A: 'live', B: [{ C: { 'Fn::If': ['Param', 1, 2] } }] });
  });

  test('returns the value itself when nothing is decidable', () => {
    const value = { A: { 'Fn::If': ['Param', 1, 2] } };
    expect(withDecidedBranches(value, conditions, new Map())).toBe(value);
  });
});

describe('a template under conditions decidable at synth', () => {
  test('keeps only the resources that deploy', () => {
    const t = new StackTemplate('S', '/tmp/S.json', { Conditions: conditions, Resources: { Dead: { Type: 'AWS::S3::Bucket', Condition: 'No' }, Live: { Type: 'AWS::S3::Bucket', Condition: 'Yes' }, Maybe: { Type: 'AWS::S3::Bucket', Condition: 'Param' } } });
    expect([...t.resources.keys()]).toEqual(['Live', 'Maybe']);
  });
});

describe('the rules judge the branch that deploys, and every branch when synth cannot decide', () => {
  const run = runPackOnStack((stack: Stack) => {
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    // The stack's region is literal, so this condition is decided at synth.
    const inChina = new CfnCondition(stack, 'InChina', { expression: Fn.conditionEquals('eu-west-1', 'cn-north-1') });
    const fromParameter = new CfnCondition(stack, 'Unencrypted', { expression: Fn.conditionEquals(new CfnParameter(stack, 'Mode').valueAsString, 'plain') });
    const bucket = (id: string, condition: CfnCondition) => {
      const b = new s3.Bucket(stack, id, { encryption: s3.BucketEncryption.KMS, encryptionKey: key });
      (b.node.defaultChild as s3.CfnBucket).addPropertyOverride('BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault',
        Fn.conditionIf(condition.logicalId, { SSEAlgorithm: 'AES256' }, { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: key.keyArn }));
    };
    bucket('DeadBranch', inChina);
    bucket('LiveChoice', fromParameter);
    const notebook = (id: string, condition: CfnCondition) => new sagemaker.CfnNotebookInstance(stack, id, {
      instanceType: 'ml.t3.medium', roleArn: 'arn:aws:iam::111111111111:role/nb', kmsKeyId: key.keyArn,
      subnetId: 'subnet-0a1b2c3d4e5f67890', securityGroupIds: ['sg-0a1b2c3d4e5f67890'], rootAccess: 'Disabled',
      directInternetAccess: Fn.conditionIf(condition.logicalId, 'Enabled', 'Disabled').toString(),
    });
    notebook('NotebookDeadBranch', inChina);
    notebook('NotebookLiveChoice', fromParameter);
  });

  test('S3BucketKmsEncryption passes a bucket whose unencrypted branch never deploys, and fails one a parameter may choose', () => {
    expect(run.verdict('Test/DeadBranch/Resource', 'S3BucketKmsEncryption')).toBe('passed');
    expect(run.verdict('Test/LiveChoice/Resource', 'S3BucketKmsEncryption')).toBe('failed');
  });

  test('SageMakerNotebookNoDirectInternet likewise', () => {
    expect(run.verdict('Test/NotebookDeadBranch', 'SageMakerNotebookNoDirectInternet')).toBe('passed');
    expect(run.verdict('Test/NotebookLiveChoice', 'SageMakerNotebookNoDirectInternet')).toBe('failed');
  });
});
