import { ResourceRule } from '../../rule';
import { requireFlag } from '../rds/private';

/**
 * Requests to the graph are signed by IAM identities: without IAM authentication anyone who can
 * reach the endpoint can query and change it, since Neptune has no database users of its own.
 */
export const NeptuneIamAuth: ResourceRule = {
  id: 'NeptuneIamAuth',
  resourceTypes: ['AWS::Neptune::DBCluster'],
  passes: '`IamAuthEnabled: true` in every branch (absent means off).',
  check: (cluster) => requireFlag(cluster, 'IamAuthEnabled',
    'IAM database authentication is off (IamAuthEnabled absent or false), so any client that reaches the endpoint can read and write the graph unauthenticated.'),
};
