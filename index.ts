// The public API: every construct, enum and rule pack, and nothing else.
export { DataClassification } from './constructs/data-classification';
export { KeyPurpose, PlatformKey, type PlatformKeyProps } from './constructs/platform-key';
export { AccessLogBucket, type AccessLogBucketProps } from './constructs/access-log-bucket';
export { ObjectLockMode, SecureBucket, type SecureBucketObjectLock, type SecureBucketProps, type SecureBucketReplication } from './constructs/secure-bucket';
export { SecurityAlertTopic, type SecurityAlertTopicProps } from './constructs/security-alert-topic';
export { EndpointSet, InterfaceEndpoint, MlNetwork, type MlNetworkProps } from './constructs/ml-network';
export { MlEnvironment, type EnvironmentKeys, type MlEnvironmentKeys, type MlEnvironmentProps } from './lib/ml-environment';
export { Soc2MlChecks, type Soc2MlChecksProps } from './lib/nag/soc2-ml-checks';
