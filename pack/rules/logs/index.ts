import { PackRule, Severity } from '../../rule';
import { LogGroupKmsEncryption } from './LogGroupKmsEncryption';
import { LogGroupRetained } from './LogGroupRetained';
import { LogGroupRetention } from './LogGroupRetention';

export const LOGS_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: LogGroupRetention,
    criteria: ['CC7.2', 'CC7.3', 'C1.2'],
    severity: Severity.ERROR,
    finding: 'Log group keeps log events for less than a year.',
    fix: 'Set retention: RetentionDays.ONE_YEAR or longer on the L2 LogGroup (its default is two years), or RetentionDays.INFINITE; i.e. RetentionInDays >= 365 or absent. With logRetention on a Function (Custom::LogRetention RetentionInDays), use RetentionDays.ONE_YEAR or longer, or better a logGroup you create.',
  },
  {
    kind: 'resource',
    rule: LogGroupKmsEncryption,
    criteria: ['CC6.1', 'CC6.2', 'CC7.3', 'PI1.4'],
    severity: Severity.ERROR,
    finding: 'Log group is not encrypted with a customer-managed KMS key.',
    fix: 'Set encryptionKey on the L2 LogGroup (KmsKeyId) to a key whose policy admits the CloudWatch Logs service, e.g. a PlatformKey with KeyPurpose.LOGS.',
  },
  {
    kind: 'resource',
    rule: LogGroupRetained,
    // No row of the mapping covers this. Logs deleted with their stack are lost monitoring
    // evidence (CC7.2) and lost material for evaluating security events (CC7.3).
    criteria: ['CC7.2', 'CC7.3'],
    severity: Severity.ERROR,
    finding: 'Log group is deleted when its stack is deleted.',
    fix: 'Keep removalPolicy: RemovalPolicy.RETAIN on the L2 LogGroup (its default), or DeletionPolicy Retain on CfnLogGroup.',
  },
];
