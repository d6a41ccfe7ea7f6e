import { ResourceRule } from '../../rule';
import { requirePolicyNotPublic } from './private';

/**
 * No topic policy lets everyone publish, subscribe or manage the topic. A statement allowing `*`
 * (in any spelling, or through `NotPrincipal`) passes only under a narrowing condition: an account,
 * organization, source (`aws:SourceArn`, `aws:SourceAccount`, as for CloudWatch alarms or S3
 * notifications publishing to the topic) or network. Both `AWS::SNS::TopicPolicy` and the newer
 * `AWS::SNS::TopicInlinePolicy` are read; a policy that cannot be read at synth fails closed.
 */
export const SnsTopicPolicyNotPublic: ResourceRule = {
  id: 'SnsTopicPolicyNotPublic',
  resourceTypes: ['AWS::SNS::TopicPolicy', 'AWS::SNS::TopicInlinePolicy'],
  passes: 'No `Allow` statement of `PolicyDocument` has principal `*` (`"*"`, `{AWS: "*"}`, a wildcard ARN) or a `NotPrincipal` without a narrowing condition (`aws:SourceArn`, `aws:SourceAccount`, `aws:PrincipalOrgID`, …). Service principals and named accounts pass.',
  check: (policy) => requirePolicyNotPublic(policy.properties.PolicyDocument, 'Properties/PolicyDocument', 'Its topic policy'),
};
