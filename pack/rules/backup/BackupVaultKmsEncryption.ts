import { ResourceRule } from '../../rule';
import { requireCustomerKeyAt } from '../opensearch/private';

/**
 * Recovery points in the vault are encrypted with a customer-managed key. Without
 * `EncryptionKeyArn` AWS Backup uses its AWS-managed key (`aws/backup`), whose policy the account
 * cannot narrow: anyone allowed to restore can decrypt. Recovery points of services with their own
 * encryption (S3, DynamoDB with a customer key, EFS, …) keep it; the vault key covers the rest.
 */
export const BackupVaultKmsEncryption: ResourceRule = {
  id: 'BackupVaultKmsEncryption',
  resourceTypes: ['AWS::Backup::BackupVault'],
  passes: '`EncryptionKeyArn` names a customer-managed key (a reference, key ARN or customer alias; not `alias/aws/backup`) in every `Fn::If` branch; absent means the AWS-managed key.',
  check: (vault) => requireCustomerKeyAt(vault.properties, ['EncryptionKeyArn'], 'Properties/EncryptionKeyArn',
    'It', 'AWS Backup encrypts its recovery points with the AWS-managed key aws/backup'),
};
