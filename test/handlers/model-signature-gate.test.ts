import { KMSClient, SignCommand, VerifyCommand } from '@aws-sdk/client-kms';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeModelPackageCommand, DescribeModelPackageCommandOutput, SageMakerClient, UpdateModelPackageCommand } from '@aws-sdk/client-sagemaker';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../handlers/model-signature-gate';
import { ARTIFACT, ARTIFACT_BYTES, fakeKms, KEY_ARN, objectOf, OTHER_KEY_ARN, PACKAGE_ARN, signedMetadata } from './signature-fixtures';

const sagemaker = mockClient(SageMakerClient);
const s3 = mockClient(S3Client);
const kms = mockClient(KMSClient);
const sns = mockClient(SNSClient);
const TOPIC_ARN = 'arn:aws:sns:eu-west-1:111111111111:prod-alerts';
const approval = { detail: { ModelPackageArn: PACKAGE_ARN, ModelApprovalStatus: 'Approved' } };

function modelPackage(overrides: Partial<DescribeModelPackageCommandOutput> = {}): DescribeModelPackageCommandOutput {
  return {
    $metadata: {},
    ModelPackageArn: PACKAGE_ARN,
    ModelPackageName: 'prod-churn',
    ModelPackageGroupName: 'prod-churn',
    ModelPackageVersion: 3,
    ModelPackageStatus: 'Completed',
    ModelApprovalStatus: 'Approved',
    CreationTime: new Date(0),
    InferenceSpecification: {
      Containers: [{ Image: '111111111111.dkr.ecr.eu-west-1.amazonaws.com/soc2ml/prod/serving@sha256:abc', ModelDataUrl: ARTIFACT }],
      SupportedContentTypes: ['text/csv'],
      SupportedResponseMIMETypes: ['text/csv'],
    },
    CustomerMetadataProperties: signedMetadata(),
    ModelPackageStatusDetails: { ValidationStatuses: [] },
    ...overrides,
  };
}

beforeAll(() => {
  process.env.AWS_REGION = 'eu-west-1';
  process.env.SIGNING_KEY_ARN = KEY_ARN;
  process.env.ALERT_TOPIC_ARN = TOPIC_ARN;
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});

beforeEach(() => {
  for (const mock of [sagemaker, s3, kms, sns]) {
    mock.reset();
  }
  s3.on(GetObjectCommand, { Bucket: 'prod-model-artifacts', Key: 'churn/model.tar.gz' }).callsFake(() => objectOf(ARTIFACT_BYTES));
  kms.on(VerifyCommand).callsFake(fakeKms.verify);
  kms.on(SignCommand).callsFake(fakeKms.sign);
  sagemaker.on(UpdateModelPackageCommand).resolves({ ModelPackageArn: PACKAGE_ARN });
  sns.on(PublishCommand).resolves({ MessageId: '1' });
});

function rejection() {
  const updates = sagemaker.commandCalls(UpdateModelPackageCommand);
  const alerts = sns.commandCalls(PublishCommand);
  return { updates: updates.map((c) => c.args[0].input), alerts: alerts.map((c) => c.args[0].input) };
}

describe('the model signature gate', () => {
  test('leaves a version whose artifact verifies with the environment key approved', async () => {
    sagemaker.on(DescribeModelPackageCommand).resolves(modelPackage());
    const result = await handler(approval);
    expect(result).toEqual(expect.objectContaining({ verdict: 'verified', modelPackageArn: PACKAGE_ARN }));
    expect(rejection()).toEqual({ updates: [], alerts: [] });
    // It verified with KMS, over the digest it computed, with the environment's key only.
    const verify = kms.commandCalls(VerifyCommand)[0].args[0].input;
    expect(verify).toEqual(expect.objectContaining({ KeyId: KEY_ARN, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }));
  });

  test('rejects a version whose artifact changed after signing, and says so to the alert topic', async () => {
    sagemaker.on(DescribeModelPackageCommand).resolves(modelPackage());
    s3.on(GetObjectCommand).callsFake(() => objectOf(Buffer.from('a model someone swapped in')));
    const result = await handler(approval);
    expect(result.verdict).toBe('rejected');
    expect(result.reason).toMatch(/the artifact changed after it was signed/);
    const { updates, alerts } = rejection();
    expect(updates).toEqual([{ ModelPackageArn: PACKAGE_ARN, ModelApprovalStatus: 'Rejected', ApprovalDescription: expect.stringMatching(/^Rejected by the cdk-soc2-ml model signature gate: .*changed after it was signed/) }]);
    expect(alerts).toEqual([expect.objectContaining({ TopicArn: TOPIC_ARN, Subject: 'Model signature gate rejected prod-churn version 3' })]);
    expect(alerts[0].Message).toContain(PACKAGE_ARN);
  });

  test('rejects a tampered digest and signature pair that KMS does not verify', async () => {
    const forged = { ...signedMetadata(Buffer.from('a model someone swapped in')), 'soc2ml:model-signature': signedMetadata()['soc2ml:model-signature'] };
    sagemaker.on(DescribeModelPackageCommand).resolves(modelPackage({ CustomerMetadataProperties: forged }));
    s3.on(GetObjectCommand).callsFake(() => objectOf(Buffer.from('a model someone swapped in')));
    const result = await handler(approval);
    expect(result).toEqual(expect.objectContaining({ verdict: 'rejected', reason: expect.stringMatching(/signature does not verify/) }));
    expect(rejection().updates).toHaveLength(1);
  });

  test('rejects a version that carries no signature', async () => {
    sagemaker.on(DescribeModelPackageCommand).resolves(modelPackage({ CustomerMetadataProperties: { team: 'churn' } }));
    const result = await handler(approval);
    expect(result).toEqual(expect.objectContaining({ verdict: 'rejected', reason: expect.stringMatching(/carries no signature/) }));
    expect(rejection().updates).toEqual([expect.objectContaining({ ModelApprovalStatus: 'Rejected' })]);
    expect(rejection().alerts).toHaveLength(1);
    expect(kms.commandCalls(VerifyCommand)).toHaveLength(0);
  });

  test('rejects a version signed with another key, even one whose signature is valid for that key', async () => {
    sagemaker.on(DescribeModelPackageCommand).resolves(modelPackage({ CustomerMetadataProperties: signedMetadata(ARTIFACT_BYTES, OTHER_KEY_ARN) }));
    const result = await handler(approval);
    expect(result).toEqual(expect.objectContaining({ verdict: 'rejected', reason: expect.stringContaining(`signed with ${OTHER_KEY_ARN}, not with this environment's model-signing key`) }));
    expect(rejection().updates).toHaveLength(1);
  });

  test('fails closed: an artifact it cannot read is rejected, not left approved', async () => {
    sagemaker.on(DescribeModelPackageCommand).resolves(modelPackage());
    s3.on(GetObjectCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
    const result = await handler(approval);
    expect(result).toEqual(expect.objectContaining({ verdict: 'rejected', reason: expect.stringMatching(/could not be verified \(AccessDenied: Access Denied\)/) }));
  });

  test('rejects a version with more than one artifact, which one signature cannot cover', async () => {
    const pkg = modelPackage();
    const containers = [...pkg.InferenceSpecification!.Containers!, { Image: 'x', ModelDataUrl: 's3://prod-model-artifacts/churn/other.tar.gz' }];
    sagemaker.on(DescribeModelPackageCommand).resolves({ ...pkg, InferenceSpecification: { ...pkg.InferenceSpecification!, Containers: containers } });
    expect((await handler(approval)).reason).toMatch(/2 different model artifacts/);
  });

  test('skips a version that is no longer approved when the event arrives', async () => {
    sagemaker.on(DescribeModelPackageCommand).resolves(modelPackage({ ModelApprovalStatus: 'Rejected' }));
    const result = await handler(approval);
    expect(result.verdict).toBe('skipped');
    expect(rejection()).toEqual({ updates: [], alerts: [] });
  });

  test('lets an outage of the registry fail the invocation, so Lambda retries and then keeps the event in the dead-letter queue', async () => {
    sagemaker.on(DescribeModelPackageCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(handler(approval)).rejects.toThrow(/Rate exceeded/);
  });
});
