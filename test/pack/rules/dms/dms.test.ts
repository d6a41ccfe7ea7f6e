import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as dms from 'aws-cdk-lib/aws-dms';
import * as kms from 'aws-cdk-lib/aws-kms';
import { DMS_RULES } from '../../../../pack/rules/dms';
import { PackRun, runPackOnStack } from '../../helpers';

/*
 * The DMS controls over L1s (aws-cdk-lib has no L2 for DMS): CfnReplicationInstance,
 * CfnReplicationConfig (DMS Serverless) and CfnEndpoint. Each case is a hardened resource with one
 * change: a property, an override, an `Fn::If`, a parameter with or without AllowedValues, an import.
 */

const PUBLIC = 'DmsReplicationNotPublic';
const KMS = 'DmsReplicationKms';
const TLS = 'DmsEndpointTls';
const CREDENTIALS = 'DmsEndpointCredentialsManaged';
const IDS = new Set(DMS_RULES.map((r) => r.rule.id));

const KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:orders-db-AbCdEf';
const ACCESS_ROLE_ARN = 'arn:aws:iam::111122223333:role/dms-secrets-access';
const LITERAL_PASSWORD = 'Tr0ub4dor-and-3';

function failedRules(run: PackRun, constructPath: string): string[] {
  return (run.verdicts.find((v) => v.constructPath === constructPath)?.failed ?? []).map((f) => f.rule).filter((id) => IDS.has(id)).sort();
}

describe('DMS controls', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      const allowed = (id: string, values: string[]) => new CfnParameter(stack, id, { type: 'String', allowedValues: values }).valueAsString;
      const free = (id: string) => new CfnParameter(stack, id, { type: 'String' }).valueAsString;

      // Replication instances
      const instance = (id: string, changes: Partial<dms.CfnReplicationInstanceProps> = {}) => new dms.CfnReplicationInstance(stack, id, {
        replicationInstanceClass: 'dms.r6i.large',
        replicationSubnetGroupIdentifier: 'isolated',
        publiclyAccessible: false,
        kmsKeyId: key.keyArn,
        ...changes,
      });
      instance('Instance');
      instance('PublicAbsent', { publiclyAccessible: undefined });
      instance('PublicTrue', { publiclyAccessible: true });
      instance('PublicAsString').addPropertyOverride('PubliclyAccessible', 'false');
      instance('PublicInBranch').addPropertyOverride('PubliclyAccessible', Fn.conditionIf(useFeature.logicalId, false, true));
      instance('PublicParameterFalse').addPropertyOverride('PubliclyAccessible', allowed('PublicOff', ['false']));
      instance('PublicParameterEither').addPropertyOverride('PubliclyAccessible', allowed('PublicEither', ['false', 'true']));
      instance('PublicParameterFree').addPropertyOverride('PubliclyAccessible', free('PublicFree'));
      instance('NoKey', { kmsKeyId: undefined });
      instance('AwsManagedKey', { kmsKeyId: 'alias/aws/dms' });
      instance('AwsManagedKeyArn').addPropertyOverride('KmsKeyId', Fn.join('', ['arn:', Fn.ref('AWS::Partition'), ':kms:eu-west-1:111122223333:alias/aws/dms']));
      instance('KeyInBranch').addPropertyOverride('KmsKeyId', Fn.conditionIf(useFeature.logicalId, key.keyArn, Fn.ref('AWS::NoValue')));
      instance('KeyParameterChoice', { kmsKeyId: allowed('KeyChoice', ['alias/aws/dms', KEY_ARN]) });
      instance('KeyParameterFree', { kmsKeyId: free('KeyFree') });
      instance('ImportedKey', { kmsKeyId: Fn.importValue('SharedDmsKey') });

      // DMS Serverless
      const serverless = (id: string, compute: Partial<dms.CfnReplicationConfig.ComputeConfigProperty> = {}) => new dms.CfnReplicationConfig(stack, id, {
        replicationConfigIdentifier: id.toLowerCase(),
        replicationType: 'full-load-and-cdc',
        sourceEndpointArn: 'arn:aws:dms:eu-west-1:111122223333:endpoint:SOURCE',
        targetEndpointArn: 'arn:aws:dms:eu-west-1:111122223333:endpoint:TARGET',
        tableMappings: { rules: [{ 'rule-type': 'selection', 'rule-id': '1', 'rule-name': 'orders', 'object-locator': { 'schema-name': 'public', 'table-name': '%' }, 'rule-action': 'include' }] },
        computeConfig: { maxCapacityUnits: 16, replicationSubnetGroupId: 'isolated', kmsKeyId: key.keyArn, ...compute },
      });
      serverless('Serverless');
      serverless('ServerlessNoKey', { kmsKeyId: undefined });
      serverless('ServerlessAwsManagedKey', { kmsKeyId: 'alias/aws/dms' });
      serverless('ServerlessComputeImported').addPropertyOverride('ComputeConfig', Fn.importValue('SharedCompute'));

      // Endpoints: a PostgreSQL source whose login is a Secrets Manager secret.
      const endpoint = (id: string, changes: Partial<dms.CfnEndpointProps> = {}) => new dms.CfnEndpoint(stack, id, {
        endpointType: 'source',
        engineName: 'postgres',
        databaseName: 'orders',
        sslMode: 'verify-full',
        certificateArn: 'arn:aws:dms:eu-west-1:111122223333:cert:RDSCA',
        postgreSqlSettings: { secretsManagerSecretId: SECRET_ARN, secretsManagerAccessRoleArn: ACCESS_ROLE_ARN },
        ...changes,
      });
      const literalLogin: Partial<dms.CfnEndpointProps> = { postgreSqlSettings: undefined, serverName: 'orders.db.internal', port: 5432, username: 'dms' };
      endpoint('Endpoint');
      endpoint('SslModeAbsent', { sslMode: undefined });
      endpoint('SslModeNone', { sslMode: 'none' });
      endpoint('SslModeRequire', { sslMode: 'require' });
      endpoint('SslModeInBranch').addPropertyOverride('SslMode', Fn.conditionIf(useFeature.logicalId, 'verify-full', 'none'));
      endpoint('SslModeParameterTls', { sslMode: allowed('SslTls', ['require', 'verify-full']) });
      endpoint('SslModeParameterEither', { sslMode: allowed('SslEither', ['none', 'require']) });
      endpoint('SslModeParameterFree', { sslMode: free('SslFree') });
      endpoint('EngineParameterFree', { engineName: free('EngineFree') });
      endpoint('MySqlTls', { engineName: 'mysql', postgreSqlSettings: undefined, mySqlSettings: { secretsManagerSecretId: SECRET_ARN, secretsManagerAccessRoleArn: ACCESS_ROLE_ARN } });
      endpoint('UnknownEngineTls', { engineName: 'newdb', sslMode: 'require' });
      endpoint('UnknownEngineClear', { engineName: 'newdb', sslMode: 'none' });
      endpoint('S3Target', { endpointType: 'target', engineName: 's3', sslMode: 'none', certificateArn: undefined, postgreSqlSettings: undefined, s3Settings: { bucketName: 'lake', serviceAccessRoleArn: ACCESS_ROLE_ARN } });
      endpoint('RedshiftTarget', { endpointType: 'target', engineName: 'redshift', sslMode: undefined, postgreSqlSettings: undefined, redshiftSettings: { secretsManagerSecretId: SECRET_ARN, secretsManagerAccessRoleArn: ACCESS_ROLE_ARN } });
      const redis = (id: string, protocol?: string) => endpoint(id, {
        endpointType: 'target', engineName: 'redis', sslMode: undefined, certificateArn: undefined, postgreSqlSettings: undefined,
        redisSettings: { serverName: 'features.cache.internal', port: 6379, authType: 'none', sslSecurityProtocol: protocol },
      });
      redis('RedisDefault');
      redis('RedisPlaintext', 'plaintext');
      const kafka = (id: string, protocol?: string) => endpoint(id, {
        endpointType: 'target', engineName: 'kafka', sslMode: undefined, certificateArn: undefined, postgreSqlSettings: undefined,
        kafkaSettings: { broker: 'b-1.features.kafka.eu-west-1.amazonaws.com:9094', topic: 'orders', securityProtocol: protocol },
      });
      kafka('KafkaTls', 'ssl-encryption');
      kafka('KafkaAbsent');
      kafka('KafkaPlaintext', 'plaintext');

      endpoint('LiteralPassword', { ...literalLogin, password: LITERAL_PASSWORD });
      endpoint('PasswordResolved', { ...literalLogin, password: '{{resolve:secretsmanager:orders-db:SecretString:password}}' });
      endpoint('PasswordSsm', { ...literalLogin, password: '{{resolve:ssm-secure:/orders/db/password:1}}' });
      endpoint('PasswordParameter', { ...literalLogin, password: new CfnParameter(stack, 'DbPassword', { type: 'String', noEcho: true }).valueAsString });
      endpoint('PasswordInBranch', literalLogin).addPropertyOverride('Password', Fn.conditionIf(useFeature.logicalId, '{{resolve:secretsmanager:orders-db:SecretString:password}}', LITERAL_PASSWORD));
      endpoint('MongoPassword', { engineName: 'mongodb', sslMode: 'require', postgreSqlSettings: undefined, mongoDbSettings: { serverName: 'events.db.internal', port: 27017, username: 'dms', password: LITERAL_PASSWORD, authType: 'password' } });
      kafka('KafkaSaslPassword', 'sasl-ssl').addPropertyOverride('KafkaSettings.SaslPassword', LITERAL_PASSWORD);
      endpoint('SettingsImported', { engineName: 'mongodb', sslMode: 'require', postgreSqlSettings: undefined }).addPropertyOverride('MongoDbSettings', Fn.importValue('SharedMongoSettings'));
    });
  });

  test('the hardened resources pass every rule', () => {
    expect(failedRules(run, 'Test/Instance')).toEqual([]);
    expect(failedRules(run, 'Test/Serverless')).toEqual([]);
    expect(failedRules(run, 'Test/Endpoint')).toEqual([]);
    for (const rule of [PUBLIC, KMS]) {
      expect(run.verdict('Test/Instance', rule)).toBe('passed');
      expect(run.verdict('Test/Serverless', rule)).toBe('passed');
    }
    for (const rule of [TLS, CREDENTIALS]) {
      expect(run.verdict('Test/Endpoint', rule)).toBe('passed');
    }
  });

  test('each single-control break fails only its rule', () => {
    expect(failedRules(run, 'Test/PublicTrue')).toEqual([PUBLIC]);
    expect(failedRules(run, 'Test/NoKey')).toEqual([KMS]);
    expect(failedRules(run, 'Test/ServerlessNoKey')).toEqual([KMS]);
    expect(failedRules(run, 'Test/SslModeNone')).toEqual([TLS]);
    expect(failedRules(run, 'Test/LiteralPassword')).toEqual([CREDENTIALS]);
  });

  describe(PUBLIC, () => {
    test('fails an instance left public, by default or on purpose', () => {
      expect(run.detail('Test/PublicAbsent', PUBLIC)).toMatch(/^PubliclyAccessible is absent, and DMS makes a replication instance publicly accessible by default \(the documented default is true\)/);
      expect(run.detail('Test/PublicTrue', PUBLIC)).toBe('PubliclyAccessible is true, so the replication instance gets a public IP address, and only its security group stands between the internet and a server that holds database credentials and every row it copies.');
    });

    test('judges every branch and a parameter by its AllowedValues; fails closed on a free parameter', () => {
      expect(run.verdict('Test/PublicAsString', PUBLIC)).toBe('passed');
      expect(run.detail('Test/PublicInBranch', PUBLIC)).toMatch(/^PubliclyAccessible is true \(in at least one branch\)/);
      expect(run.verdict('Test/PublicParameterFalse', PUBLIC)).toBe('passed');
      expect(run.detail('Test/PublicParameterEither', PUBLIC)).toMatch(/^PubliclyAccessible is true \(in at least one branch\)/);
      expect(run.detail('Test/PublicParameterFree', PUBLIC)).toMatch(/^PubliclyAccessible comes from a value that cannot be known at synth/);
    });

    test('passes DMS Serverless, which has no public IP address', () => {
      expect(run.verdict('Test/ServerlessNoKey', PUBLIC)).toBe('passed');
    });
  });

  describe(KMS, () => {
    test('passes a customer-managed key, by reference, parameter or import', () => {
      expect(run.verdict('Test/KeyParameterFree', KMS)).toBe('passed');
      expect(run.verdict('Test/ImportedKey', KMS)).toBe('passed');
    });

    test('fails no key (aws/dms) and the AWS managed key', () => {
      expect(run.detail('Test/NoKey', KMS)).toBe('It names no KmsKeyId, so DMS encrypts what it stores while replicating (cached changes, staged tables, task logs) under its default key, the AWS managed aws/dms, not a customer-managed key whose use the account controls and audits.');
      expect(run.detail('Test/AwsManagedKey', KMS)).toBe('Its KmsKeyId names the AWS managed key alias/aws/dms, not a customer-managed key.');
      expect(run.detail('Test/AwsManagedKeyArn', KMS)).toMatch(/^Its KmsKeyId names the AWS managed key arn:\$\{AWS::Partition\}:kms:eu-west-1:111122223333:alias\/aws\/dms/);
    });

    test('judges every branch, and a parameter by its AllowedValues', () => {
      expect(run.detail('Test/KeyInBranch', KMS)).toMatch(/^It names no KmsKeyId \(in at least one branch\)/);
      expect(run.detail('Test/KeyParameterChoice', KMS)).toMatch(/^Its KmsKeyId names the AWS managed key alias\/aws\/dms \(in at least one branch\)/);
    });

    test('reads DMS Serverless\'s ComputeConfig.KmsKeyId, failing closed on what synth cannot read', () => {
      expect(run.detail('Test/ServerlessNoKey', KMS)).toMatch(/^It names no ComputeConfig\.KmsKeyId, so DMS encrypts/);
      expect(run.detail('Test/ServerlessAwsManagedKey', KMS)).toBe('Its ComputeConfig.KmsKeyId names the AWS managed key alias/aws/dms, not a customer-managed key.');
      expect(run.detail('Test/ServerlessComputeImported', KMS)).toMatch(/^Its ComputeConfig cannot be read at synth/);
    });
  });

  describe(TLS, () => {
    test('passes every SslMode that encrypts', () => {
      expect(run.verdict('Test/SslModeRequire', TLS)).toBe('passed');
      expect(run.verdict('Test/MySqlTls', TLS)).toBe('passed');
    });

    test('fails a database endpoint without TLS: none, or left out (none is the default)', () => {
      expect(run.detail('Test/SslModeNone', TLS)).toBe('DMS connects to its postgres database in clear text: SslMode is "none", not require, verify-ca or verify-full, so the rows it copies and the credentials it logs in with cross the network unencrypted.');
      expect(run.detail('Test/SslModeAbsent', TLS)).toMatch(/SslMode is absent \(DMS's default is none\), not require/);
    });

    test('judges every branch and a parameter by its AllowedValues; fails closed on what synth cannot read', () => {
      expect(run.detail('Test/SslModeInBranch', TLS)).toMatch(/SslMode is "none" \(in at least one branch\)/);
      expect(run.verdict('Test/SslModeParameterTls', TLS)).toBe('passed');
      expect(run.detail('Test/SslModeParameterEither', TLS)).toMatch(/SslMode is "none" \(in at least one branch\)/);
      expect(run.detail('Test/SslModeParameterFree', TLS)).toMatch(/^Its SslMode comes from a value synth cannot know/);
      expect(run.detail('Test/EngineParameterFree', TLS)).toMatch(/^Its EngineName comes from a value synth cannot know/);
    });

    test('judges an engine it does not know by SslMode', () => {
      expect(run.verdict('Test/UnknownEngineTls', TLS)).toBe('passed');
      expect(run.detail('Test/UnknownEngineClear', TLS)).toMatch(/^DMS connects to its newdb database in clear text: SslMode is "none"/);
    });

    test('is not applicable to endpoints reached through AWS APIs, or Redshift', () => {
      expect(run.verdict('Test/S3Target', TLS)).toBe('not-applicable');
      expect(run.verdict('Test/RedshiftTarget', TLS)).toBe('not-applicable');
    });

    test('judges Redis by SslSecurityProtocol (TLS by default) and Kafka by SecurityProtocol', () => {
      expect(run.verdict('Test/RedisDefault', TLS)).toBe('passed');
      expect(run.detail('Test/RedisPlaintext', TLS)).toBe('DMS writes to its Redis target in clear text: RedisSettings.SslSecurityProtocol is "plaintext", not ssl-encryption (the default).');
      expect(run.verdict('Test/KafkaTls', TLS)).toBe('passed');
      expect(run.detail('Test/KafkaAbsent', TLS)).toBe('Nothing shows DMS publishing to its Kafka brokers over TLS: KafkaSettings.SecurityProtocol is absent, not ssl-encryption, ssl-authentication or sasl-ssl.');
      expect(run.detail('Test/KafkaPlaintext', TLS)).toMatch(/KafkaSettings\.SecurityProtocol is "plaintext"/);
    });
  });

  describe(CREDENTIALS, () => {
    test('passes a login from Secrets Manager: the engine settings\' secret, or a dynamic reference', () => {
      expect(run.verdict('Test/MySqlTls', CREDENTIALS)).toBe('passed');
      expect(run.verdict('Test/RedshiftTarget', CREDENTIALS)).toBe('passed');
      expect(run.verdict('Test/PasswordResolved', CREDENTIALS)).toBe('passed');
    });

    test('fails a password in the template: literal, SSM SecureString or parameter, in any branch', () => {
      expect(run.detail('Test/LiteralPassword', CREDENTIALS)).toBe('Its Password is written literally in the template, where anyone who can read the template or the stack can read it. Keep the login in a Secrets Manager secret the endpoint\'s engine settings name (SecretsManagerSecretId with SecretsManagerAccessRoleArn).');
      expect(run.detail('Test/PasswordSsm', CREDENTIALS)).toMatch(/^Its Password resolves an SSM SecureString parameter/);
      expect(run.detail('Test/PasswordParameter', CREDENTIALS)).toMatch(/^Its Password comes from the template parameter DbPassword, typed in at deploy time/);
      expect(run.detail('Test/PasswordInBranch', CREDENTIALS)).toMatch(/^Its Password is written literally in the template/);
    });

    test('reads the passwords of engine settings, failing closed on settings synth cannot read', () => {
      expect(run.detail('Test/MongoPassword', CREDENTIALS)).toMatch(/^Its MongoDbSettings\.Password is written literally in the template/);
      expect(run.detail('Test/KafkaSaslPassword', CREDENTIALS)).toMatch(/^Its KafkaSettings\.SaslPassword is written literally in the template/);
      expect(run.detail('Test/SettingsImported', CREDENTIALS)).toMatch(/^Its MongoDbSettings cannot be read at synth/);
    });

    test('is not applicable to an endpoint reached with an IAM role that sets no password', () => {
      expect(run.verdict('Test/S3Target', CREDENTIALS)).toBe('not-applicable');
      expect(run.verdict('Test/KafkaTls', CREDENTIALS)).toBe('passed');
    });
  });
});
