/*
 * AWS DMS, which ML teams use to copy production databases into the data lake for training, written
 * with its L1s (aws-cdk-lib has no DMS L2): a replication instance in a subnet group of the kit's
 * isolated subnets under the kit's key; a source endpoint to the orders PostgreSQL database over
 * verified TLS, its login a rotated Secrets Manager secret that DMS reads through a role; and a DMS
 * Serverless replication from that endpoint into the kit's data bucket.
 *
 * DMS creates subnet groups with the account's service role `dms-vpc-role` (the AWS managed policy
 * AmazonDMSVPCManagementRole). Its name is fixed, so it is created once per account, not in each
 * stack (a second stack creating it would fail): it is not part of these cases.
 */
import { ArnFormat, Aws, CfnParameter, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dms from 'aws-cdk-lib/aws-dms';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { CorpusCase, defineCase, Kit } from './kit';

const POSTGRES_PORT = 5432;
const ORDERS_HOST = 'orders.db.internal.example.com';
const LITERAL_PASSWORD = 'Tr0ub4dor-and-3';

/** The subnet group DMS places replications in: the kit's isolated subnets. */
function replicationSubnets(scope: Construct, kit: Kit): dms.CfnReplicationSubnetGroup {
  return new dms.CfnReplicationSubnetGroup(scope, 'Subnets', {
    replicationSubnetGroupDescription: 'DMS replications in isolated subnets',
    subnetIds: kit.subnetIds,
  });
}

/** What a replication may reach: PostgreSQL sources and the VPC endpoints (S3, Secrets Manager) inside the VPC; nothing may reach it. */
function replicationSecurityGroup(scope: Construct, kit: Kit): ec2.SecurityGroup {
  const group = new ec2.SecurityGroup(scope, 'ReplicationSg', { vpc: kit.vpc, description: 'DMS replication', allowAllOutbound: false });
  group.addEgressRule(ec2.Peer.ipv4(kit.vpc.vpcCidrBlock), ec2.Port.tcp(POSTGRES_PORT), 'PostgreSQL sources in the VPC');
  group.addEgressRule(ec2.Peer.ipv4(kit.vpc.vpcCidrBlock), ec2.Port.tcp(443), 'HTTPS to VPC endpoints');
  return group;
}

/**
 * The orders database's login for DMS in Secrets Manager (the user, password, host and port DMS
 * reads), under the kit's key and rotated by the team's rotation function, with the role DMS
 * assumes to read it.
 */
function ordersLogin(scope: Construct, kit: Kit): { secret: secretsmanager.Secret; role: iam.Role } {
  const secret = new secretsmanager.Secret(scope, 'OrdersLogin', {
    encryptionKey: kit.key,
    removalPolicy: RemovalPolicy.RETAIN,
    generateSecretString: {
      secretStringTemplate: JSON.stringify({ username: 'dms_reader', host: ORDERS_HOST, port: POSTGRES_PORT }),
      generateStringKey: 'password',
      excludePunctuation: true,
    },
  });
  secret.addRotationSchedule('Rotation', {
    rotationLambda: lambda.Function.fromFunctionArn(scope, 'Rotator', Stack.of(scope).formatArn({ service: 'lambda', resource: 'function', resourceName: 'secret-rotator', arnFormat: ArnFormat.COLON_RESOURCE_NAME })),
    automaticallyAfter: Duration.days(30),
  });
  // DMS reads endpoint secrets through a role its regional service principal assumes.
  const role = new iam.Role(scope, 'SecretsAccessRole', { assumedBy: new iam.ServicePrincipal(`dms.${Aws.REGION}.amazonaws.com`) });
  secret.grantRead(role);
  return { secret, role };
}

/**
 * The source endpoint as a careful user writes it; `broken` names the control a user breaks:
 * TLS set to none or left out (none is the default), or the login typed into the template.
 */
function ordersSource(scope: Construct, kit: Kit, broken: string | undefined): dms.CfnEndpoint {
  // The RDS CA bundle, imported once per account as a DMS certificate.
  const rdsCa = Stack.of(scope).formatArn({ service: 'dms', resource: 'cert', resourceName: 'rds-global-bundle', arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  const sslMode = broken === 'SslModeNone' ? 'none' : broken === 'SslModeLeftOut' ? undefined : 'verify-full';
  const common = {
    endpointType: 'source',
    engineName: 'postgres',
    databaseName: 'orders',
    sslMode,
    certificateArn: sslMode === 'verify-full' ? rdsCa : undefined,
    kmsKeyId: kit.key.keyArn,
  };
  if (broken === 'LiteralPassword' || broken === 'PasswordParameter') {
    const password = broken === 'LiteralPassword' ? LITERAL_PASSWORD : new CfnParameter(scope, 'OrdersPassword', { type: 'String', noEcho: true }).valueAsString;
    return new dms.CfnEndpoint(scope, 'Source', { ...common, serverName: ORDERS_HOST, port: POSTGRES_PORT, username: 'dms_reader', password });
  }
  const { secret, role } = ordersLogin(scope, kit);
  return new dms.CfnEndpoint(scope, 'Source', {
    ...common,
    postgreSqlSettings: { secretsManagerSecretId: secret.secretArn, secretsManagerAccessRoleArn: role.roleArn },
  });
}

const dmsReplicationInstance = defineCase({
  name: 'DmsReplicationInstance',
  kind: 'AWS::DMS::ReplicationInstance',
  breaks: ['PubliclyAccessible', 'PubliclyAccessibleLeftOut', 'KmsKeyLeftOut', 'AwsManagedKeyOverride'],
  build(scope, broken, kit) {
    const instance = new dms.CfnReplicationInstance(scope, 'Instance', {
      replicationInstanceClass: 'dms.r6i.large',
      allocatedStorage: 100,
      multiAz: true,
      autoMinorVersionUpgrade: true,
      publiclyAccessible: broken === 'PubliclyAccessible' ? true : broken === 'PubliclyAccessibleLeftOut' ? undefined : false,
      kmsKeyId: broken === 'KmsKeyLeftOut' ? undefined : kit.key.keyArn,
      replicationSubnetGroupIdentifier: replicationSubnets(scope, kit).ref,
      vpcSecurityGroupIds: [replicationSecurityGroup(scope, kit).securityGroupId],
    });
    if (broken === 'AwsManagedKeyOverride') {
      instance.addPropertyOverride('KmsKeyId', 'alias/aws/dms');
    }
  },
});

const dmsEndpoint = defineCase({
  name: 'DmsEndpoint',
  kind: 'AWS::DMS::Endpoint',
  breaks: ['SslModeNone', 'SslModeLeftOut', 'LiteralPassword', 'PasswordParameter'],
  build(scope, broken, kit) {
    ordersSource(scope, kit, broken);
  },
});

/**
 * DMS Serverless copying the orders database into the kit's data bucket (Parquet under SSE-KMS), its
 * capacity in the kit's isolated subnets under the kit's key.
 */
const dmsServerless = defineCase({
  name: 'DmsServerlessReplication',
  kind: 'AWS::DMS::ReplicationConfig',
  breaks: ['KmsKeyLeftOut', 'AwsManagedKeyOverride'],
  build(scope, broken, kit) {
    const source = ordersSource(scope, kit, undefined);
    const writer = new iam.Role(scope, 'LakeWriterRole', { assumedBy: new iam.ServicePrincipal('dms.amazonaws.com') });
    kit.bucket.grantReadWrite(writer, 'raw/orders/*');
    const lake = new dms.CfnEndpoint(scope, 'Lake', {
      endpointType: 'target',
      engineName: 's3',
      kmsKeyId: kit.key.keyArn,
      s3Settings: {
        bucketName: kit.bucket.bucketName,
        bucketFolder: 'raw/orders',
        serviceAccessRoleArn: writer.roleArn,
        encryptionMode: 'SSE_KMS',
        serverSideEncryptionKmsKeyId: kit.key.keyArn,
        dataFormat: 'parquet',
      },
    });
    const replication = new dms.CfnReplicationConfig(scope, 'Replication', {
      replicationConfigIdentifier: 'corpus-orders-to-lake',
      replicationType: 'full-load-and-cdc',
      sourceEndpointArn: source.ref,
      targetEndpointArn: lake.ref,
      tableMappings: {
        rules: [{ 'rule-type': 'selection', 'rule-id': '1', 'rule-name': 'orders', 'object-locator': { 'schema-name': 'public', 'table-name': '%' }, 'rule-action': 'include' }],
      },
      computeConfig: {
        maxCapacityUnits: 16,
        minCapacityUnits: 2,
        multiAz: true,
        replicationSubnetGroupId: replicationSubnets(scope, kit).ref,
        vpcSecurityGroupIds: [replicationSecurityGroup(scope, kit).securityGroupId],
        kmsKeyId: broken === 'KmsKeyLeftOut' ? undefined : kit.key.keyArn,
      },
    });
    if (broken === 'AwsManagedKeyOverride') {
      replication.addPropertyOverride('ComputeConfig.KmsKeyId', 'alias/aws/dms');
    }
  },
});

export const CASES: readonly CorpusCase[] = [dmsReplicationInstance, dmsEndpoint, dmsServerless];
