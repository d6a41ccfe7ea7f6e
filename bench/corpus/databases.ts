/*
 * The cases of relational and other database services: RDS instances and Aurora clusters (L2
 * DatabaseInstance and DatabaseCluster, and their L1s), Neptune clusters, DocumentDB clusters (L2
 * and L1), ElastiCache replication groups, cache clusters and serverless caches, Redshift clusters
 * and serverless namespaces and workgroups. aws-cdk-lib has no stable L2 for Neptune, ElastiCache
 * or Redshift, so their breaks are L1 props and property overrides.
 */
import { CfnResource, Duration, SecretValue } from 'aws-cdk-lib';
import * as docdb from 'aws-cdk-lib/aws-docdb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as neptune from 'aws-cdk-lib/aws-neptune';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as redshift from 'aws-cdk-lib/aws-redshift';
import * as redshiftserverless from 'aws-cdk-lib/aws-redshiftserverless';
import { Construct } from 'constructs';
import { CorpusCase, defineCase, Kit, override } from './kit';

const ISOLATED = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
const LITERAL_PASSWORD = 'correct-horse-battery-staple';

/**
 * The variant `control` overrides a property: on the L2's default child (`override`), or on an L1
 * (which has no default child) directly.
 */
function overrideIf(broken: string | undefined, control: string, construct: Construct, property: string, value: unknown): void {
  if (broken !== control) {
    return;
  }
  if (construct instanceof CfnResource) {
    construct.addPropertyOverride(property, value);
  } else {
    override(construct, property, value);
  }
}

// ---------------------------------------------------------------------------------------------
// RDS and Aurora

/** A PostgreSQL instance as a careful user writes it with the L2 DatabaseInstance. */
const rdsInstance = defineCase({
  name: 'RdsInstance',
  kind: 'AWS::RDS::DBInstance',
  breaks: [
    'Unencrypted', 'AwsManagedKey', 'UnencryptedOverride', 'PubliclyAccessible', 'PubliclyAccessibleOverride',
    'ForceSslOff', 'NoParameterGroup', 'DefaultParameterGroupOverride', 'ShortBackupRetention', 'BackupRetentionOverride',
    'DeletionProtectionOff', 'DeletionProtectionOverride', 'LiteralPassword', 'LiteralPasswordOverride', 'NoLogExports', 'LogExportsOverride',
  ],
  build(scope, broken, kit) {
    const db = new rds.DatabaseInstance(scope, 'Database', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc: kit.vpc,
      vpcSubnets: ISOLATED,
      storageEncryptionKey: broken === 'Unencrypted' || broken === 'AwsManagedKey' ? undefined : kit.key,
      storageEncrypted: broken === 'AwsManagedKey' ? true : undefined,
      publiclyAccessible: broken === 'PubliclyAccessible' ? true : undefined,
      credentials: broken === 'LiteralPassword'
        ? rds.Credentials.fromPassword('dbadmin', SecretValue.unsafePlainText(LITERAL_PASSWORD))
        : rds.Credentials.fromGeneratedSecret('dbadmin', { encryptionKey: kit.key }),
      parameters: broken === 'NoParameterGroup' ? undefined : { 'rds.force_ssl': broken === 'ForceSslOff' ? '0' : '1' },
      backupRetention: Duration.days(broken === 'ShortBackupRetention' ? 1 : 7),
      deletionProtection: broken !== 'DeletionProtectionOff',
      cloudwatchLogsExports: broken === 'NoLogExports' ? undefined : ['postgresql'],
    });
    if (db.secret) {
      db.addRotationSingleUser();
    }
    overrideIf(broken, 'UnencryptedOverride', db, 'StorageEncrypted', false);
    overrideIf(broken, 'PubliclyAccessibleOverride', db, 'PubliclyAccessible', true);
    overrideIf(broken, 'DefaultParameterGroupOverride', db, 'DBParameterGroupName', 'default.postgres16');
    overrideIf(broken, 'BackupRetentionOverride', db, 'BackupRetentionPeriod', 3);
    overrideIf(broken, 'DeletionProtectionOverride', db, 'DeletionProtection', false);
    overrideIf(broken, 'LiteralPasswordOverride', db, 'MasterUserPassword', LITERAL_PASSWORD);
    overrideIf(broken, 'LogExportsOverride', db, 'EnableCloudwatchLogsExports', ['upgrade']);
  },
});

/** A MySQL instance written with CfnDBInstance, its password managed by RDS. */
const rdsInstanceL1 = defineCase({
  name: 'RdsInstanceL1',
  kind: 'AWS::RDS::DBInstance',
  breaks: ['StorageEncrypted', 'KmsKeyId', 'PubliclyAccessible', 'RequireSecureTransport', 'BackupRetentionPeriod', 'DeletionProtection', 'MasterUserPassword', 'EnableCloudwatchLogsExports'],
  build(scope, broken, kit) {
    const parameters = new rds.CfnDBParameterGroup(scope, 'Parameters', {
      description: 'TLS only',
      family: 'mysql8.0',
      parameters: { require_secure_transport: broken === 'RequireSecureTransport' ? '0' : '1' },
    });
    const subnets = new rds.CfnDBSubnetGroup(scope, 'Subnets', { dbSubnetGroupDescription: 'database', subnetIds: kit.subnetIds });
    const literalPassword = broken === 'MasterUserPassword';
    new rds.CfnDBInstance(scope, 'Database', {
      engine: 'mysql',
      engineVersion: '8.0.39',
      dbInstanceClass: 'db.m6g.large',
      allocatedStorage: '100',
      dbSubnetGroupName: subnets.ref,
      vpcSecurityGroups: [kit.securityGroup.securityGroupId],
      storageEncrypted: broken !== 'StorageEncrypted',
      kmsKeyId: broken === 'StorageEncrypted' || broken === 'KmsKeyId' ? undefined : kit.key.keyArn,
      publiclyAccessible: broken === 'PubliclyAccessible',
      dbParameterGroupName: parameters.ref,
      backupRetentionPeriod: broken === 'BackupRetentionPeriod' ? 1 : 14,
      deletionProtection: broken !== 'DeletionProtection',
      masterUsername: 'dbadmin',
      manageMasterUserPassword: literalPassword ? undefined : true,
      masterUserSecret: literalPassword ? undefined : { kmsKeyId: kit.key.keyArn },
      masterUserPassword: literalPassword ? LITERAL_PASSWORD : undefined,
      enableCloudwatchLogsExports: broken === 'EnableCloudwatchLogsExports' ? ['error', 'slowquery'] : ['audit', 'error', 'slowquery'],
    });
  },
});

/** An Aurora MySQL cluster as a careful user writes it with the L2 DatabaseCluster. */
const auroraCluster = defineCase({
  name: 'AuroraCluster',
  kind: 'AWS::RDS::DBCluster',
  breaks: [
    'Unencrypted', 'UnencryptedOverride', 'PubliclyAccessible', 'PubliclyAccessibleOverride', 'SecureTransportOff',
    'DefaultParameterGroupOverride', 'ShortBackupRetention', 'BackupRetentionOverride', 'DeletionProtectionOff',
    'DeletionProtectionOverride', 'LiteralPassword', 'LiteralPasswordOverride', 'NoLogExports', 'LogExportsOverride',
  ],
  build(scope, broken, kit) {
    const cluster = new rds.DatabaseCluster(scope, 'Database', {
      engine: rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_08_0 }),
      vpc: kit.vpc,
      vpcSubnets: ISOLATED,
      writer: rds.ClusterInstance.serverlessV2('Writer', { publiclyAccessible: broken === 'PubliclyAccessible' ? true : undefined }),
      storageEncryptionKey: broken === 'Unencrypted' ? undefined : kit.key,
      credentials: broken === 'LiteralPassword'
        ? rds.Credentials.fromPassword('dbadmin', SecretValue.unsafePlainText(LITERAL_PASSWORD))
        : rds.Credentials.fromGeneratedSecret('dbadmin', { encryptionKey: kit.key }),
      parameters: {
        require_secure_transport: broken === 'SecureTransportOff' ? 'OFF' : 'ON',
        server_audit_logging: '1',
        server_audit_events: 'CONNECT,QUERY_DCL,QUERY_DDL',
      },
      backup: { retention: Duration.days(broken === 'ShortBackupRetention' ? 1 : 7) },
      deletionProtection: broken !== 'DeletionProtectionOff',
      cloudwatchLogsExports: broken === 'NoLogExports' ? undefined : ['audit', 'error'],
    });
    if (cluster.secret) {
      cluster.addRotationSingleUser();
    }
    overrideIf(broken, 'UnencryptedOverride', cluster, 'StorageEncrypted', false);
    // Aurora sets public access per instance: the override goes on the writer's CfnDBInstance.
    overrideIf(broken, 'PubliclyAccessibleOverride', cluster.node.findChild('Writer'), 'PubliclyAccessible', true);
    overrideIf(broken, 'DefaultParameterGroupOverride', cluster, 'DBClusterParameterGroupName', 'default.aurora-mysql8.0');
    overrideIf(broken, 'BackupRetentionOverride', cluster, 'BackupRetentionPeriod', 1);
    overrideIf(broken, 'DeletionProtectionOverride', cluster, 'DeletionProtection', false);
    overrideIf(broken, 'LiteralPasswordOverride', cluster, 'MasterUserPassword', LITERAL_PASSWORD);
    overrideIf(broken, 'LogExportsOverride', cluster, 'EnableCloudwatchLogsExports', ['slowquery']);
  },
});

/** An Aurora PostgreSQL cluster and its writer written with CfnDBCluster and CfnDBInstance. */
const auroraClusterL1 = defineCase({
  name: 'AuroraClusterL1',
  kind: 'AWS::RDS::DBCluster',
  breaks: ['StorageEncrypted', 'PubliclyAccessible', 'ForceSsl', 'BackupRetentionPeriod', 'DeletionProtection', 'MasterUserPassword', 'EnableCloudwatchLogsExports'],
  build(scope, broken, kit) {
    const parameters = new rds.CfnDBClusterParameterGroup(scope, 'Parameters', {
      description: 'TLS only',
      family: 'aurora-postgresql16',
      parameters: { 'rds.force_ssl': broken === 'ForceSsl' ? '0' : '1' },
    });
    const subnets = new rds.CfnDBSubnetGroup(scope, 'Subnets', { dbSubnetGroupDescription: 'database', subnetIds: kit.subnetIds });
    const literalPassword = broken === 'MasterUserPassword';
    const cluster = new rds.CfnDBCluster(scope, 'Database', {
      engine: 'aurora-postgresql',
      engineVersion: '16.4',
      dbSubnetGroupName: subnets.ref,
      vpcSecurityGroupIds: [kit.securityGroup.securityGroupId],
      storageEncrypted: broken !== 'StorageEncrypted',
      kmsKeyId: broken === 'StorageEncrypted' ? undefined : kit.key.keyArn,
      dbClusterParameterGroupName: parameters.ref,
      backupRetentionPeriod: broken === 'BackupRetentionPeriod' ? 1 : 14,
      deletionProtection: broken !== 'DeletionProtection',
      masterUsername: 'dbadmin',
      manageMasterUserPassword: literalPassword ? undefined : true,
      masterUserSecret: literalPassword ? undefined : { kmsKeyId: kit.key.keyArn },
      masterUserPassword: literalPassword ? LITERAL_PASSWORD : undefined,
      enableCloudwatchLogsExports: broken === 'EnableCloudwatchLogsExports' ? undefined : ['postgresql'],
    });
    new rds.CfnDBInstance(scope, 'Writer', {
      dbClusterIdentifier: cluster.ref,
      engine: 'aurora-postgresql',
      dbInstanceClass: 'db.r6g.large',
      publiclyAccessible: broken === 'PubliclyAccessible',
    });
  },
});

// ---------------------------------------------------------------------------------------------
// Neptune

const neptuneCluster = defineCase({
  name: 'NeptuneCluster',
  kind: 'AWS::Neptune::DBCluster',
  breaks: [
    'StorageEncrypted', 'KmsKeyId', 'DeletionProtection', 'IamAuthEnabled', 'EnableCloudwatchLogsExports', 'AuditLogParameter',
    'StorageEncryptedOverride', 'DeletionProtectionOverride', 'IamAuthEnabledOverride', 'LogExportsOverride',
  ],
  build(scope, broken, kit) {
    const parameters = new neptune.CfnDBClusterParameterGroup(scope, 'Parameters', {
      description: 'audit log on',
      family: 'neptune1.3',
      parameters: { neptune_enable_audit_log: broken === 'AuditLogParameter' ? 0 : 1 },
    });
    const subnets = new neptune.CfnDBSubnetGroup(scope, 'Subnets', { dbSubnetGroupDescription: 'graph', subnetIds: kit.subnetIds });
    const cluster = new neptune.CfnDBCluster(scope, 'Graph', {
      dbSubnetGroupName: subnets.ref,
      vpcSecurityGroupIds: [kit.securityGroup.securityGroupId],
      storageEncrypted: broken !== 'StorageEncrypted',
      kmsKeyId: broken === 'StorageEncrypted' || broken === 'KmsKeyId' ? undefined : kit.key.keyArn,
      deletionProtection: broken !== 'DeletionProtection',
      iamAuthEnabled: broken !== 'IamAuthEnabled',
      enableCloudwatchLogsExports: broken === 'EnableCloudwatchLogsExports' ? ['slowquery'] : ['audit', 'slowquery'],
      dbClusterParameterGroupName: parameters.ref,
      backupRetentionPeriod: 7,
    });
    new neptune.CfnDBInstance(scope, 'Instance', { dbClusterIdentifier: cluster.ref, dbInstanceClass: 'db.r6g.large' });
    overrideIf(broken, 'StorageEncryptedOverride', cluster, 'StorageEncrypted', false);
    overrideIf(broken, 'DeletionProtectionOverride', cluster, 'DeletionProtection', false);
    overrideIf(broken, 'IamAuthEnabledOverride', cluster, 'IamAuthEnabled', false);
    overrideIf(broken, 'LogExportsOverride', cluster, 'EnableCloudwatchLogsExports', []);
  },
});

// ---------------------------------------------------------------------------------------------
// DocumentDB

/** A DocumentDB cluster as a careful user writes it with the L2 DatabaseCluster. */
const docDbCluster = defineCase({
  name: 'DocDbCluster',
  kind: 'AWS::DocDB::DBCluster',
  breaks: [
    'Unencrypted', 'AwsManagedKey', 'UnencryptedOverride', 'DeletionProtectionOff', 'DeletionProtectionOverride',
    'LiteralPassword', 'LiteralPasswordOverride', 'NoAuditExport', 'AuditLogsDisabled', 'AuditExportOverride',
  ],
  build(scope, broken, kit) {
    const parameters = new docdb.ClusterParameterGroup(scope, 'Parameters', {
      family: 'docdb5.0',
      parameters: { audit_logs: broken === 'AuditLogsDisabled' ? 'disabled' : 'enabled', tls: 'enabled' },
    });
    const cluster = new docdb.DatabaseCluster(scope, 'Documents', {
      masterUser: broken === 'LiteralPassword'
        ? { username: 'dbadmin', password: SecretValue.unsafePlainText(LITERAL_PASSWORD) }
        : { username: 'dbadmin', kmsKey: kit.key },
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE),
      vpc: kit.vpc,
      vpcSubnets: ISOLATED,
      storageEncrypted: broken === 'Unencrypted' ? false : undefined,
      kmsKey: broken === 'Unencrypted' || broken === 'AwsManagedKey' ? undefined : kit.key,
      deletionProtection: broken !== 'DeletionProtectionOff',
      exportAuditLogsToCloudWatch: broken !== 'NoAuditExport',
      parameterGroup: parameters,
      backup: { retention: Duration.days(7) },
    });
    if (cluster.secret) {
      cluster.addRotationSingleUser();
    }
    overrideIf(broken, 'UnencryptedOverride', cluster, 'StorageEncrypted', false);
    overrideIf(broken, 'DeletionProtectionOverride', cluster, 'DeletionProtection', false);
    overrideIf(broken, 'LiteralPasswordOverride', cluster, 'MasterUserPassword', LITERAL_PASSWORD);
    overrideIf(broken, 'AuditExportOverride', cluster, 'EnableCloudwatchLogsExports', ['profiler']);
  },
});

/** A DocumentDB cluster written with CfnDBCluster, its password managed by DocumentDB. */
const docDbClusterL1 = defineCase({
  name: 'DocDbClusterL1',
  kind: 'AWS::DocDB::DBCluster',
  breaks: ['StorageEncrypted', 'DeletionProtection', 'MasterUserPassword', 'MasterUserSecretKmsKeyId', 'EnableCloudwatchLogsExports', 'AuditLogsParameter'],
  build(scope, broken, kit) {
    const parameters = new docdb.CfnDBClusterParameterGroup(scope, 'Parameters', {
      description: 'audit on',
      family: 'docdb5.0',
      parameters: { audit_logs: broken === 'AuditLogsParameter' ? 'none' : 'ddl,dml_write', tls: 'enabled' },
    });
    const subnets = new docdb.CfnDBSubnetGroup(scope, 'Subnets', { dbSubnetGroupDescription: 'documents', subnetIds: kit.subnetIds });
    const literalPassword = broken === 'MasterUserPassword';
    const cluster = new docdb.CfnDBCluster(scope, 'Documents', {
      dbSubnetGroupName: subnets.ref,
      vpcSecurityGroupIds: [kit.securityGroup.securityGroupId],
      storageEncrypted: broken !== 'StorageEncrypted',
      kmsKeyId: broken === 'StorageEncrypted' ? undefined : kit.key.keyArn,
      deletionProtection: broken !== 'DeletionProtection',
      masterUsername: 'dbadmin',
      manageMasterUserPassword: literalPassword ? undefined : true,
      masterUserSecretKmsKeyId: literalPassword || broken === 'MasterUserSecretKmsKeyId' ? undefined : kit.key.keyArn,
      masterUserPassword: literalPassword ? LITERAL_PASSWORD : undefined,
      enableCloudwatchLogsExports: broken === 'EnableCloudwatchLogsExports' ? undefined : ['audit'],
      dbClusterParameterGroupName: parameters.ref,
      backupRetentionPeriod: 7,
    });
    new docdb.CfnDBInstance(scope, 'Instance', { dbClusterIdentifier: cluster.ref, dbInstanceClass: 'db.r6g.large' });
  },
});

// ---------------------------------------------------------------------------------------------
// ElastiCache

function cacheSubnets(scope: Construct, kit: Kit): elasticache.CfnSubnetGroup {
  return new elasticache.CfnSubnetGroup(scope, 'Subnets', { description: 'cache', subnetIds: kit.subnetIds });
}

/** Role-based access: one application user that authenticates with IAM. */
function cacheUsers(scope: Construct): elasticache.CfnUserGroup {
  const user = new elasticache.CfnUser(scope, 'AppUser', {
    engine: 'valkey', userId: 'app', userName: 'app', accessString: 'on ~app:* +@read +@write', authenticationMode: { Type: 'iam' },
  });
  return new elasticache.CfnUserGroup(scope, 'Users', { engine: 'valkey', userGroupId: 'app-users', userIds: [user.ref] });
}

const elastiCacheReplicationGroup = defineCase({
  name: 'ElastiCacheReplicationGroup',
  kind: 'AWS::ElastiCache::ReplicationGroup',
  breaks: [
    'AtRestEncryptionEnabled', 'TransitEncryptionEnabled', 'TransitEncryptionModePreferred', 'UserGroupIds', 'AuthTokenLiteral',
    'AtRestEncryptionOverride', 'TransitEncryptionOverride', 'UserGroupIdsOverride',
  ],
  build(scope, broken, kit) {
    const literalToken = broken === 'AuthTokenLiteral';
    const group = new elasticache.CfnReplicationGroup(scope, 'Cache', {
      replicationGroupDescription: 'feature cache',
      engine: 'valkey',
      cacheNodeType: 'cache.r7g.large',
      numCacheClusters: 2,
      automaticFailoverEnabled: true,
      cacheSubnetGroupName: cacheSubnets(scope, kit).ref,
      securityGroupIds: [kit.securityGroup.securityGroupId],
      atRestEncryptionEnabled: broken !== 'AtRestEncryptionEnabled',
      kmsKeyId: kit.key.keyArn,
      transitEncryptionEnabled: broken !== 'TransitEncryptionEnabled',
      transitEncryptionMode: broken === 'TransitEncryptionModePreferred' ? 'preferred' : 'required',
      userGroupIds: broken === 'UserGroupIds' || literalToken ? undefined : [cacheUsers(scope).ref],
      authToken: literalToken ? 'a-literal-auth-token-0123456789' : undefined,
      snapshotRetentionLimit: 7,
    });
    overrideIf(broken, 'AtRestEncryptionOverride', group, 'AtRestEncryptionEnabled', false);
    overrideIf(broken, 'TransitEncryptionOverride', group, 'TransitEncryptionEnabled', false);
    if (broken === 'UserGroupIdsOverride') {
      group.addPropertyDeletionOverride('UserGroupIds');
    }
  },
});

/** A Memcached cluster: TLS is its only control (no persistence, no users). */
const elastiCacheCacheCluster = defineCase({
  name: 'ElastiCacheCacheCluster',
  kind: 'AWS::ElastiCache::CacheCluster',
  breaks: ['TransitEncryptionEnabled', 'TransitEncryptionOverride', 'ValkeyEngine'],
  build(scope, broken, kit) {
    const cluster = new elasticache.CfnCacheCluster(scope, 'Cache', {
      engine: broken === 'ValkeyEngine' ? 'valkey' : 'memcached',
      engineVersion: broken === 'ValkeyEngine' ? '8.0' : '1.6.22',
      cacheNodeType: 'cache.r7g.large',
      numCacheNodes: 2,
      cacheSubnetGroupName: cacheSubnets(scope, kit).ref,
      vpcSecurityGroupIds: [kit.securityGroup.securityGroupId],
      transitEncryptionEnabled: broken === 'TransitEncryptionEnabled' || broken === 'ValkeyEngine' ? undefined : true,
    });
    overrideIf(broken, 'TransitEncryptionOverride', cluster, 'TransitEncryptionEnabled', false);
  },
});

const elastiCacheServerlessCache = defineCase({
  name: 'ElastiCacheServerlessCache',
  kind: 'AWS::ElastiCache::ServerlessCache',
  breaks: ['UserGroupId', 'UserGroupIdOverride'],
  build(scope, broken, kit) {
    const cache = new elasticache.CfnServerlessCache(scope, 'Cache', {
      engine: 'valkey',
      serverlessCacheName: 'corpus-features',
      kmsKeyId: kit.key.keyArn,
      subnetIds: kit.subnetIds,
      securityGroupIds: [kit.securityGroup.securityGroupId],
      userGroupId: broken === 'UserGroupId' ? undefined : cacheUsers(scope).ref,
      snapshotRetentionLimit: 7,
    });
    if (broken === 'UserGroupIdOverride') {
      cache.addPropertyDeletionOverride('UserGroupId');
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Redshift

const redshiftCluster = defineCase({
  name: 'RedshiftCluster',
  kind: 'AWS::Redshift::Cluster',
  breaks: [
    'PubliclyAccessible', 'KmsKeyId', 'Encrypted', 'LoggingProperties', 'UserLogNotExported', 'RequireSsl', 'ParameterGroupLeftOut',
    'PubliclyAccessibleOverride', 'AwsManagedKeyOverride', 'LoggingOverride',
  ],
  build(scope, broken, kit) {
    const parameters = new redshift.CfnClusterParameterGroup(scope, 'Parameters', {
      description: 'TLS only',
      parameterGroupFamily: 'redshift-2.0',
      parameters: [{ parameterName: 'require_ssl', parameterValue: broken === 'RequireSsl' ? 'false' : 'true' }],
    });
    const subnets = new redshift.CfnClusterSubnetGroup(scope, 'Subnets', { description: 'warehouse', subnetIds: kit.subnetIds });
    const cluster = new redshift.CfnCluster(scope, 'Warehouse', {
      clusterType: 'multi-node',
      numberOfNodes: 2,
      nodeType: 'ra3.xlplus',
      dbName: 'features',
      masterUsername: 'dbadmin',
      manageMasterPassword: true,
      masterPasswordSecretKmsKeyId: kit.key.keyArn,
      clusterSubnetGroupName: subnets.ref,
      vpcSecurityGroupIds: [kit.securityGroup.securityGroupId],
      publiclyAccessible: broken === 'PubliclyAccessible',
      encrypted: broken !== 'Encrypted',
      kmsKeyId: broken === 'KmsKeyId' ? undefined : kit.key.keyArn,
      clusterParameterGroupName: broken === 'ParameterGroupLeftOut' ? undefined : parameters.ref,
      loggingProperties: broken === 'LoggingProperties' ? undefined : {
        logDestinationType: 'cloudwatch',
        logExports: broken === 'UserLogNotExported' ? ['connectionlog', 'useractivitylog'] : ['connectionlog', 'userlog', 'useractivitylog'],
      },
      enhancedVpcRouting: true,
    });
    overrideIf(broken, 'PubliclyAccessibleOverride', cluster, 'PubliclyAccessible', true);
    overrideIf(broken, 'AwsManagedKeyOverride', cluster, 'KmsKeyId', 'alias/aws/redshift');
    if (broken === 'LoggingOverride') {
      cluster.addPropertyDeletionOverride('LoggingProperties');
    }
  },
});

function namespace(scope: Construct, kit: Kit, broken: string | undefined): redshiftserverless.CfnNamespace {
  const ns = new redshiftserverless.CfnNamespace(scope, 'Namespace', {
    namespaceName: 'corpus-features',
    adminUsername: 'dbadmin',
    manageAdminPassword: true,
    adminPasswordSecretKmsKeyId: kit.key.keyArn,
    kmsKeyId: broken === 'KmsKeyId' ? undefined : kit.key.keyArn,
    logExports: broken === 'LogExports' ? ['useractivitylog'] : ['connectionlog', 'userlog', 'useractivitylog'],
  });
  overrideIf(broken, 'KmsKeyIdOverride', ns, 'KmsKeyId', 'alias/aws/redshift');
  overrideIf(broken, 'LogExportsOverride', ns, 'LogExports', []);
  return ns;
}

const redshiftServerlessNamespace = defineCase({
  name: 'RedshiftServerlessNamespace',
  kind: 'AWS::RedshiftServerless::Namespace',
  breaks: ['KmsKeyId', 'LogExports', 'KmsKeyIdOverride', 'LogExportsOverride'],
  build(scope, broken, kit) {
    namespace(scope, kit, broken);
  },
});

const redshiftServerlessWorkgroup = defineCase({
  name: 'RedshiftServerlessWorkgroup',
  kind: 'AWS::RedshiftServerless::Workgroup',
  breaks: ['PubliclyAccessible', 'RequireSsl', 'PubliclyAccessibleOverride', 'ConfigParametersOverride'],
  build(scope, broken, kit) {
    const ns = namespace(scope, kit, undefined);
    const workgroup = new redshiftserverless.CfnWorkgroup(scope, 'Workgroup', {
      workgroupName: 'corpus-features',
      namespaceName: ns.ref,
      subnetIds: kit.subnetIds,
      securityGroupIds: [kit.securityGroup.securityGroupId],
      enhancedVpcRouting: true,
      publiclyAccessible: broken === 'PubliclyAccessible',
      configParameters: [{ parameterKey: 'require_ssl', parameterValue: broken === 'RequireSsl' ? 'false' : 'true' }],
    });
    overrideIf(broken, 'PubliclyAccessibleOverride', workgroup, 'PubliclyAccessible', true);
    if (broken === 'ConfigParametersOverride') {
      workgroup.addPropertyDeletionOverride('ConfigParameters');
    }
  },
});

export const CASES: readonly CorpusCase[] = [
  rdsInstance, rdsInstanceL1, auroraCluster, auroraClusterL1,
  neptuneCluster,
  docDbCluster, docDbClusterL1,
  elastiCacheReplicationGroup, elastiCacheCacheCluster, elastiCacheServerlessCache,
  redshiftCluster, redshiftServerlessNamespace, redshiftServerlessWorkgroup,
];
