/*
 * Hashing, signing and verifying a model artifact, shared by the signing command
 * (`cdk-soc2-ml sign-model`, `verify-model`) and the verification gate's function.
 */
import { createHash } from 'crypto';
import { KMSClient, SignCommand, VerifyCommand } from '@aws-sdk/client-kms';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { InferenceSpecification } from '@aws-sdk/client-sagemaker';
import { SignatureMetadata, SIGNING_ALGORITHM } from '../../core/signature-format';

/** The clients signing and verification use. */
export interface SignatureClients {
  readonly s3: S3Client;
  readonly kms: KMSClient;
}

/** What is read from a model package to verify it (a `DescribeModelPackage` response). */
export interface SignedModelPackage {
  readonly InferenceSpecification?: InferenceSpecification;
  readonly CustomerMetadataProperties?: Record<string, string>;
}

/** The outcome of a verification: valid, or the reason it is not, written for a person. */
export type Verdict =
  | { readonly valid: true; readonly artifact: string; readonly digest: string }
  | { readonly valid: false; readonly reason: string };

/** A model package or artifact that cannot be verified as it is (not an outage: retrying will not help). */
export class VerificationFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VerificationFailure';
  }
}

/** The bucket and key of an `s3://bucket/key` URI. */
export function parseS3Uri(uri: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!match) {
    throw new VerificationFailure(`${JSON.stringify(uri)} is not an S3 object URI (s3://<bucket>/<key>)`);
  }
  return { bucket: match[1], key: match[2] };
}

/** An S3 object's body as a stream of chunks. */
export async function objectStream(s3: S3Client, uri: string): Promise<AsyncIterable<Uint8Array>> {
  const { bucket, key } = parseS3Uri(uri);
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const body = object.Body as AsyncIterable<Uint8Array> | undefined;
  if (body === undefined || typeof body[Symbol.asyncIterator] !== 'function') {
    throw new Error(`S3 returned no readable body for ${uri}`);
  }
  return body;
}

/** The SHA-256 digest of an S3 object, read as a stream (an artifact may be many gigabytes). */
export async function sha256OfObject(s3: S3Client, uri: string): Promise<Buffer> {
  const body = await objectStream(s3, uri);
  const hash = createHash('sha256');
  for await (const chunk of body) {
    hash.update(chunk);
  }
  return hash.digest();
}

/**
 * The one artifact a model package serves: the `ModelDataUrl` its containers share. A package with
 * no artifact, with several, or with uncompressed model data (`ModelDataSource`, many objects)
 * cannot be verified by a signature over one object.
 */
export function artifactOf(pkg: SignedModelPackage): string {
  const containers = pkg.InferenceSpecification?.Containers ?? [];
  if (containers.some((c) => c.ModelDataSource !== undefined)) {
    throw new VerificationFailure('a container names its model data with ModelDataSource (uncompressed, many objects); a signature covers one artifact object, named by ModelDataUrl');
  }
  const urls = [...new Set(containers.map((c) => c.ModelDataUrl).filter((u): u is string => typeof u === 'string' && u.length > 0))];
  if (urls.length !== 1) {
    throw new VerificationFailure(urls.length === 0
      ? 'it names no model artifact (ModelDataUrl) whose signature could be checked'
      : `it names ${urls.length} different model artifacts (${urls.join(', ')}); a signature covers exactly one`);
  }
  return urls[0];
}

/**
 * Hash an artifact and sign its digest with a KMS key (`MessageType: DIGEST`, `ECDSA_SHA_256`).
 * Returns the customer metadata that records the signature.
 */
export async function signArtifact(clients: SignatureClients, keyId: string, artifact: string): Promise<Record<string, string>> {
  parseS3Uri(artifact);
  const digest = await sha256OfObject(clients.s3, artifact);
  const signed = await clients.kms.send(new SignCommand({
    KeyId: keyId,
    Message: digest,
    MessageType: 'DIGEST',
    SigningAlgorithm: SIGNING_ALGORITHM,
  }));
  if (signed.Signature === undefined || signed.KeyId === undefined) {
    throw new Error(`KMS returned no signature for ${artifact}`);
  }
  return {
    [SignatureMetadata.DIGEST]: digest.toString('hex'),
    [SignatureMetadata.SIGNATURE]: Buffer.from(signed.Signature).toString('base64'),
    // KMS answers with the key's ARN whatever form of id was given, so the record is comparable.
    [SignatureMetadata.KEY]: signed.KeyId,
    [SignatureMetadata.ALGORITHM]: SIGNING_ALGORITHM,
    [SignatureMetadata.ARTIFACT]: artifact,
  };
}

/**
 * Verify a model package's signature: it must be recorded, made by `keyArn`, over the digest of the
 * artifact the package serves as that artifact is now, and valid under `keyArn` in KMS. Errors of
 * the services (throttling, access) are thrown, not judged.
 */
export async function verifyModelPackage(clients: SignatureClients, pkg: SignedModelPackage, keyArn: string): Promise<Verdict> {
  const metadata = pkg.CustomerMetadataProperties ?? {};
  const signature = metadata[SignatureMetadata.SIGNATURE];
  const signedDigest = metadata[SignatureMetadata.DIGEST];
  const signedBy = metadata[SignatureMetadata.KEY];
  if (!signature || !signedDigest || !signedBy) {
    return invalid(`it carries no signature (customer metadata ${SignatureMetadata.SIGNATURE}, ${SignatureMetadata.DIGEST} and ${SignatureMetadata.KEY}); sign it with "npx cdk-soc2-ml sign-model"`);
  }
  if (signedBy !== keyArn) {
    return invalid(`it was signed with ${signedBy}, not with this environment's model-signing key ${keyArn}`);
  }
  const algorithm = metadata[SignatureMetadata.ALGORITHM];
  if (algorithm !== undefined && algorithm !== SIGNING_ALGORITHM) {
    return invalid(`its signature claims the algorithm ${algorithm}; only ${SIGNING_ALGORITHM} is accepted`);
  }
  let artifact: string;
  let digest: Buffer;
  try {
    artifact = artifactOf(pkg);
    digest = await sha256OfObject(clients.s3, artifact);
  } catch (e) {
    if (e instanceof VerificationFailure) {
      return invalid(e.message);
    }
    throw e;
  }
  const hex = digest.toString('hex');
  if (hex !== signedDigest.toLowerCase()) {
    return invalid(`its artifact ${artifact} has the SHA-256 digest ${hex}, not the signed ${signedDigest}: the artifact changed after it was signed`);
  }
  try {
    const verified = await clients.kms.send(new VerifyCommand({
      KeyId: keyArn,
      Message: digest,
      MessageType: 'DIGEST',
      Signature: Buffer.from(signature, 'base64'),
      SigningAlgorithm: SIGNING_ALGORITHM,
    }));
    if (verified.SignatureValid !== true) {
      return invalid(`its signature does not verify with ${keyArn}`);
    }
  } catch (e) {
    // KMS answers an invalid signature with an error rather than SignatureValid: false.
    if ((e as Error).name === 'KMSInvalidSignatureException') {
      return invalid(`its signature does not verify with ${keyArn}: it was not made by this key over this artifact's digest`);
    }
    throw e;
  }
  return { valid: true, artifact, digest: hex };
}

function invalid(reason: string): Verdict {
  return { valid: false, reason };
}
