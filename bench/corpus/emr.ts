/*
 * The EMR cases: a Spark cluster for feature engineering. aws-cdk-lib has no L2 for EMR clusters or
 * security configurations, so the cluster is a CfnCluster running under a CfnSecurityConfiguration
 * and its breaks are L1 props and the configuration's JSON document, as a user writes them from
 * the EMR Management Guide's examples.
 */
import { Aws, Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as emr from 'aws-cdk-lib/aws-emr';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { CorpusCase, defineCase, Kit } from './kit';

/** The tag AmazonEMRServicePolicy_v2 requires on the network resources EMR may use. */
const EMR_MANAGED_TAG = 'for-use-with-amazon-emr-managed-policies';

/**
 * The security configuration's document: EMRFS data in S3 under SSE-KMS and local disks (EBS
 * volumes included) under the key, TLS between nodes with certificates EMR creates; `broken`
 * writes one setting as the guide's examples leave it.
 */
function securityDocument(keyArn: string, broken: string | undefined): Record<string, unknown> {
  const atRest = broken === 'AtRestEncryptionLeftOut' ? {} : {
    EnableAtRestEncryption: true,
    AtRestEncryptionConfiguration: {
      S3EncryptionConfiguration: broken === 'S3EncryptionSseS3' ? { EncryptionMode: 'SSE-S3' } : { EncryptionMode: 'SSE-KMS', AwsKmsKey: keyArn },
      LocalDiskEncryptionConfiguration: {
        EncryptionKeyProviderType: 'AwsKms',
        AwsKmsKey: keyArn,
        ...(broken === 'EbsEncryptionLeftOut' ? {} : { EnableEbsEncryption: true }),
      },
    },
  };
  const inTransit = broken === 'InTransitEncryptionOff' ? { EnableInTransitEncryption: false } : {
    EnableInTransitEncryption: true,
    InTransitEncryptionConfiguration: { TLSCertificateConfiguration: { CertificateProviderType: 'EMR' } },
  };
  return { EncryptionConfiguration: { ...inTransit, ...atRest } };
}

/**
 * The service role (AmazonEMRServicePolicy_v2, passing only the instance role to EC2, using the
 * key for EBS encryption through grants for AWS resources) and the nodes' role, granted the data
 * bucket (where the logs go too) and the key.
 */
function emrRoles(scope: Construct, kit: Kit): { service: iam.Role; instanceProfile: iam.InstanceProfile } {
  const instanceRole = new iam.Role(scope, 'NodeRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
  kit.bucket.grantReadWrite(instanceRole);
  kit.key.grantEncryptDecrypt(instanceRole);
  const service = new iam.Role(scope, 'ServiceRole', {
    assumedBy: new iam.ServicePrincipal('elasticmapreduce.amazonaws.com').withConditions({ StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } }),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonEMRServicePolicy_v2')],
  });
  service.addToPolicy(new iam.PolicyStatement({
    actions: ['iam:PassRole'],
    resources: [instanceRole.roleArn],
    conditions: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
  }));
  kit.key.grantEncryptDecrypt(service);
  service.addToPolicy(new iam.PolicyStatement({
    actions: ['kms:CreateGrant'],
    resources: [kit.key.keyArn],
    conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
  }));
  return { service, instanceProfile: new iam.InstanceProfile(scope, 'NodeProfile', { role: instanceRole }) };
}

/** The security groups EMR manages for the primary node, the other nodes and its service access. */
function emrSecurityGroups(scope: Construct, vpc: ec2.IVpc): Record<'primary' | 'workers' | 'service', ec2.SecurityGroup> {
  const group = (id: string, description: string) => {
    const sg = new ec2.SecurityGroup(scope, id, { vpc, description, allowAllOutbound: false });
    Tags.of(sg).add(EMR_MANAGED_TAG, 'true');
    return sg;
  };
  return { primary: group('PrimarySg', 'EMR primary node'), workers: group('WorkersSg', 'EMR core and task nodes'), service: group('ServiceAccessSg', 'EMR service access') };
}

const emrCluster = defineCase({
  name: 'EmrCluster',
  kind: 'AWS::EMR::Cluster',
  breaks: [
    'SecurityConfigurationLeftOut', 'AtRestEncryptionLeftOut', 'S3EncryptionSseS3', 'EbsEncryptionLeftOut', 'InTransitEncryptionOff',
    'LogUriLeftOut', 'SubnetLeftOut', 'PublicSubnet',
  ],
  build(scope, broken, kit) {
    // A public subnet that maps no public IPs: EMR still treats it as public, for its route to the internet gateway.
    const vpc = broken === 'PublicSubnet'
      ? kit.newVpc('PublicNetwork', { subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC, mapPublicIpOnLaunch: false, cidrMask: 24 }] })
      : kit.vpc;
    Tags.of(vpc).add(EMR_MANAGED_TAG, 'true');
    const subnet = broken === 'PublicSubnet' ? vpc.publicSubnets[0] : vpc.isolatedSubnets[0];
    const groups = emrSecurityGroups(scope, vpc);
    const roles = emrRoles(scope, kit);
    const config = new emr.CfnSecurityConfiguration(scope, 'SecurityConfiguration', {
      securityConfiguration: securityDocument(kit.key.keyArn, broken),
    });
    new emr.CfnCluster(scope, 'Cluster', {
      name: `${Stack.of(scope).stackName}-features`,
      releaseLabel: 'emr-7.5.0',
      applications: [{ name: 'Spark' }],
      serviceRole: roles.service.roleArn,
      jobFlowRole: roles.instanceProfile.instanceProfileName,
      securityConfiguration: broken === 'SecurityConfigurationLeftOut' ? undefined : config.ref,
      logUri: broken === 'LogUriLeftOut' ? undefined : kit.s3Uri('emr-logs/'),
      instances: {
        ec2SubnetId: broken === 'SubnetLeftOut' ? undefined : subnet.subnetId,
        emrManagedMasterSecurityGroup: groups.primary.securityGroupId,
        emrManagedSlaveSecurityGroup: groups.workers.securityGroupId,
        serviceAccessSecurityGroup: groups.service.securityGroupId,
        masterInstanceGroup: { instanceCount: 1, instanceType: 'm5.xlarge' },
        coreInstanceGroup: { instanceCount: 2, instanceType: 'm5.xlarge' },
        terminationProtected: true,
      },
    });
  },
});

export const CASES: readonly CorpusCase[] = [emrCluster];
