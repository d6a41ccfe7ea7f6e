import { failed, notApplicable, passed, ResourceRule } from '../../rule';
import { isObject, Json } from '../../json';
import { asNumber, branches, flatten, isTrue } from '../../values';
import { cidrReach, protocolNumber, Reach } from './private';

const TCP = 6;
const UDP = 17;

/** The remote-administration services an internet-wide allow must not reach. RDP listens on UDP too. */
const ADMIN_PORTS: readonly { port: number; protocols: readonly number[]; name: string }[] = [
  { port: 22, protocols: [TCP], name: 'SSH (TCP 22)' },
  { port: 3389, protocols: [TCP, UDP], name: 'RDP (TCP/UDP 3389)' },
];

/**
 * No network ACL entry allows inbound traffic from everywhere to SSH or RDP. Protocol -1 covers
 * every port; TCP covers a port inside its `PortRange`; UDP covers RDP's 3389. Deny entries pass
 * and egress entries are not applicable. Whatever synth cannot see (the action, the direction, the
 * CIDR, the protocol, the ports) is taken at its most open, so an unprovable entry fails closed.
 */
export const NetworkAclNoPublicAdminPorts: ResourceRule = {
  id: 'NetworkAclNoPublicAdminPorts',
  resourceTypes: ['AWS::EC2::NetworkAclEntry'],
  passes: 'No inbound `RuleAction: allow` entry from `0.0.0.0/0` (`CidrBlock`) or `::/0` (`Ipv6CidrBlock`) whose protocol and `PortRange` cover SSH (TCP 22) or RDP (TCP/UDP 3389); protocol -1 covers both; values unknown at synth fail closed.',
  check: (entry) => {
    const p = entry.properties;
    if (isTrue(p.Egress)) {
      return notApplicable();
    }
    if (branches(p.RuleAction).every((a) => typeof a === 'string' && a.toLowerCase() === 'deny')) {
      return passed();
    }
    const reach = [cidrReach(entry.template, p.CidrBlock), cidrReach(entry.template, p.Ipv6CidrBlock)];
    const source = reach.includes(Reach.INTERNET) ? Reach.INTERNET : reach.includes(Reach.UNKNOWN) ? Reach.UNKNOWN : Reach.RESTRICTED;
    if (source === Reach.RESTRICTED) {
      return passed();
    }
    const coverage = ADMIN_PORTS.map((admin) => ({ admin, covered: worst(branches(p.Protocol).map((protocol) => covers(protocol, p.PortRange, admin.port, admin.protocols))) }));
    const exposed = coverage.filter((c) => c.covered !== Coverage.NO);
    if (exposed.length === 0) {
      return passed();
    }
    const services = exposed.map((e) => e.admin.name).join(' and ');
    const from = [p.CidrBlock, p.Ipv6CidrBlock].filter((v) => v !== undefined).map((v) => flatten(v)).join(', ');
    if (source === Reach.INTERNET && exposed.every((e) => e.covered === Coverage.YES)) {
      return failed(`It allows inbound ${services} from the internet (${from}).`, 'Properties');
    }
    return failed(`It may allow inbound ${services} from the internet (${from}): a CIDR, protocol or port range is not known at synth.`, 'Properties');
  },
};

enum Coverage {
  NO = 0,
  YES = 1,
  /** Synth cannot tell: a protocol or port that is not literal. */
  MAYBE = 2,
}

function worst(values: Coverage[]): Coverage {
  return values.includes(Coverage.MAYBE) ? Coverage.MAYBE : values.includes(Coverage.YES) ? Coverage.YES : Coverage.NO;
}

/** Whether one protocol value with a port range lets traffic reach `port`. */
function covers(protocol: Json | undefined, portRange: Json | undefined, port: number, protocols: readonly number[]): Coverage {
  const n = protocolNumber(protocol);
  if (n === undefined) {
    return Coverage.MAYBE;
  }
  if (n === -1) {
    return Coverage.YES;
  }
  if (!protocols.includes(n)) {
    return Coverage.NO;
  }
  return worst(branches(portRange).map((range) => {
    // TCP and UDP entries need a range; without one, take every port.
    if (range === undefined) {
      return Coverage.YES;
    }
    if (!isObject(range)) {
      return Coverage.MAYBE;
    }
    const from = asNumber(range.From);
    const to = asNumber(range.To);
    if (from === undefined || to === undefined) {
      return (from === undefined || from <= port) && (to === undefined || port <= to) ? Coverage.MAYBE : Coverage.NO;
    }
    return from <= port && port <= to ? Coverage.YES : Coverage.NO;
  }));
}
