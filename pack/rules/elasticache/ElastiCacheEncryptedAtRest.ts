import { failed, notApplicable, passed, ResourceRule } from '../../rule';
import { requireFlag } from '../rds/private';
import { CACHE_CLUSTER, CacheEngine, cacheEngine, ELASTICACHE_TYPES, REPLICATION_GROUP, singleNodeDetail, UNKNOWN_ENGINE } from './private';

/**
 * Cached data written to disk (snapshots, swap, data tiering) is encrypted. A replication group
 * turns it on; serverless caches are always encrypted at rest; a Valkey or Redis OSS cache cluster
 * cannot be; Memcached keeps data in memory only, and has no such setting.
 */
export const ElastiCacheEncryptedAtRest: ResourceRule = {
  id: 'ElastiCacheEncryptedAtRest',
  resourceTypes: ELASTICACHE_TYPES,
  passes: 'A ReplicationGroup has `AtRestEncryptionEnabled: true` (absent means off); a ServerlessCache passes (always encrypted). A Valkey or Redis OSS CacheCluster fails (it cannot be encrypted at rest); a Memcached CacheCluster is not applicable (memory only).',
  check: (cache) => {
    if (cache.type === REPLICATION_GROUP) {
      return requireFlag(cache, 'AtRestEncryptionEnabled',
        'Encryption at rest is off (AtRestEncryptionEnabled absent or false; the default is off), so its snapshots and the data it writes to disk are not encrypted.');
    }
    if (cache.type !== CACHE_CLUSTER) {
      return passed();
    }
    switch (cacheEngine(cache)) {
      case CacheEngine.MEMCACHED:
        return notApplicable();
      case CacheEngine.KEY_VALUE:
        return failed(singleNodeDetail('encryption at rest'), 'Properties/Engine');
      default:
        return failed(UNKNOWN_ENGINE, 'Properties/Engine');
    }
  },
};
