import { ResourceRule } from '../../rule';
import { requireFlag } from '../rds/private';

/**
 * The cluster cannot be deleted while deletion protection is on. Synth cannot tell production from
 * test: a non-production cluster acknowledges the rule with that reason.
 */
export const DocDbDeletionProtection: ResourceRule = {
  id: 'DocDbDeletionProtection',
  resourceTypes: ['AWS::DocDB::DBCluster'],
  passes: '`DeletionProtection: true` in every branch (absent means off). A non-production cluster acknowledges `Soc2Ml::DocDbDeletionProtection` with its reason.',
  check: (cluster) => requireFlag(cluster, 'DeletionProtection',
    'Deletion protection is off (DeletionProtection absent or false; the default is off), so a stack update or a single API call can delete the cluster; if it holds no production data, acknowledge the rule with that reason.'),
};
