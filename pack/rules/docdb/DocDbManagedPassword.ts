import { ResourceRule } from '../../rule';
import { requireManagedCredentials } from '../rds/private';

/**
 * Nobody knows a master password that sits in the template. DocumentDB offers no IAM database
 * authentication through CloudFormation, so the closest control is a master password generated
 * and kept in Secrets Manager: managed by DocumentDB, or resolved from a secret as CDK's
 * `DatabaseCluster` writes it.
 */
export const DocDbManagedPassword: ResourceRule = {
  id: 'DocDbManagedPassword',
  resourceTypes: ['AWS::DocDB::DBCluster'],
  passes: 'No literal (or SSM, or template-parameter) `MasterUserPassword`, and either `ManageMasterUserPassword: true` with `MasterUserSecretKmsKeyId` naming a customer-managed key, or a `MasterUserPassword` that is a `{{resolve:secretsmanager:…}}` reference.',
  check: (cluster) => requireManagedCredentials(cluster, {
    manage: 'ManageMasterUserPassword',
    managedSecretKey: ['MasterUserSecretKmsKeyId'],
    password: 'MasterUserPassword',
  }),
};
