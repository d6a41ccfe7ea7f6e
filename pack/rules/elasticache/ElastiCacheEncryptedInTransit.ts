import { failed, Outcome, passed, ResourceRule, Verdict } from '../../rule';
import { TemplateResource } from '../../template';
import { literalAlternatives } from '../../readers';
import { flatten, someBranchNote } from '../../values';
import { requireFlag } from '../rds/private';
import { CACHE_CLUSTER, CacheEngine, cacheEngine, ELASTICACHE_TYPES, REPLICATION_GROUP, singleNodeDetail, UNKNOWN_ENGINE } from './private';

const OFF = 'In-transit encryption is off (TransitEncryptionEnabled absent or false; the default is off), so clients and nodes exchange data in clear text.';

/**
 * Clients connect to the cache over TLS only. A replication group turns it on and must not stay in
 * the `preferred` migration mode, which also accepts clear-text clients; a Memcached cache cluster
 * turns it on (Memcached 1.6.12 or later); a Valkey or Redis OSS cache cluster cannot; serverless
 * caches always use TLS.
 */
export const ElastiCacheEncryptedInTransit: ResourceRule = {
  id: 'ElastiCacheEncryptedInTransit',
  resourceTypes: ELASTICACHE_TYPES,
  passes: 'A ReplicationGroup has `TransitEncryptionEnabled: true` (absent means off) and a `TransitEncryptionMode` other than `preferred` (absent means `required`); a Memcached CacheCluster has `TransitEncryptionEnabled: true`; a ServerlessCache passes (always TLS). A Valkey or Redis OSS CacheCluster fails (it cannot use TLS).',
  check: (cache) => {
    if (cache.type === REPLICATION_GROUP) {
      const enabled = requireFlag(cache, 'TransitEncryptionEnabled', OFF);
      return enabled.verdict === Verdict.PASSED ? requireRequiredMode(cache) : enabled;
    }
    if (cache.type !== CACHE_CLUSTER) {
      return passed();
    }
    switch (cacheEngine(cache)) {
      case CacheEngine.MEMCACHED:
        return requireFlag(cache, 'TransitEncryptionEnabled', OFF);
      case CacheEngine.KEY_VALUE:
        return failed(singleNodeDetail('in-transit encryption'), 'Properties/Engine');
      default:
        return failed(UNKNOWN_ENGINE, 'Properties/Engine');
    }
  },
};

function requireRequiredMode(group: TemplateResource): Outcome {
  const location = 'Properties/TransitEncryptionMode';
  const modes = literalAlternatives(group.properties.TransitEncryptionMode, group.template);
  if (modes === undefined) {
    return failed('Its TransitEncryptionMode comes from a value that cannot be known at synth and may be preferred, which accepts clear-text clients.', location);
  }
  if (modes.some((m) => m !== undefined && flatten(m).toLowerCase() !== 'required')) {
    return failed(`Its TransitEncryptionMode is preferred${someBranchNote(modes)}, so it still accepts clients that connect in clear text; set it to required once clients use TLS.`, location);
  }
  return passed();
}
