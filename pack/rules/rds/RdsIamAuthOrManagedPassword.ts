import { notApplicable, ResourceRule } from '../../rule';
import { requireManagedCredentials } from './private';
import { inheritsMasterUser, isClusterMember, RDS_TYPES } from './topology';

/**
 * Nobody knows a master password that sits in the template: the database authenticates with IAM,
 * or its master password is generated and kept in Secrets Manager (managed by RDS, or resolved
 * from a secret as CDK's `Credentials.fromGeneratedSecret` writes it). An Aurora instance has its
 * cluster's users, a read replica or replicating cluster its source's, a secondary cluster of a
 * global database its primary's: they are judged there.
 */
export const RdsIamAuthOrManagedPassword: ResourceRule = {
  id: 'RdsIamAuthOrManagedPassword',
  resourceTypes: RDS_TYPES,
  passes: 'No literal (or SSM, or template-parameter) `MasterUserPassword`, and one of: `EnableIAMDatabaseAuthentication: true`; `ManageMasterUserPassword: true` with `MasterUserSecret.KmsKeyId` naming a customer-managed key; a `MasterUserPassword` that is a `{{resolve:secretsmanager:…}}` reference. Instances of a cluster, read replicas, replicating clusters (`ReplicationSourceIdentifier`) and global secondaries without `MasterUsername` are not applicable: their cluster, source or primary is judged.',
  check: (db) => {
    if (isClusterMember(db) || inheritsMasterUser(db)) {
      return notApplicable();
    }
    return requireManagedCredentials(db, {
      iam: 'EnableIAMDatabaseAuthentication',
      manage: 'ManageMasterUserPassword',
      managedSecretKey: ['MasterUserSecret', 'KmsKeyId'],
      password: 'MasterUserPassword',
    });
  },
};
