import { PackRule, Severity } from '../../rule';
import { EmrEncryptedAtRest } from './EmrEncryptedAtRest';
import { EmrEncryptedInTransit } from './EmrEncryptedInTransit';
import { EmrInPrivateSubnet } from './EmrInPrivateSubnet';
import { EmrLogging } from './EmrLogging';

const SECURITY_CONFIGURATION_FIX = 'Define an emr.CfnSecurityConfiguration in the app and pass it as the CfnCluster\'s securityConfiguration (SecurityConfiguration: config.ref, its name); a configuration defined outside the app cannot be judged: acknowledge with a reason naming it.';

/** The EMR rules, with the criteria, words and severity the pack gives them. */
export const EMR_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: EmrEncryptedAtRest,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'What the cluster writes to S3 and to its nodes\' disks (shuffle and spill files, HDFS) is encrypted under keys of yours, whose use is logged and gated by key policy (CC6.1, C1.1).',
    severity: Severity.ERROR,
    finding: 'EMR cluster does not run under a security configuration that encrypts its S3 data and local disks with a customer-managed KMS key.',
    fix: `Give the security configuration's document EncryptionConfiguration { EnableAtRestEncryption: true, AtRestEncryptionConfiguration: { S3EncryptionConfiguration: { EncryptionMode: 'SSE-KMS' (or 'CSE-KMS'), AwsKmsKey: key.keyArn }, LocalDiskEncryptionConfiguration: { EncryptionKeyProviderType: 'AwsKms', AwsKmsKey: key.keyArn, EnableEbsEncryption: true } } }, and grant the key to the instance profile role (key.grantEncryptDecrypt) and, for EBS encryption, to the EMR service role (kms:CreateGrant with kms:GrantIsForAWSResource). ${SECURITY_CONFIGURATION_FIX}`,
  },
  {
    kind: 'resource',
    rule: EmrEncryptedInTransit,
    criteria: ['CC6.7'],
    rationale: 'Data moving between the cluster\'s nodes (shuffle, block transfer, RPC) is encrypted in transmission (CC6.7).',
    severity: Severity.ERROR,
    finding: 'EMR cluster does not run under a security configuration that encrypts data in transit between its nodes.',
    fix: `Give the security configuration's document EncryptionConfiguration { EnableInTransitEncryption: true, InTransitEncryptionConfiguration: { TLSCertificateConfiguration: { CertificateProviderType: 'EMR' } } } (EMR creates the certificates; or 'PEM' with S3Object, the zip of privateKey.pem and certificateChain.pem). ${SECURITY_CONFIGURATION_FIX}`,
  },
  {
    kind: 'resource',
    rule: EmrLogging,
    criteria: ['CC7.2'],
    rationale: 'The cluster\'s step, application and node logs outlive it in S3, so its operation can be monitored and investigated (CC7.2).',
    severity: Severity.ERROR,
    finding: 'EMR cluster does not archive its logs to S3 (no LogUri).',
    fix: 'Set logUri on the CfnCluster to an S3 location of a retained, encrypted bucket (logUri: bucket.s3UrlForObject(\'emr-logs/\'); LogUri), and grant the instance profile role s3:PutObject on that prefix (bucket.grantPut(role, \'emr-logs/*\')) and the bucket\'s key.',
  },
  {
    kind: 'resource',
    rule: EmrInPrivateSubnet,
    criteria: ['CC6.6', 'CC6.1'],
    rationale: 'The cluster\'s nodes are not addressable from the internet (CC6.6 boundary protection), so only what the VPC exposes reaches them (CC6.1); where nodes run registers no user (CC6.2).',
    reference: { check: 'steampipe:emr_cluster_master_nodes_no_public_ip', criteria: ['CC6.1', 'CC6.2', 'CC6.6'] },
    severity: Severity.ERROR,
    finding: 'EMR cluster launches in a public subnet (or none), so its nodes get public IP addresses.',
    fix: 'Launch the cluster in private subnets of the app: Instances.Ec2SubnetId (instance groups) or Ec2SubnetIds (fleets) from vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }) or PRIVATE_ISOLATED, with EmrManagedMasterSecurityGroup, EmrManagedSlaveSecurityGroup and ServiceAccessSecurityGroup; reach S3 through a gateway endpoint. A subnet defined outside the app cannot be judged: acknowledge with a reason naming it.',
  },
];
