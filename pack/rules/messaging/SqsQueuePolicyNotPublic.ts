import { ResourceRule } from '../../rule';
import { requirePolicyNotPublic } from './private';

/**
 * No queue policy lets everyone send, receive or manage messages. A statement allowing `*` (in any
 * spelling, or through `NotPrincipal`) passes only under a narrowing condition: an account,
 * organization, source (`aws:SourceArn`, `aws:SourceAccount`, as for an SNS topic or EventBridge
 * rule delivering to the queue) or network. Both `AWS::SQS::QueuePolicy` and the newer
 * `AWS::SQS::QueueInlinePolicy` are read; a policy that cannot be read at synth fails closed.
 */
export const SqsQueuePolicyNotPublic: ResourceRule = {
  id: 'SqsQueuePolicyNotPublic',
  resourceTypes: ['AWS::SQS::QueuePolicy', 'AWS::SQS::QueueInlinePolicy'],
  passes: 'No `Allow` statement of `PolicyDocument` has principal `*` (`"*"`, `{AWS: "*"}`, a wildcard ARN) or a `NotPrincipal` without a narrowing condition (`aws:SourceArn`, `aws:SourceAccount`, `aws:PrincipalOrgID`, `aws:SourceVpce`, …). Service principals and named accounts pass.',
  check: (policy) => requirePolicyNotPublic(policy.properties.PolicyDocument, 'Properties/PolicyDocument', 'Its queue policy'),
};
