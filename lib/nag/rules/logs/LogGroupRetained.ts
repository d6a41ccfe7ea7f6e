import { failed, passed, ResourceRule } from '../../rule';
import { alwaysOneOf, describePolicy, RETAINING_DELETION_POLICIES } from '../s3/private';

/**
 * Logs are audit evidence: deleting the stack must not delete them. `RetainExceptOnCreate` is
 * accepted: it only deletes a group whose creation itself failed, which holds no events.
 */
export const LogGroupRetained: ResourceRule = {
  id: 'LogGroupRetained',
  resourceTypes: ['AWS::Logs::LogGroup'],
  passes: '`DeletionPolicy` is `Retain` (or `RetainExceptOnCreate`).',
  check: (group) => {
    if (!alwaysOneOf(group.deletionPolicy, group.template, RETAINING_DELETION_POLICIES)) {
      return failed(`Its DeletionPolicy is ${describePolicy(group.deletionPolicy)}, so deleting the stack deletes its log events.`, 'DeletionPolicy');
    }
    return passed();
  },
};
