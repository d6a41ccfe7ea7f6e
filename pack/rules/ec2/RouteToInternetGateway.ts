import { failed, passed, ResourceRule } from '../../rule';
import { flatten } from '../../values';
import { internetGateway } from './private';

/**
 * A route through an internet gateway makes its subnets public. It is a warning: public subnets
 * are sometimes needed (a load balancer, a NAT gateway), but ML workloads belong in private
 * subnets and each public route should be deliberate. A gateway synth cannot identify (a
 * parameter, an import) is reported too, since it may be an internet gateway.
 */
export const RouteToInternetGateway: ResourceRule = {
  id: 'RouteToInternetGateway',
  resourceTypes: ['AWS::EC2::Route'],
  passes: 'Routes whose `GatewayId` is not an internet gateway (an `AWS::EC2::InternetGateway` of the template or a literal `igw-…`): NAT, transit, VPN and egress-only gateways, endpoints, peering; an unidentifiable `GatewayId` is reported.',
  check: (route) => {
    const gateway = internetGateway(route);
    if (gateway === undefined) {
      return passed();
    }
    if (!gateway.known) {
      return failed(`Its gateway (${gateway.id}) is not known at synth and may be an internet gateway.`, 'Properties/GatewayId');
    }
    const destination = flatten(route.properties.DestinationCidrBlock ?? route.properties.DestinationIpv6CidrBlock ?? route.properties.DestinationPrefixListId);
    return failed(`It routes ${destination || 'traffic'} through the internet gateway ${gateway.id}, making its subnets public.`, 'Properties/GatewayId');
  },
};
