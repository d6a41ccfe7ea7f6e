import { KMSClient, SignCommand, VerifyCommand } from '@aws-sdk/client-kms';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeModelPackageCommand, DescribeModelPackageCommandOutput, SageMakerClient, UpdateModelPackageCommand } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { CliClients, main } from '../../cli/cdk-soc2-ml';
import { defaultClients, explainAwsError } from '../../cli/model-signing';
import { ARTIFACT, ARTIFACT_BYTES, fakeKms, KEY_ARN, objectOf, PACKAGE_ARN, sha256, signedMetadata } from '../handlers/signature-fixtures';

const s3 = mockClient(S3Client);
const kms = mockClient(KMSClient);
const sagemaker = mockClient(SageMakerClient);
const regions: (string | undefined)[] = [];
const clients = (region?: string): CliClients => {
  regions.push(region);
  return { s3: new S3Client({ region }), kms: new KMSClient({ region }), sagemaker: new SageMakerClient({ region }) };
};

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, clients, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

const pkg = (metadata?: Record<string, string>): DescribeModelPackageCommandOutput => ({
  $metadata: {},
  ModelPackageArn: PACKAGE_ARN,
  ModelPackageName: 'prod-churn',
  ModelPackageStatus: 'Completed',
  ModelApprovalStatus: 'PendingManualApproval',
  CreationTime: new Date(0),
  ModelPackageStatusDetails: { ValidationStatuses: [] },
  InferenceSpecification: { Containers: [{ Image: 'serving', ModelDataUrl: ARTIFACT }], SupportedContentTypes: [], SupportedResponseMIMETypes: [] },
  CustomerMetadataProperties: metadata,
});

beforeEach(() => {
  for (const mock of [s3, kms, sagemaker]) {
    mock.reset();
  }
  regions.length = 0;
  s3.on(GetObjectCommand).callsFake(() => objectOf(ARTIFACT_BYTES));
  kms.on(SignCommand).callsFake(fakeKms.sign);
  kms.on(VerifyCommand).callsFake(fakeKms.verify);
  sagemaker.on(UpdateModelPackageCommand).resolves({ ModelPackageArn: PACKAGE_ARN });
});

describe('cdk-soc2-ml sign-model', () => {
  test('hashes the package\'s artifact, signs the digest and records the signature on the package', async () => {
    sagemaker.on(DescribeModelPackageCommand).resolves(pkg());
    const { code, out } = await run('sign-model', '--key', KEY_ARN, '--model-package', PACKAGE_ARN);
    expect(code).toBe(0);
    const sign = kms.commandCalls(SignCommand)[0].args[0].input;
    expect(sign).toEqual({ KeyId: KEY_ARN, Message: sha256(ARTIFACT_BYTES), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' });
    const update = sagemaker.commandCalls(UpdateModelPackageCommand)[0].args[0].input;
    expect(update).toEqual({ ModelPackageArn: PACKAGE_ARN, CustomerMetadataProperties: signedMetadata() });
    expect(update.ModelApprovalStatus).toBeUndefined();
    expect(JSON.parse(out).customerMetadataProperties).toEqual(signedMetadata());
    // The region comes from the ARN when none is given.
    expect(regions).toEqual(['eu-west-1']);
  });

  test('signs an artifact before registration and prints the metadata, changing nothing', async () => {
    const { code, out } = await run('sign-model', '--key', KEY_ARN, '--artifact', ARTIFACT, '--region', 'us-east-1');
    expect(code).toBe(0);
    expect(JSON.parse(out).customerMetadataProperties).toEqual(signedMetadata());
    expect(sagemaker.commandCalls(UpdateModelPackageCommand)).toHaveLength(0);
    expect(regions).toEqual(['us-east-1']);
  });

  test('refuses an --artifact the model package does not serve', async () => {
    sagemaker.on(DescribeModelPackageCommand).resolves(pkg());
    const { code, err } = await run('sign-model', '--key', KEY_ARN, '--model-package', PACKAGE_ARN, '--artifact', 's3://elsewhere/model.tar.gz');
    expect(code).toBe(2);
    expect(err).toMatch(/--artifact is s3:\/\/elsewhere\/model\.tar\.gz, but the model package serves s3:\/\/prod-model-artifacts/);
    expect(kms.commandCalls(SignCommand)).toHaveLength(0);
  });

  test('explains what is missing', async () => {
    expect((await run('sign-model', '--artifact', ARTIFACT)).err).toMatch(/--key is required/);
    expect((await run('sign-model', '--key', KEY_ARN)).err).toMatch(/pass --model-package .* or --artifact/);
    expect((await run('sign-model', '--key', KEY_ARN, '--artifact', 'model.tar.gz')).err).toMatch(/--artifact is "model\.tar\.gz", not an S3 URI/);
  });

  test('friction 10: a local path is a usage error with the upload that fixes it, not a verification failure', async () => {
    const result = await run('sign-model', '--key', KEY_ARN, '--artifact', './model.tar.gz');
    expect(result.code).toBe(2);
    expect(result.err).toBe('--artifact is "./model.tar.gz", not an S3 URI: the signature covers the object SageMaker reads. Upload it first (aws s3 cp ./model.tar.gz s3://<bucket>/<key>) and pass --artifact s3://<bucket>/<key>.\n');
    expect(regions).toEqual([]);
  });

  test('friction 10: missing credentials or region, and denied calls, say what to do', async () => {
    const noCredentials = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    expect(explainAwsError(noCredentials)).toMatch(/^no AWS credentials found .*aws sso login --profile <profile>.*AWS_ACCESS_KEY_ID/);
    expect(explainAwsError(new Error('Region is missing'))).toMatch(/^no AWS region: pass --region <region>, set AWS_REGION/);
    expect(explainAwsError(Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' }))).toMatch(/needs kms:Sign on the key/);
    sagemaker.on(DescribeModelPackageCommand).rejects(noCredentials);
    const result = await run('verify-model', '--key', KEY_ARN, '--model-package', PACKAGE_ARN);
    expect(result).toEqual(expect.objectContaining({ code: 1, err: expect.stringMatching(/^verify-model failed: no AWS credentials found/) }));
  });

  test('friction 10: the SDK\'s Node-version warning is kept off the screen', () => {
    const previous = process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    delete process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    try {
      defaultClients('eu-west-1');
      expect(process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBe('true');
    } finally {
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = previous;
    }
  });
});

describe('cdk-soc2-ml verify-model', () => {
  test('exits 0 for a package whose signature verifies, 1 for one whose artifact changed', async () => {
    sagemaker.on(DescribeModelPackageCommand).resolves(pkg(signedMetadata()));
    const ok = await run('verify-model', '--key', KEY_ARN, '--model-package', PACKAGE_ARN);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toEqual({ valid: true, artifact: ARTIFACT, sha256: sha256(ARTIFACT_BYTES).toString('hex') });

    s3.on(GetObjectCommand).callsFake(() => objectOf(Buffer.from('changed')));
    const changed = await run('verify-model', '--key', KEY_ARN, '--model-package', PACKAGE_ARN);
    expect(changed.code).toBe(1);
    expect(JSON.parse(changed.out).reason).toMatch(/changed after it was signed/);
  });
});
