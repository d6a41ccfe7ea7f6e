import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { ELASTICACHE_RULES } from '../../../../pack/rules/elasticache';
import { PackRun, runPackOnStack } from '../../helpers';

/*
 * The ElastiCache controls, over its three L1 types (aws-cdk-lib has no L2). Replication-group
 * cases are the hardened group with one change.
 */

const AT_REST = 'ElastiCacheEncryptedAtRest';
const IN_TRANSIT = 'ElastiCacheEncryptedInTransit';
const AUTH = 'ElastiCacheAuthenticated';
const IDS = new Set(ELASTICACHE_RULES.map((r) => r.rule.id));

function failedRules(run: PackRun, constructPath: string): string[] {
  return (run.verdicts.find((v) => v.constructPath === constructPath)?.failed ?? []).map((f) => f.rule).filter((id) => IDS.has(id)).sort();
}

describe('ElastiCache controls', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'cache', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      const subnetIds = vpc.isolatedSubnets.map((s) => s.subnetId);
      const subnets = new elasticache.CfnSubnetGroup(stack, 'Subnets', { description: 'cache', subnetIds });
      const token = new secretsmanager.Secret(stack, 'AuthToken', { encryptionKey: key, generateSecretString: { excludePunctuation: true, passwordLength: 32 } });
      const hardened: elasticache.CfnReplicationGroupProps = {
        replicationGroupDescription: 'cache',
        engine: 'valkey',
        cacheNodeType: 'cache.t4g.small',
        numCacheClusters: 2,
        cacheSubnetGroupName: subnets.ref,
        atRestEncryptionEnabled: true,
        kmsKeyId: key.keyArn,
        transitEncryptionEnabled: true,
        authToken: token.secretValue.unsafeUnwrap(),
      };
      const group = (id: string, changes: Partial<elasticache.CfnReplicationGroupProps> = {}) => new elasticache.CfnReplicationGroup(stack, id, { ...hardened, ...changes });
      const user = new elasticache.CfnUser(stack, 'AppUser', { engine: 'valkey', userId: 'app', userName: 'app', accessString: 'on ~app:* +@read +@write', authenticationMode: { Type: 'iam' } });
      const users = new elasticache.CfnUserGroup(stack, 'Users', { engine: 'valkey', userGroupId: 'app-users', userIds: [user.ref] });

      group('Hardened');
      group('Rbac', { authToken: undefined, userGroupIds: [users.ref] });
      group('NoAtRest', { atRestEncryptionEnabled: undefined });
      group('AtRestOverride').addPropertyOverride('AtRestEncryptionEnabled', false);
      group('NoTransit', { transitEncryptionEnabled: false, authToken: undefined, userGroupIds: [users.ref] });
      group('Preferred', { transitEncryptionMode: 'preferred' });
      group('Required', { transitEncryptionMode: 'required' });
      const mode = new CfnParameter(stack, 'Mode', { type: 'String', allowedValues: ['required', 'preferred'] });
      group('ModeParameter', { transitEncryptionMode: mode.valueAsString });
      group('NoAuth', { authToken: undefined });
      group('LiteralToken', { authToken: 'a-literal-token-of-32-characters' });
      const typedIn = new CfnParameter(stack, 'TypedIn', { type: 'String', noEcho: true });
      group('TokenParameter', { authToken: typedIn.valueAsString });

      const cluster = (id: string, engine: string, transit?: boolean) => new elasticache.CfnCacheCluster(stack, id, {
        engine, cacheNodeType: 'cache.t4g.small', numCacheNodes: 1, cacheSubnetGroupName: subnets.ref, transitEncryptionEnabled: transit,
      });
      cluster('MemcachedTls', 'memcached', true);
      cluster('MemcachedClear', 'memcached', false);
      cluster('RedisNode', 'redis');
      const engine = new CfnParameter(stack, 'Engine', { type: 'String' });
      cluster('EngineParameter', engine.valueAsString, true);

      const serverless = (id: string, engineName: string, userGroupId?: string) => new elasticache.CfnServerlessCache(stack, id, {
        engine: engineName, serverlessCacheName: id.toLowerCase(), kmsKeyId: key.keyArn, subnetIds, userGroupId,
      });
      serverless('ServerlessValkey', 'valkey', users.ref);
      serverless('ServerlessNoUsers', 'valkey');
      serverless('ServerlessMemcached', 'memcached');
    });
  });

  test('a hardened replication group passes every rule, with an AUTH token or a user group', () => {
    for (const id of ['Hardened', 'Rbac']) {
      for (const rule of [AT_REST, IN_TRANSIT, AUTH]) {
        expect(run.verdict(`Test/${id}`, rule)).toBe('passed');
      }
    }
  });

  test('each single-control break fails only its rule', () => {
    expect(failedRules(run, 'Test/NoAtRest')).toEqual([AT_REST]);
    expect(failedRules(run, 'Test/AtRestOverride')).toEqual([AT_REST]);
    expect(failedRules(run, 'Test/NoTransit')).toEqual([IN_TRANSIT]);
    expect(failedRules(run, 'Test/NoAuth')).toEqual([AUTH]);
  });

  test('the preferred transit mode, in any branch, accepts clear text and fails', () => {
    expect(run.detail('Test/Preferred', IN_TRANSIT)).toMatch(/preferred/);
    expect(run.verdict('Test/Required', IN_TRANSIT)).toBe('passed');
    expect(run.verdict('Test/ModeParameter', IN_TRANSIT)).toBe('failed');
  });

  test('an AUTH token must come from Secrets Manager', () => {
    expect(run.detail('Test/LiteralToken', AUTH)).toMatch(/written literally/);
    expect(run.detail('Test/TokenParameter', AUTH)).toMatch(/template parameter TypedIn/);
  });

  test('Memcached clusters need TLS and have no at-rest or authentication setting', () => {
    expect(run.verdict('Test/MemcachedTls', IN_TRANSIT)).toBe('passed');
    expect(run.verdict('Test/MemcachedClear', IN_TRANSIT)).toBe('failed');
    expect(run.verdict('Test/MemcachedTls', AT_REST)).toBe('not-applicable');
    expect(run.verdict('Test/MemcachedTls', AUTH)).toBe('not-applicable');
  });

  test('a Valkey or Redis OSS cache cluster cannot have the controls and fails all three', () => {
    expect(failedRules(run, 'Test/RedisNode')).toEqual([AUTH, AT_REST, IN_TRANSIT]);
    expect(run.detail('Test/RedisNode', AT_REST)).toMatch(/ReplicationGroup/);
  });

  test('an engine synth cannot see fails closed', () => {
    expect(run.detail('Test/EngineParameter', AUTH)).toMatch(/cannot be known at synth/);
  });

  test('serverless caches are always encrypted; Valkey ones need a user group', () => {
    expect(failedRules(run, 'Test/ServerlessValkey')).toEqual([]);
    expect(run.verdict('Test/ServerlessValkey', AT_REST)).toBe('passed');
    expect(failedRules(run, 'Test/ServerlessNoUsers')).toEqual([AUTH]);
    expect(run.verdict('Test/ServerlessMemcached', AUTH)).toBe('not-applicable');
  });
});
