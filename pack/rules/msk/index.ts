import { PackRule, Severity } from '../../rule';
import { MskBrokerLogging } from './MskBrokerLogging';
import { MskClientsAuthenticated } from './MskClientsAuthenticated';
import { MskConnectorEncryptedInTransit } from './MskConnectorEncryptedInTransit';
import { MskEncryptedAtRestCustomerKey } from './MskEncryptedAtRestCustomerKey';
import { MskEncryptedInTransit } from './MskEncryptedInTransit';
import { MskNotPublic } from './MskNotPublic';

/** The Amazon MSK rules (provisioned and serverless clusters, MSK Connect connectors), with the criteria, words and severity the pack gives them. */
export const MSK_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: MskEncryptedInTransit,
    criteria: ['CC6.7'],
    rationale: 'Records travel encrypted between clients and brokers and between brokers (CC6.7).',
    reference: { check: 'prowler:kafka_cluster_in_transit_encryption_enabled', criteria: ['CC6.7'] },
    severity: Severity.ERROR,
    finding: 'MSK cluster accepts clear-text clients or replicates between brokers in clear text.',
    fix: 'Keep encryptionInTransit: { clientBroker: ClientBrokerEncryption.TLS, enableInCluster: true } on the @aws-cdk/aws-msk-alpha Cluster (its defaults); on CfnCluster, encryptionInfo.encryptionInTransit { clientBroker: \'TLS\', inCluster: true } or leave both out (EncryptionInfo.EncryptionInTransit ClientBroker TLS, InCluster true). Move clients to the TLS bootstrap brokers first; InCluster is set at creation only.',
  },
  {
    kind: 'resource',
    rule: MskEncryptedAtRestCustomerKey,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Broker storage holds every record of every topic, which may be confidential (C1.1), under a key whose use the account controls and audits (CC6.1).',
    severity: Severity.ERROR,
    finding: 'MSK cluster storage is not encrypted under a customer-managed KMS key.',
    fix: 'Set ebsStorageInfo: { encryptionKey: key } on the @aws-cdk/aws-msk-alpha Cluster; on CfnCluster, encryptionInfo.encryptionAtRest { dataVolumeKmsKeyId: key.keyArn } (EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId), with a customer-managed key, not alias/aws/kafka. The key is chosen at creation: changing it replaces the cluster. MSK Serverless takes no key.',
  },
  {
    kind: 'resource',
    rule: MskBrokerLogging,
    criteria: ['CC7.2'],
    rationale: 'Broker logs (connections, authentication failures, errors) are recorded for monitoring (CC7.2).',
    severity: Severity.ERROR,
    finding: 'MSK cluster delivers no broker logs.',
    fix: 'Set logging: { cloudwatchLogGroup } (or firehoseDeliveryStreamName, or s3: { bucket }) on the @aws-cdk/aws-msk-alpha Cluster; on CfnCluster, loggingInfo.brokerLogs.cloudWatchLogs { enabled: true, logGroup } (LoggingInfo.BrokerLogs CloudWatchLogs, Firehose or S3 with Enabled true), to a retained, encrypted log group.',
  },
  {
    kind: 'resource',
    rule: MskNotPublic,
    criteria: ['CC6.6', 'CC6.1'],
    rationale: 'Brokers are not reachable from the internet (CC6.6 boundary protection), only from the networks given access (CC6.1).',
    severity: Severity.ERROR,
    finding: 'MSK cluster has public broker addresses.',
    fix: 'Leave public access off: drop brokerNodeGroupInfo.connectivityInfo.publicAccess from the CfnCluster or set its type to DISABLED (BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type). Reach the cluster from other VPCs or accounts through multi-VPC private connectivity (connectivityInfo.vpcConnectivity) or peering instead.',
  },
  {
    kind: 'resource',
    rule: MskClientsAuthenticated,
    criteria: ['CC6.1'],
    rationale: 'Clients authenticate before they produce or consume, so access can be granted per client (CC6.1).',
    severity: Severity.ERROR,
    finding: 'MSK cluster lets clients connect without authenticating.',
    fix: 'Set clientAuthentication: ClientAuthentication.sasl({ iam: true }) (or scram, or ClientAuthentication.tls({ certificateAuthorities })) on the @aws-cdk/aws-msk-alpha Cluster, whose default is unauthenticated; on CfnCluster, clientAuthentication { sasl: { iam: { enabled: true } }, unauthenticated: { enabled: false } } (ClientAuthentication.Sasl.Iam, Sasl.Scram or Tls Enabled true; Unauthenticated.Enabled false or absent), with EncryptionInTransit.ClientBroker TLS: a TLS_PLAINTEXT or PLAINTEXT listener admits clients without authentication. On CfnServerlessCluster, clientAuthentication.sasl.iam.enabled true.',
  },
  {
    kind: 'resource',
    rule: MskConnectorEncryptedInTransit,
    criteria: ['CC6.7'],
    rationale: 'Records an MSK Connect connector moves travel encrypted between it and its Kafka cluster (CC6.7).',
    reference: { check: 'prowler:kafka_connector_in_transit_encryption_enabled', criteria: ['CC6.7'] },
    severity: Severity.ERROR,
    finding: 'MSK Connect connector reaches its Kafka cluster in clear text.',
    fix: 'Set kafkaClusterEncryptionInTransit: { encryptionType: \'TLS\' } on the CfnConnector (KafkaClusterEncryptionInTransit.EncryptionType TLS), with the cluster\'s TLS bootstrap brokers in kafkaCluster.apacheKafkaCluster.bootstrapServers. It is set at creation: changing it replaces the connector.',
  },
];
