import { PackRule, Severity } from '../../rule';
import { BackupPlanRetention, MIN_BACKUP_RETENTION_DAYS } from './BackupPlanRetention';
import { BackupVaultKmsEncryption } from './BackupVaultKmsEncryption';

/** The AWS Backup rules, with the criteria, words and severity the pack gives them. */
export const BACKUP_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: BackupVaultKmsEncryption,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Recovery points are encrypted under a customer-managed key (CC6.1) and copy confidential data (C1.1). Encryption recovers nothing (A1.2), responds to nothing (CC7.4) and keeps nothing complete (PI1.5).',
    reference: { check: 'prowler:backup_vaults_encrypted', criteria: ['CC7.4', 'A1.2', 'PI1.5'] },
    severity: Severity.ERROR,
    finding: 'AWS Backup vault is not encrypted with a customer-managed KMS key.',
    fix: 'Set encryptionKey on the L2 BackupVault (EncryptionKeyArn on CfnBackupVault) to your own key. The key of an existing vault cannot change: create a new vault and point the backup plan at it.',
  },
  {
    kind: 'resource',
    rule: BackupPlanRetention,
    criteria: ['A1.2', 'CC7.4'],
    rationale: `Backups are kept long enough to restore from (A1.2), including data damaged by an incident found weeks later (CC7.4): ${MIN_BACKUP_RETENTION_DAYS} days, as the community check.`,
    reference: { check: 'steampipe:backup_plan_min_retention_35_days', criteria: ['CC7.4', 'A1.2'] },
    severity: Severity.ERROR,
    finding: `AWS Backup plan deletes recovery points (or their copies) sooner than ${MIN_BACKUP_RETENTION_DAYS} days after they are made.`,
    fix: `Keep recovery points at least ${MIN_BACKUP_RETENTION_DAYS} days: deleteAfter: Duration.days(${MIN_BACKUP_RETENTION_DAYS}) or more on each BackupPlanRule and each copy action (Lifecycle.DeleteAfterDays), or leave it out to keep them until deleted.`,
  },
];
