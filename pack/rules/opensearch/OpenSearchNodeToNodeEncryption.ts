import { ResourceRule } from '../../rule';
import { DOMAIN_TYPES, requireDomainSwitch } from './private';

/**
 * Traffic between the domain's nodes is encrypted with TLS. Off by default, and it is what
 * fine-grained access control and `EnforceHTTPS` leave unprotected inside the cluster.
 */
export const OpenSearchNodeToNodeEncryption: ResourceRule = {
  id: 'OpenSearchNodeToNodeEncryption',
  resourceTypes: DOMAIN_TYPES,
  passes: '`NodeToNodeEncryptionOptions.Enabled: true` in every `Fn::If` branch; absent means off.',
  check: (domain) => requireDomainSwitch(domain, ['NodeToNodeEncryptionOptions', 'Enabled'], 'Traffic between its nodes is not encrypted'),
};
