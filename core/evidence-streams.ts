import { INCIDENT_STREAM } from './evidence-records';

/*
 * The streams every evidence archive receives: what each records, the SOC 2 criteria it evidences,
 * the EventBridge pattern that selects its events, and how often it should have a record (the period
 * report calls a day without one a gap). One definition, read by the construct that creates the
 * rules and by the report.
 */

/** An EventBridge event pattern as JSON (the `EventPattern` of `AWS::Events::Rule`). */
export interface EvidenceEventPattern {
  readonly source?: string[];
  readonly 'detail-type'?: string[];
  readonly detail?: Record<string, unknown>;
}

/** A stream of the evidence archive. */
export interface EvidenceStreamDefinition {
  /** The stream's name: the partition its records are stored under. */
  readonly name: string;
  /** The SOC 2 criteria its records evidence. */
  readonly criteria: readonly string[];
  /** What its records are, for the rule's description and the report. */
  readonly description: string;
  /** The events it archives; absent for the heartbeat, which is a schedule. */
  readonly pattern?: EvidenceEventPattern;
  /**
   * A record is expected at least every this many days, or a day without one is a gap in the
   * period report. Absent for streams whose records come only when something happens.
   */
  readonly expectedEveryDays?: number;
}

/** The source of incident records a producer puts on the default event bus. */
export const INCIDENT_EVENT_SOURCE = 'cdk-soc2-ml.incident';

/** The name of the daily heartbeat stream, proof that the archive's delivery ran that day. */
export const HEARTBEAT_STREAM = 'archive-heartbeat';

const CLOUDTRAIL = 'AWS API Call via CloudTrail';

/** Every stream an evidence archive creates, in the order the report lists them. */
export const EVIDENCE_STREAMS: readonly EvidenceStreamDefinition[] = [
  {
    name: 'config-compliance',
    criteria: ['CC4.1', 'CC7.1'],
    description: 'AWS Config rule compliance changes (a resource turning NON_COMPLIANT or COMPLIANT)',
    pattern: { 'source': ['aws.config'], 'detail-type': ['Config Rules Compliance Change'] },
  },
  {
    name: 'security-hub-findings',
    criteria: ['CC4.1', 'CC7.2'],
    description: 'AWS Security Hub findings, as imported and each time they are updated (an update is re-imported)',
    pattern: { 'source': ['aws.securityhub'], 'detail-type': ['Security Hub Findings - Imported', 'Findings Imported V2'] },
  },
  {
    name: 'guardduty-findings',
    criteria: ['CC7.2', 'CC7.3'],
    description: 'Amazon GuardDuty findings',
    pattern: { 'source': ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'] },
  },
  {
    name: 'macie-findings',
    criteria: ['C1.1', 'CC7.2'],
    description: 'Amazon Macie findings (sensitive data, bucket policy changes)',
    pattern: { 'source': ['aws.macie'], 'detail-type': ['Macie Finding'] },
  },
  {
    name: 'inspector-findings',
    criteria: ['CC7.1'],
    description: 'Amazon Inspector findings (vulnerabilities of images and functions)',
    pattern: { 'source': ['aws.inspector2'], 'detail-type': ['Inspector2 Finding'] },
  },
  {
    name: 'access-analyzer-findings',
    criteria: ['CC6.2', 'CC6.3'],
    description: 'IAM Access Analyzer findings: external access and unused access',
    pattern: { 'source': ['aws.access-analyzer'], 'detail-type': ['Access Analyzer Finding', 'Unused Access Finding for IAM entities'] },
  },
  {
    name: 'backup-jobs',
    criteria: ['A1.2'],
    description: 'AWS Backup backup and copy jobs (completed, failed, expired)',
    pattern: { 'source': ['aws.backup'], 'detail-type': ['Backup Job State Change', 'Copy Job State Change'] },
    expectedEveryDays: 1,
  },
  {
    name: 'restore-jobs',
    criteria: ['A1.3'],
    description: 'AWS Backup restore jobs, the restore-testing plan\'s included, and their validation results',
    pattern: { 'source': ['aws.backup'], 'detail-type': ['Restore Job State Change'] },
  },
  {
    name: 'model-approvals',
    criteria: ['CC8.1'],
    description: 'SageMaker model package approval changes (Approved, Rejected, PendingManualApproval)',
    pattern: { 'source': ['aws.sagemaker'], 'detail-type': ['SageMaker Model Package State Change'] },
  },
  {
    name: 'model-approvers',
    criteria: ['CC8.1', 'CC6.1'],
    description: 'Who changed a model package\'s approval: CloudTrail UpdateModelPackage calls (identity, time, status)',
    pattern: { 'source': ['aws.sagemaker'], 'detail-type': [CLOUDTRAIL], 'detail': { eventSource: ['sagemaker.amazonaws.com'], eventName: ['UpdateModelPackage'] } },
  },
  {
    name: 'pipeline-approvers',
    criteria: ['CC8.1', 'CC6.1'],
    description: 'Who approved or rejected a delivery pipeline stage: CloudTrail PutApprovalResult calls',
    pattern: { 'source': ['aws.codepipeline'], 'detail-type': [CLOUDTRAIL], 'detail': { eventSource: ['codepipeline.amazonaws.com'], eventName: ['PutApprovalResult'] } },
  },
  {
    name: 'pipeline-approvals',
    criteria: ['CC8.1'],
    description: 'Delivery pipeline manual approval actions (started, succeeded, failed)',
    pattern: { 'source': ['aws.codepipeline'], 'detail-type': ['CodePipeline Action Execution State Change'], 'detail': { type: { category: ['Approval'] } } },
  },
  {
    name: 'pipeline-executions',
    criteria: ['CC8.1'],
    description: 'Delivery pipeline executions (started, succeeded, failed, stopped, superseded)',
    pattern: { 'source': ['aws.codepipeline'], 'detail-type': ['CodePipeline Pipeline Execution State Change'] },
  },
  {
    name: 'stack-deployments',
    criteria: ['CC8.1'],
    description: 'CloudFormation stack status changes (deployments, rollbacks, deletions)',
    pattern: { 'source': ['aws.cloudformation'], 'detail-type': ['CloudFormation Stack Status Change'] },
  },
  {
    name: 'endpoint-deployments',
    criteria: ['CC8.1', 'A1.2'],
    description: 'SageMaker endpoint deployments and automatic rollbacks, and endpoint status changes',
    pattern: { 'source': ['aws.sagemaker'], 'detail-type': ['SageMaker Endpoint Deployment State Change', 'SageMaker Endpoint State Change'] },
  },
  {
    name: INCIDENT_STREAM,
    criteria: ['CC7.3', 'CC7.4', 'CC7.5'],
    description: `Incident records (source ${INCIDENT_EVENT_SOURCE}): opened, updated, resolved, with their post-incident review`,
    pattern: { source: [INCIDENT_EVENT_SOURCE] },
  },
  {
    name: HEARTBEAT_STREAM,
    criteria: ['CC4.1'],
    description: 'A daily record proving the archive\'s delivery ran that day; a missing day means records may be missing too',
    expectedEveryDays: 1,
  },
];

/** The stream of a name, or undefined. */
export function evidenceStream(name: string): EvidenceStreamDefinition | undefined {
  return EVIDENCE_STREAMS.find((s) => s.name === name);
}
