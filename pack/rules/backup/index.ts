import { PackRule, Severity } from '../../rule';
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
];
