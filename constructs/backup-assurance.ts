import { Aws, Duration, Names, Token } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { DataClassification } from '../core/data-classification';
import { Soc2MlError } from '../core/errors';
import { EvidenceArchive } from './evidence-archive';
import { PlatformBackup } from './platform-backup';
import { alertTarget } from './private/alert-destination';
import { SecureBucket } from './secure-bucket';
import { IAlertDestination } from './security-alert-topic';

export interface BackupAssuranceProps {
  /** The backups to test and audit: their vault, plan and role. */
  readonly backup: PlatformBackup;

  /**
   * Where Backup Audit Manager's reports are kept: they are delivered to a small inbox bucket
   * that replicates into the archive (the archive's Object Lock bucket refuses uploads without a
   * checksum, which report delivery is not documented to send).
   *
   * @default - no report plans
   */
  readonly evidenceArchive?: EvidenceArchive;

  /**
   * Where failed restore tests are announced.
   *
   * @default - no alert
   */
  readonly alertTopic?: IAlertDestination;

  /**
   * When the restore tests run (UTC). Each run restores recovery points of the backed-up S3
   * buckets and Studio home file systems into new, temporary resources: it is billed as restores.
   *
   * @default - monthly, on the 15th at 06:00 UTC
   */
  readonly restoreTestSchedule?: events.Schedule;

  /**
   * How long a restored copy is kept after its restore test, in hours (0 to 168), for a
   * validation of your own (`PutRestoreValidationResult`); AWS Backup then deletes it.
   *
   * @default 24
   */
  readonly validationWindowHours?: number;

  /**
   * How many days back a restore test picks its recovery point from, at random (1 to 365): a
   * test of any day's backup, not only the latest.
   *
   * @default 30
   */
  readonly selectionWindowDays?: number;
}

/** The criteria the restore tests evidence. */
export const RESTORE_TESTING_CRITERIA = ['A1.3'] as const;
/** The criteria Backup Audit Manager's framework and reports evidence. */
export const BACKUP_AUDIT_CRITERIA = ['A1.2', 'A1.3'] as const;

/** Where the reports land in the inbox (and, replicated, in the archive). */
export const BACKUP_REPORTS_PREFIX = 'backup-reports';

/** The reports Backup Audit Manager delivers daily: its jobs reports and the framework's compliance. */
const REPORT_TEMPLATES = ['BACKUP_JOB_REPORT', 'RESTORE_JOB_REPORT', 'COPY_JOB_REPORT', 'CONTROL_COMPLIANCE_REPORT', 'RESOURCE_COMPLIANCE_REPORT'] as const;

/**
 * Availability tested and audited (SOC 2 A1.2, A1.3), beside a `PlatformBackup`:
 * - an AWS Backup **restore-testing plan** that, on a schedule, restores recovery points picked at
 *   random from the last `selectionWindowDays` in the vault, of the backed-up S3 buckets (tagged
 *   `BackupPlan=soc2ml-daily`) and Studio home file systems, keeps each copy
 *   `validationWindowHours`, then deletes it. Its restore jobs are EventBridge "Restore Job State
 *   Change" events carrying the plan's ARN (`restoreTestingPlanArn`): the evidence archive's
 *   `restore-jobs` stream keeps them, and failed ones reach the alert topic;
 * - a **Backup Audit Manager framework** whose controls check, every day, that recovery points are
 *   encrypted and kept, that the vault refuses manual deletion and is locked, that the plan backs
 *   up daily and keeps long enough, and that every marked resource is protected and was backed up
 *   in the last day;
 * - **report plans** (backup, restore and copy jobs; control and resource compliance) delivering
 *   daily, as CSV and JSON, to an inbox `SecureBucket` that replicates into the evidence archive.
 */
export class BackupAssurance extends Construct {
  /** The restore-testing plan. */
  public readonly restoreTestingPlan: backup.CfnRestoreTestingPlan;
  /** Its selections: the backed-up S3 buckets, and Studio's home file systems. */
  public readonly restoreTestingSelections: backup.CfnRestoreTestingSelection[];
  /** The Backup Audit Manager framework. */
  public readonly framework: backup.CfnFramework;
  /** The report plans, where an evidence archive was given. */
  public readonly reportPlans: backup.CfnReportPlan[] = [];
  /** The bucket the reports are delivered to, where an evidence archive was given. */
  public readonly reportInbox?: SecureBucket;

  constructor(scope: Construct, id: string, props: BackupAssuranceProps) {
    super(scope, id);
    if (!props?.backup) {
      throw new Soc2MlError('backup is required: pass the PlatformBackup whose recovery points are tested and audited.');
    }
    const validationWindowHours = checkWhole('validationWindowHours', props.validationWindowHours ?? 24, 0, 168);
    const selectionWindowDays = checkWhole('selectionWindowDays', props.selectionWindowDays ?? 30, 1, 365);
    this.restoreTestingPlan = this.createRestoreTestingPlan(props.backup, props.restoreTestSchedule, selectionWindowDays);
    this.restoreTestingSelections = this.selectRestoreTests(props.backup, validationWindowHours);
    if (props.alertTopic) {
      this.alertOnFailedRestoreTests(props.alertTopic);
    }
    this.framework = this.createFramework(props.backup);
    if (props.evidenceArchive) {
      this.reportInbox = this.createReportInbox(props.evidenceArchive);
      this.reportPlans = REPORT_TEMPLATES.map((template) => this.createReportPlan(template, this.reportInbox!));
    }
  }

  private createRestoreTestingPlan(platformBackup: PlatformBackup, schedule: events.Schedule | undefined, selectionWindowDays: number): backup.CfnRestoreTestingPlan {
    const expression = (schedule ?? events.Schedule.cron({ minute: '0', hour: '6', day: '15' })).expressionString;
    if (!Token.isUnresolved(expression) && !expression.startsWith('cron(')) {
      throw new Soc2MlError(`restoreTestSchedule is ${expression}: AWS Backup runs restore tests on a cron expression only. Pass events.Schedule.cron({...}).`);
    }
    return new backup.CfnRestoreTestingPlan(this, 'RestoreTestingPlan', {
      // Letters, digits and underscores, at most 50, unique in the account and region.
      restoreTestingPlanName: Names.uniqueResourceName(this, { maxLength: 50, separator: '_', allowedSpecialCharacters: '_' }),
      scheduleExpression: expression,
      scheduleExpressionTimezone: 'Etc/UTC',
      startWindowHours: 24,
      recoveryPointSelection: {
        algorithm: 'RANDOM_WITHIN_WINDOW',
        includeVaults: [platformBackup.vault.backupVaultArn],
        recoveryPointTypes: ['SNAPSHOT'],
        selectionWindowDays,
      },
      tags: [{ key: 'Soc2Criteria', value: RESTORE_TESTING_CRITERIA.join(' ') }],
    });
  }

  /** The stores the plan backs up: buckets marked for backup, and (every EFS in the vault) Studio homes. */
  private selectRestoreTests(platformBackup: PlatformBackup, validationWindowHours: number): backup.CfnRestoreTestingSelection[] {
    const selection = (id: string, name: string, type: string, conditions?: backup.CfnRestoreTestingSelection.ProtectedResourceConditionsProperty) => {
      const s = new backup.CfnRestoreTestingSelection(this, id, {
        restoreTestingPlanName: this.restoreTestingPlan.restoreTestingPlanName,
        restoreTestingSelectionName: name,
        protectedResourceType: type,
        protectedResourceArns: ['*'],
        protectedResourceConditions: conditions,
        iamRoleArn: platformBackup.role.roleArn,
        validationWindowHours,
      });
      s.node.addDependency(this.restoreTestingPlan);
      return s;
    };
    return [
      selection('MarkedBuckets', 'marked_s3_buckets', 'S3', {
        stringEquals: [{ key: `aws:ResourceTag/${PlatformBackup.TAG_KEY}`, value: PlatformBackup.TAG_VALUE }],
      }),
      // Recovery points come from the platform's vault only, where the plan puts Studio's homes.
      selection('StudioHomeFileSystems', 'studio_home_file_systems', 'EFS'),
    ];
  }

  private alertOnFailedRestoreTests(alertTopic: IAlertDestination): void {
    const field = (path: string) => events.EventField.fromPath(path);
    new events.Rule(this, 'FailedRestoreTestsToAlerts', {
      description: 'cdk-soc2-ml: restore tests (SOC 2 A1.3) that failed or were aborted, to the alert topic.',
      eventPattern: {
        source: ['aws.backup'],
        detailType: ['Restore Job State Change'],
        detail: { status: ['FAILED', 'ABORTED'], restoreTestingPlanArn: [{ exists: true }] },
      },
      targets: [alertTarget(alertTopic, events.RuleTargetInput.fromText(
        `AWS Backup restore test ${field('$.detail.restoreJobId')} of ${field('$.detail.resourceType')} ended ${field('$.detail.status')} in account ${field('$.account')}, region ${field('$.region')} `
        + `(restore-testing plan ${field('$.detail.restoreTestingPlanArn')}): ${field('$.detail.statusMessage')}. A backup that cannot be restored is no backup: find the cause, fix it and run the test again.`,
      ))],
    });
  }

  private createFramework(platformBackup: PlatformBackup): backup.CfnFramework {
    // Untyped in the L1: CloudFormation's own (PascalCase) names.
    const marked = { Tags: [{ Key: PlatformBackup.TAG_KEY, Value: PlatformBackup.TAG_VALUE }] };
    const params = (values: Record<string, string>) => Object.entries(values).map(([parameterName, parameterValue]) => ({ parameterName, parameterValue }));
    // The plan keeps every recovery point at least its daily retention (a fraction of a day rounds down).
    const daily = platformBackup.dailyRetention;
    const retention = String(daily.isUnresolved() ? 35 : Math.floor(daily.toDays({ integral: false })));
    return new backup.CfnFramework(this, 'Framework', {
      frameworkDescription: `cdk-soc2-ml: backups and restores of the platform (SOC 2 ${BACKUP_AUDIT_CRITERIA.join(', ')}), checked daily by AWS Backup Audit Manager.`,
      frameworkControls: [
        { controlName: 'BACKUP_RECOVERY_POINT_ENCRYPTED' },
        { controlName: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED' },
        { controlName: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK', controlInputParameters: params({ requiredRetentionDays: retention }) },
        {
          controlName: 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
          controlInputParameters: params({ requiredFrequencyUnit: 'days', requiredFrequencyValue: '1', requiredRetentionDays: retention }),
        },
        { controlName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN', controlScope: marked },
        { controlName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK', controlScope: marked },
        {
          controlName: 'BACKUP_LAST_RECOVERY_POINT_CREATED',
          controlInputParameters: params({ recoveryPointAgeUnit: 'days', recoveryPointAgeValue: '1' }),
          controlScope: marked,
        },
      ],
      frameworkTags: [{ key: 'Soc2Criteria', value: BACKUP_AUDIT_CRITERIA.join(' ') }],
    });
  }

  /**
   * The inbox: a confidential `SecureBucket` under the archive's key, replicating every report into
   * the archive, where it takes the archive's lock. Backup Audit Manager delivers as its
   * service-linked role (AWSServiceRoleForBackupReports), whose AWS managed policy allows the put
   * and the key (the archive key's policy lets IAM policies of the account govern it); the bucket
   * policy names that role by `aws:PrincipalArn` (a principal that may not exist yet cannot be named
   * directly) on the reports' prefix only. Reports are kept here 35 days.
   */
  private createReportInbox(archive: EvidenceArchive): SecureBucket {
    const inbox = new SecureBucket(this, 'ReportInbox', {
      dataClassification: DataClassification.CONFIDENTIAL,
      encryptionKey: archive.encryptionKey,
      replication: { destination: archive.bucket.bucket, destinationKey: archive.encryptionKey },
      expiration: Duration.days(35),
    });
    inbox.bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'BackupAuditManagerReportDelivery',
      principals: [new iam.AccountRootPrincipal()],
      actions: ['s3:PutObject'],
      resources: [inbox.bucket.arnForObjects(`${BACKUP_REPORTS_PREFIX}/*`)],
      conditions: {
        ArnEquals: { 'aws:PrincipalArn': `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports` },
        StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' },
      },
    }));
    return inbox;
  }

  private createReportPlan(template: typeof REPORT_TEMPLATES[number], inbox: SecureBucket): backup.CfnReportPlan {
    const compliance = template === 'CONTROL_COMPLIANCE_REPORT' || template === 'RESOURCE_COMPLIANCE_REPORT';
    const plan = new backup.CfnReportPlan(this, `Report${template.split('_').map((w) => w.charAt(0) + w.slice(1).toLowerCase()).join('')}`, {
      reportPlanDescription: `cdk-soc2-ml: AWS Backup Audit Manager ${template} (SOC 2 ${BACKUP_AUDIT_CRITERIA.join(', ')}), daily, replicated into the evidence archive.`,
      reportSetting: { ReportTemplate: template, ...(compliance ? { FrameworkArns: [this.framework.attrFrameworkArn] } : {}) },
      reportDeliveryChannel: { S3BucketName: inbox.bucket.bucketName, S3KeyPrefix: `${BACKUP_REPORTS_PREFIX}/${template.toLowerCase()}`, Formats: ['CSV', 'JSON'] },
      reportPlanTags: [{ key: 'Soc2Criteria', value: BACKUP_AUDIT_CRITERIA.join(' ') }],
    });
    // The delivery statement must be in place before the first report.
    plan.node.addDependency(inbox.bucket.policy!);
    return plan;
  }
}

function checkWhole(prop: string, value: number, least: number, most: number): number {
  if (!Token.isUnresolved(value) && (!Number.isInteger(value) || value < least || value > most)) {
    throw new Soc2MlError(`${prop} is ${JSON.stringify(value)}: pass a whole number from ${least} to ${most}.`);
  }
  return value;
}
