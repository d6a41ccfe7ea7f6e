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
    criteria: ['CC2.1', 'CC7.2', 'A1.2', 'PI1.3'],
    severity: Severity.ERROR,
    finding: 'CloudTrail trail is not logging.',
    fix: 'Set IsLogging: true on the trail (the L2 Trail always does); a value from a parameter or import cannot be proven on and fails.',
  },
  {
    kind: 'resource',
    rule: CloudTrailManagementWrites,
    criteria: ['CC7.2'],
    rationale: 'CC7.2 asks that the system be monitored for anomalies; the changes made through the AWS API (write management events) are what an investigation reconstructs.',
    severity: Severity.ERROR,
    finding: 'CloudTrail trail records only read-only management events.',
    fix: 'Record write management events: ReadWriteType All (the L2 Trail default, managementEvents: ReadWriteType.ALL) or WriteOnly on the basic selector, or an advanced selector on eventCategory Management without a readOnly: true filter. A trail meant for data events only sets IncludeManagementEvents: false (another trail of the app then records management events).',
  },
  {
    kind: 'resource',
    rule: CloudTrailMultiRegion,
    criteria: ['CC2.1', 'CC7.2', 'A1.2', 'PI1.3'],
    severity: Severity.ERROR,
    finding: 'CloudTrail trail records a single Region.',
    fix: 'Keep the Trail default isMultiRegionTrail: true (IsMultiRegionTrail: true).',
  },
  {
    kind: 'resource',
    rule: CloudTrailLogFileValidation,
    criteria: ['CC7.3', 'PI1.3'],
    severity: Severity.ERROR,
    finding: 'CloudTrail trail does not validate its log files.',
    fix: 'Keep the Trail default enableFileValidation: true (EnableLogFileValidation: true).',
  },
  {
    kind: 'resource',
    rule: CloudTrailKms,
    criteria: ['CC6.1', 'CC6.2'],
    severity: Severity.ERROR,
    finding: 'CloudTrail trail logs are not encrypted with a customer-managed KMS key.',
    fix: 'Pass encryptionKey: your key to the Trail (KMSKeyId); the key policy must let cloudtrail.amazonaws.com encrypt.',
  },
  {
    kind: 'resource',
    rule: CloudTrailCloudWatchLogs,
    criteria: ['CC7.2', 'CC7.3', 'A1.2', 'PI1.3'],
    severity: Severity.ERROR,
    finding: 'CloudTrail trail does not deliver events to CloudWatch Logs.',
    fix: 'Set sendToCloudWatchLogs: true on the Trail (optionally cloudWatchLogGroup and cloudWatchLogsRetention), which sets CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn.',
  },
];
