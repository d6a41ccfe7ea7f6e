import { failed, passed, ResourceRule } from '../../rule';
import { keyValuesAt } from '../../readers';
import { flatten, isCustomerManagedKey, isUnset, someBranchNote } from '../../values';
import { REPLICATION_INSTANCE, REPLICATION_TYPES } from './private';

/**
 * What DMS stores while it replicates (the instance's storage: cached changes, task logs, tables
 * staged for a full load; for DMS Serverless, the data of its replications) is encrypted under a
 * customer-managed KMS key. Without `KmsKeyId` (`ComputeConfig.KmsKeyId` for DMS Serverless) DMS
 * uses the account's default key for DMS, the AWS managed `aws/dms`, whose policy the account
 * cannot change. A key given by reference (a `Ref`, `Fn::GetAtt`, an import) counts: that is how a
 * customer-managed key is written; a parameter with `AllowedValues` is judged by each of them.
 * Every `Fn::If` branch counts. The key is chosen at creation: changing it replaces the instance.
 */
export const DmsReplicationKms: ResourceRule = {
  id: 'DmsReplicationKms',
  resourceTypes: REPLICATION_TYPES,
  passes: 'A ReplicationInstance\'s `KmsKeyId`, and a ReplicationConfig\'s `ComputeConfig.KmsKeyId`, names a customer-managed key (a reference, key id or ARN; not `alias/aws/dms`) in every `Fn::If` branch, and in each `AllowedValues` of a parameter; absent means DMS\'s default key, the AWS managed `aws/dms`.',
  check: (replication) => {
    const path = replication.type === REPLICATION_INSTANCE ? ['KmsKeyId'] : ['ComputeConfig', 'KmsKeyId'];
    const property = path.join('.');
    const location = `Properties/${path.join('/')}`;
    const keys = keyValuesAt(replication.properties, path, replication.template);
    if (keys === null) {
      return failed('Its ComputeConfig cannot be read at synth (an intrinsic around its settings), so its key cannot be shown to be customer-managed; write it literally or acknowledge the rule with a reason.', location);
    }
    if (keys.some(isUnset)) {
      return failed(`It names no ${property}${someBranchNote(keys)}, so DMS encrypts what it stores while replicating (cached changes, staged tables, task logs) under its default key, the AWS managed aws/dms, not a customer-managed key whose use the account controls and audits.`, location);
    }
    const managed = keys.find((k) => !isCustomerManagedKey(k));
    if (managed !== undefined) {
      return failed(`Its ${property} names the AWS managed key ${flatten(managed)}${someBranchNote(keys)}, not a customer-managed key.`, location);
    }
    return passed();
  },
};
