import { ResourceRule } from '../../rule';
import { DOMAIN_TYPES, requireDomainSwitch } from './private';

/**
 * Fine-grained access control is on: users and roles are authorized per index, document and
 * field inside the domain, not only by the domain's access policy. Off by default.
 */
export const OpenSearchFineGrainedAccessControl: ResourceRule = {
  id: 'OpenSearchFineGrainedAccessControl',
  resourceTypes: DOMAIN_TYPES,
  passes: '`AdvancedSecurityOptions.Enabled: true` in every `Fn::If` branch; absent means off.',
  check: (domain) => requireDomainSwitch(domain, ['AdvancedSecurityOptions', 'Enabled'], 'Fine-grained access control is off, so anyone the access policy admits can read and write every index'),
};
