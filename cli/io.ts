import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';

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

/** A command's exit code: 0 done (and, for checks, passed), 1 failed, 2 used wrongly. */
export enum ExitCode {
  OK = 0,
  FAILED = 1,
  USAGE = 2,
}
