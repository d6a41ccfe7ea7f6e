import { PackRule, Severity } from '../../rule';
import { CloudTrailCloudWatchLogs } from './CloudTrailCloudWatchLogs';
import { CloudTrailKms } from './CloudTrailKms';
import { CloudTrailLogFileValidation } from './CloudTrailLogFileValidation';
import { CloudTrailLogging } from './CloudTrailLogging';
import { CloudTrailManagementWrites } from './CloudTrailManagementWrites';
import { CloudTrailMultiRegion } from './CloudTrailMultiRegion';

/** The CloudTrail rules, with the criteria, words and severity the pack gives them. */
export const CLOUDTRAIL_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: CloudTrailLogging,
    criteria: ['CC7.2'],
    rationale: 'The trail is recording (CC7.2 monitors system components).',
    severity: Severity.ERROR,
    finding: 'CloudTrail trail is not logging.',
    fix: 'Set IsLogging: true on the trail (the L2 Trail always does); a value from a parameter or import cannot be proven on and fails.',
  },
  {
    kind: 'resource',
    rule: CloudTrailManagementWrites,
    criteria: ['CC7.2'],
    rationale: 'Every change made through the AWS API is recorded (CC7.2).',
    severity: Severity.ERROR,
    finding: 'CloudTrail trail records only read-only management events.',
    fix: 'Record write management events: ReadWriteType All (the L2 Trail default, managementEvents: ReadWriteType.ALL) or WriteOnly on the basic selector, or an advanced selector on eventCategory Management without a readOnly: true filter. A trail meant for data events only sets IncludeManagementEvents: false (another trail of the app then records management events).',
  },
  {
    kind: 'resource',
    rule: CloudTrailMultiRegion,
    criteria: ['CC7.2'],
    rationale: 'Activity in every region is recorded, none unmonitored (CC7.2). A template shows no quality of information (CC2.1, entity level), nor processing integrity (PI1.3), nor recovery (A1.2).',
    reference: { check: 'prowler:cloudtrail_multi_region_enabled', criteria: ['CC2.1', 'CC7.2', 'A1.2', 'PI1.3'] },
    severity: Severity.ERROR,
    finding: 'CloudTrail trail records a single Region.',
    fix: 'Keep the Trail default isMultiRegionTrail: true (IsMultiRegionTrail: true).',
  },
  {
    kind: 'resource',
    rule: CloudTrailLogFileValidation,
    criteria: ['CC7.2'],
    rationale: 'Digest files make a changed or deleted log file detectable, so monitoring records can be relied on (CC7.2); evaluating events is CC7.3\'s operation, not this setting.',
    reference: { check: 'prowler:cloudtrail_log_file_validation_enabled', criteria: ['CC7.3', 'PI1.3'] },
    severity: Severity.ERROR,
    finding: 'CloudTrail trail does not validate its log files.',
    fix: 'Keep the Trail default enableFileValidation: true (EnableLogFileValidation: true).',
  },
  {
    kind: 'resource',
    rule: CloudTrailKms,
    criteria: ['CC6.1'],
    rationale: 'Trail logs are encrypted under a customer-managed key whose use is access-controlled (CC6.1).',
    reference: { check: 'steampipe:cloudtrail_trail_logs_encrypted_with_kms_cmk', criteria: ['CC6.1', 'CC6.2'] },
    severity: Severity.ERROR,
    finding: 'CloudTrail trail logs are not encrypted with a customer-managed KMS key.',
    fix: 'Pass encryptionKey: your key to the Trail (KMSKeyId); the key policy must let cloudtrail.amazonaws.com encrypt.',
  },
  {
    kind: 'resource',
    rule: CloudTrailCloudWatchLogs,
    criteria: ['CC7.2', 'CC7.3'],
    rationale: 'Events reach CloudWatch Logs (CC7.2), where metric filters and alarms evaluate them (CC7.3, which only operation shows).',
    reference: { check: 'prowler:cloudtrail_cloudwatch_logging_enabled', criteria: ['CC7.2', 'CC7.3', 'A1.2', 'PI1.3'] },
    severity: Severity.ERROR,
    finding: 'CloudTrail trail does not deliver events to CloudWatch Logs.',
    fix: 'Set sendToCloudWatchLogs: true on the Trail (optionally cloudWatchLogGroup and cloudWatchLogsRetention), which sets CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn.',
  },
];
