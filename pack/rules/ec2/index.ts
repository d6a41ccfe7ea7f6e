import { PackRule, Severity } from '../../rule';
import { EbsVolumeEncrypted } from './EbsVolumeEncrypted';
import { Ec2BlockDevicesEncrypted } from './Ec2BlockDevicesEncrypted';
import { Ec2ImdsV2Required } from './Ec2ImdsV2Required';
import { Ec2NoPublicIp } from './Ec2NoPublicIp';
import { Ec2UserDataNoSecrets } from './Ec2UserDataNoSecrets';
import { NetworkAclNoPublicAdminPorts } from './NetworkAclNoPublicAdminPorts';
import { RouteToInternetGateway } from './RouteToInternetGateway';
import { SecurityGroupNoPublicIngress } from './SecurityGroupNoPublicIngress';
import { SubnetNoPublicIp } from './SubnetNoPublicIp';
import { VpcDefaultSecurityGroupClosed } from './VpcDefaultSecurityGroupClosed';
import { VpcFlowLogs } from './VpcFlowLogs';

/** The VPC and EC2 network rules and the EC2 compute rules, with the criteria, words and severity the pack gives them. */
export const EC2_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: VpcFlowLogs,
    criteria: ['CC7.2'],
    rationale: 'Network traffic is recorded for monitoring (CC7.2); recording traffic restricts none (CC6.6).',
    reference: { check: 'prowler:vpc_flow_logs_enabled', criteria: ['CC6.6', 'CC7.2', 'CC7.3'] },
    severity: Severity.ERROR,
    finding: 'VPC has no flow log capturing all traffic.',
    fix: 'Add a flow log with TrafficType ALL: the L2 Vpc prop flowLogs: { all: {} } or vpc.addFlowLog(id), or an AWS::EC2::FlowLog with ResourceType VPC and ResourceId referencing the VPC.',
  },
  {
    kind: 'resource',
    rule: VpcDefaultSecurityGroupClosed,
    criteria: ['CC6.6', 'CC6.1'],
    rationale: 'The group anything unassigned joins admits and sends nothing (CC6.6 boundary protection; CC6.1 restricted logical access). It registers no user, so CC6.2 is left out.',
    reference: { check: 'steampipe:vpc_default_security_group_restricts_all_traffic', criteria: ['CC6.1', 'CC6.2', 'CC6.6'] },
    severity: Severity.ERROR,
    finding: 'VPC\'s default security group keeps its default rules.',
    fix: 'Build the VPC with the L2 ec2.Vpc and restrictDefaultSecurityGroup: true (the default when cdk.json sets @aws-cdk/aws-ec2:restrictDefaultSecurityGroup, as cdk init does), which adds a Custom::VpcRestrictDefaultSG naming its DefaultSecurityGroup. A VPC whose default group is closed another way (your own custom resource, an account-wide remediation): acknowledge with how it is closed.',
  },
  {
    kind: 'resource',
    rule: SecurityGroupNoPublicIngress,
    criteria: ['CC6.6', 'CC6.1'],
    rationale: 'No security group admits the internet (CC6.6 boundary protection; CC6.1). It registers no user (CC6.2) and monitors nothing (CC7.2).',
    reference: { check: 'prowler:ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22', criteria: ['CC6.1', 'CC6.2', 'CC6.6', 'CC7.2'] },
    severity: Severity.ERROR,
    finding: 'Security group allows ingress from the whole internet (0.0.0.0/0 or ::/0).',
    fix: 'Allow ingress only from bounded peers: another security group, a VPC CIDR (ec2.Peer.ipv4(vpc.vpcCidrBlock)) or a prefix list, not ec2.Peer.anyIpv4()/anyIpv6(). Give a CIDR parameter AllowedValues. An internet-facing load balancer may acknowledge with a reason naming the port and the protection in front (e.g. WAF).',
  },
  {
    kind: 'resource',
    rule: SubnetNoPublicIp,
    criteria: ['CC6.6'],
    rationale: 'Instances get no public address by default (CC6.6).',
    reference: { check: 'prowler:vpc_subnet_no_public_ip_by_default', criteria: ['CC6.6'] },
    severity: Severity.ERROR,
    finding: 'Subnet assigns public IP addresses to instances launched in it.',
    fix: 'Use private or isolated subnets (ec2.SubnetType.PRIVATE_WITH_EGRESS or PRIVATE_ISOLATED) or set MapPublicIpOnLaunch to false (subnetConfiguration mapPublicIpOnLaunch: false). A subnet that must host public endpoints may acknowledge with a reason.',
  },
  {
    kind: 'resource',
    rule: NetworkAclNoPublicAdminPorts,
    criteria: ['CC6.6'],
    rationale: 'No network ACL admits the internet to administration ports (CC6.6).',
    reference: { check: 'prowler:ec2_networkacl_allow_ingress_tcp_port_22', criteria: ['CC6.6'] },
    severity: Severity.ERROR,
    finding: 'Network ACL entry allows SSH or RDP from the whole internet.',
    fix: 'Narrow the entry\'s CidrBlock/Ipv6CidrBlock (ec2.AclCidr.ipv4(\'10.0.0.0/8\')) or its protocol and PortRange so they exclude TCP 22 and TCP/UDP 3389 (an ephemeral return range from anywhere must skip 3389, e.g. 32768-65535); prefer Systems Manager Session Manager to opening admin ports.',
  },
  {
    kind: 'resource',
    rule: RouteToInternetGateway,
    criteria: ['CC6.6'],
    rationale: 'Only public subnets route to an internet gateway (CC6.6 boundary protection).',
    reference: { check: 'prowler:vpc_subnet_separate_private_public', criteria: ['CC6.6'] },
    severity: Severity.WARNING,
    finding: 'Route sends traffic through an internet gateway, making its subnets public.',
    fix: 'Keep ML workloads in private subnets (ec2.SubnetType.PRIVATE_ISOLATED with VPC endpoints, or PRIVATE_WITH_EGRESS behind a NAT gateway). Where a public subnet is deliberate (load balancers, NAT gateways), acknowledge with a reason.',
  },
  {
    kind: 'resource',
    rule: EbsVolumeEncrypted,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Volumes are encrypted (CC6.1) and may hold confidential data (C1.1).',
    severity: Severity.ERROR,
    finding: 'EBS volume is not proven encrypted.',
    fix: 'Set encrypted: true on the L2 Volume (with encryptionKey for a key of yours), or Encrypted: true on CfnVolume. Account-level encryption by default is not visible at synth, so state it on the volume.',
  },
  {
    kind: 'resource',
    rule: Ec2BlockDevicesEncrypted,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Instance block devices are encrypted (CC6.1) and may hold confidential data (C1.1).',
    severity: Severity.ERROR,
    finding: 'Instance, launch template or launch configuration launches EBS volumes that are not proven encrypted.',
    fix: 'Map every volume, the root one included, encrypted: blockDevices: [{ deviceName: \'/dev/xvda\', volume: ec2.BlockDeviceVolume.ebs(size, { encrypted: true, kmsKey }) }] on the L2 Instance or LaunchTemplate (BlockDeviceMappings[].Ebs.Encrypted: true on CfnInstance, in LaunchTemplateData of CfnLaunchTemplate, on CfnLaunchConfiguration).',
  },
  {
    kind: 'resource',
    rule: Ec2ImdsV2Required,
    criteria: ['CC6.6', 'CC6.1'],
    rationale: 'Session-token metadata keeps instance-role credentials from request-forgery theft (CC6.6 protects authentication credentials; CC6.1); it monitors nothing (CC7.2).',
    reference: { check: 'prowler:ec2_instance_imdsv2_enabled', criteria: ['CC7.2'] },
    severity: Severity.ERROR,
    finding: 'Instance metadata service accepts IMDSv1 (session tokens are not required).',
    fix: 'Set requireImdsv2: true (or httpTokens: HttpTokens.REQUIRED) on the L2 Instance, requireImdsv2: true on the L2 LaunchTemplate; MetadataOptions.HttpTokens: required on CfnInstance, in LaunchTemplateData of CfnLaunchTemplate, on CfnLaunchConfiguration.',
  },
  {
    kind: 'resource',
    rule: Ec2NoPublicIp,
    criteria: ['CC6.6'],
    rationale: 'Instances have no public address (CC6.6).',
    severity: Severity.ERROR,
    finding: 'Instance, launch template or launch configuration asks for a public IP address.',
    fix: 'Leave associatePublicIpAddress unset or false on the L2 Instance or LaunchTemplate and launch into private subnets (NetworkInterfaces[].AssociatePublicIpAddress on CfnInstance and CfnLaunchTemplate, AssociatePublicIpAddress on CfnLaunchConfiguration); reach instances through Session Manager or a load balancer.',
  },
  {
    kind: 'resource',
    rule: Ec2UserDataNoSecrets,
    criteria: ['CC6.1'],
    rationale: 'A credential in user data is readable by anyone who can describe the instance or launch template, and by every process on the instance (CC6.1).',
    severity: Severity.ERROR,
    finding: 'EC2 user data holds a credential (key or token).',
    fix: 'Remove the credential from the user data and rotate it: keep it in Secrets Manager or a SecureString parameter and read it at boot with the instance role (aws secretsmanager get-secret-value), granting the role access to that secret only.',
  },
];
