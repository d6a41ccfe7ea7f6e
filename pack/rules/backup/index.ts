import { PackRule, Severity } from '../../rule';
import { BackupVaultKmsEncryption } from './BackupVaultKmsEncryption';

/** The AWS Backup rules, with the criteria, words and severity the pack gives them. */
export const BACKUP_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: BackupVaultKmsEncryption,
    criteria: ['C1.1', 'CC6.1'],
    rationale: 'Encrypts backup copies of confidential information (C1.1) under a key whose policy decides who can decrypt a restored copy (CC6.1).',
    severity: Severity.ERROR,
    finding: 'AWS Backup vault is not encrypted with a customer-managed KMS key.',
    fix: 'Set encryptionKey on the L2 BackupVault (EncryptionKeyArn on CfnBackupVault) to your own key. The key of an existing vault cannot change: create a new vault and point the backup plan at it.',
  },
];
