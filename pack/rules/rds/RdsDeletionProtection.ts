import { notApplicable, ResourceRule } from '../../rule';
import { requireFlag } from './private';
import { isClusterMember, RDS_TYPES } from './topology';

/**
 * The database cannot be deleted (by a stack update that replaces or removes it, or by hand)
 * while deletion protection is on. Synth cannot tell production from test: a non-production
 * database acknowledges the rule with that reason. An Aurora instance is protected by its cluster.
 */
export const RdsDeletionProtection: ResourceRule = {
  id: 'RdsDeletionProtection',
  resourceTypes: RDS_TYPES,
  passes: '`DeletionProtection: true` in every branch (absent means off). A non-production database acknowledges `Soc2Ml::RdsDeletionProtection` with its reason. Instances of a cluster are not applicable: their cluster is judged.',
  check: (db) => {
    if (isClusterMember(db)) {
      return notApplicable();
    }
    return requireFlag(db, 'DeletionProtection',
      'Deletion protection is off (DeletionProtection absent or false; the default is off), so a stack update or a single API call can delete the database; if it holds no production data, acknowledge the rule with that reason.');
  },
};
