import { KMSClient, SignCommand, VerifyCommand } from '@aws-sdk/client-kms';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
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
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
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

describe('the model release gate (production)', () => {
  const STATISTICS = 's3://prod-model-artifacts/pipelines/churn/exec-1/evaluation/evaluation.json';
  const BIAS_REPORT = 's3://prod-model-artifacts/pipelines/churn/exec-1/bias/analysis.json';
  const statistics = (auc: unknown, extra: Record<string, unknown> = {}) => Buffer.from(JSON.stringify({
    version: 0.0,
    binary_classification_metrics: {
      confusion_matrix: { 0: { 0: 90, 1: 10 }, 1: { 0: 12, 1: 88 } },
      accuracy: { value: 0.89, standard_deviation: 0.004 },
      auc: { value: auc, standard_deviation: 0.003 },
      ...extra,
    },
  }));
  const withMetrics = (metrics: DescribeModelPackageCommandOutput['ModelMetrics']) => sagemaker.on(DescribeModelPackageCommand).resolves(modelPackage({ ModelMetrics: metrics }));
  const complete = {
    ModelQuality: { Statistics: { ContentType: 'application/json', S3Uri: STATISTICS } },
    Bias: { Report: { ContentType: 'application/json', S3Uri: BIAS_REPORT } },
  };

  beforeAll(() => {
    process.env.RELEASE_CHECKS = JSON.stringify({ minimums: { 'prod-churn': { auc: 0.8, accuracy: 0.85 } } });
  });
  afterAll(() => {
    delete process.env.RELEASE_CHECKS;
  });
  beforeEach(() => {
    s3.on(GetObjectCommand, { Bucket: 'prod-model-artifacts', Key: 'pipelines/churn/exec-1/evaluation/evaluation.json' }).callsFake(() => objectOf(statistics(0.91)));
    s3.on(HeadObjectCommand, { Bucket: 'prod-model-artifacts', Key: 'pipelines/churn/exec-1/bias/analysis.json' }).resolves({ ContentLength: 2048 });
  });

  test('leaves approved a signed version whose metrics meet the minimums and which carries a bias report, and records both', async () => {
    withMetrics(complete);
    const result = await handler(approval);
    expect(result.verdict).toBe('verified');
    expect(result.evidence).toEqual([
      `model-quality statistics ${STATISTICS} meet the minimums (auc 0.91, accuracy 0.89)`,
      `bias report ${BIAS_REPORT} recorded`,
    ]);
    expect(rejection()).toEqual({ updates: [], alerts: [] });
  });

  test('rejects a version below a minimum, with the metric, its value and the minimum as the approval description', async () => {
    withMetrics(complete);
    s3.on(GetObjectCommand, { Bucket: 'prod-model-artifacts', Key: 'pipelines/churn/exec-1/evaluation/evaluation.json' }).callsFake(() => objectOf(statistics(0.72)));
    const result = await handler(approval);
    expect(result.verdict).toBe('rejected');
    const { updates, alerts } = rejection();
    expect(updates).toEqual([{
      ModelPackageArn: PACKAGE_ARN,
      ModelApprovalStatus: 'Rejected',
      ApprovalDescription: `Rejected by the cdk-soc2-ml model release gate: its model-quality statistics ${STATISTICS} do not meet the family's minimums: auc is 0.72, below the minimum 0.8`,
    }]);
    expect(alerts).toEqual([expect.objectContaining({ TopicArn: TOPIC_ARN, Subject: 'Model release gate rejected prod-churn version 3' })]);
  });

  test('rejects a version without quality statistics', async () => {
    withMetrics({ Bias: complete.Bias });
    expect((await handler(approval)).reason).toBe('it carries no model-quality statistics (ModelMetrics.ModelQuality.Statistics.S3Uri): register it with the statistics its evaluation step wrote');
  });

  test('rejects a version without a bias report, and accepts a post-training report in its place', async () => {
    withMetrics({ ModelQuality: complete.ModelQuality });
    expect((await handler(approval)).reason).toMatch(/^it carries no bias report \(ModelMetrics.Bias.Report or PostTrainingReport\)/);
    withMetrics({ ModelQuality: complete.ModelQuality, Bias: { PostTrainingReport: complete.Bias.Report } });
    expect((await handler(approval)).verdict).toBe('verified');
  });

  test('gives every reason at once: an unsigned version without metrics or bias report', async () => {
    sagemaker.on(DescribeModelPackageCommand).resolves(modelPackage({ CustomerMetadataProperties: {}, ModelMetrics: undefined }));
    const result = await handler(approval);
    expect(result.reason!.split(/ ?\(\d\) /).slice(1).map((r) => r.slice(0, 40))).toEqual([
      'it carries no signature (customer metada',
      'it carries no model-quality statistics (',
      'it carries no bias report (ModelMetrics.',
    ]);
    expect(rejection().updates[0].ApprovalDescription!.length).toBeLessThanOrEqual(1024);
  });

  test('rejects a version whose statistics lack a metric the family sets a minimum for', async () => {
    withMetrics(complete);
    s3.on(GetObjectCommand, { Bucket: 'prod-model-artifacts', Key: 'pipelines/churn/exec-1/evaluation/evaluation.json' })
      .callsFake(() => objectOf(Buffer.from(JSON.stringify({ binary_classification_metrics: { auc: { value: 0.9 } } }))));
    expect((await handler(approval)).reason).toMatch(/accuracy is missing \(minimum 0.85\)/);
  });

  test.each([
    ['not JSON', Buffer.from('{"binary_classification_metrics": {"auc": '), /are not JSON/],
    ['a metric that is not a number', statistics('0.95'), /give binary_classification_metrics.auc the value "0.95", not a number/],
    ['no metrics at all', Buffer.from(JSON.stringify({ version: 0 })), /hold no metrics/],
    ['a list', Buffer.from('[]'), /are not a JSON object/],
  ])('fails closed on malformed statistics: %s', async (_, bytes, reason) => {
    withMetrics(complete);
    s3.on(GetObjectCommand, { Bucket: 'prod-model-artifacts', Key: 'pipelines/churn/exec-1/evaluation/evaluation.json' }).callsFake(() => objectOf(bytes));
    const result = await handler(approval);
    expect(result).toEqual(expect.objectContaining({ verdict: 'rejected', reason: expect.stringMatching(reason) }));
    expect(rejection().updates).toHaveLength(1);
  });

  test('fails closed on statistics or a bias report it cannot read', async () => {
    withMetrics(complete);
    s3.on(GetObjectCommand, { Bucket: 'prod-model-artifacts', Key: 'pipelines/churn/exec-1/evaluation/evaluation.json' }).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
    s3.on(HeadObjectCommand).rejects(Object.assign(new Error('Not Found'), { name: 'NotFound' }));
    const result = await handler(approval);
    expect(result.reason).toBe('(1) its model-quality statistics could not be read (AccessDenied: Access Denied) (2) its bias report could not be read (NotFound: Not Found)');
    expect(rejection().updates).toHaveLength(1);
  });

  test('fails closed when statistics are not an S3 object URI', async () => {
    withMetrics({ ...complete, ModelQuality: { Statistics: { ContentType: 'application/json', S3Uri: 'https://example.com/evaluation.json' } } });
    expect((await handler(approval)).reason).toMatch(/"https:\/\/example.com\/evaluation.json" is not an S3 object URI/);
  });

  test('fails closed when its own release requirements are malformed: every version is rejected', async () => {
    withMetrics(complete);
    process.env.RELEASE_CHECKS = '{"minimums": {"prod-churn": {"auc": "high"}}}';
    try {
      const result = await handler(approval);
      expect(result).toEqual(expect.objectContaining({ verdict: 'rejected', reason: expect.stringMatching(/release requirements \(RELEASE_CHECKS\) are malformed/) }));
    } finally {
      process.env.RELEASE_CHECKS = JSON.stringify({ minimums: { 'prod-churn': { auc: 0.8, accuracy: 0.85 } } });
    }
  });

  test('requires statistics even for a family without minimums', async () => {
    sagemaker.on(DescribeModelPackageCommand).resolves(modelPackage({ ModelPackageGroupName: 'prod-fraud', ModelMetrics: complete }));
    expect((await handler(approval)).evidence).toEqual([`model-quality statistics ${STATISTICS} are present (the family sets no minimums)`, `bias report ${BIAS_REPORT} recorded`]);
  });
});
