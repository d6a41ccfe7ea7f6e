import { ResourceRule } from '../../rule';
import { DOMAIN_TYPES, requireDomainSwitch } from './private';

/**
 * The domain's indices, logs, swap files and automated snapshots are encrypted at rest. Off by
 * default: CloudFormation creates an unencrypted domain when `EncryptionAtRestOptions` is absent,
 * and the L2 Domain writes `Enabled: false` unless `encryptionAtRest.enabled` is set.
 */
export const OpenSearchEncryptedAtRest: ResourceRule = {
  id: 'OpenSearchEncryptedAtRest',
  resourceTypes: DOMAIN_TYPES,
  passes: '`EncryptionAtRestOptions.Enabled: true` in every `Fn::If` branch (any KMS key); absent means unencrypted.',
  check: (domain) => requireDomainSwitch(domain, ['EncryptionAtRestOptions', 'Enabled'], 'Its data is not encrypted at rest'),
};
