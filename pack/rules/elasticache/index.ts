import { PackRule, Severity } from '../../rule';
import { ElastiCacheAuthenticated } from './ElastiCacheAuthenticated';
import { ElastiCacheEncryptedAtRest } from './ElastiCacheEncryptedAtRest';
import { ElastiCacheEncryptedInTransit } from './ElastiCacheEncryptedInTransit';

/** The elasticache rules, with the criteria, words and severity the pack gives them. */
export const ELASTICACHE_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: ElastiCacheEncryptedAtRest,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Cached data at rest is encrypted (CC6.1, C1.1).',
    severity: Severity.ERROR,
    finding: 'ElastiCache cache is not encrypted at rest.',
    fix: 'Create Valkey or Redis OSS caches as a CfnReplicationGroup with atRestEncryptionEnabled: true (and kmsKeyId for your own key), or as a CfnServerlessCache; a CfnCacheCluster of those engines cannot be encrypted.',
  },
  {
    kind: 'resource',
    rule: ElastiCacheEncryptedInTransit,
    criteria: ['CC6.7'],
    rationale: 'Connections to the cache use TLS (CC6.7).',
    severity: Severity.ERROR,
    finding: 'ElastiCache cache accepts connections without TLS.',
    fix: 'Set transitEncryptionEnabled: true on the CfnReplicationGroup (with transitEncryptionMode required or absent) or the Memcached CfnCacheCluster, or use a CfnServerlessCache; a Valkey or Redis OSS CfnCacheCluster cannot use TLS.',
  },
  {
    kind: 'resource',
    rule: ElastiCacheAuthenticated,
    criteria: ['CC6.1'],
    rationale: 'Clients authenticate to the cache (CC6.1).',
    severity: Severity.ERROR,
    finding: 'ElastiCache cache lets clients connect without authenticating.',
    fix: 'Set userGroupIds (a CfnUserGroup of CfnUsers) on the CfnReplicationGroup or userGroupId on the CfnServerlessCache, or an authToken resolved from Secrets Manager (SecretValue.secretsManager(...).unsafeUnwrap(), i.e. {{resolve:secretsmanager:…}}); never a literal token.',
  },
];
