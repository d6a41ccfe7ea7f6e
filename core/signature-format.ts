/*
 * What a model signature is, shared by the construct that creates the key, the signing command and
 * the verification gate. Free of AWS SDK imports, so the construct library can read it at synth.
 */

/**
 * The KMS key spec of model-signing keys. ECDSA on P-256 gives 128-bit security with signatures of
 * at most 72 bytes (96 characters in base64), which fit a model package's customer metadata (256
 * characters a value); an RSA-3072 signature (512 characters in base64) would not.
 */
export const SIGNING_KEY_SPEC = 'ECC_NIST_P256';

/** The signing algorithm: ECDSA over a SHA-256 digest, which is what the artifact is hashed with. */
export const SIGNING_ALGORITHM = 'ECDSA_SHA_256';

/** The model package customer metadata (`CustomerMetadataProperties`) a signature is recorded in. */
export const SignatureMetadata = {
  /** The SHA-256 digest of the artifact, lowercase hex. */
  DIGEST: 'soc2ml:model-sha256',
  /** The KMS signature of the digest, base64 (DER-encoded ECDSA). */
  SIGNATURE: 'soc2ml:model-signature',
  /** The ARN of the KMS key that signed. */
  KEY: 'soc2ml:model-signing-key',
  /** The signing algorithm (`ECDSA_SHA_256`). */
  ALGORITHM: 'soc2ml:model-signing-algorithm',
  /** The artifact that was hashed (`s3://bucket/key`). */
  ARTIFACT: 'soc2ml:model-artifact',
} as const;

/** Environment variables of the verification gate's function. */
export const GateEnvironment = {
  /** The ARN of the environment's model-signing key: the only key whose signatures are accepted. */
  SIGNING_KEY_ARN: 'SIGNING_KEY_ARN',
  /** The topic rejections are announced to. */
  ALERT_TOPIC_ARN: 'ALERT_TOPIC_ARN',
  /**
   * The release checks, as JSON `{"minimums": {"<group>": {"<metric>": <minimum>}}}`: when set, an
   * approved version must also carry model-quality statistics meeting its group's minimums and a
   * bias report. Unset: the signature only.
   */
  RELEASE_CHECKS: 'RELEASE_CHECKS',
} as const;
