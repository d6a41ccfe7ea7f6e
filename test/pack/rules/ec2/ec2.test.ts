import { App, CfnCondition, CfnParameter, CfnResource, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { PackRun, runPackOnStack } from '../../helpers';

const EC2_RULE_IDS = ['VpcFlowLogs', 'VpcDefaultSecurityGroupClosed', 'SecurityGroupNoPublicIngress', 'SubnetNoPublicIp', 'NetworkAclNoPublicAdminPorts', 'RouteToInternetGateway'];
const ISOLATED: ec2.SubnetConfiguration[] = [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }];

let run: PackRun;
beforeAll(() => {
  run = runPackOnStack((stack) => {
    // The hardened network: isolated subnets only, every flow recorded.
    const vpc = new ec2.Vpc(stack, 'Hardened', { natGateways: 0, subnetConfiguration: ISOLATED, flowLogs: { all: {} }, restrictDefaultSecurityGroup: true });
    const hardenedSg = new ec2.SecurityGroup(stack, 'HardenedSg', { vpc, allowAllOutbound: false });
    hardenedSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(443));
    hardenedSg.addIngressRule(hardenedSg, ec2.Port.allTraffic());

    buildFlowLogCases(stack);
    buildDefaultSecurityGroupCases(stack);
    buildSecurityGroupCases(stack, vpc);
    buildSubnetAndRouteCases(stack);
    buildNetworkAclCases(stack, vpc);
  });
});

function buildFlowLogCases(stack: Stack) {
  // Pair: differ only in the flowLogs prop.
  new ec2.Vpc(stack, 'FlowLogged', { natGateways: 0, subnetConfiguration: ISOLATED, flowLogs: { all: {} } });
  new ec2.Vpc(stack, 'NoFlowLog', { natGateways: 0, subnetConfiguration: ISOLATED });
  new ec2.Vpc(stack, 'RejectsOnly', { natGateways: 0, subnetConfiguration: ISOLATED, flowLogs: { rejects: { trafficType: ec2.FlowLogTrafficType.REJECT } } });
  const added = new ec2.Vpc(stack, 'AddedFlowLog', { natGateways: 0, subnetConfiguration: ISOLATED });
  added.addFlowLog('Log');

  const traffic = new CfnParameter(stack, 'TrafficType', { type: 'String', default: 'ALL' });
  const paramVpc = new ec2.CfnVPC(stack, 'ParamTrafficVpc', { cidrBlock: '10.1.0.0/16' });
  new ec2.CfnFlowLog(stack, 'ParamTrafficLog', {
    resourceId: paramVpc.ref, resourceType: 'VPC', trafficType: traffic.valueAsString, logDestinationType: 's3', logDestination: 'arn:aws:s3:::logs',
  });

  const enabled = new CfnCondition(stack, 'FlowLogsEnabled', { expression: Fn.conditionEquals(traffic.valueAsString, 'ALL') });
  const conditionalVpc = new ec2.CfnVPC(stack, 'ConditionalLogVpc', { cidrBlock: '10.2.0.0/16' });
  const conditionalLog = new ec2.CfnFlowLog(stack, 'ConditionalLog', {
    resourceId: conditionalVpc.ref, resourceType: 'VPC', trafficType: 'ALL', logDestinationType: 's3', logDestination: 'arn:aws:s3:::logs',
  });
  conditionalLog.cfnOptions.condition = enabled;

  // A subnet's flow log does not record the rest of the VPC.
  const subnetLogged = new ec2.Vpc(stack, 'SubnetLogOnly', { natGateways: 0, subnetConfiguration: ISOLATED });
  new ec2.FlowLog(stack, 'SubnetLog', { resourceType: ec2.FlowLogResourceType.fromSubnet(subnetLogged.isolatedSubnets[0]) });
}

function buildDefaultSecurityGroupCases(stack: Stack) {
  // Pair: differ only in restrictDefaultSecurityGroup.
  new ec2.Vpc(stack, 'DefaultSgClosed', { natGateways: 0, subnetConfiguration: ISOLATED, restrictDefaultSecurityGroup: true });
  new ec2.Vpc(stack, 'DefaultSgOpen', { natGateways: 0, subnetConfiguration: ISOLATED, restrictDefaultSecurityGroup: false });
  // A VPC written in L1 has no one to close its default group.
  new ec2.CfnVPC(stack, 'BareL1Vpc', { cidrBlock: '10.3.0.0/16' });
  // The closing resource deployed only under a condition the VPC does not share may not exist.
  const closes = new CfnCondition(stack, 'ClosesDefaultSg', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });
  const conditional = new ec2.Vpc(stack, 'DefaultSgClosedConditionally', { natGateways: 0, subnetConfiguration: ISOLATED, restrictDefaultSecurityGroup: true });
  const closer = conditional.node.findChild('RestrictDefaultSecurityGroupCustomResource').node.defaultChild as CfnResource;
  closer.cfnOptions.condition = closes;
}

function buildSecurityGroupCases(stack: Stack, vpc: ec2.IVpc) {
  const sg = (id: string, props: Partial<ec2.SecurityGroupProps> = {}) => new ec2.SecurityGroup(stack, id, { vpc, ...props });
  // Pair: differ only in the peer.
  sg('SgVpcCidr').addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(443));
  sg('SgAnyIpv4').addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443));
  sg('SgAnyIpv6').addIngressRule(ec2.Peer.anyIpv6(), ec2.Port.allTraffic());
  sg('SgCorporate').addIngressRule(ec2.Peer.ipv4('203.0.113.0/24'), ec2.Port.tcp(22));
  const other = sg('SgOther');
  sg('SgFromGroup').addIngressRule(other, ec2.Port.tcp(5432));

  const cidr = new CfnParameter(stack, 'AdminCidr', { type: 'String' });
  sg('SgParameter').addIngressRule(ec2.Peer.ipv4(cidr.valueAsString), ec2.Port.tcp(22));
  const bounded = new CfnParameter(stack, 'BoundedCidr', { type: 'String', allowedValues: ['10.0.0.0/8', '192.168.0.0/16'] });
  sg('SgBoundedParameter').addIngressRule(ec2.Peer.ipv4(bounded.valueAsString), ec2.Port.tcp(22));
  const anyAllowed = new CfnParameter(stack, 'AnyAllowedCidr', { type: 'String', allowedValues: ['10.0.0.0/8', '0.0.0.0/0'] });
  sg('SgParameterAllowsAny').addIngressRule(ec2.Peer.ipv4(anyAllowed.valueAsString), ec2.Port.tcp(22));
  const adminIp = new CfnParameter(stack, 'AdminIp', { type: 'String' });
  sg('SgHostParameter').addIngressRule(ec2.Peer.ipv4(`${adminIp.valueAsString}/32`), ec2.Port.tcp(22));
  sg('SgImported').addIngressRule(ec2.Peer.ipv4(Fn.importValue('OfficeCidr')), ec2.Port.tcp(443));
  const open = new CfnCondition(stack, 'Open', { expression: Fn.conditionEquals(cidr.valueAsString, 'open') });
  sg('SgConditional').addIngressRule(ec2.Peer.ipv4(Fn.conditionIf(open.logicalId, '0.0.0.0/0', '10.0.0.0/8').toString()), ec2.Port.tcp(443));

  // A rule of an imported group, or of a group without inline rules, is its own resource.
  const imported = ec2.SecurityGroup.fromSecurityGroupId(stack, 'ImportedSg', 'sg-0123456789abcdef0');
  imported.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22));
  sg('SgSeparateRules', { disableInlineRules: true }).addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443));
  sg('SgSeparateBounded', { disableInlineRules: true }).addIngressRule(ec2.Peer.ipv4('10.0.0.0/8'), ec2.Port.tcp(443));

  // Prefix lists declared in the template are read; their entries decide.
  const openList = new ec2.PrefixList(stack, 'OpenList', { maxEntries: 1, entries: [{ cidr: '0.0.0.0/0' }] });
  sg('SgOpenPrefixList').addIngressRule(ec2.Peer.prefixList(openList.prefixListId), ec2.Port.tcp(443));
  const officeList = new ec2.PrefixList(stack, 'OfficeList', { maxEntries: 1, entries: [{ cidr: '198.51.100.0/24' }] });
  sg('SgOfficePrefixList').addIngressRule(ec2.Peer.prefixList(officeList.prefixListId), ec2.Port.tcp(443));

  // Escape hatch on a compliant group.
  const overridden = sg('SgOverride');
  overridden.addIngressRule(ec2.Peer.ipv4('10.0.0.0/8'), ec2.Port.tcp(443));
  (overridden.node.defaultChild as ec2.CfnSecurityGroup).addPropertyOverride('SecurityGroupIngress.0.CidrIp', '0.0.0.0/0');

  // An L1 rule written by hand, IPv6 spelled out.
  new ec2.CfnSecurityGroupIngress(stack, 'L1Ingress', { groupId: other.securityGroupId, ipProtocol: 'tcp', fromPort: 80, toPort: 80, cidrIpv6: '0::0/0' });

  // A VPC of another stack: its CIDR arrives as an import of a VPC attribute.
  const network = new Stack(stack.node.root as App, 'Network');
  const sharedVpc = new ec2.Vpc(network, 'Shared', { natGateways: 0, subnetConfiguration: ISOLATED, flowLogs: { all: {} } });
  new ec2.SecurityGroup(stack, 'SgCrossStackVpcCidr', { vpc: sharedVpc }).addIngressRule(ec2.Peer.ipv4(sharedVpc.vpcCidrBlock), ec2.Port.tcp(443));
}

function buildSubnetAndRouteCases(stack: Stack) {
  // Pair: differ only in mapPublicIpOnLaunch.
  new ec2.Vpc(stack, 'PublicVpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }] });
  new ec2.Vpc(stack, 'NoAutoIpVpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC, mapPublicIpOnLaunch: false }] });

  const base = new ec2.CfnVPC(stack, 'L1Vpc', { cidrBlock: '10.3.0.0/16' });
  const mapIp = new CfnParameter(stack, 'MapIp', { type: 'String', allowedValues: ['true', 'false'] });
  new ec2.CfnSubnet(stack, 'ParamSubnet', { vpcId: base.ref, cidrBlock: '10.3.0.0/24', mapPublicIpOnLaunch: mapIp.valueAsString as unknown as boolean });
  const overridden = new ec2.CfnSubnet(stack, 'StringTrueSubnet', { vpcId: base.ref, cidrBlock: '10.3.1.0/24', mapPublicIpOnLaunch: false });
  overridden.addPropertyOverride('MapPublicIpOnLaunch', 'true');

  const table = new ec2.CfnRouteTable(stack, 'Table', { vpcId: base.ref });
  new ec2.CfnRoute(stack, 'LiteralIgwRoute', { routeTableId: table.ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: 'igw-0123456789abcdef0' });
  new ec2.CfnRoute(stack, 'VpnGatewayRoute', { routeTableId: table.ref, destinationCidrBlock: '172.16.0.0/12', gatewayId: 'vgw-0123456789abcdef0' });
  new ec2.CfnRoute(stack, 'NatRoute', { routeTableId: table.ref, destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-0123456789abcdef0' });
  new ec2.CfnRoute(stack, 'ImportedGatewayRoute', { routeTableId: table.ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: Fn.importValue('SharedGateway') });
}

function buildNetworkAclCases(stack: Stack, vpc: ec2.IVpc) {
  const acl = new ec2.NetworkAcl(stack, 'Acl', { vpc });
  let rule = 100;
  const entry = (id: string, cidr: ec2.AclCidr, traffic: ec2.AclTraffic, extra: Partial<ec2.CommonNetworkAclEntryOptions> = {}) =>
    acl.addEntry(id, { cidr, traffic, ruleNumber: rule++, direction: ec2.TrafficDirection.INGRESS, ...extra });
  // Pair: differ only in the CIDR.
  entry('SshFromAnywhere', ec2.AclCidr.anyIpv4(), ec2.AclTraffic.tcpPort(22));
  entry('SshFromVpc', ec2.AclCidr.ipv4('10.0.0.0/8'), ec2.AclTraffic.tcpPort(22));
  // Pair: differ only in the port.
  entry('HttpsFromAnywhere', ec2.AclCidr.anyIpv4(), ec2.AclTraffic.tcpPort(443));
  entry('RdpFromAnywhere', ec2.AclCidr.anyIpv4(), ec2.AclTraffic.tcpPort(3389));
  entry('AllFromAnywhereV6', ec2.AclCidr.anyIpv6(), ec2.AclTraffic.allTraffic());
  entry('WideRange', ec2.AclCidr.anyIpv4(), ec2.AclTraffic.tcpPortRange(1024, 65535));
  entry('HighEphemeral', ec2.AclCidr.anyIpv4(), ec2.AclTraffic.tcpPortRange(32768, 65535));
  entry('RdpUdp', ec2.AclCidr.anyIpv4(), ec2.AclTraffic.udpPort(3389));
  entry('SshUdp', ec2.AclCidr.anyIpv4(), ec2.AclTraffic.udpPort(22));
  entry('IcmpFromAnywhere', ec2.AclCidr.anyIpv4(), ec2.AclTraffic.icmp({ code: -1, type: -1 }));
  entry('DenyAll', ec2.AclCidr.anyIpv4(), ec2.AclTraffic.allTraffic(), { ruleAction: ec2.Action.DENY });
  entry('AllOutbound', ec2.AclCidr.anyIpv4(), ec2.AclTraffic.allTraffic(), { direction: ec2.TrafficDirection.EGRESS });
  const cidr = new CfnParameter(stack, 'AclCidr', { type: 'String' });
  entry('ParamCidrSsh', ec2.AclCidr.ipv4(cidr.valueAsString), ec2.AclTraffic.tcpPort(22));
  // Protocol as CloudFormation also accepts it: a string.
  const stringProtocol = new ec2.CfnNetworkAclEntry(stack, 'L1StringProtocol', {
    networkAclId: acl.networkAclId, ruleNumber: rule++, protocol: 6, portRange: { from: 443, to: 443 }, ruleAction: 'ALLOW', cidrBlock: '0.0.0.0/0',
  });
  stringProtocol.addPropertyOverride('Protocol', '-1');
}

const verdict = (path: string, rule: string) => run.verdict(path, rule);

describe('hardened network', () => {
  test('the hardened VPC, its subnets, and a security group open only to the VPC and itself fail no rule', () => {
    const paths = run.verdicts.filter((r) => r.constructPath.startsWith('Test/Hardened/') || r.constructPath.startsWith('Test/HardenedSg/'));
    expect(paths.map((r) => r.type)).toEqual(expect.arrayContaining(['AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress']));
    for (const r of paths.filter((p) => p.type.startsWith('AWS::EC2::'))) {
      expect({ path: r.constructPath, failed: r.failed }).toEqual({ path: r.constructPath, failed: [] });
    }
    // Resources of other services (the flow log's role, log group) fail none of the network rules.
    for (const r of paths) {
      expect(r.failed.filter((f) => EC2_RULE_IDS.includes(f.rule))).toEqual([]);
    }
    expect(verdict('Test/Hardened/Resource', 'VpcFlowLogs')).toBe('passed');
    expect(verdict('Test/HardenedSg/Resource', 'SecurityGroupNoPublicIngress')).toBe('passed');
  });
});

describe('VpcDefaultSecurityGroupClosed', () => {
  const RULE = 'VpcDefaultSecurityGroupClosed';

  test('passes a VPC built with restrictDefaultSecurityGroup', () => {
    expect(verdict('Test/DefaultSgClosed/Resource', RULE)).toBe('passed');
    expect(verdict('Test/Hardened/Resource', RULE)).toBe('passed');
  });

  test('fails a VPC whose default security group nothing closes, L2 or L1', () => {
    expect(run.detail('Test/DefaultSgOpen/Resource', RULE)).toBe('Nothing of the app removes the rules of its default security group, which let every member reach every other and anywhere outside; an instance, endpoint or function launched without a security group joins it.');
    expect(verdict('Test/BareL1Vpc', RULE)).toBe('failed');
  });

  test('does not count a closing resource deployed under a condition the VPC does not share', () => {
    expect(verdict('Test/DefaultSgClosedConditionally/Resource', RULE)).toBe('failed');
  });
});

describe('VpcFlowLogs', () => {
  const RULE = 'VpcFlowLogs';

  test('passes a VPC with the flowLogs prop or addFlowLog', () => {
    expect(verdict('Test/FlowLogged/Resource', RULE)).toBe('passed');
    expect(verdict('Test/AddedFlowLog/Resource', RULE)).toBe('passed');
  });

  test('fails a VPC without a flow log', () => {
    expect(verdict('Test/NoFlowLog/Resource', RULE)).toBe('failed');
    expect(run.detail('Test/NoFlowLog/Resource', RULE)).toMatch(/No flow log/);
  });

  test('fails a VPC whose flow logs capture only rejected traffic', () => {
    expect(verdict('Test/RejectsOnly/Resource', RULE)).toBe('failed');
    expect(run.detail('Test/RejectsOnly/Resource', RULE)).toMatch(/REJECT/);
  });

  test('fails closed when the traffic type is a parameter', () => {
    expect(verdict('Test/ParamTrafficVpc', RULE)).toBe('failed');
  });

  test('a flow log under a condition the VPC does not share does not count', () => {
    expect(verdict('Test/ConditionalLogVpc', RULE)).toBe('failed');
  });

  test('a subnet flow log does not cover the VPC', () => {
    expect(verdict('Test/SubnetLogOnly/Resource', RULE)).toBe('failed');
  });
});

describe('SecurityGroupNoPublicIngress', () => {
  const RULE = 'SecurityGroupNoPublicIngress';

  test('passes ingress from the VPC CIDR, a bounded range or another group', () => {
    expect(verdict('Test/SgVpcCidr/Resource', RULE)).toBe('passed');
    expect(verdict('Test/SgCorporate/Resource', RULE)).toBe('passed');
    expect(verdict('Test/SgFromGroup/Resource', RULE)).toBe('passed');
  });

  test('fails ingress from anywhere on IPv4 or IPv6, on any port', () => {
    expect(verdict('Test/SgAnyIpv4/Resource', RULE)).toBe('failed');
    expect(run.detail('Test/SgAnyIpv4/Resource', RULE)).toMatch(/TCP port 443 from the internet \(CidrIp 0\.0\.0\.0\/0\)/);
    expect(verdict('Test/SgAnyIpv6/Resource', RULE)).toBe('failed');
    expect(run.detail('Test/SgAnyIpv6/Resource', RULE)).toMatch(/all traffic/);
  });

  test('fails closed on a CIDR parameter, passes one whose AllowedValues are bounded', () => {
    expect(verdict('Test/SgParameter/Resource', RULE)).toBe('failed');
    expect(run.detail('Test/SgParameter/Resource', RULE)).toMatch(/not known at synth/);
    expect(verdict('Test/SgBoundedParameter/Resource', RULE)).toBe('passed');
    expect(verdict('Test/SgParameterAllowsAny/Resource', RULE)).toBe('failed');
  });

  test('a parameter host with a literal /32 is bounded', () => {
    expect(verdict('Test/SgHostParameter/Resource', RULE)).toBe('passed');
  });

  test('fails closed on an imported CIDR, passes another stack\'s VPC CIDR', () => {
    expect(verdict('Test/SgImported/Resource', RULE)).toBe('failed');
    expect(verdict('Test/SgCrossStackVpcCidr/Resource', RULE)).toBe('passed');
  });

  test('fails when any Fn::If branch is open', () => {
    expect(verdict('Test/SgConditional/Resource', RULE)).toBe('failed');
  });

  test('judges separate ingress resources on themselves', () => {
    expect(verdict('Test/ImportedSg/from 0.0.0.0_0:22', RULE)).toBe('failed');
    expect(verdict('Test/SgSeparateRules/from 0.0.0.0_0:443', RULE)).toBe('failed');
    expect(verdict('Test/SgSeparateRules/Resource', RULE)).toBe('passed');
    expect(verdict('Test/SgSeparateBounded/from 10.0.0.0_8:443', RULE)).toBe('passed');
    expect(verdict('Test/L1Ingress', RULE)).toBe('failed');
  });

  test('reads prefix lists declared in the template', () => {
    expect(verdict('Test/SgOpenPrefixList/from {IndirectPeer}:443', RULE)).toBe('failed');
    expect(verdict('Test/SgOfficePrefixList/from {IndirectPeer}:443', RULE)).toBe('passed');
  });

  test('judges a property override', () => {
    expect(verdict('Test/SgOverride/Resource', RULE)).toBe('failed');
  });
});

describe('SubnetNoPublicIp', () => {
  const RULE = 'SubnetNoPublicIp';

  test('fails the public subnets of the L2 Vpc, passes them with mapPublicIpOnLaunch false', () => {
    expect(verdict('Test/PublicVpc/publicSubnet1/Subnet', RULE)).toBe('failed');
    expect(verdict('Test/NoAutoIpVpc/publicSubnet1/Subnet', RULE)).toBe('passed');
  });

  test('passes isolated subnets', () => {
    expect(verdict('Test/Hardened/isolatedSubnet1/Subnet', RULE)).toBe('passed');
  });

  test('fails closed on a parameter and reads the string "true"', () => {
    expect(verdict('Test/ParamSubnet', RULE)).toBe('failed');
    expect(run.detail('Test/ParamSubnet', RULE)).toMatch(/may be true/);
    expect(verdict('Test/StringTrueSubnet', RULE)).toBe('failed');
  });
});

describe('NetworkAclNoPublicAdminPorts', () => {
  const RULE = 'NetworkAclNoPublicAdminPorts';
  const acl = (id: string) => verdict(`Test/Acl/${id}/Resource`, RULE);

  test('fails SSH from anywhere, passes SSH from the VPC', () => {
    expect(acl('SshFromAnywhere')).toBe('failed');
    expect(run.detail('Test/Acl/SshFromAnywhere/Resource', RULE)).toMatch(/SSH \(TCP 22\)/);
    expect(acl('SshFromVpc')).toBe('passed');
  });

  test('fails RDP and all traffic from anywhere, passes HTTPS', () => {
    expect(acl('HttpsFromAnywhere')).toBe('passed');
    expect(acl('RdpFromAnywhere')).toBe('failed');
    expect(acl('AllFromAnywhereV6')).toBe('failed');
  });

  test('fails a TCP range covering an admin port, passes one that does not', () => {
    expect(acl('WideRange')).toBe('failed');
    expect(acl('HighEphemeral')).toBe('passed');
  });

  test('UDP covers RDP but not SSH', () => {
    expect(acl('RdpUdp')).toBe('failed');
    expect(acl('SshUdp')).toBe('passed');
  });

  test('passes ICMP and deny entries; egress entries are not applicable', () => {
    expect(acl('IcmpFromAnywhere')).toBe('passed');
    expect(acl('DenyAll')).toBe('passed');
    expect(acl('AllOutbound')).toBe('not-applicable');
  });

  test('fails closed on a CIDR parameter', () => {
    expect(acl('ParamCidrSsh')).toBe('failed');
    expect(run.detail('Test/Acl/ParamCidrSsh/Resource', RULE)).toMatch(/may allow/);
  });

  test('reads a string protocol and an upper-case action', () => {
    expect(verdict('Test/L1StringProtocol', RULE)).toBe('failed');
  });
});

describe('RouteToInternetGateway', () => {
  const RULE = 'RouteToInternetGateway';

  test('warns on the public subnets\' default route of the L2 Vpc', () => {
    expect(verdict('Test/PublicVpc/publicSubnet1/DefaultRoute', RULE)).toBe('failed');
    const v = run.violations.find((x) => x.ruleName === RULE && x.constructPaths.includes('Test/PublicVpc/publicSubnet1/DefaultRoute'));
    expect(v?.severity).toBe('warning');
  });

  test('warns on a literal igw- id and a gateway it cannot identify', () => {
    expect(verdict('Test/LiteralIgwRoute', RULE)).toBe('failed');
    expect(verdict('Test/ImportedGatewayRoute', RULE)).toBe('failed');
  });

  test('passes routes through NAT and VPN gateways', () => {
    expect(verdict('Test/NatRoute', RULE)).toBe('passed');
    expect(verdict('Test/VpnGatewayRoute', RULE)).toBe('passed');
  });
});
