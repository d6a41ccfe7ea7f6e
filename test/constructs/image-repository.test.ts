import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ImageRepository } from '../../index';
import { logicalId } from '../helpers/ml-scope';

describe('ImageRepository', () => {
  const stack = new Stack(new App(), 'S');
  const key = new kms.Key(stack, 'Key');
  const puller = new iam.Role(stack, 'Puller', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
  const pusher = new iam.Role(stack, 'Pusher', { assumedBy: new iam.AccountRootPrincipal() });
  const late = new iam.Role(stack, 'Late', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
  const repo = new ImageRepository(stack, 'Serving', { repositoryName: 'soc2ml/prod/serving', encryptionKey: key, pullers: [puller], pushers: [pusher], keepImages: 30 });
  repo.allowPull(late);
  const template = Template.fromStack(stack);
  const resource = template.toJSON().Resources[logicalId(stack, repo.repository)];
  const arn = (r: iam.Role) => ({ 'Fn::GetAtt': [logicalId(stack, r), 'Arn'] });

  test('scans on push, has immutable tags, is encrypted with the given key and is retained', () => {
    expect(resource.Properties).toMatchObject({
      RepositoryName: 'soc2ml/prod/serving',
      ImageScanningConfiguration: { ScanOnPush: true },
      ImageTagMutability: 'IMMUTABLE',
      EncryptionConfiguration: { EncryptionType: 'KMS', KmsKey: { 'Fn::GetAtt': [logicalId(stack, key), 'Arn'] } },
    });
    expect([resource.DeletionPolicy, resource.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
  });

  test('expires untagged images and keeps the last N', () => {
    const rules = JSON.parse(resource.Properties.LifecyclePolicy.LifecyclePolicyText).rules;
    expect(rules).toEqual([
      { rulePriority: 1, description: 'Expire untagged images', selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 7, countUnit: 'days' }, action: { type: 'expire' } },
      { rulePriority: 2, description: 'Keep the last 30 images', selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 30 }, action: { type: 'expire' } },
    ]);
  });

  test('the policy lets the named roles pull or push, and denies image access to every other principal', () => {
    const statements = resource.Properties.RepositoryPolicyText.Statement;
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Allow', Principal: { AWS: arn(puller) }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability', 'ecr:DescribeImages'] }));
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Allow', Principal: { AWS: arn(pusher) }, Action: expect.arrayContaining(['ecr:PutImage', 'ecr:CompleteLayerUpload']) }));
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Allow', Principal: { AWS: arn(late) } }));
    const deny = statements.find((s: { Sid?: string }) => s.Sid === 'DenyImageAccessToOthers');
    expect(deny).toMatchObject({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': [arn(puller), arn(late), arn(pusher)] }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } },
    });
    expect(deny.Action).toEqual(expect.arrayContaining(['ecr:BatchGetImage', 'ecr:PutImage', 'ecr:BatchDeleteImage']));
    expect(statements.filter((s: { Effect: string; Principal: { AWS: unknown } }) => s.Effect === 'Allow' && JSON.stringify(s.Principal).includes('"*"'))).toEqual([]);
  });

  test('a new key by default', () => {
    const s = new Stack(new App(), 'D');
    new ImageRepository(s, 'Training');
    Template.fromStack(s).resourceCountIs('AWS::KMS::Key', 1);
  });

  test('refuses keeping no images, a sub-day untagged expiry and a malformed name', () => {
    const s = new Stack();
    expect(() => new ImageRepository(s, 'A', { keepImages: 0 })).toThrow(/keepImages is 0: keep at least 1 image \(a repository that keeps none loses the image a model is serving\), for example keepImages: 100\./);
    expect(() => new ImageRepository(s, 'B', { untaggedImageExpiry: Duration.hours(12) })).toThrow(/untaggedImageExpiry is 0\.5 days/);
    expect(() => new ImageRepository(s, 'C', { repositoryName: 'Soc2ML/Prod' })).toThrow(/repositoryName is "Soc2ML\/Prod"/);
  });
});
