import { failed, passed, ResourceRule } from '../../rule';
import { keyValuesAt } from '../../readers';
import { flatten, isCustomerManagedKey, isUnset, someBranchNote } from '../../values';
import { ENVIRONMENT } from './private';

const LOCATION = 'Properties/KmsKey';

/**
 * The environment encrypts what MWAA stores for it (the Airflow metadata database with its
 * connections and variables, the Celery queue, its logs and secrets) with a customer-managed KMS
 * key. Without `KmsKey`, MWAA uses a key AWS owns, whose use the account can neither restrict nor
 * see in CloudTrail. A key given by reference (a `Ref`, `Fn::GetAtt`, an import) counts: that is how
 * a customer-managed key is written; a parameter with `AllowedValues` is judged by each of them.
 * Every `Fn::If` branch counts. `KmsKey` is set only when the environment is created.
 */
export const MwaaKmsEncryption: ResourceRule = {
  id: 'MwaaKmsEncryption',
  resourceTypes: [ENVIRONMENT],
  passes: '`KmsKey` names a customer-managed key (a reference, key id or ARN; not `alias/aws/...`) in every `Fn::If` branch, and in each `AllowedValues` of a parameter; absent means an AWS-owned key.',
  check: (environment) => {
    // Properties are an object, so no level of the path is unreadable.
    const keys = keyValuesAt(environment.properties, ['KmsKey'], environment.template)!;
    if (keys.some(isUnset)) {
      return failed(`It names no KmsKey${someBranchNote(keys)}, so MWAA encrypts its metadata database, queue and logs with an AWS-owned key, not a customer-managed key whose use the account controls and audits.`, LOCATION);
    }
    const managed = keys.find((k) => !isCustomerManagedKey(k));
    if (managed !== undefined) {
      return failed(`Its KmsKey names the AWS-managed key ${flatten(managed)}${someBranchNote(keys)}, not a customer-managed key.`, LOCATION);
    }
    return passed();
  },
};
