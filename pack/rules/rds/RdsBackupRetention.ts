import { failed, notApplicable, passed, ResourceRule } from '../../rule';
import { literalAlternatives } from '../../readers';
import { asNumber } from '../../values';
import { isClusterMember, isReadReplica, RDS_TYPES } from './topology';

/** A week of automated backups: point-in-time recovery over the span in which loss is noticed. */
export const MIN_BACKUP_RETENTION_DAYS = 7;

/**
 * Automated backups are kept at least a week. An Aurora instance is backed up by its cluster, and
 * a read replica holds its source's data, whose backups are judged on the source.
 */
export const RdsBackupRetention: ResourceRule = {
  id: 'RdsBackupRetention',
  resourceTypes: RDS_TYPES,
  passes: `\`BackupRetentionPeriod\` is at least ${MIN_BACKUP_RETENTION_DAYS} in every branch (absent means 1 day; 0 turns backups off). Instances of a cluster and read replicas are not applicable: their cluster or source is judged.`,
  check: (db) => {
    if (isClusterMember(db) || isReadReplica(db)) {
      return notApplicable();
    }
    const location = 'Properties/BackupRetentionPeriod';
    const values = literalAlternatives(db.properties.BackupRetentionPeriod, db.template);
    if (values === undefined) {
      return failed(`Its BackupRetentionPeriod comes from a value that cannot be known at synth and may be shorter than ${MIN_BACKUP_RETENTION_DAYS} days.`, location);
    }
    for (const v of values) {
      if (v === undefined) {
        return failed(`It sets no BackupRetentionPeriod, so automated backups are kept 1 day (the default), less than ${MIN_BACKUP_RETENTION_DAYS}.`, location);
      }
      const days = asNumber(v);
      if (days === undefined || days < MIN_BACKUP_RETENTION_DAYS) {
        return failed(`It keeps automated backups ${JSON.stringify(v)} days, less than ${MIN_BACKUP_RETENTION_DAYS}.`, location);
      }
    }
    return passed();
  },
};
