import { CfnCondition, CfnParameter, Duration, Fn, SecretValue, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import { RDS_RULES } from '../../../../pack/rules/rds';
import { PackRun, runPack, runPackOnStack } from '../../helpers';

/*
 * The RDS and Aurora controls. Most cases are the hardened L2 DatabaseInstance (or
 * DatabaseCluster) with one change, so each pair differs only in the property under test; engines
 * the L2 writes alike are L1 instances.
 */

const ENCRYPTED = 'RdsStorageEncrypted';
const PRIVATE = 'RdsNotPubliclyAccessible';
const TLS = 'RdsTlsEnforced';
const BACKUP = 'RdsBackupRetention';
const PROTECTED = 'RdsDeletionProtection';
const CREDENTIALS = 'RdsIamAuthOrManagedPassword';
const LOGS = 'RdsLogsExported';
const ALL = [ENCRYPTED, PRIVATE, TLS, BACKUP, PROTECTED, CREDENTIALS, LOGS];

const RDS_IDS = new Set(RDS_RULES.map((r) => r.rule.id));

function failedRules(run: PackRun, constructPath: string): string[] {
  const r = run.verdicts.find((v) => v.constructPath === constructPath);
  if (!r) {
    throw new Error(`No resource at ${constructPath}`);
  }
  return r.failed.map((f) => f.rule).filter((id) => RDS_IDS.has(id)).sort();
}

const l1 = (c: rds.DatabaseInstance | rds.DatabaseCluster) => c.node.defaultChild as rds.CfnDBInstance;

describe('RDS and Aurora controls', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'db', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      const isolated = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
      const hardened: rds.DatabaseInstanceProps = {
        engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
        vpc,
        vpcSubnets: isolated,
        storageEncryptionKey: key,
        credentials: rds.Credentials.fromGeneratedSecret('dbadmin', { encryptionKey: key }),
        parameters: { 'rds.force_ssl': '1' },
        backupRetention: Duration.days(7),
        deletionProtection: true,
        cloudwatchLogsExports: ['postgresql'],
      };
      const instance = (id: string, changes: Partial<rds.DatabaseInstanceProps> = {}) => new rds.DatabaseInstance(stack, id, { ...hardened, ...changes });
      const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(stack.region, 'eu-west-1') });

      // The secret CDK generates rotates, as SecretRotation asks.
      instance('Hardened').addRotationSingleUser();

      // Storage encryption
      instance('NotEncrypted', { storageEncryptionKey: undefined, storageEncrypted: false });
      instance('AwsManagedKey', { storageEncryptionKey: undefined, storageEncrypted: true });
      l1(instance('OverrideAwsAlias')).addPropertyOverride('KmsKeyId', 'alias/aws/rds');
      l1(instance('ImportedKey')).addPropertyOverride('KmsKeyId', Fn.importValue('SharedKeyArn'));
      l1(instance('IfUnencrypted')).addPropertyOverride('StorageEncrypted', Fn.conditionIf(isProd.logicalId, true, false));
      const encrypt = new CfnParameter(stack, 'Encrypt', { type: 'String', allowedValues: ['true'] });
      l1(instance('ParameterEncrypted')).addPropertyOverride('StorageEncrypted', encrypt.valueAsString);
      const anything = new CfnParameter(stack, 'Anything', { type: 'String' });
      l1(instance('ParameterUnknown')).addPropertyOverride('StorageEncrypted', anything.valueAsString);
      new rds.CfnDBInstance(stack, 'FromSnapshot', { dbInstanceClass: 'db.t4g.micro', engine: 'postgres', dbSnapshotIdentifier: 'nightly' });

      // Public access
      instance('Public', { publiclyAccessible: true });
      l1(instance('PublicAbsentIsolated')).addPropertyDeletionOverride('PubliclyAccessible');
      const internetVpc = new ec2.Vpc(stack, 'InternetVpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }, { name: 'db', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      l1(instance('PublicAbsentInternetVpc', { vpc: internetVpc })).addPropertyDeletionOverride('PubliclyAccessible');
      l1(instance('PublicAbsentNoSubnetGroup')).addPropertyDeletionOverride('PubliclyAccessible');
      l1(stack.node.findChild('PublicAbsentNoSubnetGroup') as rds.DatabaseInstance).addPropertyDeletionOverride('DBSubnetGroupName');
      const exposure = new CfnParameter(stack, 'Exposure', { type: 'String', allowedValues: ['true', 'false'] });
      l1(instance('PublicParameter')).addPropertyOverride('PubliclyAccessible', exposure.valueAsString);

      // TLS
      instance('NoParameterGroup', { parameters: undefined });
      instance('ForceSslOff', { parameters: { 'rds.force_ssl': '0' } });
      l1(instance('DefaultGroupByName')).addPropertyOverride('DBParameterGroupName', 'default.postgres16');
      const forceSsl = new CfnParameter(stack, 'ForceSsl', { type: 'String', allowedValues: ['1'] });
      instance('ForceSslParameter', { parameters: { 'rds.force_ssl': forceSsl.valueAsString } });
      const mysql = rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0 });
      instance('MysqlSecure', { engine: mysql, parameters: { require_secure_transport: 'ON' }, cloudwatchLogsExports: ['audit', 'error'] });
      instance('MysqlInsecure', { engine: mysql, parameters: { require_secure_transport: 'OFF' }, cloudwatchLogsExports: ['audit', 'error'] });
      instance('MysqlErrorLogOnly', { engine: mysql, parameters: { require_secure_transport: '1' }, cloudwatchLogsExports: ['error'] });
      l1Engine(stack, key, 'SqlServer', 'sqlserver-se', { 'rds.force_ssl': '1' }, ['error']);
      l1Engine(stack, key, 'Db2Both', 'db2-se', { DB2COMM: 'TCPIP,SSL' }, ['diag.log']);
      l1Engine(stack, key, 'Db2SslOnly', 'db2-se', { DB2COMM: 'SSL' }, ['diag.log']);
      oracle(stack, key, 'OracleRequired', 'REQUIRED');
      oracle(stack, key, 'OracleRequested', 'REQUESTED');
      oracle(stack, key, 'OracleNoOptionGroup', undefined);
      l1Engine(stack, key, 'CustomEngine', 'custom-oracle-ee', {}, []);

      // Backups
      instance('BackupOneDay', { backupRetention: Duration.days(1) });
      l1(instance('BackupAbsent')).addPropertyDeletionOverride('BackupRetentionPeriod');
      const retention = new CfnParameter(stack, 'Retention', { type: 'Number', allowedValues: ['7', '14'] });
      l1(instance('BackupParameter')).addPropertyOverride('BackupRetentionPeriod', retention.valueAsNumber);
      const shortRetention = new CfnParameter(stack, 'ShortRetention', { type: 'Number', allowedValues: ['1', '7'] });
      l1(instance('BackupShortParameter')).addPropertyOverride('BackupRetentionPeriod', shortRetention.valueAsNumber);
      new rds.DatabaseInstanceReadReplica(stack, 'Replica', {
        sourceDatabaseInstance: stack.node.findChild('Hardened') as rds.DatabaseInstance,
        instanceType: ec2.InstanceType.of(ec2.InstanceClass.M5, ec2.InstanceSize.LARGE),
        vpc,
        vpcSubnets: isolated,
        storageEncryptionKey: key,
        parameterGroup: new rds.ParameterGroup(stack, 'ReplicaParameters', { engine: hardened.engine, parameters: { 'rds.force_ssl': '1' } }),
        deletionProtection: true,
        cloudwatchLogsExports: ['postgresql'],
      });

      // A replica in the source's region that states no encryption has its source's.
      const replicaOf = (id: string, source: string) => new rds.CfnDBInstance(stack, id, {
        dbInstanceClass: 'db.m5.large',
        sourceDbInstanceIdentifier: (stack.node.findChild(source) as rds.DatabaseInstance).instanceArn,
      });
      replicaOf('SilentReplica', 'Hardened');
      replicaOf('SilentReplicaOfUnencrypted', 'NotEncrypted');

      // Deletion protection
      instance('Unprotected', { deletionProtection: false });
      Validations.of(instance('UnprotectedTest', { deletionProtection: false })).acknowledge({ id: `Soc2Ml::${PROTECTED}`, reason: 'Integration-test database, rebuilt from fixtures on every run.' });

      // Credentials
      instance('LiteralPassword', { credentials: rds.Credentials.fromPassword('dbadmin', SecretValue.unsafePlainText('correct-horse-battery')) });
      instance('LiteralPasswordWithIam', { credentials: rds.Credentials.fromPassword('dbadmin', SecretValue.unsafePlainText('correct-horse-battery')), iamAuthentication: true });
      instance('SsmPassword', { credentials: rds.Credentials.fromPassword('dbadmin', SecretValue.ssmSecure('/db/password')) });
      const typedIn = new CfnParameter(stack, 'TypedIn', { type: 'String', noEcho: true });
      instance('ParameterPassword', { credentials: rds.Credentials.fromPassword('dbadmin', SecretValue.cfnParameter(typedIn)) });
      const iamOnly = l1(instance('IamOnly', { iamAuthentication: true }));
      iamOnly.addPropertyDeletionOverride('MasterUserPassword');
      const managed = l1(instance('ManagedPassword'));
      managed.addPropertyDeletionOverride('MasterUserPassword');
      managed.addPropertyOverride('ManageMasterUserPassword', true);
      managed.addPropertyOverride('MasterUserSecret.KmsKeyId', key.keyArn);
      const managedAws = l1(instance('ManagedPasswordAwsKey'));
      managedAws.addPropertyDeletionOverride('MasterUserPassword');
      managedAws.addPropertyOverride('ManageMasterUserPassword', true);
      l1(instance('NoPassword')).addPropertyDeletionOverride('MasterUserPassword');

      // Logs
      instance('NoLogs', { cloudwatchLogsExports: undefined });
      l1(instance('LogsOverride')).addPropertyOverride('EnableCloudwatchLogsExports', ['upgrade']);
      l1(instance('LogsIf')).addPropertyOverride('EnableCloudwatchLogsExports', Fn.conditionIf(isProd.logicalId, ['postgresql'], Fn.ref('AWS::NoValue')));

      clusters(stack, key, vpc);
    });
  });

  test('the hardened L2 instance passes every RDS rule', () => {
    expect(failedRules(run, 'Test/Hardened/Resource')).toEqual([]);
    for (const rule of ALL) {
      expect(run.verdict('Test/Hardened/Resource', rule)).toBe('passed');
    }
  });

  test('its generated secret raises no Soc2Ml finding', () => {
    expect(run.violations.filter((v) => v.constructPaths.some((p) => p.startsWith('Test/Hardened/')))).toEqual([]);
  });

  test('each single-control break fails only its rule', () => {
    expect(failedRules(run, 'Test/NotEncrypted/Resource')).toEqual([ENCRYPTED]);
    expect(failedRules(run, 'Test/Public/Resource')).toEqual([PRIVATE]);
    expect(failedRules(run, 'Test/NoParameterGroup/Resource')).toEqual([TLS]);
    expect(failedRules(run, 'Test/BackupOneDay/Resource')).toEqual([BACKUP]);
    expect(failedRules(run, 'Test/Unprotected/Resource')).toEqual([PROTECTED]);
    expect(failedRules(run, 'Test/LiteralPassword/Resource')).toEqual([CREDENTIALS]);
    expect(failedRules(run, 'Test/NoLogs/Resource')).toEqual([LOGS]);
  });

  describe(ENCRYPTED, () => {
    test('fails unencrypted storage and the AWS-managed key, absent or by alias', () => {
      expect(run.detail('Test/NotEncrypted/Resource', ENCRYPTED)).toMatch(/default is unencrypted/);
      expect(run.verdict('Test/AwsManagedKey/Resource', ENCRYPTED)).toBe('failed');
      expect(run.detail('Test/AwsManagedKey/Resource', ENCRYPTED)).toMatch(/names no KmsKeyId/);
      expect(run.detail('Test/OverrideAwsAlias/Resource', ENCRYPTED)).toMatch(/alias\/aws\/rds/);
    });
    test('an imported key counts as customer-managed', () => {
      expect(run.verdict('Test/ImportedKey/Resource', ENCRYPTED)).toBe('passed');
    });
    test('judges every Fn::If branch and a parameter by its allowed values', () => {
      expect(run.verdict('Test/IfUnencrypted/Resource', ENCRYPTED)).toBe('failed');
      expect(run.verdict('Test/ParameterEncrypted/Resource', ENCRYPTED)).toBe('passed');
      expect(run.verdict('Test/ParameterUnknown/Resource', ENCRYPTED)).toBe('failed');
      expect(run.detail('Test/ParameterUnknown/Resource', ENCRYPTED)).toMatch(/cannot be known at synth/);
    });
    test('a replica that states nothing is judged by its source', () => {
      expect(run.verdict('Test/SilentReplica', ENCRYPTED)).toBe('passed');
      expect(run.detail('Test/SilentReplicaOfUnencrypted', ENCRYPTED)).toMatch(/inherits the encryption of its source instance NotEncrypted/);
    });
    test('a snapshot restore that states nothing fails, naming the snapshot', () => {
      expect(run.detail('Test/FromSnapshot', ENCRYPTED)).toMatch(/the snapshot nightly/);
    });
  });

  describe(PRIVATE, () => {
    test('fails PubliclyAccessible true and a parameter that allows it', () => {
      expect(run.verdict('Test/Public/Resource', PRIVATE)).toBe('failed');
      expect(run.verdict('Test/PublicParameter/Resource', PRIVATE)).toBe('failed');
    });
    test('absent passes only when the subnets\' VPC has no internet gateway', () => {
      expect(run.verdict('Test/PublicAbsentIsolated/Resource', PRIVATE)).toBe('passed');
      expect(run.verdict('Test/PublicAbsentInternetVpc/Resource', PRIVATE)).toBe('failed');
      expect(run.detail('Test/PublicAbsentInternetVpc/Resource', PRIVATE)).toMatch(/VPC with an internet gateway/);
      expect(run.verdict('Test/PublicAbsentNoSubnetGroup/Resource', PRIVATE)).toBe('failed');
      expect(run.detail('Test/PublicAbsentNoSubnetGroup/Resource', PRIVATE)).toMatch(/cannot be told at synth/);
    });
  });

  describe(TLS, () => {
    test('fails without a parameter group and with rds.force_ssl 0', () => {
      expect(run.detail('Test/NoParameterGroup/Resource', TLS)).toMatch(/default parameter group/);
      expect(run.verdict('Test/ForceSslOff/Resource', TLS)).toBe('failed');
      expect(run.detail('Test/ForceSslOff/Resource', TLS)).toMatch(/rds.force_ssl to "0"/);
    });
    test('a group named literally cannot be read and fails closed', () => {
      expect(run.detail('Test/DefaultGroupByName/Resource', TLS)).toMatch(/default.postgres16.*cannot be known at synth/);
    });
    test('a parameter value from a template parameter counts by its allowed values', () => {
      expect(run.verdict('Test/ForceSslParameter/Resource', TLS)).toBe('passed');
    });
    test('MySQL needs require_secure_transport', () => {
      expect(run.verdict('Test/MysqlSecure/Resource', TLS)).toBe('passed');
      expect(run.verdict('Test/MysqlInsecure/Resource', TLS)).toBe('failed');
    });
    test('SQL Server needs rds.force_ssl and Db2 needs DB2COMM SSL alone', () => {
      expect(run.verdict('Test/SqlServer', TLS)).toBe('passed');
      expect(run.verdict('Test/Db2SslOnly', TLS)).toBe('passed');
      expect(run.verdict('Test/Db2Both', TLS)).toBe('failed');
    });
    test('Oracle needs native network encryption REQUIRED in its option group', () => {
      expect(run.verdict('Test/OracleRequired', TLS)).toBe('passed');
      expect(run.detail('Test/OracleRequested', TLS)).toMatch(/SQLNET.ENCRYPTION_SERVER to "REQUESTED"/);
      expect(run.detail('Test/OracleNoOptionGroup', TLS)).toMatch(/names no OptionGroupName/);
    });
    test('an engine the pack does not know fails closed', () => {
      expect(run.detail('Test/CustomEngine', TLS)).toMatch(/custom-oracle-ee is not one the pack knows/);
    });
  });

  describe(BACKUP, () => {
    test('fails one day and an absent period (1 day by default)', () => {
      expect(run.verdict('Test/BackupOneDay/Resource', BACKUP)).toBe('failed');
      expect(run.detail('Test/BackupAbsent/Resource', BACKUP)).toMatch(/1 day \(the default\)/);
    });
    test('a parameter passes only if each allowed value is a week or more', () => {
      expect(run.verdict('Test/BackupParameter/Resource', BACKUP)).toBe('passed');
      expect(run.verdict('Test/BackupShortParameter/Resource', BACKUP)).toBe('failed');
    });
    test('a read replica is judged on its source', () => {
      expect(run.verdict('Test/Replica/Resource', BACKUP)).toBe('not-applicable');
      expect(run.verdict('Test/Replica/Resource', CREDENTIALS)).toBe('not-applicable');
      expect(failedRules(run, 'Test/Replica/Resource')).toEqual([]);
    });
  });

  describe(PROTECTED, () => {
    test('fails when off, and says how a non-production database acknowledges it', () => {
      expect(run.detail('Test/Unprotected/Resource', PROTECTED)).toMatch(/acknowledge the rule/);
    });
    test('a non-production database acknowledged with its reason is not an error', () => {
      expect(run.violations.some((v) => v.ruleName === PROTECTED && v.constructPaths.includes('Test/UnprotectedTest/Resource'))).toBe(false);
      expect(run.acknowledged.find((v) => v.ruleName === PROTECTED && v.constructPaths.includes('Test/UnprotectedTest/Resource'))?.reason).toMatch(/Integration-test/);
    });
  });

  describe(CREDENTIALS, () => {
    test('a literal password fails, even with IAM authentication', () => {
      expect(run.detail('Test/LiteralPassword/Resource', CREDENTIALS)).toMatch(/written literally/);
      expect(run.verdict('Test/LiteralPasswordWithIam/Resource', CREDENTIALS)).toBe('failed');
    });
    test('an SSM SecureString or a typed-in parameter is not a managed secret', () => {
      expect(run.detail('Test/SsmPassword/Resource', CREDENTIALS)).toMatch(/SSM SecureString/);
      expect(run.detail('Test/ParameterPassword/Resource', CREDENTIALS)).toMatch(/template parameter TypedIn/);
    });
    test('IAM authentication, or a managed password under a customer key, passes', () => {
      expect(run.verdict('Test/IamOnly/Resource', CREDENTIALS)).toBe('passed');
      expect(run.verdict('Test/ManagedPassword/Resource', CREDENTIALS)).toBe('passed');
      expect(run.detail('Test/ManagedPasswordAwsKey/Resource', CREDENTIALS)).toMatch(/aws\/secretsmanager/);
      expect(run.verdict('Test/NoPassword/Resource', CREDENTIALS)).toBe('failed');
    });
  });

  describe(LOGS, () => {
    test('fails without exports, with the wrong type, and when a branch exports nothing', () => {
      expect(run.detail('Test/NoLogs/Resource', LOGS)).toMatch(/postgresql log/);
      expect(run.verdict('Test/LogsOverride/Resource', LOGS)).toBe('failed');
      expect(run.verdict('Test/LogsIf/Resource', LOGS)).toBe('failed');
    });
    test('MySQL exports its audit and error logs', () => {
      expect(run.verdict('Test/MysqlSecure/Resource', LOGS)).toBe('passed');
      expect(run.detail('Test/MysqlErrorLogOnly/Resource', LOGS)).toMatch(/its audit log/);
    });
  });

  describe('clusters', () => {
    test('a hardened Aurora cluster passes; its instances are judged only for public access', () => {
      expect(failedRules(run, 'Test/Aurora/Resource')).toEqual([]);
      for (const rule of [ENCRYPTED, TLS, BACKUP, PROTECTED, CREDENTIALS, LOGS]) {
        expect(run.verdict('Test/Aurora/Resource', rule)).toBe('passed');
        expect(run.verdict('Test/Aurora/Writer/Resource', rule)).toBe('not-applicable');
      }
      expect(run.verdict('Test/Aurora/Resource', PRIVATE)).toBe('not-applicable');
      expect(run.verdict('Test/Aurora/Writer/Resource', PRIVATE)).toBe('passed');
    });
    test('an unencrypted public Aurora cluster fails on the cluster and the instance', () => {
      expect(failedRules(run, 'Test/AuroraOpen/Resource')).toEqual([ENCRYPTED, TLS]);
      expect(failedRules(run, 'Test/AuroraOpen/Writer/Resource')).toEqual([PRIVATE]);
    });
    test('Aurora MySQL needs require_secure_transport in its cluster parameter group', () => {
      expect(run.verdict('Test/AuroraMysql/Resource', TLS)).toBe('passed');
      expect(run.verdict('Test/AuroraMysql/Resource', LOGS)).toBe('passed');
    });
    test('a global secondary cluster is judged for credentials on its primary', () => {
      expect(run.verdict('Test/GlobalSecondary', CREDENTIALS)).toBe('not-applicable');
      expect(run.verdict('Test/GlobalSecondary', ENCRYPTED)).toBe('passed');
    });
    test('a Multi-AZ DB cluster is private only with a subnet group and no PubliclyAccessible true', () => {
      expect(run.verdict('Test/MultiAzPrivate', PRIVATE)).toBe('passed');
      expect(run.verdict('Test/MultiAzNoSubnetGroup', PRIVATE)).toBe('failed');
    });
  });
});

describe('an Aurora cluster in another stack than its VPC', () => {
  // The subnets reach the cluster's subnet group through CDK's cross-stack exports.
  let split: PackRun;
  beforeAll(() => {
    split = runPack((app) => {
      const isolated = new ec2.Vpc(new Stack(app, 'Isolated'), 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'db', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      const internet = new ec2.Vpc(new Stack(app, 'Internet'), 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }, { name: 'db', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      const data = new Stack(app, 'Data');
      const cluster = (id: string, vpc: ec2.IVpc) => {
        const c = new rds.DatabaseCluster(data, id, {
          engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
          vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, writer: rds.ClusterInstance.provisioned('Writer'),
        });
        (c.node.findChild('Writer').node.defaultChild as rds.CfnDBInstance).addPropertyDeletionOverride('PubliclyAccessible');
      };
      cluster('InIsolatedVpc', isolated);
      cluster('InInternetVpc', internet);
    });
  });

  test('an instance without PubliclyAccessible is private when the other stack\'s VPC has no internet gateway, public when it has one', () => {
    expect(split.verdict('Data/InIsolatedVpc/Writer/Resource', PRIVATE)).toBe('passed');
    expect(split.verdict('Data/InInternetVpc/Writer/Resource', PRIVATE)).toBe('failed');
    expect(split.detail('Data/InInternetVpc/Writer/Resource', PRIVATE)).toMatch(/VPC with an internet gateway/);
  });
});

function l1Engine(stack: Stack, key: kms.Key, id: string, engine: string, parameters: Record<string, string>, logs: string[]): rds.CfnDBInstance {
  const group = new rds.CfnDBParameterGroup(stack, `${id}Parameters`, { description: id, family: engine, parameters });
  return new rds.CfnDBInstance(stack, id, {
    dbInstanceClass: 'db.m5.large',
    engine,
    allocatedStorage: '100',
    storageEncrypted: true,
    kmsKeyId: key.keyArn,
    dbParameterGroupName: group.ref,
    publiclyAccessible: false,
    backupRetentionPeriod: 7,
    deletionProtection: true,
    manageMasterUserPassword: true,
    masterUsername: 'dbadmin',
    masterUserSecret: { kmsKeyId: key.keyArn },
    enableCloudwatchLogsExports: logs,
  });
}

function oracle(stack: Stack, key: kms.Key, id: string, encryptionServer: string | undefined): void {
  const db = l1Engine(stack, key, id, 'oracle-se2', {}, ['alert', 'audit']);
  if (encryptionServer !== undefined) {
    const options = new rds.CfnOptionGroup(stack, `${id}Options`, {
      engineName: 'oracle-se2',
      majorEngineVersion: '19',
      optionGroupDescription: id,
      optionConfigurations: [{ optionName: 'NATIVE_NETWORK_ENCRYPTION', optionSettings: [{ name: 'SQLNET.ENCRYPTION_SERVER', value: encryptionServer }] }],
    });
    db.optionGroupName = options.ref;
  }
}

function clusters(stack: Stack, key: kms.Key, vpc: ec2.Vpc): void {
  const isolated = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
  const postgres = rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 });
  new rds.DatabaseCluster(stack, 'Aurora', {
    engine: postgres,
    vpc,
    vpcSubnets: isolated,
    writer: rds.ClusterInstance.serverlessV2('Writer'),
    storageEncryptionKey: key,
    credentials: rds.Credentials.fromGeneratedSecret('dbadmin', { encryptionKey: key }),
    parameters: { 'rds.force_ssl': '1' },
    backup: { retention: Duration.days(7) },
    deletionProtection: true,
    cloudwatchLogsExports: ['postgresql'],
  });
  // What the brief saw pass: an unencrypted, public Aurora cluster (in a VPC the instance can be public in).
  new rds.DatabaseCluster(stack, 'AuroraOpen', {
    engine: postgres,
    vpc,
    vpcSubnets: isolated,
    writer: rds.ClusterInstance.serverlessV2('Writer', { publiclyAccessible: true }),
    credentials: rds.Credentials.fromGeneratedSecret('dbadmin', { encryptionKey: key }),
    storageEncrypted: false,
    backup: { retention: Duration.days(7) },
    deletionProtection: true,
    cloudwatchLogsExports: ['postgresql'],
  });
  new rds.DatabaseCluster(stack, 'AuroraMysql', {
    engine: rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_08_0 }),
    vpc,
    vpcSubnets: isolated,
    writer: rds.ClusterInstance.serverlessV2('Writer'),
    storageEncryptionKey: key,
    credentials: rds.Credentials.fromGeneratedSecret('dbadmin', { encryptionKey: key }),
    parameters: { require_secure_transport: 'ON', server_audit_logging: '1' },
    backup: { retention: Duration.days(7) },
    deletionProtection: true,
    cloudwatchLogsExports: ['audit', 'error'],
  });
  const subnets = new rds.CfnDBSubnetGroup(stack, 'MultiAzSubnets', { dbSubnetGroupDescription: 'db', subnetIds: vpc.isolatedSubnets.map((s) => s.subnetId) });
  const multiAz = (id: string, subnetGroup: string | undefined) => new rds.CfnDBCluster(stack, id, {
    engine: 'postgres',
    dbClusterInstanceClass: 'db.m6gd.large',
    storageType: 'io1',
    iops: 1000,
    allocatedStorage: 100,
    dbSubnetGroupName: subnetGroup,
  });
  multiAz('MultiAzPrivate', subnets.ref);
  multiAz('MultiAzNoSubnetGroup', undefined);
  // A secondary of a global database has its primary's master user.
  new rds.CfnDBCluster(stack, 'GlobalSecondary', { engine: 'aurora-postgresql', globalClusterIdentifier: 'features-global', storageEncrypted: true, kmsKeyId: key.keyArn });
}
