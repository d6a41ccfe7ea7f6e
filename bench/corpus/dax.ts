/*
 * Amazon DynamoDB Accelerator (DAX), the in-memory cache ML teams put in front of an online feature
 * table, written with CfnCluster (aws-cdk-lib has no DAX L2): three nodes in a subnet group of the
 * kit's isolated subnets, admitting only TLS clients from the VPC, encrypted at rest, with a role
 * that lets DAX read and write the one feature table it caches.
 */
import { Stack } from 'aws-cdk-lib';
import * as dax from 'aws-cdk-lib/aws-dax';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CorpusCase, defineCase } from './kit';

/** The port of a DAX cluster's TLS endpoint (8111 is the clear-text one). */
const DAX_TLS_PORT = 9111;
const FEATURE_TABLE = 'corpus-online-features';

const daxCluster = defineCase({
  name: 'DaxCluster',
  kind: 'AWS::DAX::Cluster',
  breaks: ['SseLeftOut', 'SseDisabled', 'EndpointEncryptionNone', 'EndpointEncryptionLeftOut'],
  build(scope, broken, kit) {
    // DAX calls DynamoDB with this role: the table it caches and that table's indexes, nothing else.
    const table = Stack.of(scope).formatArn({ service: 'dynamodb', resource: 'table', resourceName: FEATURE_TABLE });
    const role = new iam.Role(scope, 'DaxRole', { assumedBy: new iam.ServicePrincipal('dax.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({
      actions: [
        'dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem',
        'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem',
      ],
      resources: [table, `${table}/index/*`],
    }));
    const subnets = new dax.CfnSubnetGroup(scope, 'Subnets', { description: 'DAX in isolated subnets', subnetIds: kit.subnetIds });
    const clients = new ec2.SecurityGroup(scope, 'DaxSg', { vpc: kit.vpc, description: 'DAX cluster', allowAllOutbound: false });
    clients.addIngressRule(ec2.Peer.ipv4(kit.vpc.vpcCidrBlock), ec2.Port.tcp(DAX_TLS_PORT), 'DAX clients over TLS from the VPC');

    const cluster = new dax.CfnCluster(scope, 'Cluster', {
      iamRoleArn: role.roleArn,
      nodeType: 'dax.r5.large',
      replicationFactor: 3,
      subnetGroupName: subnets.ref,
      securityGroupIds: [clients.securityGroupId],
      sseSpecification: broken === 'SseLeftOut' ? undefined : { sseEnabled: broken !== 'SseDisabled' },
      clusterEndpointEncryptionType: broken === 'EndpointEncryptionNone' ? 'NONE' : broken === 'EndpointEncryptionLeftOut' ? undefined : 'TLS',
    });
    // DAX checks the role's permissions when it creates the cluster: the policy must exist first.
    cluster.node.addDependency(role);
  },
});

export const CASES: readonly CorpusCase[] = [daxCluster];
