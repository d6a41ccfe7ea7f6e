import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kafkaconnect from 'aws-cdk-lib/aws-kafkaconnect';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as msk from 'aws-cdk-lib/aws-msk';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { MSK_RULES } from '../../../../pack/rules/msk';
import { PackRun, runPackOnStack } from '../../helpers';

/*
 * The MSK controls over CfnCluster (aws-cdk-lib has no L2; @aws-cdk/aws-msk-alpha writes the same
 * resource), CfnServerlessCluster and MSK Connect's CfnConnector. Each provisioned case is the hardened cluster with one change:
 * a property, an override, an `Fn::If`, a parameter with or without AllowedValues, an import.
 */

const IN_TRANSIT = 'MskEncryptedInTransit';
const AT_REST = 'MskEncryptedAtRestCustomerKey';
const LOGGING = 'MskBrokerLogging';
const PUBLIC = 'MskNotPublic';
const AUTH = 'MskClientsAuthenticated';
const CONNECTOR = 'MskConnectorEncryptedInTransit';
const IDS = new Set(MSK_RULES.map((r) => r.rule.id));

function failedRules(run: PackRun, constructPath: string): string[] {
  return (run.verdicts.find((v) => v.constructPath === constructPath)?.failed ?? []).map((f) => f.rule).filter((id) => IDS.has(id)).sort();
}

describe('MSK controls', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'brokers', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      const subnetIds = vpc.isolatedSubnets.map((s) => s.subnetId);
      const logGroup = new logs.LogGroup(stack, 'BrokerLogs', { encryptionKey: key });
      const bucket = new s3.Bucket(stack, 'LogBucket');
      const encryption = (transit: msk.CfnCluster.EncryptionInTransitProperty = { clientBroker: 'TLS', inCluster: true }): msk.CfnCluster.EncryptionInfoProperty => ({
        encryptionAtRest: { dataVolumeKmsKeyId: key.keyArn },
        encryptionInTransit: transit,
      });
      const hardened: msk.CfnClusterProps = {
        clusterName: 'features',
        kafkaVersion: '3.6.0',
        numberOfBrokerNodes: 2,
        brokerNodeGroupInfo: { clientSubnets: subnetIds, instanceType: 'kafka.m7g.large' },
        encryptionInfo: encryption(),
        loggingInfo: { brokerLogs: { cloudWatchLogs: { enabled: true, logGroup: logGroup.logGroupName } } },
        clientAuthentication: { sasl: { iam: { enabled: true } }, unauthenticated: { enabled: false } },
      };
      const cluster = (id: string, changes: Partial<msk.CfnClusterProps> = {}) => new msk.CfnCluster(stack, id, { ...hardened, ...changes, clusterName: id.toLowerCase() });
      const allowed = (id: string, values: string[]) => new CfnParameter(stack, id, { type: 'String', allowedValues: values }).valueAsString;
      const free = (id: string) => new CfnParameter(stack, id, { type: 'String' }).valueAsString;

      cluster('Hardened');

      // In transit
      cluster('TransitDefaults', { encryptionInfo: { encryptionAtRest: { dataVolumeKmsKeyId: key.keyArn } } });
      cluster('TlsPlaintext', { encryptionInfo: encryption({ clientBroker: 'TLS_PLAINTEXT', inCluster: true }) });
      cluster('Plaintext').addPropertyOverride('EncryptionInfo.EncryptionInTransit.ClientBroker', 'PLAINTEXT');
      cluster('InClusterOff', { encryptionInfo: encryption({ clientBroker: 'TLS', inCluster: false }) });
      cluster('ClientBrokerInBranch').addPropertyOverride('EncryptionInfo.EncryptionInTransit.ClientBroker', Fn.conditionIf(useFeature.logicalId, 'TLS', 'TLS_PLAINTEXT'));
      cluster('ClientBrokerTlsOnly', { encryptionInfo: encryption({ clientBroker: allowed('TlsOnly', ['TLS']) }) });
      cluster('ClientBrokerEither', { encryptionInfo: encryption({ clientBroker: allowed('TlsOrPlain', ['TLS', 'TLS_PLAINTEXT']) }) });
      cluster('ClientBrokerFree', { encryptionInfo: encryption({ clientBroker: free('ClientBroker') }) });
      cluster('TransitImported').addPropertyOverride('EncryptionInfo.EncryptionInTransit', Fn.importValue('SharedTransit'));

      // At rest
      cluster('NoEncryptionInfo', { encryptionInfo: undefined });
      cluster('AwsManagedAlias').addPropertyOverride('EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId', 'alias/aws/kafka');
      cluster('AwsManagedArn').addPropertyOverride('EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId', Fn.join('', ['arn:', Fn.ref('AWS::Partition'), ':kms:eu-west-1:111122223333:alias/aws/kafka']));
      cluster('KeyInBranch').addPropertyOverride('EncryptionInfo.EncryptionAtRest', Fn.conditionIf(useFeature.logicalId, { DataVolumeKMSKeyId: key.keyArn }, Fn.ref('AWS::NoValue')));
      cluster('KeyParameterChoice').addPropertyOverride('EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId', allowed('KeyChoice', ['alias/aws/kafka', 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab']));
      cluster('KeyParameterFree').addPropertyOverride('EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId', free('KeyArn'));
      cluster('EncryptionImported').addPropertyOverride('EncryptionInfo', Fn.importValue('SharedEncryption'));

      // Logging
      cluster('NoLogging', { loggingInfo: undefined });
      cluster('LogsOff', { loggingInfo: { brokerLogs: { cloudWatchLogs: { enabled: false, logGroup: logGroup.logGroupName } } } });
      cluster('LogsNoGroup', { loggingInfo: { brokerLogs: { cloudWatchLogs: { enabled: true } } } });
      cluster('LogsToS3', { loggingInfo: { brokerLogs: { s3: { enabled: true, bucket: bucket.bucketName } } } });
      cluster('LogsToFirehose', { loggingInfo: { brokerLogs: { firehose: { enabled: true, deliveryStream: 'broker-logs' } } } });
      cluster('LogsOffInBranch').addPropertyOverride('LoggingInfo.BrokerLogs', Fn.conditionIf(useFeature.logicalId, { CloudWatchLogs: { Enabled: true, LogGroup: logGroup.logGroupName } }, { CloudWatchLogs: { Enabled: false } }));
      cluster('LogsEitherBranch').addPropertyOverride('LoggingInfo.BrokerLogs', Fn.conditionIf(useFeature.logicalId, { CloudWatchLogs: { Enabled: true, LogGroup: logGroup.logGroupName } }, { S3: { Enabled: true, Bucket: bucket.bucketName } }));
      cluster('LogsParameterOn').addPropertyOverride('LoggingInfo.BrokerLogs.CloudWatchLogs.Enabled', allowed('LogsOn', ['true']));
      cluster('LogsParameterFree').addPropertyOverride('LoggingInfo.BrokerLogs.CloudWatchLogs.Enabled', free('LogsEnabled'));

      // Public access
      cluster('PublicAccessDisabled', { brokerNodeGroupInfo: { ...hardened.brokerNodeGroupInfo as msk.CfnCluster.BrokerNodeGroupInfoProperty, connectivityInfo: { publicAccess: { type: 'DISABLED' } } } });
      cluster('PublicAccess', { brokerNodeGroupInfo: { ...hardened.brokerNodeGroupInfo as msk.CfnCluster.BrokerNodeGroupInfoProperty, connectivityInfo: { publicAccess: { type: 'SERVICE_PROVIDED_EIPS' } } } });
      cluster('PublicInBranch').addPropertyOverride('BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type', Fn.conditionIf(useFeature.logicalId, 'SERVICE_PROVIDED_EIPS', 'DISABLED'));
      cluster('PublicParameterDisabled').addPropertyOverride('BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type', allowed('AccessDisabled', ['DISABLED']));
      cluster('PublicParameterFree').addPropertyOverride('BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type', free('AccessType'));

      // Client authentication
      cluster('NoAuthentication', { clientAuthentication: undefined });
      cluster('Scram', { clientAuthentication: { sasl: { scram: { enabled: true } } } });
      cluster('MutualTls', { clientAuthentication: { tls: { enabled: true, certificateAuthorityArnList: ['arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/1234abcd-12ab-34cd-56ef-1234567890ab'] } } });
      cluster('TlsEnabledAbsent', { clientAuthentication: { tls: { certificateAuthorityArnList: ['arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/1234abcd-12ab-34cd-56ef-1234567890ab'] } } });
      cluster('Unauthenticated', { clientAuthentication: { sasl: { iam: { enabled: true } }, unauthenticated: { enabled: true } } });
      cluster('MethodsOff', { clientAuthentication: { sasl: { iam: { enabled: false }, scram: { enabled: false } }, tls: { enabled: false } } });
      cluster('AuthInBranch').addPropertyOverride('ClientAuthentication', Fn.conditionIf(useFeature.logicalId, { Sasl: { Iam: { Enabled: true } } }, Fn.ref('AWS::NoValue')));
      cluster('UnauthenticatedParameterOff').addPropertyOverride('ClientAuthentication.Unauthenticated.Enabled', allowed('UnauthOff', ['false']));
      cluster('UnauthenticatedParameterEither').addPropertyOverride('ClientAuthentication.Unauthenticated.Enabled', allowed('UnauthEither', ['false', 'true']));
      cluster('IamParameterFree').addPropertyOverride('ClientAuthentication.Sasl.Iam.Enabled', free('IamEnabled'));

      // Serverless
      const serverless = (id: string, iam: boolean) => new msk.CfnServerlessCluster(stack, id, {
        clusterName: id.toLowerCase(), vpcConfigs: [{ subnetIds }], clientAuthentication: { sasl: { iam: { enabled: iam } } },
      });
      serverless('Serverless', true);
      serverless('ServerlessIamOff', false);

      // MSK Connect
      const role = new iam.Role(stack, 'ConnectorRole', { assumedBy: new iam.ServicePrincipal('kafkaconnect.amazonaws.com') });
      const connector = (id: string, encryptionType: string) => new kafkaconnect.CfnConnector(stack, id, {
        connectorName: id.toLowerCase(),
        kafkaConnectVersion: '2.7.1',
        capacity: { provisionedCapacity: { mcuCount: 1, workerCount: 1 } },
        connectorConfiguration: { 'connector.class': 'io.confluent.connect.s3.S3SinkConnector', 'topics': 'features' },
        kafkaCluster: { apacheKafkaCluster: { bootstrapServers: 'b-1.features.kafka.eu-west-1.amazonaws.com:9098', vpc: { securityGroups: [vpc.vpcDefaultSecurityGroup], subnets: subnetIds } } },
        kafkaClusterClientAuthentication: { authenticationType: 'IAM' },
        kafkaClusterEncryptionInTransit: { encryptionType },
        plugins: [{ customPlugin: { customPluginArn: 'arn:aws:kafkaconnect:eu-west-1:111122223333:custom-plugin/s3-sink/1234abcd-12ab-34cd-56ef-1234567890ab-1', revision: 1 } }],
        serviceExecutionRoleArn: role.roleArn,
      });
      connector('ConnectorTls', 'TLS');
      connector('ConnectorPlaintext', 'PLAINTEXT');
      connector('ConnectorInBranch', 'TLS').addPropertyOverride('KafkaClusterEncryptionInTransit.EncryptionType', Fn.conditionIf(useFeature.logicalId, 'TLS', 'PLAINTEXT'));
      connector('ConnectorParameterTls', allowed('ConnectorTlsOnly', ['TLS']));
      connector('ConnectorParameterFree', free('ConnectorEncryption'));
    });
  });

  test('the hardened cluster passes every rule', () => {
    for (const rule of [IN_TRANSIT, AT_REST, LOGGING, PUBLIC, AUTH]) {
      expect(run.verdict('Test/Hardened', rule)).toBe('passed');
    }
  });

  test('each single-control break fails only its rule', () => {
    expect(failedRules(run, 'Test/InClusterOff')).toEqual([IN_TRANSIT]);
    expect(failedRules(run, 'Test/NoEncryptionInfo')).toEqual([AT_REST]);
    expect(failedRules(run, 'Test/NoLogging')).toEqual([LOGGING]);
    expect(failedRules(run, 'Test/PublicAccess')).toEqual([PUBLIC]);
    expect(failedRules(run, 'Test/NoAuthentication')).toEqual([AUTH]);
  });

  describe(IN_TRANSIT, () => {
    test('passes TLS with in-cluster encryption, written or left to the defaults', () => {
      expect(run.verdict('Test/TransitDefaults', IN_TRANSIT)).toBe('passed');
      expect(run.verdict('Test/ClientBrokerTlsOnly', IN_TRANSIT)).toBe('passed');
    });

    test('fails a clear-text listener and clear-text replication', () => {
      expect(run.detail('Test/TlsPlaintext', IN_TRANSIT)).toBe('It accepts clients in clear text: EncryptionInTransit.ClientBroker is TLS_PLAINTEXT, which opens the plaintext listener (port 9092) beside or instead of TLS.');
      expect(run.detail('Test/Plaintext', IN_TRANSIT)).toMatch(/ClientBroker is PLAINTEXT/);
      expect(run.detail('Test/InClusterOff', IN_TRANSIT)).toBe('Its brokers replicate records to each other in clear text: EncryptionInTransit.InCluster is false.');
    });

    test('judges every branch and a parameter by its AllowedValues; fails closed on what synth cannot read', () => {
      expect(run.detail('Test/ClientBrokerInBranch', IN_TRANSIT)).toMatch(/ClientBroker is TLS_PLAINTEXT \(in at least one branch\)/);
      expect(run.detail('Test/ClientBrokerEither', IN_TRANSIT)).toMatch(/TLS_PLAINTEXT \(in at least one branch\)/);
      expect(run.detail('Test/ClientBrokerFree', IN_TRANSIT)).toMatch(/ClientBroker comes from a value synth cannot know/);
      expect(run.detail('Test/TransitImported', IN_TRANSIT)).toMatch(/synth cannot know/);
    });

    test('a serverless cluster passes: it accepts TLS only', () => {
      expect(run.verdict('Test/Serverless', IN_TRANSIT)).toBe('passed');
    });
  });

  describe(AT_REST, () => {
    test('fails the AWS managed key, named or left to the default', () => {
      expect(run.detail('Test/NoEncryptionInfo', AT_REST)).toBe('It names no EncryptionAtRest.DataVolumeKMSKeyId, so MSK encrypts its broker storage under the AWS managed key aws/kafka, not a customer-managed key whose use the account controls and audits.');
      expect(run.detail('Test/AwsManagedAlias', AT_REST)).toBe('Its DataVolumeKMSKeyId names the AWS managed key alias/aws/kafka, not a customer-managed key.');
      expect(run.verdict('Test/AwsManagedArn', AT_REST)).toBe('failed');
    });

    test('judges every branch and each AllowedValue; a reference to a key counts', () => {
      expect(run.detail('Test/KeyInBranch', AT_REST)).toMatch(/^It names no EncryptionAtRest.DataVolumeKMSKeyId \(in at least one branch\)/);
      expect(run.detail('Test/KeyParameterChoice', AT_REST)).toMatch(/alias\/aws\/kafka \(in at least one branch\)/);
      expect(run.verdict('Test/KeyParameterFree', AT_REST)).toBe('passed');
      expect(run.detail('Test/EncryptionImported', AT_REST)).toMatch(/cannot be read at synth/);
    });

    test('a serverless cluster fails: it takes no key', () => {
      expect(run.detail('Test/Serverless', AT_REST)).toMatch(/^MSK Serverless takes no key/);
    });
  });

  describe(LOGGING, () => {
    test('passes broker logs to CloudWatch Logs, S3 or Firehose', () => {
      expect(run.verdict('Test/LogsToS3', LOGGING)).toBe('passed');
      expect(run.verdict('Test/LogsToFirehose', LOGGING)).toBe('passed');
      expect(run.verdict('Test/LogsParameterOn', LOGGING)).toBe('passed');
    });

    test('fails no logging, a destination turned off and one with no target', () => {
      expect(run.detail('Test/NoLogging', LOGGING)).toBe('It delivers no broker logs: it has no LoggingInfo.BrokerLogs (MSK keeps none by default).');
      expect(run.detail('Test/LogsOff', LOGGING)).toMatch(/turns on none of CloudWatchLogs, Firehose or S3/);
      expect(run.verdict('Test/LogsNoGroup', LOGGING)).toBe('failed');
    });

    test('judges every branch of BrokerLogs; fails closed on what synth cannot read', () => {
      expect(run.detail('Test/LogsOffInBranch', LOGGING)).toMatch(/\(in at least one branch\)/);
      expect(run.verdict('Test/LogsEitherBranch', LOGGING)).toBe('passed');
      expect(run.detail('Test/LogsParameterFree', LOGGING)).toMatch(/synth cannot know/);
    });

    test('serverless clusters have no broker logs and are not read', () => {
      expect(run.verdict('Test/Serverless', LOGGING)).toBe('unchecked');
    });
  });

  describe(PUBLIC, () => {
    test('passes public access absent or DISABLED, and serverless clusters', () => {
      expect(run.verdict('Test/PublicAccessDisabled', PUBLIC)).toBe('passed');
      expect(run.verdict('Test/PublicParameterDisabled', PUBLIC)).toBe('passed');
      expect(run.verdict('Test/Serverless', PUBLIC)).toBe('passed');
    });

    test('fails public broker addresses, in any branch; fails closed on a parameter without AllowedValues', () => {
      expect(run.detail('Test/PublicAccess', PUBLIC)).toMatch(/^Its brokers are reachable from the internet: ConnectivityInfo.PublicAccess.Type is SERVICE_PROVIDED_EIPS, /);
      expect(run.detail('Test/PublicInBranch', PUBLIC)).toMatch(/SERVICE_PROVIDED_EIPS \(in at least one branch\)/);
      expect(run.detail('Test/PublicParameterFree', PUBLIC)).toMatch(/synth cannot know/);
    });
  });

  describe(AUTH, () => {
    test('passes IAM, SASL/SCRAM or mutual TLS with unauthenticated access off', () => {
      expect(run.verdict('Test/Scram', AUTH)).toBe('passed');
      expect(run.verdict('Test/MutualTls', AUTH)).toBe('passed');
      expect(run.verdict('Test/UnauthenticatedParameterOff', AUTH)).toBe('passed');
    });

    test('fails no ClientAuthentication (the default is unauthenticated), unauthenticated access, and every method off', () => {
      expect(run.detail('Test/NoAuthentication', AUTH)).toBe('It has no ClientAuthentication, so MSK lets every client that reaches its brokers connect without authenticating (unauthenticated access is the default).');
      expect(run.detail('Test/Unauthenticated', AUTH)).toMatch(/^It accepts unauthenticated clients: ClientAuthentication.Unauthenticated.Enabled is true,/);
      expect(run.detail('Test/MethodsOff', AUTH)).toMatch(/turns on no client authentication/);
      expect(run.verdict('Test/TlsEnabledAbsent', AUTH)).toBe('failed');
    });

    test('a clear-text listener fails it too: MSK admits clients on it without authentication', () => {
      expect(failedRules(run, 'Test/TlsPlaintext')).toEqual([AUTH, IN_TRANSIT]);
      expect(run.detail('Test/TlsPlaintext', AUTH)).toBe('Its EncryptionInTransit.ClientBroker is TLS_PLAINTEXT, so MSK opens a plaintext listener (port 9092) on which clients connect without authenticating, whatever ClientAuthentication turns on.');
      expect(run.detail('Test/ClientBrokerInBranch', AUTH)).toMatch(/TLS_PLAINTEXT \(in at least one branch\)/);
      expect(run.verdict('Test/ClientBrokerTlsOnly', AUTH)).toBe('passed');
      expect(run.detail('Test/ClientBrokerFree', AUTH)).toMatch(/synth cannot know/);
    });

    test('judges every branch and a parameter by its AllowedValues; fails closed on what synth cannot read', () => {
      expect(run.detail('Test/AuthInBranch', AUTH)).toMatch(/^It has no ClientAuthentication \(in at least one branch\)/);
      expect(run.detail('Test/UnauthenticatedParameterEither', AUTH)).toMatch(/Enabled is "true" \(in at least one branch\)/);
      expect(run.detail('Test/IamParameterFree', AUTH)).toMatch(/synth cannot know/);
    });

    test('a serverless cluster needs IAM access control on', () => {
      expect(run.verdict('Test/Serverless', AUTH)).toBe('passed');
      expect(run.detail('Test/ServerlessIamOff', AUTH)).toMatch(/Sasl.Iam.Enabled is false; MSK Serverless authenticates clients only with IAM/);
    });
  });

  describe(CONNECTOR, () => {
    test('passes a connector that reaches its cluster over TLS, written or as every AllowedValue', () => {
      expect(run.verdict('Test/ConnectorTls', CONNECTOR)).toBe('passed');
      expect(run.verdict('Test/ConnectorParameterTls', CONNECTOR)).toBe('passed');
    });

    test('fails PLAINTEXT, in any branch; fails closed on a parameter without AllowedValues', () => {
      expect(run.detail('Test/ConnectorPlaintext', CONNECTOR)).toBe('It reaches its Kafka cluster in clear text: KafkaClusterEncryptionInTransit.EncryptionType is PLAINTEXT, so the records it moves cross the network unencrypted.');
      expect(run.detail('Test/ConnectorInBranch', CONNECTOR)).toMatch(/PLAINTEXT \(in at least one branch\)/);
      expect(run.detail('Test/ConnectorParameterFree', CONNECTOR)).toMatch(/synth cannot know/);
    });
  });
});
