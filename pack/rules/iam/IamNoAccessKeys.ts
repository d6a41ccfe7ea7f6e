import { failed, ResourceRule } from '../../rule';

/**
 * The platform creates no long-lived access keys: workloads use roles and people federate. An
 * inactive key fails too, since one property change activates it.
 */
export const IamNoAccessKeys: ResourceRule = {
  id: 'IamNoAccessKeys',
  resourceTypes: ['AWS::IAM::AccessKey'],
  passes: 'No `AWS::IAM::AccessKey` resources: every one fails.',
  check: () => failed('It creates a long-lived IAM access key.', 'Properties'),
};
