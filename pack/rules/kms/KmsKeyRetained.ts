import { ResourceRule } from '../../rule';
import { requireRetainedOnDelete } from '../../readers';

/**
 * Deleting a key's stack must not schedule the key for deletion: everything encrypted under it
 * would become unreadable when the waiting period ends. `RetainExceptOnCreate` is accepted: it
 * only deletes a key whose creation itself failed, which has encrypted nothing yet.
 */
export const KmsKeyRetained: ResourceRule = {
  id: 'KmsKeyRetained',
  resourceTypes: ['AWS::KMS::Key'],
  passes: '`DeletionPolicy` is `Retain` (or `RetainExceptOnCreate`).',
  check: (key) => requireRetainedOnDelete(key, 'schedules the key for deletion'),
};
