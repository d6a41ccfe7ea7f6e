import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { TagKeys } from '../../core/tags';
import { allClassifications } from '../../core/data-classification';
import { RegionAvailability } from './region-availability';
import { MirroredConfigRule } from '../mirrored-config-rule';
import { soc2mlRuleId } from '../../core/nag-packs';

/** One AWS Config managed rule and the pack rules it mirrors at runtime. */
export interface CatalogueEntry {
  readonly rule: MirroredConfigRule;
  /** The `Soc2MlChecks` rule ids it mirrors. */
  readonly packRules: readonly string[];
  /** The SOC 2 criteria the mirrored pack rules evidence (their union, CC first). */
  readonly criteria: readonly string[];
  /** What a compliant resource looks like, in a few words. */
  readonly checks: string;
  /** The resource types the rule is scoped to, where the rule takes a scope. */
  readonly resourceTypes?: readonly string[];
  /** Input parameters, where the rule's defaults do not match the pack. */
  readonly inputParameters?: (scope: Construct) => Record<string, unknown>;
  /**
   * Where the rule exists, as the rule's page in the AWS Config Developer Guide lists it (see
   * docs/account-baseline.md for the source of each list).
   */
  readonly regions: RegionAvailability;
}

// Region codes, named as the AWS Config Developer Guide names the regions.
const CHINA = ['cn-north-1', 'cn-northwest-1'];
const GOVCLOUD = ['us-gov-east-1', 'us-gov-west-1'];
const OSAKA = 'ap-northeast-3';
const MILAN = 'eu-south-1';
const JAKARTA = 'ap-southeast-3';
const BAHRAIN = 'me-south-1';
const UAE = 'me-central-1';
const HYDERABAD = 'ap-south-2';
const MELBOURNE = 'ap-southeast-4';
const MALAYSIA = 'ap-southeast-5';
const NEW_ZEALAND = 'ap-southeast-6';
const THAILAND = 'ap-southeast-7';
const TAIPEI = 'ap-east-2';
const MEXICO = 'mx-central-1';
const TEL_AVIV = 'il-central-1';
const CALGARY = 'ca-west-1';
const SPAIN = 'eu-south-2';
const ZURICH = 'eu-central-2';
const CAPE_TOWN = 'af-south-1';
const STOCKHOLM = 'eu-north-1';

/** The 19 regions where the SageMaker model-monitoring job rules were first released. */
const MONITORING_REGIONS = [
  STOCKHOLM, BAHRAIN, 'ap-south-1', 'eu-west-3', 'us-east-2', 'eu-west-1', 'eu-central-1', 'sa-east-1', 'ap-east-1',
  'us-east-1', 'ap-northeast-2', OSAKA, 'eu-west-2', 'ap-northeast-1', 'us-west-2', 'us-west-1', 'ap-southeast-1',
  'ap-southeast-2', 'ca-central-1',
];
const without = (list: readonly string[], ...drop: string[]) => list.filter((r) => !drop.includes(r));

const SAGEMAKER_NEW_REGIONS = [THAILAND, UAE, HYDERABAD, MALAYSIA, MELBOURNE, ...GOVCLOUD, MEXICO, TEL_AVIV, TAIPEI, CALGARY, SPAIN, ZURICH];


/** Administrator and broad full-access AWS managed policies no identity of an ML platform needs. */
const FORBIDDEN_MANAGED_POLICIES = ['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess', 'AmazonS3FullAccess', 'AmazonSageMakerFullAccess'];

/** Every rule `ContinuousCompliance` deploys, in the order RULES.md lists the pack rules. */
export const CONFIG_RULE_CATALOGUE: readonly CatalogueEntry[] = [
  {
    rule: MirroredConfigRule.S3_DEFAULT_ENCRYPTION_KMS, packRules: ['S3BucketKmsEncryption'], criteria: ['CC6.1', 'C1.1'],
    checks: 'S3 buckets encrypt by default with AWS KMS.', regions: {},
  },
  {
    rule: MirroredConfigRule.S3_BUCKET_SSL_REQUESTS_ONLY, packRules: ['S3BucketTlsOnly'], criteria: ['CC6.7'],
    checks: 'S3 bucket policies deny requests made without TLS.', regions: {},
  },
  {
    rule: MirroredConfigRule.S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED, packRules: ['S3BucketPublicAccessBlocked'], criteria: ['CC6.1', 'CC6.6'],
    checks: 'S3 buckets block public access.', regions: { notIn: [...CHINA, ...GOVCLOUD, MEXICO, TAIPEI] },
  },
  {
    rule: MirroredConfigRule.S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC, packRules: ['S3BucketPublicAccessBlocked'], criteria: ['CC6.1', 'CC6.6'],
    checks: 'The account blocks S3 public access.', regions: { notIn: [...CHINA, ...GOVCLOUD] },
  },
  {
    rule: MirroredConfigRule.S3_BUCKET_ACL_PROHIBITED, packRules: ['S3BucketOwnerEnforced'], criteria: ['CC6.1', 'CC6.3'],
    checks: 'S3 buckets grant no access through ACLs.', regions: { notIn: [...CHINA, ...GOVCLOUD] },
  },
  {
    rule: MirroredConfigRule.S3_BUCKET_VERSIONING_ENABLED, packRules: ['S3BucketVersioned'], criteria: ['A1.2', 'PI1.5'],
    checks: 'S3 buckets are versioned.', regions: {},
  },
  {
    rule: MirroredConfigRule.S3_BUCKET_LOGGING_ENABLED, packRules: ['S3BucketAccessLogged'], criteria: ['CC7.2'],
    checks: 'S3 buckets have server access logging.', regions: {},
  },
  {
    rule: MirroredConfigRule.REQUIRED_TAGS, packRules: ['S3BucketClassified'], criteria: ['CC6.1', 'C1.1'],
    checks: 'S3 buckets carry a valid DataClassification tag.', resourceTypes: ['AWS::S3::Bucket'],
    inputParameters: () => ({ tag1Key: TagKeys.DATA_CLASSIFICATION, tag1Value: allClassifications().join(',') }),
    regions: {},
  },
  {
    rule: MirroredConfigRule.CMK_BACKING_KEY_ROTATION_ENABLED, packRules: ['KmsKeyRotation'], criteria: ['CC6.1'],
    checks: 'Customer-managed KMS keys rotate.', regions: {},
  },
  {
    rule: MirroredConfigRule.KMS_CMK_NOT_SCHEDULED_FOR_DELETION, packRules: ['KmsKeyRetained'], criteria: ['A1.2'],
    checks: 'No customer-managed KMS key is scheduled for deletion.', regions: { notIn: [OSAKA, MILAN] },
  },
  {
    rule: MirroredConfigRule.CW_LOGGROUP_RETENTION_PERIOD_CHECK, packRules: ['LogGroupRetention'], criteria: ['CC7.2'],
    checks: 'Log groups keep events at least 365 days.', inputParameters: () => ({ MinRetentionTime: 365 }), regions: { notIn: [OSAKA] },
  },
  {
    rule: MirroredConfigRule.CLOUDWATCH_LOG_GROUP_ENCRYPTED, packRules: ['LogGroupKmsEncryption'], criteria: ['CC6.1'],
    checks: 'Log groups are encrypted with a KMS key.', regions: { notIn: [...CHINA, OSAKA] },
  },
  {
    rule: MirroredConfigRule.SNS_ENCRYPTED_KMS, packRules: ['SnsTopicKmsEncryption'], criteria: ['CC6.1', 'C1.1'],
    checks: 'SNS topics are encrypted with a KMS key.', regions: { notIn: [OSAKA] },
  },
  {
    rule: MirroredConfigRule.SECRETSMANAGER_USING_CMK, packRules: ['SecretKmsEncryption'], criteria: ['CC6.1'],
    checks: 'Secrets are encrypted with a customer-managed KMS key.', regions: { notIn: [...CHINA, ...GOVCLOUD, OSAKA] },
  },
  {
    rule: MirroredConfigRule.LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED, packRules: ['LambdaNotPublic'], criteria: ['CC6.1', 'CC6.6'],
    checks: 'Lambda function policies allow no public invocation.', regions: { notIn: [UAE, OSAKA, 'cn-northwest-1'] },
  },
  {
    rule: MirroredConfigRule.MULTI_REGION_CLOUD_TRAIL_ENABLED, packRules: ['CloudTrailLogging', 'CloudTrailMultiRegion', 'AppHasAuditTrail'], criteria: ['CC7.2'],
    checks: 'A multi-region CloudTrail trail logs.', regions: {},
  },
  {
    rule: MirroredConfigRule.CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED, packRules: ['CloudTrailLogFileValidation'], criteria: ['CC7.2'],
    checks: 'CloudTrail trails validate their log files.', regions: {},
  },
  {
    rule: MirroredConfigRule.CLOUD_TRAIL_ENCRYPTION_ENABLED, packRules: ['CloudTrailKms'], criteria: ['CC6.1'],
    checks: 'CloudTrail trails encrypt logs with a KMS key.', regions: {},
  },
  {
    rule: MirroredConfigRule.CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED, packRules: ['CloudTrailCloudWatchLogs'], criteria: ['CC7.2', 'CC7.3'],
    checks: 'CloudTrail trails deliver to CloudWatch Logs.', regions: {},
  },
  {
    rule: MirroredConfigRule.GUARDDUTY_ENABLED_CENTRALIZED, packRules: ['GuardDutyEnabled', 'AppHasThreatDetection'], criteria: ['CC6.8', 'CC7.2'],
    checks: 'GuardDuty is enabled in the account and region.', regions: { notIn: [...CHINA, 'us-gov-east-1', OSAKA, MILAN, BAHRAIN, CAPE_TOWN] },
  },
  {
    rule: MirroredConfigRule.GUARDDUTY_S3_PROTECTION_ENABLED, packRules: ['GuardDutyS3Protection'], criteria: ['CC6.8', 'CC7.2'],
    checks: 'GuardDuty S3 Protection is enabled.', regions: { notIn: [...CHINA, THAILAND, MALAYSIA, MEXICO, TAIPEI, CALGARY] },
  },
  {
    rule: MirroredConfigRule.GUARDDUTY_MALWARE_PROTECTION_ENABLED, packRules: ['GuardDutyMalwareProtection'], criteria: ['CC6.8', 'CC7.2'],
    checks: 'GuardDuty Malware Protection is enabled.', regions: { notIn: [...CHINA, ...GOVCLOUD, THAILAND, MALAYSIA, MEXICO, TAIPEI, CALGARY] },
  },
  {
    rule: MirroredConfigRule.VPC_FLOW_LOGS_ENABLED, packRules: ['VpcFlowLogs', 'AppHasFlowLoggedNetwork'], criteria: ['CC7.2'],
    checks: 'VPCs have flow logs of all traffic.', inputParameters: () => ({ trafficType: 'ALL' }), regions: {},
  },
  {
    rule: MirroredConfigRule.VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS, packRules: ['SecurityGroupNoPublicIngress'], criteria: ['CC6.1', 'CC6.6'],
    checks: 'No security group opens any port to 0.0.0.0/0.', regions: { notIn: [OSAKA] },
  },
  {
    rule: MirroredConfigRule.SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED, packRules: ['SubnetNoPublicIp'], criteria: ['CC6.6'],
    checks: 'Subnets assign no public IP addresses.', regions: { notIn: [...CHINA, ...GOVCLOUD, OSAKA] },
  },
  {
    rule: MirroredConfigRule.NACL_NO_UNRESTRICTED_SSH_RDP, packRules: ['NetworkAclNoPublicAdminPorts'], criteria: ['CC6.6'],
    checks: 'Network ACLs do not open SSH or RDP to the internet.', regions: { notIn: [...CHINA, ...GOVCLOUD] },
  },
  {
    rule: MirroredConfigRule.NO_UNRESTRICTED_ROUTE_TO_IGW, packRules: ['RouteToInternetGateway'], criteria: ['CC6.6'],
    checks: 'No route table sends 0.0.0.0/0 or ::/0 to an internet gateway.', regions: { notIn: [...CHINA, ...GOVCLOUD, OSAKA] },
  },
  {
    rule: MirroredConfigRule.IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS, packRules: ['IamNoAdminStatements'], criteria: ['CC6.1', 'CC6.3'],
    checks: 'No customer-managed IAM policy allows * on *.', regions: {},
  },
  {
    rule: MirroredConfigRule.IAM_POLICY_BLACKLISTED_CHECK, packRules: ['IamNoAwsManagedAdminPolicies'], criteria: ['CC6.1', 'CC6.3'],
    checks: 'No IAM identity has an administrator or broad full-access AWS managed policy.',
    inputParameters: (scope) => ({
      policyArns: FORBIDDEN_MANAGED_POLICIES.map((name) => Stack.of(scope).formatArn({ service: 'iam', region: '', account: 'aws', resource: 'policy', resourceName: name })).join(','),
    }),
    regions: {},
  },
  {
    rule: MirroredConfigRule.IAM_ROOT_ACCESS_KEY_CHECK, packRules: ['IamNoAccessKeys'], criteria: ['CC6.1', 'CC6.2'],
    checks: 'The root user has no access key.', regions: { notIn: [OSAKA] },
  },
  {
    rule: MirroredConfigRule.ACCESS_KEYS_ROTATED, packRules: ['IamNoAccessKeys'], criteria: ['CC6.1', 'CC6.2'],
    checks: 'Any access key that exists is rotated within 90 days.', inputParameters: () => ({ maxAccessKeyAge: 90 }), regions: {},
  },
  {
    rule: MirroredConfigRule.MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS, packRules: ['IamNoConsoleUsers', 'IamHumanTrustRequiresMfa'], criteria: ['CC6.1', 'CC6.2', 'CC6.6'],
    checks: 'IAM users with a console password use MFA.', regions: {},
  },
  {
    rule: MirroredConfigRule.ROOT_ACCOUNT_MFA_ENABLED, packRules: ['IamHumanTrustRequiresMfa'], criteria: ['CC6.1', 'CC6.6'],
    checks: 'The root user signs in with MFA.', regions: { notIn: [...CHINA, ...GOVCLOUD] },
  },
  {
    rule: MirroredConfigRule.ECR_PRIVATE_IMAGE_SCANNING_ENABLED, packRules: ['EcrScanOnPush'], criteria: ['CC6.8', 'CC7.1'],
    checks: 'ECR repositories scan images.', regions: { notIn: [...CHINA, ...GOVCLOUD, JAKARTA, OSAKA] },
  },
  {
    rule: MirroredConfigRule.ECR_PRIVATE_TAG_IMMUTABILITY_ENABLED, packRules: ['EcrImmutableTags'], criteria: ['CC8.1', 'PI1.5'],
    checks: 'ECR repositories have immutable tags.', regions: { notIn: [...CHINA, ...GOVCLOUD, JAKARTA, OSAKA] },
  },
  {
    rule: MirroredConfigRule.ECR_REPOSITORY_CMK_ENCRYPTION_ENABLED, packRules: ['EcrKmsEncryption'], criteria: ['CC6.1', 'C1.1'],
    checks: 'ECR repositories are encrypted with a customer-managed KMS key.',
    regions: { notIn: [NEW_ZEALAND, BAHRAIN, THAILAND, MALAYSIA, MEXICO, TEL_AVIV, TAIPEI, CALGARY] },
  },
  {
    rule: MirroredConfigRule.ECR_PRIVATE_LIFECYCLE_POLICY_CONFIGURED, packRules: ['EcrLifecyclePolicy'], criteria: ['C1.2'],
    checks: 'ECR repositories have a lifecycle policy.', regions: { notIn: [...CHINA, ...GOVCLOUD, JAKARTA] },
  },
  {
    rule: MirroredConfigRule.SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS, packRules: ['SageMakerNotebookNoDirectInternet'], criteria: ['CC6.1', 'CC6.6'],
    checks: 'Notebook instances have no direct internet access.', regions: { notIn: [NEW_ZEALAND, THAILAND, MALAYSIA, MEXICO, TAIPEI] },
  },
  {
    rule: MirroredConfigRule.SAGEMAKER_NOTEBOOK_INSTANCE_ROOT_ACCESS_CHECK, packRules: ['SageMakerNotebookNoRootAccess'], criteria: ['CC6.3'],
    checks: 'Notebook instances give users no root access.', regions: { notIn: SAGEMAKER_NEW_REGIONS },
  },
  {
    rule: MirroredConfigRule.SAGEMAKER_NOTEBOOK_INSTANCE_KMS_KEY_CONFIGURED, packRules: ['SageMakerNotebookKms'], criteria: ['CC6.1', 'C1.1'],
    checks: 'Notebook instance storage is encrypted with a KMS key.', regions: { notIn: [NEW_ZEALAND, THAILAND, MALAYSIA, MELBOURNE, MEXICO, TAIPEI] },
  },
  {
    rule: MirroredConfigRule.SAGEMAKER_NOTEBOOK_INSTANCE_INSIDE_VPC, packRules: ['SageMakerNotebookInVpc'], criteria: ['CC6.6'],
    checks: 'Notebook instances run in a VPC.', regions: { notIn: [NEW_ZEALAND, ...SAGEMAKER_NEW_REGIONS] },
  },
  {
    rule: MirroredConfigRule.SAGEMAKER_DOMAIN_IN_VPC, packRules: ['SageMakerDomainVpcOnly'], criteria: ['CC6.6'],
    checks: 'Studio domains are VpcOnly.', regions: { notIn: [NEW_ZEALAND, ...CHINA, ...SAGEMAKER_NEW_REGIONS] },
  },
  {
    rule: MirroredConfigRule.SAGEMAKER_MODEL_ISOLATION_ENABLED, packRules: ['SageMakerModelNetworkIsolation'], criteria: ['CC6.6', 'CC6.7'],
    checks: 'Models have network isolation.', regions: { notIn: [...CHINA, ...SAGEMAKER_NEW_REGIONS] },
  },
  {
    rule: MirroredConfigRule.SAGEMAKER_MODEL_IN_VPC, packRules: ['SageMakerModelInVpc'], criteria: ['CC6.6'],
    checks: 'Models run in a VPC.', regions: { notIn: [...CHINA, ...SAGEMAKER_NEW_REGIONS] },
  },
  {
    rule: MirroredConfigRule.SAGEMAKER_ENDPOINT_CONFIGURATION_KMS_KEY_CONFIGURED, packRules: ['SageMakerEndpointConfigKms'], criteria: ['CC6.1', 'C1.1'],
    checks: 'Endpoint configurations encrypt storage with a KMS key.', regions: { notIn: [NEW_ZEALAND, THAILAND, MALAYSIA, MELBOURNE, MEXICO, TAIPEI] },
  },
  {
    rule: MirroredConfigRule.SAGEMAKER_ENDPOINT_CONFIG_PROD_INSTANCE_COUNT, packRules: ['SageMakerEndpointConfigMultiInstance'], criteria: ['A1.2'],
    checks: 'Endpoint production variants run more than one instance.', regions: { notIn: [NEW_ZEALAND, ...CHINA, THAILAND, MALAYSIA, MEXICO, TAIPEI, CALGARY] },
  },
  {
    rule: MirroredConfigRule.SAGEMAKER_FEATUREGROUP_ENCRYPTION_AT_REST, packRules: ['SageMakerFeatureGroupOfflineKms'], criteria: ['CC6.1', 'C1.1'],
    checks: 'Feature group offline stores are encrypted with a KMS key.',
    regions: { notIn: [NEW_ZEALAND, BAHRAIN, THAILAND, UAE, HYDERABAD, MALAYSIA, MELBOURNE, ...GOVCLOUD, MEXICO, TAIPEI, CALGARY] },
  },
  {
    rule: MirroredConfigRule.SAGEMAKER_FEATUREGROUP_ONLINE_STORE_ENCRYPTION, packRules: ['SageMakerFeatureGroupOnlineKms'], criteria: ['CC6.1', 'C1.1'],
    checks: 'Feature group online stores are encrypted with a KMS key.',
    regions: { notIn: [NEW_ZEALAND, BAHRAIN, THAILAND, UAE, HYDERABAD, MALAYSIA, MELBOURNE, ...GOVCLOUD, MEXICO, TAIPEI, CALGARY] },
  },
  {
    rule: MirroredConfigRule.SAGEMAKER_DATA_QUALITY_JOB_ENCRYPT_IN_TRANSIT, packRules: ['SageMakerMonitoringInterContainerEncryption'], criteria: ['CC6.7'],
    checks: 'Data-quality job definitions encrypt inter-container traffic.',
    regions: { notIn: [...CHINA, THAILAND, JAKARTA, CAPE_TOWN, UAE, HYDERABAD, MALAYSIA, MELBOURNE, MILAN, ...GOVCLOUD, MEXICO, TEL_AVIV, TAIPEI, CALGARY, SPAIN, ZURICH] },
  },
  {
    rule: MirroredConfigRule.SAGEMAKER_MODEL_QUALITY_JOB_ENCRYPT_IN_TRANSIT, packRules: ['SageMakerMonitoringInterContainerEncryption'], criteria: ['CC6.7'],
    checks: 'Model-quality job definitions encrypt inter-container traffic.', regions: { onlyIn: MONITORING_REGIONS },
  },
  {
    rule: MirroredConfigRule.SAGEMAKER_MODEL_BIAS_JOB_ENCRYPT_IN_TRANSIT, packRules: ['SageMakerMonitoringInterContainerEncryption'], criteria: ['CC6.7'],
    checks: 'Model-bias job definitions encrypt inter-container traffic.', regions: { onlyIn: without(MONITORING_REGIONS, STOCKHOLM) },
  },
  {
    rule: MirroredConfigRule.SAGEMAKER_MODEL_EXPLAINABILITY_JOB_ENCRYPT_IN_TRANSIT, packRules: ['SageMakerMonitoringInterContainerEncryption'], criteria: ['CC6.7'],
    checks: 'Model-explainability job definitions encrypt inter-container traffic.', regions: { onlyIn: MONITORING_REGIONS },
  },
  {
    rule: MirroredConfigRule.SAGEMAKER_DATA_QUALITY_JOB_ISOLATION, packRules: ['SageMakerMonitoringNetworkIsolation'], criteria: ['CC6.6', 'CC6.7'],
    checks: 'Data-quality job definitions isolate their containers.', regions: { onlyIn: MONITORING_REGIONS },
  },
  {
    rule: MirroredConfigRule.SAGEMAKER_MODEL_QUALITY_JOB_DEFINITION_ISOLATION, packRules: ['SageMakerMonitoringNetworkIsolation'], criteria: ['CC6.6', 'CC6.7'],
    checks: 'Model-quality job definitions isolate their containers.', regions: { onlyIn: without(MONITORING_REGIONS, BAHRAIN) },
  },
  {
    rule: MirroredConfigRule.SAGEMAKER_MODEL_BIAS_JOB_ISOLATION, packRules: ['SageMakerMonitoringNetworkIsolation'], criteria: ['CC6.6', 'CC6.7'],
    checks: 'Model-bias job definitions isolate their containers.', regions: { onlyIn: without(MONITORING_REGIONS, STOCKHOLM) },
  },
  {
    rule: MirroredConfigRule.SAGEMAKER_MODEL_EXPLAINABILITY_JOB_NETWORK_ISOLATION, packRules: ['SageMakerMonitoringNetworkIsolation'], criteria: ['CC6.6', 'CC6.7'],
    checks: 'Model-explainability job definitions isolate their containers.', regions: { onlyIn: without(MONITORING_REGIONS, BAHRAIN) },
  },
  {
    rule: MirroredConfigRule.BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK, packRules: ['BackupPlanRetention'], criteria: ['CC7.4', 'A1.2'],
    checks: 'Backup plans have a rule that backs up at least monthly and keeps recovery points 35 days or more.',
    // Frequency is the pack's concern only as far as a plan runs at all: at least monthly (31 days, the rule's maximum).
    inputParameters: () => ({ requiredRetentionDays: 35, requiredFrequencyValue: 31, requiredFrequencyUnit: 'days' }),
    regions: { notIn: [NEW_ZEALAND, ...CHINA, THAILAND, MALAYSIA, MEXICO, TEL_AVIV, TAIPEI, CALGARY] },
  },
  {
    rule: MirroredConfigRule.CODEBUILD_PROJECT_ENVVAR_AWSCRED_CHECK, packRules: ['CodeBuildNoPlaintextSecrets'], criteria: ['CC6.1', 'CC8.1'],
    checks: 'CodeBuild projects keep no AWS credentials in plaintext environment variables.',
    regions: { notIn: [NEW_ZEALAND, ...CHINA, THAILAND, JAKARTA, MALAYSIA, ...GOVCLOUD, MEXICO, TAIPEI, CALGARY] },
  },
  {
    rule: MirroredConfigRule.CODEBUILD_PROJECT_SOURCE_REPO_URL_CHECK, packRules: ['CodeBuildSourceNoCredentials'], criteria: ['CC6.1'],
    checks: 'CodeBuild source repository URLs carry no sign-in credentials.',
    regions: { notIn: [NEW_ZEALAND, THAILAND, JAKARTA, MALAYSIA, MEXICO, TAIPEI, CALGARY] },
  },
  {
    rule: MirroredConfigRule.CODEBUILD_PROJECT_LOGGING_ENABLED, packRules: ['CodeBuildLogsEnabled'], criteria: ['CC7.2', 'CC8.1'],
    checks: 'CodeBuild projects have at least one log option enabled.',
    regions: { notIn: [NEW_ZEALAND, THAILAND, JAKARTA, MALAYSIA, MEXICO, TAIPEI, CALGARY] },
  },
  {
    rule: MirroredConfigRule.CODEBUILD_PROJECT_ENVIRONMENT_PRIVILEGED_CHECK, packRules: ['CodeBuildNotPrivileged'], criteria: ['CC6.1', 'CC6.8'],
    checks: 'CodeBuild projects do not run in privileged mode.',
    regions: { notIn: [NEW_ZEALAND, THAILAND, JAKARTA, UAE, HYDERABAD, OSAKA, MALAYSIA, MELBOURNE, MEXICO, TEL_AVIV, TAIPEI, CALGARY, SPAIN, ZURICH] },
  },
  {
    rule: MirroredConfigRule.CODEBUILD_PROJECT_ARTIFACT_ENCRYPTION, packRules: ['CodeBuildEncrypted'], criteria: ['CC6.1', 'C1.1'],
    checks: 'CodeBuild projects encrypt all their artifacts.',
    regions: { notIn: [NEW_ZEALAND, ...CHINA, THAILAND, JAKARTA, UAE, HYDERABAD, OSAKA, MALAYSIA, MELBOURNE, ...GOVCLOUD, MEXICO, TEL_AVIV, TAIPEI, CALGARY, SPAIN, ZURICH] },
  },
  {
    rule: MirroredConfigRule.CODEBUILD_PROJECT_S3_LOGS_ENCRYPTED, packRules: ['CodeBuildEncrypted'], criteria: ['CC6.1', 'C1.1'],
    checks: 'CodeBuild projects with S3 logs encrypt them.',
    regions: { notIn: [NEW_ZEALAND, THAILAND, JAKARTA, MALAYSIA, MEXICO, TAIPEI, CALGARY] },
  },
  {
    rule: MirroredConfigRule.APPSYNC_LOGGING_ENABLED, packRules: ['AppSyncApiLogged'], criteria: ['CC7.2'],
    checks: 'AppSync GraphQL APIs have field-level logging enabled.',
    regions: { notIn: [NEW_ZEALAND, THAILAND, MALAYSIA, MELBOURNE, ...GOVCLOUD, MEXICO, TEL_AVIV, TAIPEI, CALGARY] },
  },
];

/**
 * The rule's description: `AWS::Config::ConfigRule` has no tags, so the description carries the
 * pack rule ids and the SOC 2 criteria, tying runtime evidence to the synth-time verdicts.
 */
export function describeRule(entry: CatalogueEntry): string {
  // A deployed re-check evidences ongoing evaluation (CC4.1) by operating, beside the criteria of the rules it mirrors.
  return `${entry.checks} Runtime mirror of ${entry.packRules.map((r) => soc2mlRuleId(r)).join(', ')}. SOC 2 ${entry.criteria.join(', ')}; supports CC4.1.`;
}
