import { failed, passed, ResourceRule } from '../../rule';
import { alwaysOneOf, describePolicy, RETAINING_DELETION_POLICIES } from '../s3/private';

/**
 * Deleting a key's stack must not schedule the key for deletion: everything encrypted under it
 * would become unreadable when the waiting period ends. `RetainExceptOnCreate` is accepted: it
 * only deletes a key whose creation itself failed, which has encrypted nothing yet.
 */
export const KmsKeyRetained: ResourceRule = {
  id: 'KmsKeyRetained',
  resourceTypes: ['AWS::KMS::Key'],
  passes: '`DeletionPolicy` is `Retain` (or `RetainExceptOnCreate`).',
  check: (key) => {
    if (!alwaysOneOf(key.deletionPolicy, key.template, RETAINING_DELETION_POLICIES)) {
      return failed(`Its DeletionPolicy is ${describePolicy(key.deletionPolicy)}, so deleting the stack schedules the key for deletion.`, 'DeletionPolicy');
    }
    return passed();
  },
};
