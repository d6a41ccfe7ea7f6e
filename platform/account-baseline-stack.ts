import { Stack, StackProps, Tags } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AccessLogBucket } from '../constructs/access-log-bucket';
import { AuditTrail } from '../constructs/audit-trail';
import { AuditTrailBucket } from '../constructs/audit-trail-bucket';
import { ConfigRecorderSetup, ContinuousCompliance } from '../constructs/continuous-compliance';
import { AccessReview } from '../constructs/access-review';
import { BackupAssurance } from '../constructs/backup-assurance';
import { ComplianceAlerts } from '../constructs/compliance-alerts';
import { EvidenceArchive } from '../constructs/evidence-archive';
import { ImageScanning, RegistryScanningSetup } from '../constructs/image-scanning';
import { MirroredConfigRule } from '../constructs/mirrored-config-rule';
import { MacieSetup, PersonalDataDiscovery } from '../constructs/personal-data-discovery';
import { PlatformBackup, PlatformBackupVaultLock } from '../constructs/platform-backup';
import { PlatformKey } from '../constructs/platform-key';
import { KeyPurpose } from '../constructs/key-purpose';
import { replicationAcknowledgements } from '../constructs/private/nag-acknowledgements';
import { logRetentionAtLeast } from '../constructs/private/retention';
import { TagKeys } from '../core/tags';
import { SecurityChangeAlarms } from '../constructs/security-change-alarms';
import { SecurityAlertTopic, SlackChannel } from '../constructs/security-alert-topic';
import { alertTopicDestinations } from '../settings/alert-settings';
import { GuardDutySetup, SecurityHubSetup, ThreatDetection } from '../constructs/threat-detection';
import { soc2mlRuleId } from '../core/nag-packs';
import { acknowledgeForPlatform } from '../core/acknowledgements';

export interface AccountBaselineStackProps extends StackProps {
  /**
   * Addresses that receive account-level alerts.
   *
   * @default - none
   */
  readonly alertEmails?: string[];

  /**
   * Slack channels that receive account-level alerts through AWS Chatbot.
   *
   * @default - none
   */
  readonly alertSlackChannels?: SlackChannel[];

  /**
   * Existing SNS topics (ARNs, in this account and region) that receive every alert too: each is
   * reached through a queue subscribed to the alert topic and an EventBridge pipe
   * (`SecurityAlertTopic.forwardTo`).
   *
   * @default - none
   */
  readonly alertTopicArns?: string[];

  /**
   * The account's GuardDuty detector: created here, or adopted (`GuardDutySetup.adopt(detectorId)`)
   * where one exists, since a second detector fails.
   *
   * @default GuardDutySetup.NEW_DETECTOR
   */
  readonly guardDuty?: GuardDutySetup;

  /**
   * The account's Security Hub: enabled here, or adopted (`SecurityHubSetup.EXISTING`).
   *
   * @default SecurityHubSetup.create()
   */
  readonly securityHub?: SecurityHubSetup;

  /**
   * The account's AWS Config recorder and delivery channel: created here, or adopted
   * (`ConfigRecorderSetup.EXISTING`, for example under AWS Control Tower). The mirrored rules are
   * deployed either way.
   *
   * @default ConfigRecorderSetup.create()
   */
  readonly configRecorder?: ConfigRecorderSetup;

  /**
   * Mirrored AWS Config rules to leave out.
   *
   * @default - none
   */
  readonly excludedConfigRules?: MirroredConfigRule[];

  /**
   * The ECR registry's scanning configuration: set here, or adopted (`RegistryScanningSetup.EXISTING`).
   *
   * @default RegistryScanningSetup.ENHANCED_CONTINUOUS
   */
  readonly registryScanning?: RegistryScanningSetup;

  /**
   * The account's Amazon Macie: enabled here, or adopted (`MacieSetup.EXISTING`) where it is
   * enabled already, since enabling it twice fails. The classification jobs and the findings rule
   * are created either way.
   *
   * @default MacieSetup.NEW_SESSION
   */
  readonly macie?: MacieSetup;

  /**
   * The backup vault's lock.
   *
   * @default - governance mode, retention between 35 and 2555 days
   */
  readonly backupVaultLock?: PlatformBackupVaultLock;

  /**
   * Whether this baseline holds the account's trail (management events of every region,
   * SageMaker data events, change alarms). Exactly one baseline per account should: a second
   * trail recording management events is a second, billed copy. A baseline without it still
   * holds the tamper-evident bucket its environments' data-event trails deliver to.
   *
   * @default true
   */
  readonly accountTrail?: boolean;

  /**
   * How long the evidence archive locks each record, in days (at least 400).
   *
   * @default 731
   */
  readonly evidenceRetentionDays?: number;
}

/** The construct id `AccessLogBucket.of(stack)` gives the stack's shared access-log bucket. */
const ACCESS_LOGS_ID = 'Soc2MlAccessLogs';

const TRAIL_BUCKET_REPLICATION_REASON = 'The account baseline is deployed to one region by design, and its trails deliver there. The trail bucket keeps every log and digest file under Object Lock in compliance mode for at least 365 days, versioned, retained on stack deletion and with a 365-day noncurrent-version retention; AuditTrailBucket offers cross-region replication where a second region is approved.';

const BASELINE_REPLICATION_REASON = 'The account baseline is deployed to one account and region by design, like each environment; this bucket holds only the server access logs of the baseline\'s own buckets in that region. It is versioned, TLS-only, blocks public access, keeps logs (Glacier Instant Retrieval after 90 days) and is retained on stack deletion; changes to its configuration are recorded by the account trail, reads and writes of its objects are not.';

/** The value of the `Environment` tag on the account baseline. */
export const BASELINE_ENVIRONMENT_TAG = 'account-baseline';

/**
 * What AWS allows once per account and region, shared by the environments deployed there: the
 * account-level alert topic; threat detection (GuardDuty, Security Hub); continuous compliance
 * evidence (AWS Config recorder and the rules mirroring the pack); registry-wide image scanning;
 * the backup vault and plan; and personal-data discovery (Amazon Macie). Each singleton can be
 * adopted instead of created.
 *
 * It never references an environment stack (they depend on it): per-bucket controls such as
 * GuardDuty Malware Protection for S3 (`S3MalwareProtection`) live with their buckets, and
 * backups select resources by tag.
 */
export class AccountBaselineStack extends Stack {
  /** Account-level security alerts. */
  public readonly alertTopic: SecurityAlertTopic;
  /** GuardDuty, Security Hub and the findings alerts. */
  public readonly threatDetection: ThreatDetection;
  /** The AWS Config recorder and the mirrored rules. */
  public readonly compliance: ContinuousCompliance;
  /** Registry scanning and the image findings alerts. */
  public readonly imageScanning: ImageScanning;
  /** The backup vault, plan and selections. */
  public readonly backup: PlatformBackup;
  /** The restore-testing plan, the Backup Audit Manager framework and its reports (A1.2, A1.3). */
  public readonly backupAssurance: BackupAssurance;
  /** Amazon Macie, its personal-data classification jobs and the findings alerts. */
  public readonly personalDataDiscovery: PersonalDataDiscovery;
  /** The account trail (management events of every region), where this baseline holds it. */
  public readonly auditTrail?: AuditTrail;
  /** Alarms on security-relevant changes the account trail records. */
  public readonly changeAlarms?: SecurityChangeAlarms;
  /** The tamper-evident bucket the trails of this account and region deliver to. */
  public readonly auditTrailBucket: s3.IBucket;
  /** The evidence archive: the records of controls operating, locked for the evidence retention. */
  public readonly evidenceArchive: EvidenceArchive;
  /**
   * How long audit-relevant logs are kept (trails, flow logs, function logs of the gate and the
   * archive writer) and the trail bucket's lock: the evidence retention, rounded up to a value
   * CloudWatch Logs accepts.
   */
  public readonly auditLogRetention: logs.RetentionDays;
  /** Config rules turning NON_COMPLIANT and high-severity Security Hub findings, to the alert topic. */
  public readonly complianceAlerts: ComplianceAlerts;
  /** IAM Access Analyzer (external and unused access) and the quarterly access review reminder. */
  public readonly accessReview: AccessReview;

  constructor(scope: Construct, id: string, props: AccountBaselineStackProps = {}) {
    super(scope, id, props);
    Tags.of(this).add(TagKeys.ENVIRONMENT, BASELINE_ENVIRONMENT_TAG);
    this.alertTopic = new SecurityAlertTopic(this, 'AccountAlerts', {
      environmentName: BASELINE_ENVIRONMENT_TAG,
      ...alertTopicDestinations(props),
      displayName: 'SOC 2 ML account security alerts',
    });
    this.evidenceArchive = new EvidenceArchive(this, 'EvidenceArchive', {
      alertTopic: this.alertTopic,
      retentionDays: props.evidenceRetentionDays,
    });
    this.auditLogRetention = logRetentionAtLeast(this.evidenceArchive.retentionDays);
    this.threatDetection = new ThreatDetection(this, 'ThreatDetection', {
      alertTopic: this.alertTopic,
      guardDuty: props.guardDuty,
      securityHub: props.securityHub,
    });
    this.acknowledgeAdoptedDetector(this);
    this.compliance = new ContinuousCompliance(this, 'ContinuousCompliance', {
      recorder: props.configRecorder,
      excludedRules: props.excludedConfigRules,
      // AWS Config cannot deliver into the archive's locked bucket; replication can.
      deliveryReplication: { destination: this.evidenceArchive.bucket.bucket, destinationKey: this.evidenceArchive.encryptionKey },
    });
    this.complianceAlerts = new ComplianceAlerts(this, 'ComplianceAlerts', { alertTopic: this.alertTopic });
    this.accessReview = new AccessReview(this, 'AccessReview', {
      alertTopic: this.alertTopic,
      evidenceArchive: this.evidenceArchive,
      // IAM is global: one unused-access analyzer per account, in the baseline holding the account trail.
      unusedAccess: props.accountTrail ?? true,
    });
    this.imageScanning = new ImageScanning(this, 'ImageScanning', {
      alertTopic: this.alertTopic,
      registryScanning: props.registryScanning,
    });
    this.backup = new PlatformBackup(this, 'Backup', {
      alertTopic: this.alertTopic,
      vaultLock: props.backupVaultLock,
    });
    this.backupAssurance = new BackupAssurance(this, 'BackupAssurance', {
      backup: this.backup,
      evidenceArchive: this.evidenceArchive,
      alertTopic: this.alertTopic,
    });
    // Buckets are chosen by their PersonalData and DataClassification tags each time a job runs,
    // so the baseline never names an environment's bucket.
    this.personalDataDiscovery = new PersonalDataDiscovery(this, 'PersonalDataDiscovery', {
      alertTopic: this.alertTopic,
      macie: props.macie,
    });

    let trailBucket: AuditTrailBucket;
    if (props.accountTrail ?? true) {
      // Trail events are kept, searchable and locked, at least as long as the evidence archive's records.
      this.auditTrail = new AuditTrail(this, 'AuditTrail', { environmentName: BASELINE_ENVIRONMENT_TAG, logRetention: this.auditLogRetention });
      this.changeAlarms = new SecurityChangeAlarms(this, 'ChangeAlarms', {
        logGroup: this.auditTrail.logGroup,
        alertTopic: this.alertTopic.topic,
      });
      this.auditTrailBucket = this.auditTrail.bucket;
      trailBucket = this.auditTrail.node.findChild('Bucket') as AuditTrailBucket;
    } else {
      // Another region of the account holds the account trail; this region keeps its own
      // tamper-evident bucket for its environments' data events (a trail's key and bucket are in
      // its region).
      const key = new PlatformKey(this, 'AuditTrailKey', { purpose: KeyPurpose.LOGS, environmentName: BASELINE_ENVIRONMENT_TAG });
      trailBucket = new AuditTrailBucket(this, 'AuditTrailBucket', { encryptionKey: key.key, objectLockRetentionDays: this.auditLogRetention });
      this.auditTrailBucket = trailBucket.bucket;
    }
    acknowledgeForPlatform(trailBucket, ...replicationAcknowledgements(TRAIL_BUCKET_REPLICATION_REASON));

    // The Config delivery bucket logs to the stack's shared access-log bucket; its acknowledgement
    // of the SSE-S3 and self-logging facts is made by AccessLogBucket itself.
    const accessLogs = this.node.tryFindChild(ACCESS_LOGS_ID);
    if (accessLogs instanceof AccessLogBucket) {
      acknowledgeForPlatform(accessLogs.bucket, ...replicationAcknowledgements(BASELINE_REPLICATION_REASON));
    }
  }

  /**
   * Acknowledge, on a stack this baseline serves (or on the baseline itself), the pack's
   * `AppHasThreatDetection` warning when the baseline adopted the account's GuardDuty detector:
   * the detector exists, but outside the app, so no stack of the app defines it. Nothing is
   * acknowledged when the baseline creates the detector.
   */
  public acknowledgeAdoptedDetector(stack: Stack): void {
    if (this.threatDetection.detector !== undefined) {
      return;
    }
    acknowledgeForPlatform(stack, {
      id: soc2mlRuleId('AppHasThreatDetection'),
      reason: `The account's GuardDuty detector ${this.threatDetection.detectorId} exists and is managed outside this app (adopted by the account baseline ${this.stackName} with GuardDutySetup.adopt); its findings still reach the baseline's alert topic.`,
    });
  }
}
