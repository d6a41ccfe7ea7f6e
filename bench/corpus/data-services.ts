/*
 * The cases of the data services users compose with the platform: DynamoDB, EFS, OpenSearch
 * (managed domains, legacy Elasticsearch domains, Serverless), Kinesis Data Streams and Firehose,
 * AWS Backup vaults, and Secrets Manager rotation and resource policies. Each control is broken in
 * the forms users write it: the L2 prop, a property override on the L2's default child (named
 * `…Override`), and the L1 (its own case).
 */
import { ArnFormat, Aws, CfnResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as elasticsearch from 'aws-cdk-lib/aws-elasticsearch';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import * as serverless from 'aws-cdk-lib/aws-opensearchserverless';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { CorpusCase, defineCase, Kit, ORG_ID, override } from './kit';

// ---------------------------------------------------------------------------------------------
// DynamoDB

const PARTITION_KEY = { name: 'customer_id', type: dynamodb.AttributeType.STRING };

const dynamoDbTable = defineCase({
  name: 'DynamoDbTable',
  kind: 'AWS::DynamoDB::Table',
  breaks: ['PointInTimeRecovery', 'PointInTimeRecoveryOverride', 'KmsEncryption', 'KmsEncryptionDefault', 'KmsEncryptionOverride', 'DeletionProtection', 'DeletionProtectionOverride'],
  build(scope, broken, kit) {
    const encryption = broken === 'KmsEncryption' ? dynamodb.TableEncryption.AWS_MANAGED
      : broken === 'KmsEncryptionDefault' ? undefined : dynamodb.TableEncryption.CUSTOMER_MANAGED;
    const table = new dynamodb.Table(scope, 'Table', {
      partitionKey: PARTITION_KEY,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption,
      encryptionKey: encryption === dynamodb.TableEncryption.CUSTOMER_MANAGED ? kit.key : undefined,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: broken !== 'PointInTimeRecovery' },
      deletionProtection: broken !== 'DeletionProtection',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (broken === 'PointInTimeRecoveryOverride') {
      override(table, 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', false);
    }
    if (broken === 'KmsEncryptionOverride') {
      override(table, 'SSESpecification.KMSMasterKeyId', 'alias/aws/dynamodb');
    }
    if (broken === 'DeletionProtectionOverride') {
      override(table, 'DeletionProtectionEnabled', false);
    }
  },
});

const dynamoDbTableL1 = defineCase({
  name: 'DynamoDbTableL1',
  kind: 'AWS::DynamoDB::Table',
  breaks: ['PointInTimeRecovery', 'KmsEncryption', 'DeletionProtection'],
  build(scope, broken, kit) {
    new dynamodb.CfnTable(scope, 'Table', {
      keySchema: [{ attributeName: 'customer_id', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'customer_id', attributeType: 'S' }],
      billingMode: 'PAY_PER_REQUEST',
      sseSpecification: broken === 'KmsEncryption' ? { sseEnabled: true } : { sseEnabled: true, sseType: 'KMS', kmsMasterKeyId: kit.key.keyArn },
      pointInTimeRecoverySpecification: broken === 'PointInTimeRecovery' ? undefined : { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 },
      deletionProtectionEnabled: broken === 'DeletionProtection' ? undefined : true,
    }).applyRemovalPolicy(RemovalPolicy.RETAIN);
  },
});

/**
 * TableV2 writes a global table. Its replicas and their keys need a region: the table is built in a
 * stack that has one, under the case's construct, with a second replica under that region's key.
 */
const dynamoDbGlobalTable = defineCase({
  name: 'DynamoDbGlobalTable',
  kind: 'AWS::DynamoDB::GlobalTable',
  breaks: ['PointInTimeRecovery', 'PointInTimeRecoveryOverride', 'KmsEncryption', 'KmsEncryptionDefault', 'KmsEncryptionOverride', 'DeletionProtection', 'DeletionProtectionOverride'],
  build(scope, broken) {
    const regional = new Stack(scope, 'Regional', { env: { region: 'us-east-1' } });
    const replicaKey = regional.formatArn({ service: 'kms', region: 'eu-west-1', resource: 'key', resourceName: 'mrk-0123456789abcdef0123456789abcdef' });
    const encryption = broken === 'KmsEncryption' ? dynamodb.TableEncryptionV2.awsManagedKey()
      : broken === 'KmsEncryptionDefault' ? undefined : dynamodb.TableEncryptionV2.customerManagedKey(new Kit(regional).key, { 'eu-west-1': replicaKey });
    const table = new dynamodb.TableV2(regional, 'Table', {
      partitionKey: PARTITION_KEY,
      encryption,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: broken !== 'PointInTimeRecovery' },
      deletionProtection: broken !== 'DeletionProtection',
      replicas: [{ region: 'eu-west-1' }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (broken === 'PointInTimeRecoveryOverride') {
      override(table, 'Replicas.0.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', false);
    }
    if (broken === 'KmsEncryptionOverride') {
      override(table, 'Replicas.0.SSESpecification.KMSMasterKeyId', 'alias/aws/dynamodb');
    }
    if (broken === 'DeletionProtectionOverride') {
      override(table, 'Replicas.0.DeletionProtectionEnabled', false);
    }
  },
});

const dynamoDbGlobalTableL1 = defineCase({
  name: 'DynamoDbGlobalTableL1',
  kind: 'AWS::DynamoDB::GlobalTable',
  breaks: ['PointInTimeRecovery', 'KmsEncryption', 'DeletionProtection'],
  build(scope, broken, kit) {
    new dynamodb.CfnGlobalTable(scope, 'Table', {
      keySchema: [{ attributeName: 'customer_id', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'customer_id', attributeType: 'S' }],
      billingMode: 'PAY_PER_REQUEST',
      sseSpecification: { sseEnabled: true, sseType: 'KMS' },
      replicas: [{
        region: Aws.REGION,
        sseSpecification: broken === 'KmsEncryption' ? undefined : { kmsMasterKeyId: kit.key.keyArn },
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: broken !== 'PointInTimeRecovery' },
        deletionProtectionEnabled: broken !== 'DeletionProtection',
      }],
    }).applyRemovalPolicy(RemovalPolicy.RETAIN);
  },
});

// ---------------------------------------------------------------------------------------------
// EFS

/** Mount targets admitting NFS from inside the VPC only. */
function nfsSecurityGroup(scope: Construct, kit: Kit): ec2.SecurityGroup {
  const sg = new ec2.SecurityGroup(scope, 'NfsSg', { vpc: kit.vpc, description: 'EFS mount targets', allowAllOutbound: false });
  sg.addIngressRule(ec2.Peer.ipv4(kit.vpc.vpcCidrBlock), ec2.Port.tcp(2049), 'NFS from the VPC');
  return sg;
}

/** The statement the EFS console's "Enforce in-transit encryption for all clients" writes. */
function denyPlainNfs(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'DenyUnencryptedTransport',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['*'],
    conditions: { Bool: { 'aws:SecureTransport': 'false' } },
  });
}

const efsFileSystem = defineCase({
  name: 'EfsFileSystem',
  kind: 'AWS::EFS::FileSystem',
  breaks: ['Encrypted', 'EncryptedOverride', 'TlsOnly', 'TlsOnlyOverride', 'AutomaticBackups', 'AutomaticBackupsOverride'],
  build(scope, broken, kit) {
    // A policy that grants mounts through mount targets, with or without the TLS denial.
    const grant = new iam.PolicyStatement({
      sid: 'MountThroughMountTargets',
      principals: [new iam.AccountRootPrincipal()],
      actions: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
      conditions: { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' } },
    });
    const fileSystem = new efs.FileSystem(scope, 'FileSystem', {
      vpc: kit.vpc,
      securityGroup: nfsSecurityGroup(scope, kit),
      encrypted: broken !== 'Encrypted',
      kmsKey: broken === 'Encrypted' ? undefined : kit.key,
      enableAutomaticBackups: broken !== 'AutomaticBackups',
      fileSystemPolicy: new iam.PolicyDocument({ statements: broken === 'TlsOnly' ? [grant] : [denyPlainNfs(), grant] }),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (broken === 'EncryptedOverride') {
      override(fileSystem, 'Encrypted', false);
    }
    if (broken === 'TlsOnlyOverride') {
      override(fileSystem, 'FileSystemPolicy.Statement.0.Condition.Bool.aws:SecureTransport', 'true');
    }
    if (broken === 'AutomaticBackupsOverride') {
      override(fileSystem, 'BackupPolicy.Status', 'DISABLED');
    }
  },
});

const efsFileSystemL1 = defineCase({
  name: 'EfsFileSystemL1',
  kind: 'AWS::EFS::FileSystem',
  breaks: ['Encrypted', 'TlsOnly', 'AutomaticBackups'],
  build(scope, broken, kit) {
    const fileSystem = new efs.CfnFileSystem(scope, 'FileSystem', {
      encrypted: broken === 'Encrypted' ? undefined : true,
      kmsKeyId: broken === 'Encrypted' ? undefined : kit.key.keyArn,
      backupPolicy: { status: broken === 'AutomaticBackups' ? 'DISABLED' : 'ENABLED' },
      fileSystemPolicy: broken === 'TlsOnly' ? undefined : new iam.PolicyDocument({ statements: [denyPlainNfs()] }),
    });
    fileSystem.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const sg = nfsSecurityGroup(scope, kit);
    kit.vpc.isolatedSubnets.forEach((subnet, i) => {
      new efs.CfnMountTarget(scope, `MountTarget${i}`, { fileSystemId: fileSystem.ref, subnetId: subnet.subnetId, securityGroups: [sg.securityGroupId] });
    });
  },
});

// ---------------------------------------------------------------------------------------------
// OpenSearch Service

/** The master user of fine-grained access control: an IAM role, so no password secret. */
function searchAdmin(scope: Construct): iam.Role {
  return new iam.Role(scope, 'SearchAdmin', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
}

/** Lets OpenSearch write to the domain's log groups (what the L2 Domain does with a custom resource). */
function searchLogsPolicy(scope: Construct, group: logs.ILogGroup): void {
  new logs.ResourcePolicy(scope, 'SearchLogsPolicy', {
    policyStatements: [new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('es.amazonaws.com')],
      actions: ['logs:PutLogEvents', 'logs:CreateLogStream'],
      resources: [group.logGroupArn],
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    })],
  });
}

/**
 * The L2 Domain refuses fine-grained access control without encryption at rest, node-to-node
 * encryption and HTTPS, and audit logs without fine-grained access control: those controls break
 * through overrides, the others through L2 props too.
 */
const openSearchDomain = defineCase({
  name: 'OpenSearchDomain',
  kind: 'AWS::OpenSearchService::Domain',
  breaks: [
    'EncryptedAtRestOverride', 'NodeToNodeEncryptionOverride', 'HttpsOnly', 'HttpsOnlyOverride', 'InVpc', 'InVpcOverride',
    'FineGrainedAccessControlOverride', 'AuditLogs', 'AuditLogsOverride',
  ],
  build(scope, broken, kit) {
    const auditLogGroup = kit.logGroup('SearchAuditLogs');
    searchLogsPolicy(scope, auditLogGroup);
    const inVpc = broken !== 'InVpc';
    const domain = new opensearch.Domain(scope, 'Domain', {
      version: opensearch.EngineVersion.OPENSEARCH_2_11,
      capacity: { dataNodes: 2, dataNodeInstanceType: 'r6g.large.search', multiAzWithStandbyEnabled: false },
      zoneAwareness: { enabled: true, availabilityZoneCount: 2 },
      ebs: { volumeSize: 20 },
      vpc: inVpc ? kit.vpc : undefined,
      vpcSubnets: inVpc ? [{ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] : undefined,
      securityGroups: inVpc ? [kit.securityGroup] : undefined,
      encryptionAtRest: { enabled: true, kmsKey: kit.key },
      nodeToNodeEncryption: true,
      enforceHttps: true,
      tlsSecurityPolicy: broken === 'HttpsOnly' ? opensearch.TLSSecurityPolicy.TLS_1_0 : opensearch.TLSSecurityPolicy.TLS_1_2_PFS,
      fineGrainedAccessControl: { masterUserArn: searchAdmin(scope).roleArn },
      logging: broken === 'AuditLogs' ? {} : { auditLogEnabled: true, auditLogGroup },
      suppressLogsResourcePolicy: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const overrides: Record<string, [string, unknown]> = {
      EncryptedAtRestOverride: ['EncryptionAtRestOptions.Enabled', false],
      NodeToNodeEncryptionOverride: ['NodeToNodeEncryptionOptions.Enabled', false],
      HttpsOnlyOverride: ['DomainEndpointOptions.EnforceHTTPS', false],
      FineGrainedAccessControlOverride: ['AdvancedSecurityOptions.Enabled', false],
      AuditLogsOverride: ['LogPublishingOptions.AUDIT_LOGS.Enabled', false],
    };
    const change = overrides[broken ?? ''];
    if (change) {
      override(domain, change[0], change[1]);
    }
    if (broken === 'InVpcOverride') {
      (domain.node.defaultChild as CfnResource).addPropertyDeletionOverride('VPCOptions');
    }
  },
});

const DOMAIN_L1_BREAKS = ['EncryptedAtRest', 'NodeToNodeEncryption', 'HttpsOnly', 'InVpc', 'FineGrainedAccessControl', 'AuditLogs'];

/** The settings of a hardened L1 domain, shared by OpenSearch and legacy Elasticsearch (same CloudFormation names). */
function domainL1Settings(scope: Construct, kit: Kit, broken: string | undefined) {
  const auditLogGroup = kit.logGroup('SearchAuditLogs');
  searchLogsPolicy(scope, auditLogGroup);
  return {
    encryptionAtRestOptions: { enabled: broken !== 'EncryptedAtRest', kmsKeyId: kit.key.keyId },
    nodeToNodeEncryptionOptions: { enabled: broken !== 'NodeToNodeEncryption' },
    domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: broken === 'HttpsOnly' ? 'Policy-Min-TLS-1-0-2019-07' : 'Policy-Min-TLS-1-2-2019-07' },
    vpcOptions: broken === 'InVpc' ? undefined : { subnetIds: kit.subnetIds, securityGroupIds: [kit.securityGroup.securityGroupId] },
    advancedSecurityOptions: { enabled: broken !== 'FineGrainedAccessControl', internalUserDatabaseEnabled: false, masterUserOptions: { masterUserArn: searchAdmin(scope).roleArn } },
    logPublishingOptions: { AUDIT_LOGS: { enabled: broken !== 'AuditLogs', cloudWatchLogsLogGroupArn: auditLogGroup.logGroupArn } },
    ebsOptions: { ebsEnabled: true, volumeSize: 20, volumeType: 'gp3' },
  };
}

const openSearchDomainL1 = defineCase({
  name: 'OpenSearchDomainL1',
  kind: 'AWS::OpenSearchService::Domain',
  breaks: DOMAIN_L1_BREAKS,
  build(scope, broken, kit) {
    new opensearch.CfnDomain(scope, 'Domain', {
      engineVersion: 'OpenSearch_2.11',
      clusterConfig: { instanceType: 'r6g.large.search', instanceCount: 2, zoneAwarenessEnabled: true, zoneAwarenessConfig: { availabilityZoneCount: 2 } },
      ...domainL1Settings(scope, kit, broken),
    }).applyRemovalPolicy(RemovalPolicy.RETAIN);
  },
});

const elasticsearchDomainL1 = defineCase({
  name: 'ElasticsearchDomainL1',
  kind: 'AWS::Elasticsearch::Domain',
  breaks: DOMAIN_L1_BREAKS,
  build(scope, broken, kit) {
    new elasticsearch.CfnDomain(scope, 'Domain', {
      elasticsearchVersion: '7.10',
      elasticsearchClusterConfig: { instanceType: 'r6g.large.elasticsearch', instanceCount: 2, zoneAwarenessEnabled: true, zoneAwarenessConfig: { availabilityZoneCount: 2 } },
      ...domainL1Settings(scope, kit, broken),
    }).applyRemovalPolicy(RemovalPolicy.RETAIN);
  },
});

// ---------------------------------------------------------------------------------------------
// OpenSearch Serverless (no L2 in aws-cdk-lib): a collection with its encryption and network policies

const COLLECTION = 'customer-search';

function serverlessCollection(scope: Construct, kit: Kit, broken: string | undefined): void {
  const rules = (...types: string[]) => types.map((t) => ({ ResourceType: t, Resource: [`collection/${COLLECTION}`] }));
  const endpoint = new serverless.CfnVpcEndpoint(scope, 'Endpoint', {
    name: 'customer-search-vpce', vpcId: kit.vpc.vpcId, subnetIds: kit.subnetIds, securityGroupIds: [kit.securityGroup.securityGroupId],
  });
  const stack = Stack.of(scope);
  const encryption = new serverless.CfnSecurityPolicy(scope, 'EncryptionPolicy', {
    name: 'customer-search-enc',
    type: 'encryption',
    policy: stack.toJsonString(broken === 'KmsEncryption'
      ? { Rules: rules('collection'), AWSOwnedKey: true }
      : { Rules: rules('collection'), AWSOwnedKey: false, KmsARN: kit.key.keyArn }),
  });
  const network = new serverless.CfnSecurityPolicy(scope, 'NetworkPolicy', {
    name: 'customer-search-net',
    type: 'network',
    policy: stack.toJsonString([broken === 'NotPublic'
      ? { Rules: rules('collection', 'dashboard'), AllowFromPublic: true }
      : { Rules: rules('collection', 'dashboard'), AllowFromPublic: false, SourceVPCEs: [endpoint.attrId] }]),
  });
  const collection = new serverless.CfnCollection(scope, 'Collection', { name: COLLECTION, type: 'SEARCH' });
  collection.addDependency(encryption);
  collection.addDependency(network);
}

const openSearchServerless = defineCase({
  name: 'OpenSearchServerlessCollection',
  kind: 'AWS::OpenSearchServerless::SecurityPolicy',
  breaks: ['KmsEncryption', 'NotPublic'],
  build(scope, broken, kit) {
    serverlessCollection(scope, kit, broken);
  },
});

// ---------------------------------------------------------------------------------------------
// Kinesis Data Streams and Firehose

const kinesisStream = defineCase({
  name: 'KinesisStream',
  kind: 'AWS::Kinesis::Stream',
  breaks: ['Encrypted', 'EncryptedDefault', 'EncryptedOverride'],
  build(scope, broken, kit) {
    const encryption = broken === 'Encrypted' ? kinesis.StreamEncryption.UNENCRYPTED
      : broken === 'EncryptedDefault' ? undefined : kinesis.StreamEncryption.KMS;
    const stream = new kinesis.Stream(scope, 'Stream', {
      encryption,
      encryptionKey: encryption === kinesis.StreamEncryption.KMS ? kit.key : undefined,
      retentionPeriod: Duration.days(7),
    });
    if (broken === 'EncryptedOverride') {
      (stream.node.defaultChild as CfnResource).addPropertyDeletionOverride('StreamEncryption');
    }
  },
});

const kinesisStreamL1 = defineCase({
  name: 'KinesisStreamL1',
  kind: 'AWS::Kinesis::Stream',
  breaks: ['Encrypted'],
  build(scope, broken, kit) {
    new kinesis.CfnStream(scope, 'Stream', {
      streamModeDetails: { streamMode: 'ON_DEMAND' },
      streamEncryption: broken === 'Encrypted' ? undefined : { encryptionType: 'KMS', keyId: kit.key.keyArn },
    });
  },
});

/** An S3 destination writing with the kit's key, logging delivery errors to an encrypted group. */
function s3Destination(kit: Kit): firehose.S3Bucket {
  return new firehose.S3Bucket(kit.bucket, {
    encryptionKey: kit.key,
    dataOutputPrefix: 'events/',
    errorOutputPrefix: 'events-errors/',
    loggingConfig: new firehose.EnableLogging(kit.logGroup('DeliveryLogs')),
  });
}

const firehoseDeliveryStream = defineCase({
  name: 'FirehoseDeliveryStream',
  kind: 'AWS::KinesisFirehose::DeliveryStream',
  breaks: ['Encrypted', 'EncryptedOverride'],
  build(scope, broken, kit) {
    const delivery = new firehose.DeliveryStream(scope, 'Delivery', {
      destination: s3Destination(kit),
      encryption: broken === 'Encrypted' ? undefined : firehose.StreamEncryption.customerManagedKey(kit.key),
    });
    if (broken === 'EncryptedOverride') {
      (delivery.node.defaultChild as CfnResource).addPropertyDeletionOverride('DeliveryStreamEncryptionConfigurationInput');
    }
  },
});

/** A Firehose stream reading a Kinesis data stream stores nothing at rest: its source must be encrypted. */
const firehoseFromStream = defineCase({
  name: 'FirehoseFromKinesisStream',
  kind: 'AWS::KinesisFirehose::DeliveryStream',
  breaks: ['EncryptedSource'],
  build(scope, broken, kit) {
    const source = new kinesis.Stream(scope, 'Source', {
      encryption: broken === 'EncryptedSource' ? kinesis.StreamEncryption.UNENCRYPTED : kinesis.StreamEncryption.KMS,
      encryptionKey: broken === 'EncryptedSource' ? undefined : kit.key,
    });
    new firehose.DeliveryStream(scope, 'Delivery', { source: new firehose.KinesisStreamSource(source), destination: s3Destination(kit) });
  },
});

const firehoseDeliveryStreamL1 = defineCase({
  name: 'FirehoseDeliveryStreamL1',
  kind: 'AWS::KinesisFirehose::DeliveryStream',
  breaks: ['Encrypted'],
  build(scope, broken, kit) {
    const role = new iam.Role(scope, 'DeliveryRole', { assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com') });
    kit.bucket.grantReadWrite(role);
    kit.key.grantEncryptDecrypt(role);
    new firehose.CfnDeliveryStream(scope, 'Delivery', {
      deliveryStreamType: 'DirectPut',
      deliveryStreamEncryptionConfigurationInput: broken === 'Encrypted' ? undefined : { keyType: 'CUSTOMER_MANAGED_CMK', keyArn: kit.key.keyArn },
      extendedS3DestinationConfiguration: {
        bucketArn: kit.bucket.bucketArn,
        roleArn: role.roleArn,
        encryptionConfiguration: { kmsEncryptionConfig: { awskmsKeyArn: kit.key.keyArn } },
      },
    });
  },
});

// ---------------------------------------------------------------------------------------------
// AWS Backup

const backupVault = defineCase({
  name: 'BackupVault',
  kind: 'AWS::Backup::BackupVault',
  breaks: ['KmsEncryption', 'KmsEncryptionOverride'],
  build(scope, broken, kit) {
    const vault = new backup.BackupVault(scope, 'Vault', {
      encryptionKey: broken === 'KmsEncryption' ? undefined : kit.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (broken === 'KmsEncryptionOverride') {
      override(vault, 'EncryptionKeyArn', 'alias/aws/backup');
    }
  },
});

const backupVaultL1 = defineCase({
  name: 'BackupVaultL1',
  kind: 'AWS::Backup::BackupVault',
  breaks: ['KmsEncryption'],
  build(scope, broken, kit) {
    new backup.CfnBackupVault(scope, 'Vault', {
      backupVaultName: 'corpus-vault',
      encryptionKeyArn: broken === 'KmsEncryption' ? undefined : kit.key.keyArn,
    }).applyRemovalPolicy(RemovalPolicy.RETAIN);
  },
});

/** A daily plan into a customer-keyed vault, copied to a second vault: each keeps recovery points five weeks or more. */
const backupPlan = defineCase({
  name: 'BackupPlan',
  kind: 'AWS::Backup::BackupPlan',
  breaks: ['ShortRetention', 'CopyShortRetention', 'RetentionOverride'],
  build(scope, broken, kit) {
    const vault = new backup.BackupVault(scope, 'Vault', { encryptionKey: kit.key, removalPolicy: RemovalPolicy.RETAIN });
    const copies = new backup.BackupVault(scope, 'CopyVault', { encryptionKey: kit.key, removalPolicy: RemovalPolicy.RETAIN });
    const plan = new backup.BackupPlan(scope, 'Plan', {
      backupVault: vault,
      backupPlanRules: [new backup.BackupPlanRule({
        ruleName: 'Daily',
        scheduleExpression: events.Schedule.cron({ hour: '3', minute: '0' }),
        deleteAfter: Duration.days(broken === 'ShortRetention' ? 7 : 35),
        copyActions: [{ destinationBackupVault: copies, deleteAfter: Duration.days(broken === 'CopyShortRetention' ? 14 : 90) }],
      })],
    });
    if (broken === 'RetentionOverride') {
      override(plan, 'BackupPlan.BackupPlanRule.0.Lifecycle.DeleteAfterDays', 1);
    }
  },
});

const backupPlanL1 = defineCase({
  name: 'BackupPlanL1',
  kind: 'AWS::Backup::BackupPlan',
  breaks: ['ShortRetention'],
  build(scope, broken, kit) {
    const vault = new backup.CfnBackupVault(scope, 'Vault', { backupVaultName: 'corpus-plan-vault', encryptionKeyArn: kit.key.keyArn });
    vault.applyRemovalPolicy(RemovalPolicy.RETAIN);
    new backup.CfnBackupPlan(scope, 'Plan', {
      backupPlan: {
        backupPlanName: 'corpus-monthly',
        backupPlanRule: [{ ruleName: 'Monthly', targetBackupVault: vault.ref, scheduleExpression: 'cron(0 5 1 * ? *)', lifecycle: { deleteAfterDays: broken === 'ShortRetention' ? 30 : 365 } }],
      },
    });
  },
});

// ---------------------------------------------------------------------------------------------
// Secrets Manager: rotation and resource policies (SecretKmsEncryption has its case in platform-services)

/** A rotation function the team deploys once and shares, known by its ARN. */
function rotationFunctionArn(scope: Construct): string {
  return Stack.of(scope).formatArn({ service: 'lambda', resource: 'function', resourceName: 'secret-rotation', arnFormat: ArnFormat.COLON_RESOURCE_NAME });
}

/** Everyone in the organization may read the secret; with `public`, everyone at all. */
function readSecret(everyone: boolean): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'ReadFromOrganization',
    principals: [new iam.AnyPrincipal()],
    actions: ['secretsmanager:GetSecretValue'],
    resources: ['*'],
    conditions: everyone ? undefined : { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } },
  });
}

const rotatedSecret = defineCase({
  name: 'RotatedSecret',
  kind: 'AWS::SecretsManager::Secret',
  breaks: ['Rotation', 'RotationOverride', 'PolicyNotPublic', 'PolicyNotPublicOverride'],
  build(scope, broken, kit) {
    const secret = new secretsmanager.Secret(scope, 'Secret', { encryptionKey: kit.key, removalPolicy: RemovalPolicy.RETAIN });
    // First in the policy: rotation adds its own statement (a denial of DeleteSecret) after it.
    secret.addToResourcePolicy(readSecret(broken === 'PolicyNotPublic'));
    if (broken === 'PolicyNotPublicOverride') {
      // The narrowing condition taken out of the generated policy.
      (secret.node.findChild('Policy').node.defaultChild as CfnResource).addPropertyDeletionOverride('ResourcePolicy.Statement.0.Condition');
    }
    if (broken !== 'Rotation') {
      const schedule = secret.addRotationSchedule('Rotation', {
        // Imported: the shared function already admits Secrets Manager, so no permission is written.
        rotationLambda: lambda.Function.fromFunctionArn(scope, 'Rotator', rotationFunctionArn(scope)),
        automaticallyAfter: Duration.days(30),
      });
      if (broken === 'RotationOverride') {
        (schedule.node.defaultChild as CfnResource).addPropertyDeletionOverride('RotationRules');
      }
    }
  },
});

const rotatedSecretL1 = defineCase({
  name: 'RotatedSecretL1',
  kind: 'AWS::SecretsManager::Secret',
  breaks: ['Rotation', 'PolicyNotPublic'],
  build(scope, broken, kit) {
    const secret = new secretsmanager.CfnSecret(scope, 'Secret', {
      kmsKeyId: kit.key.keyArn,
      generateSecretString: { secretStringTemplate: '{"username":"reporting"}', generateStringKey: 'password', passwordLength: 32 },
    });
    secret.applyRemovalPolicy(RemovalPolicy.RETAIN);
    if (broken !== 'Rotation') {
      new secretsmanager.CfnRotationSchedule(scope, 'Rotation', {
        secretId: secret.ref,
        rotationLambdaArn: rotationFunctionArn(scope),
        rotationRules: { scheduleExpression: 'rate(30 days)' },
      });
    }
    new secretsmanager.CfnResourcePolicy(scope, 'Policy', {
      secretId: secret.ref,
      blockPublicPolicy: true,
      resourcePolicy: new iam.PolicyDocument({ statements: [readSecret(broken === 'PolicyNotPublic')] }),
    });
  },
});

export const CASES: readonly CorpusCase[] = [
  dynamoDbTable, dynamoDbTableL1, dynamoDbGlobalTable, dynamoDbGlobalTableL1,
  efsFileSystem, efsFileSystemL1,
  openSearchDomain, openSearchDomainL1, elasticsearchDomainL1, openSearchServerless,
  kinesisStream, kinesisStreamL1, firehoseDeliveryStream, firehoseFromStream, firehoseDeliveryStreamL1,
  backupVault, backupVaultL1, backupPlan, backupPlanL1,
  rotatedSecret, rotatedSecretL1,
];
