import { failed, notApplicable, Outcome, ResourceRule, Verdict } from '../../rule';
import { TemplateResource } from '../../template';
import { isUnset } from '../../values';
import { inheritedFrom, requireEncryptedStorage } from './private';
import { isClusterMember, RDS_TYPES, replicaSource } from './topology';

/**
 * The database's storage, and so its automated backups, snapshots and read replicas, is encrypted
 * under a customer-managed key. An Aurora instance is encrypted by its cluster, which is judged. A
 * read replica that states neither setting has its source's encryption (as AWS documents for a
 * replica in the source's region), judged when the source is in the template.
 */
export const RdsStorageEncrypted: ResourceRule = {
  id: 'RdsStorageEncrypted',
  resourceTypes: RDS_TYPES,
  passes: '`StorageEncrypted: true` (absent means unencrypted) and `KmsKeyId` naming a customer-managed key (absent means `aws/rds`), both stated even on a snapshot restore; a read replica stating neither passes when its source instance, in the template, does. Instances of a cluster (`DBClusterIdentifier`) are not applicable: their cluster is judged.',
  check: (db) => (isClusterMember(db) ? notApplicable() : judgeStorage(db, 0)),
};

function judgeStorage(db: TemplateResource, hops: number): Outcome {
  const source = replicaSource(db);
  const silent = isUnset(db.properties.StorageEncrypted) && isUnset(db.properties.KmsKeyId);
  if (!silent || source === undefined || hops >= 5) {
    return requireEncryptedStorage(db, 'StorageEncrypted', 'KmsKeyId', inheritedFrom(db));
  }
  const outcome = judgeStorage(source, hops + 1);
  return outcome.verdict === Verdict.FAILED ? failed(`It inherits the encryption of its source instance ${source.logicalId}: ${outcome.detail}`, outcome.location) : outcome;
}
