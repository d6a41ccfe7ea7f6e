import { PackRule, Severity } from '../../rule';
import { MwaaKmsEncryption } from './MwaaKmsEncryption';
import { MwaaLogging } from './MwaaLogging';
import { MwaaWebserverPrivate } from './MwaaWebserverPrivate';

/** The Amazon MWAA (Managed Workflows for Apache Airflow) rules, with the criteria, words and severity the pack gives them. */
export const MWAA_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: MwaaWebserverPrivate,
    criteria: ['CC6.6', 'CC6.1'],
    rationale: 'The Airflow UI and REST API, which run and change pipelines, are not reachable from the internet (CC6.6 boundary protection), so only users inside the VPC who also pass IAM reach them (CC6.1).',
    severity: Severity.ERROR,
    finding: 'MWAA environment\'s Airflow web server is reachable from the internet.',
    fix: 'Set webserverAccessMode: \'PRIVATE_ONLY\' on the CfnEnvironment (WebserverAccessMode PRIVATE_ONLY, also the default when absent), not PUBLIC_ONLY or PUBLIC_AND_PRIVATE; reach the UI through a VPN, AWS Client VPN or a bastion in the VPC. The access mode can be changed on an existing environment.',
  },
  {
    kind: 'resource',
    rule: MwaaLogging,
    criteria: ['CC7.2'],
    rationale: 'Who used the Airflow UI and what each pipeline run did are recorded for monitoring (CC7.2).',
    severity: Severity.ERROR,
    finding: 'MWAA environment does not send its web server, scheduler and task logs to CloudWatch Logs at INFO.',
    fix: 'Set loggingConfiguration on the CfnEnvironment with webserverLogs, schedulerLogs and taskLogs each { enabled: true, logLevel: \'INFO\' } (LoggingConfiguration.WebserverLogs, SchedulerLogs, TaskLogs with Enabled true and LogLevel INFO or DEBUG); enable workerLogs and dagProcessingLogs too where they help diagnosis. MWAA creates the log groups airflow-<environment>-<type>: give the execution role logs:CreateLogStream, PutLogEvents and the rest of the documented log actions on them.',
  },
  {
    kind: 'resource',
    rule: MwaaKmsEncryption,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'The Airflow metadata database, queue and logs, which hold connections, variables and pipeline data, are encrypted under a key the account controls and audits (CC6.1) and may hold confidential data (C1.1).',
    severity: Severity.ERROR,
    finding: 'MWAA environment is not encrypted with a customer-managed KMS key.',
    fix: 'Set kmsKey: key on the CfnEnvironment (KmsKey, the key ARN). The key policy must let CloudWatch Logs (logs.<region>.amazonaws.com) use it, and the execution role needs kms:Decrypt, kms:DescribeKey, kms:GenerateDataKey* and kms:Encrypt on it through SQS and S3 (kms:ViaService). KmsKey is set only when the environment is created: adding it replaces the environment.',
  },
];
