/**
 * The AWS Config managed rules that `ContinuousCompliance` deploys, each mirroring one or more
 * `Soc2MlChecks` rules at runtime. The value is the managed rule's identifier as AWS Config lists
 * it. Pass members to `ContinuousCompliance`'s `excludedRules` to leave a rule out.
 */
export enum MirroredConfigRule {
  /** Mirrors `S3BucketKmsEncryption`. */
  S3_DEFAULT_ENCRYPTION_KMS = 'S3_DEFAULT_ENCRYPTION_KMS',
  /** Mirrors `S3BucketTlsOnly`. */
  S3_BUCKET_SSL_REQUESTS_ONLY = 'S3_BUCKET_SSL_REQUESTS_ONLY',
  /** Mirrors `S3BucketPublicAccessBlocked` (bucket level). */
  S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED = 'S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED',
  /** Mirrors `S3BucketPublicAccessBlocked` (account level). */
  S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC = 'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC',
  /** Mirrors `S3BucketOwnerEnforced`. */
  S3_BUCKET_ACL_PROHIBITED = 'S3_BUCKET_ACL_PROHIBITED',
  /** Mirrors `S3BucketVersioned`. */
  S3_BUCKET_VERSIONING_ENABLED = 'S3_BUCKET_VERSIONING_ENABLED',
  /** Mirrors `S3BucketAccessLogged`. */
  S3_BUCKET_LOGGING_ENABLED = 'S3_BUCKET_LOGGING_ENABLED',
  /** Mirrors `S3BucketClassified`: every bucket carries a valid `DataClassification` tag. */
  REQUIRED_TAGS = 'REQUIRED_TAGS',
  /** Mirrors `KmsKeyRotation`. */
  CMK_BACKING_KEY_ROTATION_ENABLED = 'CMK_BACKING_KEY_ROTATION_ENABLED',
  /** Mirrors `KmsKeyRetained`. */
  KMS_CMK_NOT_SCHEDULED_FOR_DELETION = 'KMS_CMK_NOT_SCHEDULED_FOR_DELETION',
  /** Mirrors `LogGroupRetention`. */
  CW_LOGGROUP_RETENTION_PERIOD_CHECK = 'CW_LOGGROUP_RETENTION_PERIOD_CHECK',
  /** Mirrors `LogGroupKmsEncryption`. */
  CLOUDWATCH_LOG_GROUP_ENCRYPTED = 'CLOUDWATCH_LOG_GROUP_ENCRYPTED',
  /** Mirrors `SnsTopicKmsEncryption`. */
  SNS_ENCRYPTED_KMS = 'SNS_ENCRYPTED_KMS',
  /** Mirrors `SecretKmsEncryption`. */
  SECRETSMANAGER_USING_CMK = 'SECRETSMANAGER_USING_CMK',
  /** Mirrors `LambdaNotPublic`. */
  LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED = 'LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED',
  /** Mirrors `CloudTrailLogging`, `CloudTrailMultiRegion` and `AppHasAuditTrail`. */
  MULTI_REGION_CLOUD_TRAIL_ENABLED = 'MULTI_REGION_CLOUD_TRAIL_ENABLED',
  /** Mirrors `CloudTrailLogFileValidation`. */
  CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED = 'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED',
  /** Mirrors `CloudTrailKms`. */
  CLOUD_TRAIL_ENCRYPTION_ENABLED = 'CLOUD_TRAIL_ENCRYPTION_ENABLED',
  /** Mirrors `CloudTrailCloudWatchLogs`. */
  CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED = 'CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED',
  /** Mirrors `GuardDutyEnabled` and `AppHasThreatDetection`. */
  GUARDDUTY_ENABLED_CENTRALIZED = 'GUARDDUTY_ENABLED_CENTRALIZED',
  /** Mirrors `GuardDutyS3Protection`. */
  GUARDDUTY_S3_PROTECTION_ENABLED = 'GUARDDUTY_S3_PROTECTION_ENABLED',
  /** Mirrors `GuardDutyMalwareProtection`. */
  GUARDDUTY_MALWARE_PROTECTION_ENABLED = 'GUARDDUTY_MALWARE_PROTECTION_ENABLED',
  /** Mirrors `VpcFlowLogs` and `AppHasFlowLoggedNetwork`. */
  VPC_FLOW_LOGS_ENABLED = 'VPC_FLOW_LOGS_ENABLED',
  /** Mirrors `SecurityGroupNoPublicIngress`. */
  VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS = 'VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS',
  /** Mirrors `SubnetNoPublicIp`. */
  SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED = 'SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED',
  /** Mirrors `NetworkAclNoPublicAdminPorts`. */
  NACL_NO_UNRESTRICTED_SSH_RDP = 'NACL_NO_UNRESTRICTED_SSH_RDP',
  /** Mirrors `RouteToInternetGateway`. */
  NO_UNRESTRICTED_ROUTE_TO_IGW = 'NO_UNRESTRICTED_ROUTE_TO_IGW',
  /** Mirrors `IamNoAdminStatements`. */
  IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS = 'IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS',
  /** Mirrors `IamNoAwsManagedAdminPolicies`. */
  IAM_POLICY_BLACKLISTED_CHECK = 'IAM_POLICY_BLACKLISTED_CHECK',
  /** Mirrors `IamNoAccessKeys` (the root user). */
  IAM_ROOT_ACCESS_KEY_CHECK = 'IAM_ROOT_ACCESS_KEY_CHECK',
  /** Mirrors `IamNoAccessKeys` (keys that exist anyway are rotated). */
  ACCESS_KEYS_ROTATED = 'ACCESS_KEYS_ROTATED',
  /** Mirrors `IamNoConsoleUsers` and `IamHumanTrustRequiresMfa`. */
  MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS = 'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS',
  /** Mirrors `IamHumanTrustRequiresMfa` (the root user). */
  ROOT_ACCOUNT_MFA_ENABLED = 'ROOT_ACCOUNT_MFA_ENABLED',
  /** Mirrors `EcrScanOnPush`. */
  ECR_PRIVATE_IMAGE_SCANNING_ENABLED = 'ECR_PRIVATE_IMAGE_SCANNING_ENABLED',
  /** Mirrors `EcrImmutableTags`. */
  ECR_PRIVATE_TAG_IMMUTABILITY_ENABLED = 'ECR_PRIVATE_TAG_IMMUTABILITY_ENABLED',
  /** Mirrors `EcrKmsEncryption`. */
  ECR_REPOSITORY_CMK_ENCRYPTION_ENABLED = 'ECR_REPOSITORY_CMK_ENCRYPTION_ENABLED',
  /** Mirrors `EcrLifecyclePolicy`. */
  ECR_PRIVATE_LIFECYCLE_POLICY_CONFIGURED = 'ECR_PRIVATE_LIFECYCLE_POLICY_CONFIGURED',
  /** Mirrors `SageMakerNotebookNoDirectInternet`. */
  SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS = 'SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS',
  /** Mirrors `SageMakerNotebookNoRootAccess`. */
  SAGEMAKER_NOTEBOOK_INSTANCE_ROOT_ACCESS_CHECK = 'SAGEMAKER_NOTEBOOK_INSTANCE_ROOT_ACCESS_CHECK',
  /** Mirrors `SageMakerNotebookKms`. */
  SAGEMAKER_NOTEBOOK_INSTANCE_KMS_KEY_CONFIGURED = 'SAGEMAKER_NOTEBOOK_INSTANCE_KMS_KEY_CONFIGURED',
  /** Mirrors `SageMakerNotebookInVpc`. */
  SAGEMAKER_NOTEBOOK_INSTANCE_INSIDE_VPC = 'SAGEMAKER_NOTEBOOK_INSTANCE_INSIDE_VPC',
  /** Mirrors `SageMakerDomainVpcOnly`. */
  SAGEMAKER_DOMAIN_IN_VPC = 'SAGEMAKER_DOMAIN_IN_VPC',
  /** Mirrors `SageMakerModelNetworkIsolation`. */
  SAGEMAKER_MODEL_ISOLATION_ENABLED = 'SAGEMAKER_MODEL_ISOLATION_ENABLED',
  /** Mirrors `SageMakerModelInVpc`. */
  SAGEMAKER_MODEL_IN_VPC = 'SAGEMAKER_MODEL_IN_VPC',
  /** Mirrors `SageMakerEndpointConfigKms`. */
  SAGEMAKER_ENDPOINT_CONFIGURATION_KMS_KEY_CONFIGURED = 'SAGEMAKER_ENDPOINT_CONFIGURATION_KMS_KEY_CONFIGURED',
  /** Mirrors `SageMakerEndpointConfigMultiInstance`. */
  SAGEMAKER_ENDPOINT_CONFIG_PROD_INSTANCE_COUNT = 'SAGEMAKER_ENDPOINT_CONFIG_PROD_INSTANCE_COUNT',
  /** Mirrors `SageMakerFeatureGroupOfflineKms`. */
  SAGEMAKER_FEATUREGROUP_ENCRYPTION_AT_REST = 'SAGEMAKER_FEATUREGROUP_ENCRYPTION_AT_REST',
  /** Mirrors `SageMakerFeatureGroupOnlineKms`. */
  SAGEMAKER_FEATUREGROUP_ONLINE_STORE_ENCRYPTION = 'SAGEMAKER_FEATUREGROUP_ONLINE_STORE_ENCRYPTION',
  /** Mirrors `SageMakerMonitoringInterContainerEncryption` (data-quality jobs). */
  SAGEMAKER_DATA_QUALITY_JOB_ENCRYPT_IN_TRANSIT = 'SAGEMAKER_DATA_QUALITY_JOB_ENCRYPT_IN_TRANSIT',
  /** Mirrors `SageMakerMonitoringInterContainerEncryption` (model-quality jobs). */
  SAGEMAKER_MODEL_QUALITY_JOB_ENCRYPT_IN_TRANSIT = 'SAGEMAKER_MODEL_QUALITY_JOB_ENCRYPT_IN_TRANSIT',
  /** Mirrors `SageMakerMonitoringInterContainerEncryption` (model-bias jobs). */
  SAGEMAKER_MODEL_BIAS_JOB_ENCRYPT_IN_TRANSIT = 'SAGEMAKER_MODEL_BIAS_JOB_ENCRYPT_IN_TRANSIT',
  /** Mirrors `SageMakerMonitoringInterContainerEncryption` (model-explainability jobs). */
  SAGEMAKER_MODEL_EXPLAINABILITY_JOB_ENCRYPT_IN_TRANSIT = 'SAGEMAKER_MODEL_EXPLAINABILITY_JOB_ENCRYPT_IN_TRANSIT',
  /** Mirrors `SageMakerMonitoringNetworkIsolation` (data-quality jobs). */
  SAGEMAKER_DATA_QUALITY_JOB_ISOLATION = 'SAGEMAKER_DATA_QUALITY_JOB_ISOLATION',
  /** Mirrors `SageMakerMonitoringNetworkIsolation` (model-quality jobs). */
  SAGEMAKER_MODEL_QUALITY_JOB_DEFINITION_ISOLATION = 'SAGEMAKER_MODEL_QUALITY_JOB_DEFINITION_ISOLATION',
  /** Mirrors `SageMakerMonitoringNetworkIsolation` (model-bias jobs). */
  SAGEMAKER_MODEL_BIAS_JOB_ISOLATION = 'SAGEMAKER_MODEL_BIAS_JOB_ISOLATION',
  /** Mirrors `SageMakerMonitoringNetworkIsolation` (model-explainability jobs). */
  SAGEMAKER_MODEL_EXPLAINABILITY_JOB_NETWORK_ISOLATION = 'SAGEMAKER_MODEL_EXPLAINABILITY_JOB_NETWORK_ISOLATION',
  /** Mirrors `BackupPlanRetention` (a backup rule keeping recovery points 35 days or more). */
  BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK = 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
  /** Mirrors `CodeBuildNoPlaintextSecrets` (AWS credentials in plaintext variables). */
  CODEBUILD_PROJECT_ENVVAR_AWSCRED_CHECK = 'CODEBUILD_PROJECT_ENVVAR_AWSCRED_CHECK',
  /** Mirrors `CodeBuildSourceNoCredentials`. */
  CODEBUILD_PROJECT_SOURCE_REPO_URL_CHECK = 'CODEBUILD_PROJECT_SOURCE_REPO_URL_CHECK',
  /** Mirrors `CodeBuildLogsEnabled`. */
  CODEBUILD_PROJECT_LOGGING_ENABLED = 'CODEBUILD_PROJECT_LOGGING_ENABLED',
  /** Mirrors `CodeBuildNotPrivileged`. */
  CODEBUILD_PROJECT_ENVIRONMENT_PRIVILEGED_CHECK = 'CODEBUILD_PROJECT_ENVIRONMENT_PRIVILEGED_CHECK',
  /** Mirrors `CodeBuildEncrypted` (artifact encryption not disabled). */
  CODEBUILD_PROJECT_ARTIFACT_ENCRYPTION = 'CODEBUILD_PROJECT_ARTIFACT_ENCRYPTION',
  /** Mirrors `CodeBuildEncrypted` (S3 logs encryption not disabled). */
  CODEBUILD_PROJECT_S3_LOGS_ENCRYPTED = 'CODEBUILD_PROJECT_S3_LOGS_ENCRYPTED',
  /** Mirrors `AppSyncApiLogged` (GraphQL APIs; field-level logging other than NONE). */
  APPSYNC_LOGGING_ENABLED = 'APPSYNC_LOGGING_ENABLED',
}
