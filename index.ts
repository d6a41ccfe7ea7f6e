// The public API: every construct, enum and rule pack, and nothing else.
export { DataClassification } from './constructs/data-classification';
export { KeyPurpose, PlatformKey, type PlatformKeyProps } from './constructs/platform-key';
export { AccessLogBucket, type AccessLogBucketProps } from './constructs/access-log-bucket';
export { ObjectLockMode, SecureBucket, type SecureBucketObjectLock, type SecureBucketProps, type SecureBucketReplication } from './constructs/secure-bucket';
export { SecurityAlertTopic, type SecurityAlertTopicProps } from './constructs/security-alert-topic';
export { AuditTrailBucket, type AuditTrailBucketProps } from './constructs/audit-trail-bucket';
export { AuditTrail, AuditTrailScope, SageMakerDataEventResource, type AuditTrailProps } from './constructs/audit-trail';
export { SecurityChange, SecurityChangeAlarms, type SecurityChangeAlarmsProps } from './constructs/security-change-alarms';
export { EndpointSet, InterfaceEndpoint, MlNetwork, type MlNetworkProps } from './constructs/ml-network';
export { GuardDutySetup, SecurityHubSetup, SecurityHubStandard, ThreatDetection, type GuardDutyDetectorOptions, type SecurityHubOptions, type ThreatDetectionProps } from './constructs/threat-detection';
export { S3MalwareProtection, type S3MalwareProtectionProps } from './constructs/s3-malware-protection';
export { MirroredConfigRule } from './constructs/mirrored-config-rule';
export { ConfigRecorderSetup, ContinuousCompliance, SnapshotDeliveryFrequency, type ConfigRecorderOptions, type ContinuousComplianceProps } from './constructs/continuous-compliance';
export { ImageScanning, RegistryScanningSetup, type ImageScanningProps } from './constructs/image-scanning';
export { BackupVaultLockMode, PlatformBackup, type PlatformBackupProps, type PlatformBackupVaultLock } from './constructs/platform-backup';
export { MlEnvironment, type EnvironmentKeys, type MlEnvironmentKeys, type MlEnvironmentProps } from './lib/ml-environment';
export { Soc2MlChecks, type Soc2MlChecksProps } from './lib/nag/soc2-ml-checks';
