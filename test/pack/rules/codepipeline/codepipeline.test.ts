import { Aws, CfnCondition, Fn, Stack } from 'aws-cdk-lib';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { PackRun, runPackOnStack } from '../../helpers';

const RULE = 'CodePipelineArtifactsCustomerKey';

let run: PackRun;
beforeAll(() => {
  run = runPackOnStack((stack: Stack) => {
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const sourceBucket = new s3.Bucket(stack, 'Source', { versioned: true, encryptionKey: key });
    const pipeline = (id: string, props: Partial<codepipeline.PipelineProps>) => {
      const output = new codepipeline.Artifact();
      return new codepipeline.Pipeline(stack, id, {
        stages: [
          { stageName: 'Source', actions: [new actions.S3SourceAction({ actionName: 'Source', bucket: sourceBucket, bucketKey: 'model.zip', output })] },
          { stageName: 'Approve', actions: [new actions.ManualApprovalAction({ actionName: 'Approve' })] },
        ],
        ...props,
      });
    };
    pipeline('WithKeyedBucket', { artifactBucket: new s3.Bucket(stack, 'Artifacts', { encryptionKey: key }) });
    pipeline('CrossAccountKeys', { crossAccountKeys: true });
    // With @aws-cdk/aws-codepipeline:crossAccountKeysDefaultValueToFalse, the default has no key.
    pipeline('NoKey', { crossAccountKeys: false });
    const overridden = pipeline('AwsManagedOverride', { artifactBucket: new s3.Bucket(stack, 'MoreArtifacts', { encryptionKey: key }) });
    (overridden.node.defaultChild as codepipeline.CfnPipeline).addPropertyOverride('ArtifactStore.EncryptionKey.Id', 'alias/aws/s3');

    const store = (location: string, withKey: boolean): codepipeline.CfnPipeline.ArtifactStoreProperty => ({
      type: 'S3', location, encryptionKey: withKey ? { id: key.keyArn, type: 'KMS' } : undefined,
    });
    const l1 = (id: string, props: Partial<codepipeline.CfnPipelineProps>) => new codepipeline.CfnPipeline(stack, id, {
      roleArn: `arn:aws:iam::${Aws.ACCOUNT_ID}:role/pipeline`,
      stages: [{ name: 'Source', actions: [{ name: 'S', actionTypeId: { category: 'Source', owner: 'AWS', provider: 'S3', version: '1' }, configuration: { S3Bucket: 'src', S3ObjectKey: 'k' }, outputArtifacts: [{ name: 'o' }] }] }],
      ...props,
    });
    l1('CrossRegion', { artifactStores: [{ region: 'eu-west-1', artifactStore: store('a-eu', true) }, { region: 'us-east-1', artifactStore: store('a-us', true) }] });
    l1('CrossRegionOneWithout', { artifactStores: [{ region: 'eu-west-1', artifactStore: store('a-eu', true) }, { region: 'us-east-1', artifactStore: store('a-us', false) }] });
    const region = new CfnCondition(stack, 'InIreland', { expression: Fn.conditionEquals(Aws.REGION, 'eu-west-1') });
    l1('KeyInOneBranch', { artifactStore: store('a', true) }).addPropertyOverride('ArtifactStore.EncryptionKey', Fn.conditionIf(region.logicalId, { Id: key.keyArn, Type: 'KMS' }, Aws.NO_VALUE));
  });
});

test('passes an artifact store under a customer-managed key: a keyed artifact bucket, cross-account keys, every region of a cross-region pipeline', () => {
  expect(run.verdict('Test/WithKeyedBucket/Resource', RULE)).toBe('passed');
  expect(run.verdict('Test/CrossAccountKeys/Resource', RULE)).toBe('passed');
  expect(run.verdict('Test/CrossRegion', RULE)).toBe('passed');
});

test('fails no key, the AWS-managed key by override, a region without a key, and a key in one branch only', () => {
  expect(run.detail('Test/NoKey/Resource', RULE)).toMatch(/no key is set, so CodePipeline encrypts its artifacts with the AWS-managed key aws\/s3/);
  expect(run.detail('Test/AwsManagedOverride/Resource', RULE)).toMatch(/names the AWS-managed key alias\/aws\/s3/);
  expect(run.detail('Test/CrossRegionOneWithout', RULE)).toMatch(/in a-us are not encrypted/);
  expect(run.detail('Test/KeyInOneBranch', RULE)).toMatch(/no key is set/);
});
