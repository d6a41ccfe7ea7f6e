/*
 * `cdk-soc2-ml sign-model` and `cdk-soc2-ml verify-model`: sign a model artifact with the
 * environment's model-signing key and record the signature on its model package, or check one as
 * the signature gate does. They use the AWS SDK's default credentials and region (environment,
 * profile, instance or task role).
 */
import { parseArgs } from 'util';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { DescribeModelPackageCommand, SageMakerClient, UpdateModelPackageCommand } from '@aws-sdk/client-sagemaker';
import { artifactOf, parseS3Uri, signArtifact, verifyModelPackage } from '../handlers/shared/model-signature';
import { CliClients, CliOutput } from './io';

export const SIGN_MODEL_USAGE = `  cdk-soc2-ml sign-model --key <key ARN> --model-package <model package ARN> [--artifact s3://<bucket>/<key>] [--region <region>]
      Hash the model package's artifact (SHA-256), sign the digest with the KMS key (ECDSA_SHA_256),
      and record digest, signature and key as the package's customer metadata.
  cdk-soc2-ml sign-model --key <key ARN> --artifact s3://<bucket>/<key> [--region <region>]
      Sign an artifact before registering it: prints the customer metadata to pass to
      CreateModelPackage (CustomerMetadataProperties).
`;

export const VERIFY_MODEL_USAGE = `  cdk-soc2-ml verify-model --key <key ARN> --model-package <model package ARN> [--region <region>]
      Check a model package as the verification gate does; exits 1 if it does not verify.
`;

const OPTIONS = {
  key: { type: 'string' },
  'model-package': { type: 'string' },
  artifact: { type: 'string' },
  region: { type: 'string' },
} as const;

/** Run `sign-model` or `verify-model` with the arguments after the command; resolves to the exit code. */
export async function runModelSigning(command: 'sign-model' | 'verify-model', argv: string[], makeClients: (region?: string) => CliClients, io: CliOutput): Promise<number> {
  const usage = command === 'sign-model' ? SIGN_MODEL_USAGE : VERIFY_MODEL_USAGE;
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; strict: true }>>['values'];
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true }));
  } catch (e) {
    io.err(`${(e as Error).message}\n\nUsage:\n${usage}`);
    return 2;
  }
  const key = values.key;
  const modelPackage = values['model-package'];
  const artifact = values.artifact;
  const problem = !key ? '--key is required: pass the ARN of the environment\'s model-signing key (alias/soc2ml/<environment>/model-signing).'
    : command === 'verify-model' && !modelPackage ? '--model-package is required: pass the ARN of the model package to check.'
      : command === 'sign-model' && !modelPackage && !artifact ? 'pass --model-package (sign its artifact and record the signature on it) or --artifact (print the metadata to register with).'
        : undefined;
  if (problem) {
    io.err(`${problem}\n\nUsage:\n${usage}`);
    return 2;
  }
  if (artifact !== undefined && !artifact.startsWith('s3://')) {
    io.err(`--artifact is ${JSON.stringify(artifact)}, not an S3 URI: the signature covers the object SageMaker reads. Upload it first (aws s3 cp ${artifact} s3://<bucket>/<key>) and pass --artifact s3://<bucket>/<key>.\n`);
    return 2;
  }

  try {
    const clients = makeClients(values.region ?? regionOf(modelPackage) ?? regionOf(key));
    if (command === 'verify-model') {
      const pkg = await clients.sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: modelPackage }));
      const verdict = await verifyModelPackage(clients, pkg, key!);
      io.out(`${JSON.stringify(verdict.valid ? { valid: true, artifact: verdict.artifact, sha256: verdict.digest } : { valid: false, reason: verdict.reason }, null, 2)}\n`);
      return verdict.valid ? 0 : 1;
    }

    let target = artifact;
    if (modelPackage) {
      const pkg = await clients.sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: modelPackage }));
      const served = artifactOf(pkg);
      if (artifact !== undefined && artifact !== served) {
        io.err(`--artifact is ${artifact}, but the model package serves ${served}: the signature must cover the artifact the package serves. Drop --artifact, or register the package with that artifact.\n`);
        return 2;
      }
      target = served;
    }
    parseS3Uri(target!);
    const metadata = await signArtifact(clients, key!, target!);
    if (modelPackage) {
      // Customer metadata is merged: other keys of the package stay as they are.
      await clients.sagemaker.send(new UpdateModelPackageCommand({ ModelPackageArn: modelPackage, CustomerMetadataProperties: metadata }));
    }
    io.out(`${JSON.stringify({ modelPackage, customerMetadataProperties: metadata }, null, 2)}\n`);
    return 0;
  } catch (e) {
    io.err(`${command} failed: ${explainAwsError(e)}\n`);
    return 1;
  }
}

/** An AWS SDK error as a person acts on it: what is missing and how to give it. */
export function explainAwsError(e: unknown): string {
  const error = e instanceof Error ? e : new Error(String(e));
  const text = `${error.name}: ${error.message}`;
  if (error.name === 'CredentialsProviderError' || /Could not load credentials/i.test(error.message)) {
    return `no AWS credentials found (${error.message}). Sign in (aws sso login --profile <profile>, then AWS_PROFILE=<profile>), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; an instance or task role works too.`;
  }
  if (/Region is missing/i.test(error.message)) {
    return 'no AWS region: pass --region <region>, set AWS_REGION, or pass ARNs (the region is read from --model-package, then --key).';
  }
  if (/ExpiredToken|TokenRefreshRequired|expired/i.test(error.name)) {
    return `${text}. Your credentials expired: sign in again (aws sso login) and rerun.`;
  }
  if (/AccessDenied|UnrecognizedClient|InvalidClientTokenId/i.test(error.name)) {
    return `${text}. The identity the SDK found may not do this: sign-model needs kms:Sign on the key, s3:GetObject on the artifact and sagemaker:DescribeModelPackage and UpdateModelPackage; verify-model needs kms:Verify instead of kms:Sign.`;
  }
  return text;
}

/** The region of an ARN (`arn:<partition>:<service>:<region>:…`), if the value is one. */
function regionOf(value: string | undefined): string | undefined {
  const region = value?.startsWith('arn:') ? value.split(':')[3] : undefined;
  return region || undefined;
}

/** The clients of the default credential chain, for a region. */
export function defaultClients(region?: string): CliClients {
  // The SDK's warning about Node versions it will drop next year fills the screen around the result.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return { s3: new S3Client({ region }), kms: new KMSClient({ region }), sagemaker: new SageMakerClient({ region }) };
}
