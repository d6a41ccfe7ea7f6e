import { Duration, RemovalPolicy, Stack, Tags, Token } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct, IConstruct } from 'constructs';
import { TagKeys } from '../core/tags';
import { PlatformKey } from './platform-key';
import { KeyPurpose } from './key-purpose';
import { IAlertDestination } from './security-alert-topic';
import { alertTarget } from './private/alert-destination';
import { awsManagedPolicyFinding, awsSolutionsRuleId } from '../core/nag-packs';
import { acknowledgeForPlatform } from '../core/acknowledgements';
import { Soc2MlError } from '../core/errors';

/** AWS Backup Vault Lock modes. */
export enum BackupVaultLockMode {
  /**
   * The lock enforces its retention bounds, and identities allowed
   * `backup:DeleteBackupVaultLockConfiguration` can remove it.
   */
  GOVERNANCE = 'GOVERNANCE',
  /**
   * After `changeableForDays` the lock is immutable: nobody, the account root included, can remove
   * it, delete a recovery point before its retention ends, or delete the vault while it holds any.
   */
  COMPLIANCE = 'COMPLIANCE',
}

/** AWS Backup Vault Lock for a `PlatformBackup` vault. */
export interface PlatformBackupVaultLock {
  /** Governance (removable by authorized identities) or compliance (immutable after the grace time). */
  readonly mode: BackupVaultLockMode;

  /**
   * The shortest retention a recovery point in the vault may have, in days.
   *
   * @default 35
   */
  readonly minRetentionDays?: number;

  /**
   * The longest retention a recovery point in the vault may have, in days.
   *
   * @default 2555 (7 years)
   */
  readonly maxRetentionDays?: number;

  /**
   * In compliance mode, the days before the lock becomes immutable (at least 3): the time to
   * test it and, if needed, remove it. Not used in governance mode.
   *
   * @default 3 in compliance mode
   */
  readonly changeableForDays?: number;
}

export interface PlatformBackupProps {
  /**
   * The customer-managed key that encrypts the vault's recovery points.
   *
   * @default - a new `PlatformKey` for data
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Vault Lock settings.
   *
   * @default - governance mode, retention between 35 and 2555 days
   */
  readonly vaultLock?: PlatformBackupVaultLock;

  /**
   * How long daily recovery points are kept (A1.2 asks for at least 35 days).
   *
   * @default Duration.days(35)
   */
  readonly dailyRetention?: Duration;

  /**
   * How long the first-of-the-month recovery points are kept, so a year of audit period can be
   * restored from.
   *
   * @default Duration.days(365)
   */
  readonly monthlyRetention?: Duration;

  /**
   * Where failed, aborted and expired backup jobs are reported.
   *
   * @default - no alert
   */
  readonly alertTopic?: IAlertDestination;
}

const MIN_DAILY_RETENTION_DAYS = 35;
const DEFAULT_MAX_RETENTION_DAYS = 2555;
const MAX_RETENTION_DAYS = 36500;

/**
 * Backups for availability (A1.2): a vault encrypted with a customer-managed key and protected by
 * AWS Backup Vault Lock and a policy that denies deleting recovery points, a plan with daily
 * backups (kept 35 days) and monthly ones (kept a year), a role with AWS's managed service-role
 * policies for backup and restore (S3 included), and two selections:
 * - every resource tagged `BackupPlan=soc2ml-daily` (`PlatformBackup.markForBackup(construct)`);
 * - every SageMaker Studio home file system of the account and region (Studio creates them
 *   outside CloudFormation and tags them `ManagedByAmazonSageMakerResource` with the domain ARN).
 *
 * Failed, aborted and expired backup jobs go to the alert topic, if one is given.
 */
export class PlatformBackup extends Construct {
  /** The tag key that puts a resource in the platform's backup plan. */
  public static readonly TAG_KEY: string = TagKeys.BACKUP_PLAN;
  /** The tag value that puts a resource in the platform's backup plan. */
  public static readonly TAG_VALUE = 'soc2ml-daily';

  /**
   * Put a resource (and every taggable resource under the construct) in the platform's backup
   * plan, by tagging it `BackupPlan=soc2ml-daily`. S3 buckets must be versioned (SecureBucket is).
   */
  public static markForBackup(construct: IConstruct): void {
    Tags.of(construct).add(PlatformBackup.TAG_KEY, PlatformBackup.TAG_VALUE);
  }

  /** The vault. */
  public readonly vault: backup.BackupVault;
  /** The key that encrypts the vault. */
  public readonly encryptionKey: kms.IKey;
  /** The plan. */
  public readonly plan: backup.BackupPlan;
  /** The role AWS Backup assumes to back up and restore the selected resources. */
  public readonly role: iam.Role;
  /** How long daily recovery points are kept. */
  public readonly dailyRetention: Duration;

  constructor(scope: Construct, id: string, props: PlatformBackupProps = {}) {
    super(scope, id);
    const dailyRetention = props.dailyRetention ?? Duration.days(MIN_DAILY_RETENTION_DAYS);
    this.dailyRetention = dailyRetention;
    const monthlyRetention = props.monthlyRetention ?? Duration.days(365);
    const lock = resolveLock(props.vaultLock);
    checkRetention('dailyRetention', dailyRetention, lock, MIN_DAILY_RETENTION_DAYS);
    checkRetention('monthlyRetention', monthlyRetention, lock, MIN_DAILY_RETENTION_DAYS);

    this.encryptionKey = props.encryptionKey ?? new PlatformKey(this, 'Key', {
      purpose: KeyPurpose.DATA,
      description: 'cdk-soc2-ml backup vault key',
    }).key;

    this.vault = this.createVault(lock);
    this.plan = this.createPlan(dailyRetention, monthlyRetention);
    this.role = this.createRole();
    this.selectResources();
    if (props.alertTopic) {
      this.alertOnFailedJobs(props.alertTopic);
    }
    this.acknowledgeManagedPolicies();
  }

  private createVault(lock: ResolvedLock): backup.BackupVault {
    return new backup.BackupVault(this, 'Vault', {
      encryptionKey: this.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
      blockRecoveryPointDeletion: true,
      lockConfiguration: {
        minRetention: Duration.days(lock.minRetentionDays),
        maxRetention: Duration.days(lock.maxRetentionDays),
        changeableFor: lock.changeableForDays !== undefined ? Duration.days(lock.changeableForDays) : undefined,
      },
    });
  }

  private createPlan(dailyRetention: Duration, monthlyRetention: Duration): backup.BackupPlan {
    // Times are UTC; the start and completion windows keep a slow first S3 backup from overlapping the next day's.
    const window = { startWindow: Duration.hours(1), completionWindow: Duration.hours(23) };
    return new backup.BackupPlan(this, 'Plan', {
      backupVault: this.vault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'daily',
          scheduleExpression: events.Schedule.cron({ minute: '0', hour: '5' }),
          deleteAfter: dailyRetention,
          ...window,
        }),
        new backup.BackupPlanRule({
          ruleName: 'monthly',
          scheduleExpression: events.Schedule.cron({ minute: '0', hour: '5', day: '1' }),
          deleteAfter: monthlyRetention,
          ...window,
        }),
      ],
    });
  }

  private createRole(): iam.Role {
    const managed = (name: string) => iam.ManagedPolicy.fromAwsManagedPolicyName(name);
    return new iam.Role(this, 'Role', {
      description: 'Assumed by AWS Backup to back up and restore the resources the platform marks for backup.',
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      managedPolicies: MANAGED_POLICIES.map(managed),
    });
  }

  /** The plan's two selections: resources marked for backup, and Studio's home file systems. */
  private selectResources(): void {
    new backup.CfnBackupSelection(this, 'TaggedResources', {
      backupPlanId: this.plan.backupPlanId,
      backupSelection: {
        selectionName: 'tagged-resources',
        iamRoleArn: this.role.roleArn,
        listOfTags: [{ conditionType: 'STRINGEQUALS', conditionKey: PlatformBackup.TAG_KEY, conditionValue: PlatformBackup.TAG_VALUE }],
      },
    });
    const stack = Stack.of(this);
    new backup.CfnBackupSelection(this, 'StudioHomeFileSystems', {
      backupPlanId: this.plan.backupPlanId,
      backupSelection: {
        selectionName: 'studio-home-file-systems',
        iamRoleArn: this.role.roleArn,
        resources: [stack.formatArn({ service: 'elasticfilesystem', resource: 'file-system', resourceName: '*' })],
        // Untyped in the L1: CloudFormation's own (PascalCase) names.
        conditions: {
          StringLike: [{
            ConditionKey: 'aws:ResourceTag/ManagedByAmazonSageMakerResource',
            ConditionValue: stack.formatArn({ service: 'sagemaker', resource: 'domain', resourceName: '*' }),
          }],
        },
      },
    });
  }

  private alertOnFailedJobs(alertTopic: IAlertDestination): void {
    const field = (path: string) => events.EventField.fromPath(path);
    new events.Rule(this, 'FailedJobsToAlerts', {
      description: 'AWS Backup jobs that failed, were aborted or expired, to the alert topic.',
      eventPattern: {
        source: ['aws.backup'],
        detailType: ['Backup Job State Change'],
        detail: { state: ['FAILED', 'ABORTED', 'EXPIRED'] },
      },
      targets: [alertTarget(alertTopic, events.RuleTargetInput.fromText(
        `AWS Backup job ${field('$.detail.backupJobId')} ended ${field('$.detail.state')} in account ${field('$.account')}, region ${field('$.region')}: `
        + `${field('$.detail.resourceArn')} was not backed up (${field('$.detail.statusMessage')}). Fix the cause and run an on-demand backup.`,
      ))],
    });
  }

  private acknowledgeManagedPolicies(): void {
    const managedPolicyReason = 'These are the AWS managed service-role policies AWS Backup documents for its backup role (AWSBackupServiceRolePolicyForBackup, AWSBackupServiceRolePolicyForRestores, AWSBackupServiceRolePolicyForS3Backup, AWSBackupServiceRolePolicyForS3Restore); AWS keeps them current as services add backup features. The role is assumable only by backup.amazonaws.com and the plan\'s selections decide what it touches.';
    acknowledgeForPlatform(this.role, ...MANAGED_POLICIES.map((name) => ({
      id: awsSolutionsRuleId('IAM4', awsManagedPolicyFinding(name)),
      reason: managedPolicyReason,
    })));
  }
}

const MANAGED_POLICIES = [
  'service-role/AWSBackupServiceRolePolicyForBackup',
  'service-role/AWSBackupServiceRolePolicyForRestores',
  'AWSBackupServiceRolePolicyForS3Backup',
  'AWSBackupServiceRolePolicyForS3Restore',
];

interface ResolvedLock {
  readonly minRetentionDays: number;
  readonly maxRetentionDays: number;
  readonly changeableForDays?: number;
}

function resolveLock(lock: PlatformBackupVaultLock | undefined): ResolvedLock {
  const mode = lock?.mode ?? BackupVaultLockMode.GOVERNANCE;
  if (!Object.values(BackupVaultLockMode).includes(mode)) {
    throw new Soc2MlError(`vaultLock.mode is ${JSON.stringify(mode)}: pass BackupVaultLockMode.GOVERNANCE or BackupVaultLockMode.COMPLIANCE.`);
  }
  const min = lock?.minRetentionDays ?? MIN_DAILY_RETENTION_DAYS;
  const max = lock?.maxRetentionDays ?? DEFAULT_MAX_RETENTION_DAYS;
  checkDays('vaultLock.minRetentionDays', min, 1);
  checkDays('vaultLock.maxRetentionDays', max, 1);
  if (min > max) {
    throw new Soc2MlError(`vaultLock.minRetentionDays (${min}) is greater than vaultLock.maxRetentionDays (${max}): no recovery point could be kept. Lower the minimum or raise the maximum.`);
  }
  if (mode === BackupVaultLockMode.GOVERNANCE) {
    if (lock?.changeableForDays !== undefined) {
      throw new Soc2MlError(`vaultLock.changeableForDays is ${lock.changeableForDays}, but the lock is in governance mode, which has no grace time: remove changeableForDays, or use BackupVaultLockMode.COMPLIANCE.`);
    }
    return { minRetentionDays: min, maxRetentionDays: max };
  }
  const changeableFor = lock?.changeableForDays ?? 3;
  checkDays('vaultLock.changeableForDays', changeableFor, 3);
  return { minRetentionDays: min, maxRetentionDays: max, changeableForDays: changeableFor };
}

function checkDays(propName: string, days: number, least: number): void {
  if (Token.isUnresolved(days)) {
    return;
  }
  if (typeof days !== 'number' || !Number.isInteger(days) || days < least || days > MAX_RETENTION_DAYS) {
    throw new Soc2MlError(`${propName} is ${JSON.stringify(days)}: pass a whole number of days from ${least} to ${MAX_RETENTION_DAYS}.`);
  }
}

function checkRetention(propName: string, retention: Duration, lock: ResolvedLock, least: number): void {
  if (retention.isUnresolved()) {
    return;
  }
  const days = retention.toDays({ integral: false });
  if (days < least) {
    throw new Soc2MlError(`${propName} is ${days} days: backups must be kept at least ${least} days (A1.2 recovery from a problem found up to a month late). Pass Duration.days(${least}) or more.`);
  }
  if (days < lock.minRetentionDays || days > lock.maxRetentionDays) {
    throw new Soc2MlError(`${propName} is ${days} days, outside the vault lock's retention of ${lock.minRetentionDays} to ${lock.maxRetentionDays} days: AWS Backup would reject every job. Pass a retention within it, or change vaultLock.`);
  }
}
