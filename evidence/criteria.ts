import { AppModel, ModelResource } from './app-model';
import { flatten } from '../pack/values';
import { isObject } from '../pack/json';

/*
 * What a synth can show about each Trust Services Criterion. Some criteria a template can show
 * designed (encryption, boundaries, least privilege): the pack's rules decide them. Some only the
 * operation of a control over the audit period can show (incidents evaluated, changes approved,
 * data disposed of): the platform provides a mechanism, and the evidence names it and where its
 * records go, never calling the criterion met. The rest are entity-level (governance, people,
 * risk assessment, vendors) and outside any infrastructure.
 */

/** A deployed control found in the app: a mechanism an operating criterion relies on, or a detective control. */
export interface ControlSpec {
  /** What it is, in a few words. */
  readonly name: string;
  /** Its resources in the app (none: the app does not deploy it). */
  readonly find: (model: AppModel) => readonly ModelResource[];
  /** Where its records land, in a sentence. */
  readonly records: string;
}

export enum CriterionNature {
  /** A template can show the design: the pack's rules decide it. */
  DESIGN = 'design',
  /** Only the operation of a mechanism over the audit period shows it. */
  OPERATING = 'operating',
  /** Entity-level: governance, people, risk assessment, vendors, communication. */
  ENTITY = 'entity',
}

export interface CriterionSpec {
  readonly nature: CriterionNature;
  /** For design criteria: detective controls that keep checking after deploy (besides AWS Config rules mirroring the pack's rules). */
  readonly monitors?: readonly ControlSpec[];
  /** For operating criteria: the mechanisms whose operation over the period shows the criterion. */
  readonly mechanisms?: readonly ControlSpec[];
  /** For entity-level criteria: what evidences them instead, in a sentence. */
  readonly note?: string;
}

const ofTypes = (...types: string[]) => (model: AppModel) => model.ofType(...types);

/** Resources of a type whose properties pass a test. */
const where = (type: string, test: (r: ModelResource) => boolean) => (model: AppModel) => model.ofType(type).filter(test);

const has = (r: ModelResource, key: string) => r.properties[key] !== undefined;

function scansOnPush(r: ModelResource): boolean {
  const scanning = r.properties.ImageScanningConfiguration;
  return isObject(scanning) && flatten(scanning.ScanOnPush) === 'true';
}

const GUARDDUTY: ControlSpec = {
  name: 'GuardDuty detector',
  find: ofTypes('AWS::GuardDuty::Detector'),
  records: 'findings in GuardDuty (kept 90 days) and, through EventBridge, wherever its rules send them',
};
const MALWARE_PROTECTION: ControlSpec = {
  name: 'GuardDuty Malware Protection for S3',
  find: ofTypes('AWS::GuardDuty::MalwareProtectionPlan'),
  records: 'a scan-result tag on each object and a finding in GuardDuty',
};
const CONFIG_RECORDER: ControlSpec = {
  name: 'AWS Config recorder',
  find: ofTypes('AWS::Config::ConfigurationRecorder'),
  records: 'configuration items and their history in AWS Config, delivered to its delivery channel\'s bucket',
};
const CONFIG_RULES: ControlSpec = {
  name: 'AWS Config rules',
  find: ofTypes('AWS::Config::ConfigRule'),
  records: 'compliance evaluations in AWS Config, delivered to its delivery channel\'s bucket',
};
const SECURITY_HUB: ControlSpec = {
  name: 'Security Hub with its standards',
  find: ofTypes('AWS::SecurityHub::Hub', 'AWS::SecurityHub::Standard'),
  records: 'findings in Security Hub, kept 90 days after their last update',
};
const ECR_SCANNING: ControlSpec = {
  name: 'ECR image scanning',
  find: (model) => [...model.ofType('AWS::ECR::RegistryScanningConfiguration'), ...model.ofType('AWS::ECR::Repository').filter(scansOnPush)],
  records: 'scan findings of each image in ECR (Amazon Inspector for enhanced scanning)',
};
const ALARMS: ControlSpec = {
  name: 'CloudWatch alarms with actions',
  find: where('AWS::CloudWatch::Alarm', (r) => has(r, 'AlarmActions')),
  records: 'alarm state history in CloudWatch, and a notification to each alarm\'s SNS topic',
};
const METRIC_FILTERS: ControlSpec = {
  name: 'metric filters on the audit trail\'s log group',
  find: ofTypes('AWS::Logs::MetricFilter'),
  records: 'metric data points in CloudWatch, which the alarms on them evaluate',
};
const FINDING_ROUTES: ControlSpec = {
  name: 'EventBridge rules routing findings and changes',
  find: ofTypes('AWS::Events::Rule'),
  records: 'delivered to each rule\'s targets (SNS topics, queues); EventBridge keeps no history of its own',
};
const MACIE: ControlSpec = {
  name: 'Macie sensitive-data discovery',
  find: ofTypes('AWS::Macie::Session', 'Custom::MacieClassificationJob'),
  records: 'sensitive-data findings in Macie (90 days) and EventBridge',
};
const TRAIL: ControlSpec = {
  name: 'CloudTrail trail',
  find: ofTypes('AWS::CloudTrail::Trail'),
  records: 'API activity in the trail\'s S3 bucket (and its CloudWatch Logs log group where set)',
};
const HUMAN_ROLES: ControlSpec = {
  name: 'roles people assume, by persona',
  find: (model) => model.ofType('AWS::IAM::Role').filter((r) => model.tag(r, 'Persona') !== undefined),
  records: 'every role assumption (AssumeRole, with the identity provider\'s user) in the CloudTrail trail; registering and removing people happens in the identity provider',
};
const KEYS: ControlSpec = {
  name: 'customer-managed KMS keys, retained on stack deletion',
  find: ofTypes('AWS::KMS::Key'),
  records: 'ScheduleKeyDeletion and DisableKey calls, with their waiting period, in the CloudTrail trail',
};
const BACKUP: ControlSpec = {
  name: 'AWS Backup plan and vault',
  find: ofTypes('AWS::Backup::BackupPlan'),
  records: 'backup and restore jobs in AWS Backup, recovery points in the vault',
};
const RESTORE_TESTING: ControlSpec = {
  name: 'AWS Backup restore testing',
  find: ofTypes('AWS::Backup::RestoreTestingPlan'),
  records: 'restore-testing jobs and their validation results in AWS Backup',
};
const PIPELINE: ControlSpec = {
  name: 'delivery pipeline with approval',
  find: ofTypes('AWS::CodePipeline::Pipeline'),
  records: 'executions, approvals and their approvers in CodePipeline\'s history and the CloudTrail trail',
};
const MODEL_REGISTRY: ControlSpec = {
  name: 'model registry (approval status per model version)',
  find: ofTypes('AWS::SageMaker::ModelPackageGroup'),
  records: 'UpdateModelPackage approval changes, with who made them, in the CloudTrail trail',
};
const MODEL_SIGNING: ControlSpec = {
  name: 'model signing profile',
  find: ofTypes('AWS::Signer::SigningProfile'),
  records: 'signing jobs in AWS Signer and the CloudTrail trail',
};
const ENDPOINT_CAPACITY: ControlSpec = {
  name: 'model endpoints with instance counts and scaling',
  find: ofTypes('AWS::SageMaker::Endpoint', 'AWS::ApplicationAutoScaling::ScalableTarget'),
  records: 'invocation, latency and utilization metrics in CloudWatch (kept 15 months)',
};
const DATA_QUALITY: ControlSpec = {
  name: 'model monitoring of input data quality',
  find: ofTypes('AWS::SageMaker::DataQualityJobDefinition'),
  records: 'monitoring reports and constraint violations in the monitoring output bucket, metrics in CloudWatch',
};
const MODEL_QUALITY: ControlSpec = {
  name: 'model monitoring of prediction quality and drift, and rollback alarms',
  find: (model) => [...model.ofType('AWS::SageMaker::ModelQualityJobDefinition', 'AWS::SageMaker::ModelBiasJobDefinition', 'AWS::SageMaker::MonitoringSchedule'),
    ...model.ofType('AWS::SageMaker::Endpoint').filter((r) => has(r, 'DeploymentConfig'))],
  records: 'monitoring reports in the monitoring output bucket; deployments rolled back by alarm in the endpoint\'s event history',
};
const DATA_CAPTURE: ControlSpec = {
  name: 'endpoint data capture',
  find: where('AWS::SageMaker::EndpointConfig', (r) => isObject(r.properties.DataCaptureConfig)),
  records: 'captured requests and responses in the capture bucket',
};
const DISPOSAL: ControlSpec = {
  name: 'expiry by rule (S3 lifecycle expiration, ECR lifecycle policies)',
  find: (model) => [
    ...model.ofType('AWS::S3::Bucket').filter((r) => /"Expiration(InDays|Date)"|"NoncurrentVersionExpiration/.test(JSON.stringify(r.properties.LifecycleConfiguration ?? {}))),
    ...model.ofType('AWS::ECR::Repository').filter((r) => has(r, 'LifecyclePolicy')),
  ],
  records: 'expirations are made by S3 and ECR without a per-object record: what remains is shown by S3 Inventory or an image listing taken over the period',
};

const design = (...monitors: ControlSpec[]): CriterionSpec => ({ nature: CriterionNature.DESIGN, monitors });
const operating = (...mechanisms: ControlSpec[]): CriterionSpec => ({ nature: CriterionNature.OPERATING, mechanisms });
const entity = (note: string): CriterionSpec => ({ nature: CriterionNature.ENTITY, note });

const GOVERNANCE = 'Governance and people: board minutes, code of conduct, organization chart, job descriptions, HR records.';
const COMMUNICATION = 'Policies, security awareness and communication records of the entity.';
const RISK = 'The entity\'s risk assessment, fraud risk assessment and its updates.';
const POLICIES = 'The entity\'s selection of controls and its policies and procedures; this platform is one of those controls.';
const PRIVACY = 'The entity\'s privacy program: notices, consent, data-subject requests, disclosures and breach notification. The platform tags personal data (PersonalData) and runs Macie discovery, which help its inventory.';

/** Every criterion's nature; criteria not listed are entity-level. */
export const CRITERION_SPECS: Readonly<Record<string, CriterionSpec>> = {
  'CC1.1': entity(GOVERNANCE), 'CC1.2': entity(GOVERNANCE), 'CC1.3': entity(GOVERNANCE), 'CC1.4': entity(GOVERNANCE), 'CC1.5': entity(GOVERNANCE),
  'CC2.1': entity('The entity\'s information for internal control; the platform\'s trail and AWS Config records are among its sources.'),
  'CC2.2': entity(COMMUNICATION), 'CC2.3': entity(COMMUNICATION),
  'CC3.1': entity(RISK), 'CC3.2': entity(RISK), 'CC3.3': entity(RISK), 'CC3.4': entity(RISK),
  'CC4.1': operating(CONFIG_RULES, SECURITY_HUB),
  'CC4.2': operating(SECURITY_HUB, ALARMS, FINDING_ROUTES),
  'CC5.1': entity(POLICIES), 'CC5.2': entity(POLICIES), 'CC5.3': entity(POLICIES),
  'CC6.1': design(),
  'CC6.2': operating(HUMAN_ROLES),
  'CC6.3': design(),
  'CC6.4': entity('Physical access to AWS data centers is AWS\'s control (a subservice organization): its SOC 2 report, carved out.'),
  'CC6.5': operating(KEYS),
  'CC6.6': design(),
  'CC6.7': design(),
  'CC6.8': design(GUARDDUTY, MALWARE_PROTECTION),
  'CC7.1': design(CONFIG_RECORDER, ECR_SCANNING, SECURITY_HUB),
  'CC7.2': design(GUARDDUTY, TRAIL, ALARMS),
  'CC7.3': operating(GUARDDUTY, METRIC_FILTERS, ALARMS),
  'CC7.4': operating(FINDING_ROUTES, ALARMS),
  'CC7.5': operating(BACKUP),
  'CC8.1': operating(PIPELINE, MODEL_REGISTRY, MODEL_SIGNING),
  'CC9.1': entity('Business continuity planning and insurance of the entity.'),
  'CC9.2': entity('Vendor and business-partner risk management of the entity, AWS\'s SOC 2 report among its inputs.'),
  'A1.1': operating(ENDPOINT_CAPACITY),
  'A1.2': design(BACKUP),
  'A1.3': operating(RESTORE_TESTING),
  'C1.1': design(MACIE),
  'C1.2': operating(DISPOSAL),
  'PI1.1': entity('Product specifications and data definitions the entity communicates; the feature group definitions in the inventory are part of them.'),
  'PI1.2': operating(DATA_QUALITY),
  'PI1.3': operating(MODEL_QUALITY),
  'PI1.4': operating(DATA_CAPTURE),
  'PI1.5': design(),
};

/** A criterion's nature: entity-level unless listed. */
export function criterionSpec(criterion: string): CriterionSpec {
  return CRITERION_SPECS[criterion] ?? entity(PRIVACY);
}
