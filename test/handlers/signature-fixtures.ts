import { createHash, createHmac } from 'crypto';
import { Readable } from 'stream';
import { KMSInvalidSignatureException, SignCommandInput, VerifyCommandInput } from '@aws-sdk/client-kms';

/** The environment's signing key in the tests, and another environment's. */
export const KEY_ARN = 'arn:aws:kms:eu-west-1:111111111111:key/11111111-2222-3333-4444-555555555555';
export const OTHER_KEY_ARN = 'arn:aws:kms:eu-west-1:111111111111:key/99999999-8888-7777-6666-555555555555';
export const PACKAGE_ARN = 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/prod-churn/3';
export const ARTIFACT = 's3://prod-model-artifacts/churn/model.tar.gz';
export const ARTIFACT_BYTES = Buffer.from('the trained churn model, version 3');

export function sha256(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest();
}

/**
 * A stand-in for KMS's asymmetric signing: a signature is valid only for the key and the digest it
 * was made for (KMS answers an invalid one with KMSInvalidSignatureException).
 */
export const fakeKms = {
  sign(input: SignCommandInput) {
    return { KeyId: input.KeyId, Signature: signatureOf(input.KeyId!, Buffer.from(input.Message!)), SigningAlgorithm: input.SigningAlgorithm };
  },
  verify(input: VerifyCommandInput) {
    if (!signatureOf(input.KeyId!, Buffer.from(input.Message!)).equals(Buffer.from(input.Signature!))) {
      throw new KMSInvalidSignatureException({ message: 'invalid signature', $metadata: {} });
    }
    return { KeyId: input.KeyId, SignatureValid: true, SigningAlgorithm: input.SigningAlgorithm };
  },
};

function signatureOf(keyId: string, digest: Buffer): Buffer {
  return createHmac('sha256', keyId).update(digest).digest();
}

/** The customer metadata `sign-model` records for these bytes and key. */
export function signedMetadata(bytes: Buffer = ARTIFACT_BYTES, keyArn: string = KEY_ARN): Record<string, string> {
  const digest = sha256(bytes);
  return {
    'soc2ml:model-sha256': digest.toString('hex'),
    'soc2ml:model-signature': signatureOf(keyArn, digest).toString('base64'),
    'soc2ml:model-signing-key': keyArn,
    'soc2ml:model-signing-algorithm': 'ECDSA_SHA_256',
    'soc2ml:model-artifact': ARTIFACT,
  };
}

/** An S3 GetObject response streaming the bytes in small chunks. */
export function objectOf(bytes: Buffer) {
  const chunks = [bytes.subarray(0, 5), bytes.subarray(5)];
  return { Body: Readable.from(chunks) as never };
}
