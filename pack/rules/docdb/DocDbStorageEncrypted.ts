import { ResourceRule } from '../../rule';
import { inheritedFrom, requireEncryptedStorage } from '../rds/private';

/** The documents, backups and snapshots are encrypted under a customer-managed key. */
export const DocDbStorageEncrypted: ResourceRule = {
  id: 'DocDbStorageEncrypted',
  resourceTypes: ['AWS::DocDB::DBCluster'],
  passes: '`StorageEncrypted: true` (absent means unencrypted) and `KmsKeyId` naming a customer-managed key (absent means `aws/rds`), stated even on a restore.',
  check: (cluster) => requireEncryptedStorage(cluster, 'StorageEncrypted', 'KmsKeyId', inheritedFrom(cluster)),
};
