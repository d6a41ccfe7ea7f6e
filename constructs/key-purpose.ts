/** What a platform key protects. Each purpose gets its own key, so access to one kind of data never implies another. */
export enum KeyPurpose {
  /** Training data, features and other data stores. */
  DATA = 'data',
  /** Model artifacts and model packages. */
  MODELS = 'models',
  /** CloudWatch Logs log groups (the key policy admits the regional CloudWatch Logs service for this account's log groups). */
  LOGS = 'logs',
  /** Alert topics (the key policy admits CloudWatch alarms, EventBridge and CodeStar notifications, through SNS). */
  ALERTS = 'alerts',
  /**
   * Signing model artifacts: an asymmetric `ECC_NIST_P256` key for `SIGN_VERIFY` (algorithm
   * `ECDSA_SHA_256`). KMS cannot rotate asymmetric keys, so it has no rotation (see `ModelSigningKey`).
   */
  MODEL_SIGNING = 'model-signing',
}
