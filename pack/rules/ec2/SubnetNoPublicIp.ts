import { failed, passed, ResourceRule } from '../../rule';
import { asBoolean, branches, flatten, isNoValue, mayBeTrue } from '../../values';

/**
 * Instances launched in a subnet do not get public IPv4 addresses by default. A value synth
 * cannot see (a parameter) fails closed: it can be true at deploy time.
 */
export const SubnetNoPublicIp: ResourceRule = {
  id: 'SubnetNoPublicIp',
  resourceTypes: ['AWS::EC2::Subnet'],
  passes: '`MapPublicIpOnLaunch` absent or false (private and isolated subnets of the L2 `Vpc`); a parameter fails closed.',
  check: (subnet) => {
    const value = subnet.properties.MapPublicIpOnLaunch;
    if (!mayBeTrue(value)) {
      return passed();
    }
    const literal = branches(value).some((v) => asBoolean(v) === true);
    if (literal) {
      return failed('It assigns a public IPv4 address to every instance launched in it (MapPublicIpOnLaunch is true).', 'Properties/MapPublicIpOnLaunch');
    }
    const unknown = branches(value).find((v) => v !== undefined && !isNoValue(v) && asBoolean(v) === undefined);
    return failed(`MapPublicIpOnLaunch comes from ${flatten(unknown)}, which may be true at deploy time.`, 'Properties/MapPublicIpOnLaunch');
  },
};
