import { ResourceRule } from '../../rule';
import { requirePolicyNotPublic } from '../messaging/private';

/**
 * The secret's resource policy grants nothing to everyone: no `Allow` to `*` (or with
 * `NotPrincipal`) without a condition narrowing it to an account, organization, source or network,
 * the test the pack applies to every resource policy. A policy synth cannot read fails.
 */
export const SecretPolicyNotPublic: ResourceRule = {
  id: 'SecretPolicyNotPublic',
  resourceTypes: ['AWS::SecretsManager::ResourcePolicy'],
  passes: 'No `Allow` statement of `ResourcePolicy` has principal `*` (or `{AWS: "*"}`, a wildcard ARN, or a `NotPrincipal`) without a narrowing condition (`aws:PrincipalOrgID`, `aws:SourceAccount`, `aws:SourceVpce`, …).',
  check: (policy) => requirePolicyNotPublic(policy.properties.ResourcePolicy, 'Properties/ResourcePolicy', 'Its secret resource policy'),
};
