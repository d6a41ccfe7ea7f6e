/*
 * Amazon MSK, which ML platforms stream features and events through: a provisioned cluster written
 * with CfnCluster (aws-cdk-lib has no stable L2; @aws-cdk/aws-msk-alpha writes the same resource),
 * in isolated subnets, its brokers admitting IAM-authenticated TLS from the VPC only, its storage
 * under the kit's key and its broker logs in an encrypted, retained log group; and an MSK Connect
 * connector sinking a topic of it into the kit's data bucket.
 */
import { Aws, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kafkaconnect from 'aws-cdk-lib/aws-kafkaconnect';
import * as msk from 'aws-cdk-lib/aws-msk';
import { CorpusCase, defineCase } from './kit';

/** The port of the TLS listener for IAM access control. */
const KAFKA_IAM_TLS_PORT = 9098;
const CLUSTER_NAME = 'corpus-feature-stream';
const TOPIC = 'features';

const mskCluster = defineCase({
  name: 'MskCluster',
  kind: 'AWS::MSK::Cluster',
  // A clear-text client listener also admits clients without authentication (MSK documents it), so
  // ClientBrokerTlsPlaintext and ClientBrokerOverride break MskClientsAuthenticated as well.
  breaks: [
    'ClientBrokerTlsPlaintext', 'InClusterPlaintext', 'ClientBrokerOverride',
    'AwsManagedKey', 'AwsManagedKeyOverride',
    'LoggingLeftOut', 'BrokerLogsOff',
    'PublicAccess', 'PublicAccessOverride',
    'ClientAuthenticationLeftOut', 'UnauthenticatedOn',
  ],
  build(scope, broken, kit) {
    const brokers = kit.securityGroup;
    brokers.addIngressRule(ec2.Peer.ipv4(kit.vpc.vpcCidrBlock), ec2.Port.tcp(KAFKA_IAM_TLS_PORT), 'Kafka clients over TLS with IAM from the VPC');
    const brokerLogs = kit.logGroup('BrokerLogs');

    const cluster = new msk.CfnCluster(scope, 'Cluster', {
      clusterName: CLUSTER_NAME,
      kafkaVersion: '3.6.0',
      numberOfBrokerNodes: 2,
      brokerNodeGroupInfo: {
        clientSubnets: kit.subnetIds,
        instanceType: 'kafka.m7g.large',
        securityGroups: [brokers.securityGroupId],
        storageInfo: { ebsStorageInfo: { volumeSize: 100 } },
        connectivityInfo: broken === 'PublicAccess' ? { publicAccess: { type: 'SERVICE_PROVIDED_EIPS' } } : undefined,
      },
      encryptionInfo: {
        encryptionAtRest: broken === 'AwsManagedKey' ? undefined : { dataVolumeKmsKeyId: kit.key.keyArn },
        encryptionInTransit: { clientBroker: broken === 'ClientBrokerTlsPlaintext' ? 'TLS_PLAINTEXT' : 'TLS', inCluster: broken !== 'InClusterPlaintext' },
      },
      loggingInfo: broken === 'LoggingLeftOut' ? undefined : {
        brokerLogs: { cloudWatchLogs: { enabled: broken !== 'BrokerLogsOff', logGroup: brokerLogs.logGroupName } },
      },
      clientAuthentication: broken === 'ClientAuthenticationLeftOut' ? undefined : {
        sasl: { iam: { enabled: true } },
        unauthenticated: { enabled: broken === 'UnauthenticatedOn' },
      },
      enhancedMonitoring: 'PER_BROKER',
    });
    if (broken === 'ClientBrokerOverride') {
      cluster.addPropertyOverride('EncryptionInfo.EncryptionInTransit.ClientBroker', 'PLAINTEXT');
    }
    if (broken === 'AwsManagedKeyOverride') {
      cluster.addPropertyOverride('EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId', 'alias/aws/kafka');
    }
    if (broken === 'PublicAccessOverride') {
      cluster.addPropertyOverride('BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type', 'SERVICE_PROVIDED_EIPS');
    }
  },
});

/**
 * An S3 sink connector as MSK Connect documents it: IAM authentication over TLS to the cluster's
 * brokers, a role granted that cluster's topic and the bucket, worker logs in an encrypted log group.
 */
const mskConnector = defineCase({
  name: 'MskConnector',
  kind: 'AWS::KafkaConnect::Connector',
  breaks: ['EncryptionPlaintext', 'EncryptionOverride'],
  build(scope, broken, kit) {
    const stack = Stack.of(scope);
    const plugin = new kafkaconnect.CfnCustomPlugin(scope, 'Plugin', {
      name: 'corpus-s3-sink',
      contentType: 'ZIP',
      location: { s3Location: { bucketArn: kit.bucket.bucketArn, fileKey: 'plugins/s3-sink.zip' } },
    });
    const role = new iam.Role(scope, 'ConnectorRole', { assumedBy: new iam.ServicePrincipal('kafkaconnect.amazonaws.com') });
    const kafkaArn = (resource: string, resourceName: string) => stack.formatArn({ service: 'kafka', resource, resourceName });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster'], resources: [kafkaArn('cluster', `${CLUSTER_NAME}/*`)] }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'], resources: [kafkaArn('topic', `${CLUSTER_NAME}/*/${TOPIC}`)] }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['kafka-cluster:AlterGroup', 'kafka-cluster:DescribeGroup'], resources: [kafkaArn('group', `${CLUSTER_NAME}/*/connect-*`)] }));
    kit.bucket.grantReadWrite(role);
    const workerLogs = kit.logGroup('WorkerLogs');

    const connector = new kafkaconnect.CfnConnector(scope, 'Connector', {
      connectorName: 'corpus-feature-sink',
      kafkaConnectVersion: '2.7.1',
      capacity: { provisionedCapacity: { mcuCount: 1, workerCount: 1 } },
      connectorConfiguration: {
        'connector.class': 'io.confluent.connect.s3.S3SinkConnector',
        'tasks.max': '1',
        'topics': TOPIC,
        's3.bucket.name': kit.bucket.bucketName,
        's3.region': Aws.REGION,
        'flush.size': '1000',
        'storage.class': 'io.confluent.connect.s3.storage.S3Storage',
        'format.class': 'io.confluent.connect.s3.format.json.JsonFormat',
      },
      kafkaCluster: {
        apacheKafkaCluster: {
          bootstrapServers: `b-1.${CLUSTER_NAME}.kafka.${Aws.REGION}.${Aws.URL_SUFFIX}:${KAFKA_IAM_TLS_PORT}`,
          vpc: { securityGroups: [kit.securityGroup.securityGroupId], subnets: kit.subnetIds },
        },
      },
      kafkaClusterClientAuthentication: { authenticationType: 'IAM' },
      kafkaClusterEncryptionInTransit: { encryptionType: broken === 'EncryptionPlaintext' ? 'PLAINTEXT' : 'TLS' },
      logDelivery: { workerLogDelivery: { cloudWatchLogs: { enabled: true, logGroup: workerLogs.logGroupName } } },
      plugins: [{ customPlugin: { customPluginArn: plugin.attrCustomPluginArn, revision: plugin.attrRevision } }],
      serviceExecutionRoleArn: role.roleArn,
    });
    if (broken === 'EncryptionOverride') {
      connector.addPropertyOverride('KafkaClusterEncryptionInTransit.EncryptionType', 'PLAINTEXT');
    }
  },
});

export const CASES: readonly CorpusCase[] = [mskCluster, mskConnector];
