import { ResourceRule } from '../../rule';
import { requirePolicyNotPublic } from '../messaging/private';

/**
 * No CloudWatch Logs resource policy lets anyone in: an `AWS::Logs::ResourcePolicy` or a
 * subscription destination's `DestinationPolicy` allows no principal `*` (or a `NotPrincipal`)
 * without a condition narrowing it to an account, organization, source or network. Service principals (`delivery.logs.amazonaws.com`, `es…`) are
 * not everyone. The documents are JSON strings; one CDK joined from references is read with each
 * reference as a placeholder, and one synth cannot read fails closed.
 */
export const LogsResourcePolicyNotPublic: ResourceRule = {
  id: 'LogsResourcePolicyNotPublic',
  resourceTypes: ['AWS::Logs::ResourcePolicy', 'AWS::Logs::Destination'],
  passes: 'The `PolicyDocument` of a resource policy and the `DestinationPolicy` of a destination (absent: the owner account only) allow principal `*` (or a `NotPrincipal`) only with a narrowing condition such as `aws:PrincipalOrgID` or `aws:SourceAccount`.',
  check: (resource) => (resource.type === 'AWS::Logs::Destination'
    ? requirePolicyNotPublic(resource.properties.DestinationPolicy, 'Properties/DestinationPolicy', 'Its destination policy')
    : requirePolicyNotPublic(resource.properties.PolicyDocument, 'Properties/PolicyDocument', 'Its CloudWatch Logs resource policy')),
};
