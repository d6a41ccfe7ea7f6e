#!/usr/bin/env node
/*
 * The package's command line: `npx cdk-soc2-ml sign-model …` and `npx cdk-soc2-ml verify-model …`.
 * It uses the AWS SDK's default credentials and region (environment, profile, instance or task role).
 */
import { parseArgs } from 'util';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { DescribeModelPackageCommand, SageMakerClient, UpdateModelPackageCommand } from '@aws-sdk/client-sagemaker';
import { artifactOf, parseS3Uri, signArtifact, verifyModelPackage } from '../handlers/shared/model-signature';

/** The AWS clients a command uses, made for a region (tests pass their own). */
export interface CliClients {
  readonly s3: S3Client;
  readonly kms: KMSClient;
  readonly sagemaker: SageMakerClient;
}

/** Where a command writes (tests capture it). */
export interface CliOutput {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export const USAGE = `Usage:
  cdk-soc2-ml sign-model --key <key ARN> --model-package <model package ARN> [--artifact s3://<bucket>/<key>] [--region <region>]
      Hash the model package's artifact (SHA-256), sign the digest with the KMS key (ECDSA_SHA_256),
      and record digest, signature and key as the package's customer metadata.
  cdk-soc2-ml sign-model --key <key ARN> --artifact s3://<bucket>/<key> [--region <region>]
      Sign an artifact before registering it: prints the customer metadata to pass to
      CreateModelPackage (CustomerMetadataProperties).
  cdk-soc2-ml verify-model --key <key ARN> --model-package <model package ARN> [--region <region>]
      Check a model package as the verification gate does; exits 1 if it does not verify.
`;

const OPTIONS = {
  key: { type: 'string' },
  'model-package': { type: 'string' },
  artifact: { type: 'string' },
  region: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
}

/** Run a command; resolves to the process exit code. */
export async function main(argv: string[], makeClients: (region?: string) => CliClients = defaultClients, io: CliOutput = consoleOutput): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || command === undefined || command === 'help') {
    io.out(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (command !== 'sign-model' && command !== 'verify-model') {
    io.err(`Unknown command ${JSON.stringify(command)}.\n\n${USAGE}`);
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
    io.err(`${problem}\n\n${USAGE}`);
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
    const error = e as Error;
    io.err(`${command} failed: ${error.name}: ${error.message}\n`);
    return 1;
  }
}

/** The region of an ARN (`arn:<partition>:<service>:<region>:…`), if the value is one. */
function regionOf(value: string | undefined): string | undefined {
  const region = value?.startsWith('arn:') ? value.split(':')[3] : undefined;
  return region || undefined;
}

function defaultClients(region?: string): CliClients {
  return { s3: new S3Client({ region }), kms: new KMSClient({ region }), sagemaker: new SageMakerClient({ region }) };
}

const consoleOutput: CliOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
