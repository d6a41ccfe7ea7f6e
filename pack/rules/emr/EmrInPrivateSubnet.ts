import { failed, passed, ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';
import { Json } from '../../json';
import { literalAlternatives, readableObject } from '../../readers';
import { asBoolean, branches, flatten, isUnset, variantsOf } from '../../values';
import { internetGateway } from '../ec2/private';

const LOCATION = 'Properties/Instances';
const SUBNET = 'AWS::EC2::Subnet';

/**
 * A cluster's nodes get no public IP address: it launches (`Instances.Ec2SubnetId`, or each of
 * `Ec2SubnetIds` for instance fleets) only in subnets of the app that are private. EMR decides by
 * the subnet: one whose route table routes to an internet gateway is public to EMR, which then
 * reaches the nodes only through that gateway (not through NAT, the Management Guide's "Amazon VPC
 * options"), so they are given public addresses; a subnet that maps public IPs on launch gives
 * them one as well. Security Hub's remediation for EMR.1 is the same: a private subnet that does
 * not map public IPs. So each subnet must have no route through an internet gateway (an
 * `AWS::EC2::InternetGateway` of the app or a literal `igw-…`; a gateway synth cannot identify
 * fails closed) and `MapPublicIpOnLaunch` absent or false. A cluster naming no subnet launches in
 * the account's default VPC, whose subnets are public; a subnet that is not a resource of the app
 * (an id, a parameter, an import) cannot be judged and fails closed. Every `Fn::If` branch
 * counts, a parameter by its `AllowedValues`. This is the synth-time form of AWS Config's `EMR_MASTER_NO_PUBLIC_IP`
 * (Security Hub EMR.1), which checks the running cluster's primary node.
 */
export const EmrInPrivateSubnet: ResourceRule = {
  id: 'EmrInPrivateSubnet',
  resourceTypes: ['AWS::EMR::Cluster'],
  passes: '`Instances.Ec2SubnetId` or every `Instances.Ec2SubnetIds` entry, in every `Fn::If` branch, is an `AWS::EC2::Subnet` of the app with `MapPublicIpOnLaunch` absent or false whose route tables (`AWS::EC2::SubnetRouteTableAssociation`) have no route through an internet gateway (the private and isolated subnets of the L2 `Vpc`); no subnet, or one not defined in the app, fails.',
  check: (cluster) => {
    const subnets: Json[] = [];
    for (const instances of branches(cluster.properties.Instances)) {
      const config = readableObject(instances);
      if (!config) {
        return failed('Its Instances come from a value synth cannot read, so the subnets it launches in cannot be known.', LOCATION);
      }
      for (const variant of variantsOf(config)) {
        const named = subnetsNamed(variant);
        if (named === undefined) {
          return failed('Its Ec2SubnetIds come from a value synth cannot read (a list parameter, an import), so whether its subnets are private cannot be known at synth.', LOCATION);
        }
        if (named.length === 0) {
          return failed('It names no subnet (Instances.Ec2SubnetId or Ec2SubnetIds), so EMR launches it in the account\'s default VPC, whose subnets are public: its nodes get public IP addresses.', LOCATION);
        }
        subnets.push(...named);
      }
    }
    for (const value of subnets) {
      const subnet = cluster.template.target(value);
      if (subnet?.type !== SUBNET) {
        return failed(`It launches in subnet ${flatten(value)}, which is not a subnet of the app (an id, a parameter or an import), so whether it is private cannot be known at synth.`, LOCATION);
      }
      const problem = publicSubnetProblem(subnet);
      if (problem) {
        return failed(`It launches in subnet ${subnet.logicalId}, which ${problem}.`, LOCATION);
      }
    }
    return passed();
  },
};

/** The subnet values one variant of `Instances` names; undefined when a list cannot be read. */
function subnetsNamed(instances: Json): Json[] | undefined {
  const config = readableObject(instances);
  const single = branches(config?.Ec2SubnetId).filter((v): v is Json => !isUnset(v));
  const out: Json[] = [...single];
  for (const list of branches(config?.Ec2SubnetIds)) {
    if (isUnset(list)) {
      continue;
    }
    if (!Array.isArray(list)) {
      return undefined;
    }
    out.push(...list.flatMap((s) => branches(s)).filter((v): v is Json => !isUnset(v)));
  }
  return out;
}

/** Why a subnet gives the nodes launched in it public IP addresses, or undefined. */
function publicSubnetProblem(subnet: TemplateResource): string | undefined {
  const mapped = literalAlternatives(subnet.properties.MapPublicIpOnLaunch, subnet.template);
  if (mapped === undefined) {
    return 'sets MapPublicIpOnLaunch from a value that cannot be known at synth, so its nodes may get public IP addresses';
  }
  if (mapped.some((v) => asBoolean(v) === true)) {
    return 'gives every instance launched in it a public IPv4 address (MapPublicIpOnLaunch true)';
  }
  const app = subnet.template.app;
  const associations = app?.referencing('AWS::EC2::SubnetRouteTableAssociation', 'SubnetId', subnet)
    ?? subnet.template.referencing('AWS::EC2::SubnetRouteTableAssociation', 'SubnetId', subnet.logicalId);
  for (const association of associations) {
    for (const tableId of branches(association.properties.RouteTableId)) {
      const table = association.template.target(tableId);
      if (!table) {
        return `is associated with route table ${flatten(tableId)}, which is not defined in the app, so a route to an internet gateway cannot be ruled out`;
      }
      const routes = app?.referencing('AWS::EC2::Route', 'RouteTableId', table) ?? table.template.referencing('AWS::EC2::Route', 'RouteTableId', table.logicalId);
      for (const route of routes) {
        const gateway = internetGateway(route);
        if (gateway?.known === false) {
          return `has a route (${route.logicalId}) through a gateway synth cannot identify (${gateway.id}), which may be an internet gateway, so EMR may treat it as public and give its nodes public IP addresses`;
        }
        if (gateway) {
          return `is public: route ${route.logicalId} sends ${flatten(route.properties.DestinationCidrBlock ?? route.properties.DestinationIpv6CidrBlock) || 'traffic'} through the internet gateway ${gateway.id}, so EMR gives its nodes public IP addresses`;
        }
      }
    }
  }
  return undefined;
}
