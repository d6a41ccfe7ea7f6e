import { PackRule, Severity } from '../../rule';
import { LogGroupKmsEncryption } from './LogGroupKmsEncryption';
import { LogGroupRetained } from './LogGroupRetained';
import { LogGroupRetention } from './LogGroupRetention';
import { LogGroupAuditRetention } from './LogGroupAuditRetention';
import { LogsResourcePolicyNotPublic } from './LogsResourcePolicyNotPublic';

export const LOGS_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: LogGroupRetention,
    criteria: ['CC7.2'],
    rationale: 'Monitoring records are kept at least a year, across an audit period (CC7.2). The rule passes logs kept forever, so it proves no disposal (C1.2); keeping logs is not evaluating events (CC7.3).',
    reference: { check: 'prowler:cloudwatch_log_group_retention_policy_specific_days_enabled', criteria: ['CC7.2', 'CC7.3', 'C1.2'] },
    severity: Severity.ERROR,
    finding: 'Log group keeps log events for less than a year.',
    fix: 'Set retention: RetentionDays.ONE_YEAR or longer on the L2 LogGroup (its default is two years), or RetentionDays.INFINITE; i.e. RetentionInDays >= 365 or absent. With logRetention on a Function (Custom::LogRetention RetentionInDays), use RetentionDays.ONE_YEAR or longer, or better a logGroup you create.',
  },
  {
    kind: 'resource',
    rule: LogGroupAuditRetention,
    // The records of a trail or a flow log are the operating evidence of the period: they must
    // outlive the period and its fieldwork.
    criteria: ['CC7.2', 'CC7.3'],
    rationale: 'The events of a trail or a flow log are what monitoring relies on (CC7.2) and what security events are evaluated from (CC7.3); an auditor samples them across the whole period, so they must outlive it and its fieldwork.',
    severity: Severity.ERROR,
    finding: 'Log group receiving audit records (a CloudTrail trail or a VPC flow log delivers to it) keeps them for less than the audit log retention.',
    fix: 'Keep the log group at least as long as Soc2MlChecks\' auditLogRetentionDays (default 365; the default app sets it to soc2ml:evidenceRetentionDays): retention: RetentionDays.TWO_YEARS for 731, or the next CloudWatch value up; or lower auditLogRetentionDays if your audit needs less.',
  },
  {
    kind: 'resource',
    rule: LogGroupKmsEncryption,
    criteria: ['CC6.1'],
    rationale: 'Log events are encrypted under a customer-managed key whose use is access-controlled (CC6.1). Encryption at rest evaluates no event (CC7.3) and delivers no output (PI1.4).',
    reference: { check: 'prowler:cloudwatch_log_group_kms_encryption_enabled', criteria: ['CC6.1', 'CC6.2', 'CC7.3', 'PI1.4'] },
    severity: Severity.ERROR,
    finding: 'Log group is not encrypted with a customer-managed KMS key.',
    fix: 'Set encryptionKey on the L2 LogGroup (KmsKeyId) to a key whose policy admits the CloudWatch Logs service, e.g. a PlatformKey with KeyPurpose.LOGS.',
  },
  {
    kind: 'resource',
    rule: LogGroupRetained,
    criteria: ['CC7.2'],
    rationale: 'Monitoring records survive the deletion of the stack that wrote them (CC7.2).',
    severity: Severity.ERROR,
    finding: 'Log group is deleted when its stack is deleted.',
    fix: 'Keep removalPolicy: RemovalPolicy.RETAIN on the L2 LogGroup (its default), or DeletionPolicy Retain on CfnLogGroup.',
  },
  {
    kind: 'resource',
    rule: LogsResourcePolicyNotPublic,
    criteria: ['CC6.1', 'CC6.6'],
    rationale: 'No resource policy lets anyone write to or read from the account\'s logs (CC6.1), from outside the boundary (CC6.6); records that anyone could write or read would not be evidence an auditor relies on. Logs are not the outputs of processing, so PI1.4 of the community mapping is left out.',
    reference: { check: 'prowler:cloudwatch_log_group_not_publicly_accessible', criteria: ['PI1.4'] },
    severity: Severity.ERROR,
    finding: 'CloudWatch Logs resource policy allows any principal.',
    fix: 'Name the service principal (new iam.ServicePrincipal(\'delivery.logs.amazonaws.com\')) or accounts the policy is for, or keep principal * only with a narrowing condition such as aws:SourceAccount or aws:PrincipalOrgID (logs.ResourcePolicy policyStatements; AWS::Logs::ResourcePolicy PolicyDocument; AWS::Logs::Destination DestinationPolicy).',
  },
];
