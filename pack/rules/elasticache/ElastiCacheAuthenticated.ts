import { failed, notApplicable, Outcome, passed, ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';
import { Json } from '../../json';
import { branches, isUnset } from '../../values';
import { isSecretsManagerReference, secretProblem } from '../rds/private';
import { CACHE_CLUSTER, CacheEngine, cacheEngine, ELASTICACHE_TYPES, REPLICATION_GROUP, singleNodeDetail, UNKNOWN_ENGINE } from './private';

/**
 * Clients authenticate before they read or write the cache: role-based access control (a user
 * group) or an AUTH token kept in Secrets Manager, never written in the template. Only Valkey and
 * Redis OSS replication groups and serverless caches can; a Valkey or Redis OSS cache cluster
 * cannot, and Memcached has no authentication to turn on.
 */
export const ElastiCacheAuthenticated: ResourceRule = {
  id: 'ElastiCacheAuthenticated',
  resourceTypes: ELASTICACHE_TYPES,
  passes: 'A ReplicationGroup has `UserGroupIds` or an `AuthToken` that is a `{{resolve:secretsmanager:…}}` reference (a literal token fails); a Valkey or Redis OSS ServerlessCache has `UserGroupId`. A Valkey or Redis OSS CacheCluster fails (it cannot authenticate); Memcached caches are not applicable (no authentication exists).',
  check: (cache) => {
    const engine = cacheEngine(cache);
    if (engine === CacheEngine.MEMCACHED) {
      return notApplicable();
    }
    if (engine === CacheEngine.UNKNOWN) {
      return failed(UNKNOWN_ENGINE, 'Properties/Engine');
    }
    if (cache.type === REPLICATION_GROUP) {
      return requireReplicationGroupAuth(cache);
    }
    if (cache.type === CACHE_CLUSTER) {
      return failed(singleNodeDetail('AUTH or user groups'), 'Properties/Engine');
    }
    if (!isSet(cache.properties.UserGroupId)) {
      return failed('It names no UserGroupId, so every client that reaches it connects as the default user without a password.', 'Properties/UserGroupId');
    }
    return passed();
  },
};

function requireReplicationGroupAuth(group: TemplateResource): Outcome {
  const token = group.properties.AuthToken;
  const problem = secretProblem(token, 'AuthToken');
  if (problem) {
    return failed(problem, 'Properties/AuthToken');
  }
  if (isSet(group.properties.UserGroupIds) || isSecretsManagerReference(token)) {
    return passed();
  }
  return failed('It has neither UserGroupIds (role-based access control) nor an AuthToken, so every client that reaches it can read and write without authenticating.', 'Properties/UserGroupIds');
}

/** Set in every branch: a non-empty list, a reference, or a value. */
function isSet(value: Json | undefined): boolean {
  return branches(value).every((v) => (Array.isArray(v) ? v.some((item) => !isUnset(item)) : !isUnset(v)));
}
