import { PackRule, Severity } from '../../rule';
import { NetworkAclNoPublicAdminPorts } from './NetworkAclNoPublicAdminPorts';
import { RouteToInternetGateway } from './RouteToInternetGateway';
import { SecurityGroupNoPublicIngress } from './SecurityGroupNoPublicIngress';
import { SubnetNoPublicIp } from './SubnetNoPublicIp';
import { VpcFlowLogs } from './VpcFlowLogs';

/** The VPC and EC2 network rules, with the criteria, words and severity the pack gives them. */
export const EC2_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: VpcFlowLogs,
    criteria: ['CC6.6', 'CC7.2', 'CC7.3'],
    severity: Severity.ERROR,
    finding: 'VPC has no flow log capturing all traffic.',
    fix: 'Add a flow log with TrafficType ALL: the L2 Vpc prop flowLogs: { all: {} } or vpc.addFlowLog(id), or an AWS::EC2::FlowLog with ResourceType VPC and ResourceId referencing the VPC.',
  },
  {
    kind: 'resource',
    rule: SecurityGroupNoPublicIngress,
    criteria: ['CC6.1', 'CC6.2', 'CC6.6', 'CC7.2'],
    severity: Severity.ERROR,
    finding: 'Security group allows ingress from the whole internet (0.0.0.0/0 or ::/0).',
    fix: 'Allow ingress only from bounded peers: another security group, a VPC CIDR (ec2.Peer.ipv4(vpc.vpcCidrBlock)) or a prefix list, not ec2.Peer.anyIpv4()/anyIpv6(). Give a CIDR parameter AllowedValues. An internet-facing load balancer may acknowledge with a reason naming the port and the protection in front (e.g. WAF).',
  },
  {
    kind: 'resource',
    rule: SubnetNoPublicIp,
    criteria: ['CC6.6'],
    severity: Severity.ERROR,
    finding: 'Subnet assigns public IP addresses to instances launched in it.',
    fix: 'Use private or isolated subnets (ec2.SubnetType.PRIVATE_WITH_EGRESS or PRIVATE_ISOLATED) or set MapPublicIpOnLaunch to false (subnetConfiguration mapPublicIpOnLaunch: false). A subnet that must host public endpoints may acknowledge with a reason.',
  },
  {
    kind: 'resource',
    rule: NetworkAclNoPublicAdminPorts,
    criteria: ['CC6.6'],
    severity: Severity.ERROR,
    finding: 'Network ACL entry allows SSH or RDP from the whole internet.',
    fix: 'Narrow the entry\'s CidrBlock/Ipv6CidrBlock (ec2.AclCidr.ipv4(\'10.0.0.0/8\')) or its protocol and PortRange so they exclude TCP 22 and TCP/UDP 3389 (an ephemeral return range from anywhere must skip 3389, e.g. 32768-65535); prefer Systems Manager Session Manager to opening admin ports.',
  },
  {
    kind: 'resource',
    rule: RouteToInternetGateway,
    criteria: ['CC6.6'],
    severity: Severity.WARNING,
    finding: 'Route sends traffic through an internet gateway, making its subnets public.',
    fix: 'Keep ML workloads in private subnets (ec2.SubnetType.PRIVATE_ISOLATED with VPC endpoints, or PRIVATE_WITH_EGRESS behind a NAT gateway). Where a public subnet is deliberate (load balancers, NAT gateways), acknowledge with a reason.',
  },
];
