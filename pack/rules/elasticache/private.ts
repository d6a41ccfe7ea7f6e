import { TemplateResource } from '../../template';
import { literalAlternatives } from '../../readers';

/*
 * ElastiCache's three resource types and the engine a resource runs: the controls differ between
 * Memcached (in memory only, no users) and Valkey or Redis OSS.
 */

export const REPLICATION_GROUP = 'AWS::ElastiCache::ReplicationGroup';
export const CACHE_CLUSTER = 'AWS::ElastiCache::CacheCluster';
export const SERVERLESS_CACHE = 'AWS::ElastiCache::ServerlessCache';
export const ELASTICACHE_TYPES: readonly string[] = [REPLICATION_GROUP, CACHE_CLUSTER, SERVERLESS_CACHE];

export enum CacheEngine {
  MEMCACHED = 'Memcached',
  /** Valkey or Redis OSS. */
  KEY_VALUE = 'Valkey or Redis OSS',
  UNKNOWN = 'unknown',
}

/**
 * The engine of a cache: a replication group is always Valkey or Redis OSS; a cluster or a
 * serverless cache names it in `Engine`, in every branch, or it is unknown.
 */
export function cacheEngine(cache: TemplateResource): CacheEngine {
  if (cache.type === REPLICATION_GROUP) {
    return CacheEngine.KEY_VALUE;
  }
  const engines = literalAlternatives(cache.properties.Engine, cache.template)?.map((e) => (typeof e === 'string' ? e.toLowerCase() : ''));
  if (engines?.length && engines.every((e) => e === 'memcached')) {
    return CacheEngine.MEMCACHED;
  }
  if (engines?.length && engines.every((e) => e === 'redis' || e === 'valkey')) {
    return CacheEngine.KEY_VALUE;
  }
  return CacheEngine.UNKNOWN;
}

/** The finding for a cache whose engine synth cannot tell. */
export const UNKNOWN_ENGINE = 'Its Engine is not a literal memcached, valkey or redis in every branch, so which controls apply cannot be known at synth.';

/** The finding for a single-node Valkey or Redis OSS cluster, which lacks a control only replication groups have. */
export function singleNodeDetail(control: string): string {
  return `A Valkey or Redis OSS CacheCluster cannot have ${control}; create the cache as an AWS::ElastiCache::ReplicationGroup (one node is allowed) or a ServerlessCache.`;
}
