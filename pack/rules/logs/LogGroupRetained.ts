import { ResourceRule } from '../../rule';
import { requireRetainedOnDelete } from '../../readers';

/**
 * Logs are audit evidence: deleting the stack must not delete them. `RetainExceptOnCreate` is
 * accepted: it only deletes a group whose creation itself failed, which holds no events.
 */
export const LogGroupRetained: ResourceRule = {
  id: 'LogGroupRetained',
  resourceTypes: ['AWS::Logs::LogGroup'],
  passes: '`DeletionPolicy` is `Retain` (or `RetainExceptOnCreate`).',
  check: (group) => requireRetainedOnDelete(group, 'deletes its log events'),
};
