import { AppIndex } from '../../../pack/app-index';
import { UNRESOLVED } from '../../../pack/iam/evaluator';
import { lazilyRendered, namesOf, renderValue } from '../../../pack/iam/render';
import { StackTemplate } from '../../../pack/template';

const data = new StackTemplate('Data', 'data.json', {
  Resources: {
    Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
    Named: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'training-data' } },
    Key: { Type: 'AWS::KMS::Key', Properties: {} },
    Group: { Type: 'AWS::SageMaker::ModelPackageGroup', Properties: { ModelPackageGroupName: 'Churn' } },
  },
  Outputs: { BucketArn: { Value: { 'Fn::GetAtt': ['Bucket', 'Arn'] }, Export: { Name: 'data-bucket-arn' } } },
}, '111122223333', 'eu-west-1');
const users = new StackTemplate('Users', 'users.json', { Resources: {} }, '111122223333', 'eu-west-1');
new AppIndex([data, users]).attach();

describe('renderValue', () => {
  test('references become the ARN or name of what they name; generated names are <stack>-<logical id>', () => {
    expect(renderValue(data, { 'Fn::GetAtt': ['Bucket', 'Arn'] })).toBe('arn:aws:s3:::data-bucket');
    expect(renderValue(data, { Ref: 'Named' })).toBe('training-data');
    expect(renderValue(data, { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Named', 'Arn'] }, '/*']] })).toBe('arn:aws:s3:::training-data/*');
    expect(renderValue(data, { 'Fn::GetAtt': ['Key', 'Arn'] })).toBe('arn:aws:kms:eu-west-1:111122223333:key/data-key');
    expect(renderValue(data, { 'Fn::GetAtt': ['Group', 'ModelPackageGroupArn'] })).toBe('arn:aws:sagemaker:eu-west-1:111122223333:model-package-group/churn');
  });

  test('pseudo parameters and Fn::Sub', () => {
    expect(renderValue(data, { 'Fn::Sub': 'arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:endpoint/*' })).toBe('arn:aws:sagemaker:eu-west-1:111122223333:endpoint/*');
    expect(renderValue(data, { 'Fn::Sub': ['${B}/*', { B: { 'Fn::GetAtt': ['Bucket', 'Arn'] } }] })).toBe('arn:aws:s3:::data-bucket/*');
  });

  test('a value of another stack, through an export, is the same ARN', () => {
    expect(renderValue(users, { 'Fn::ImportValue': 'data-bucket-arn' })).toBe(namesOf(data.resources.get('Bucket')!).arn);
  });

  test('what synth cannot know is marked unresolved', () => {
    expect(renderValue(data, { Ref: 'SomeParameter' })).toBe(UNRESOLVED);
    expect(renderValue(data, { 'Fn::Select': [0, ['a']] })).toBe(UNRESOLVED);
  });

  test('a policy reads each Fn::If branch as a statement of its own, rendered when asked', () => {
    const statement = { Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::GetAtt': ['Bucket', 'Arn'] } };
    const policy = lazilyRendered('p', data, { Statement: [{ 'Fn::If': ['C', statement, { Ref: 'AWS::NoValue' }] }] });
    expect(policy.document).toEqual({ Statement: [statement] });
    expect(policy.render!(statement)).toEqual({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data-bucket' });
  });
});
