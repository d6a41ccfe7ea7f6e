import { StackTemplate, TemplateResource } from '../../template';
import { isObject, Json } from '../../json';
import { asArray, branches, flatten, isUnset } from '../../values';

/**
 * Who a CIDR (or prefix list) lets in: everyone (`0.0.0.0/0`, `::/0`), a bounded range, or a
 * value synth cannot see (a parameter, an import).
 */
export enum Reach {
  RESTRICTED = 'restricted',
  INTERNET = 'internet',
  UNKNOWN = 'unknown',
}

/** The worse of two reaches: the internet beats unknown beats restricted. */
function worse(a: Reach, b: Reach): Reach {
  if (a === Reach.INTERNET || b === Reach.INTERNET) {
    return Reach.INTERNET;
  }
  return a === Reach.UNKNOWN || b === Reach.UNKNOWN ? Reach.UNKNOWN : Reach.RESTRICTED;
}

/**
 * The internet, by the ranges that let it in: any range with a prefix shorter than /8. That covers
 * `0.0.0.0/0` and `::/0` in any spelling, and the forms that cover the same addresses piece by piece
 * (`0.0.0.0/1` with `128.0.0.0/1`, or `2000::/3`, all of global IPv6 unicast): a range that wide can
 * only be public, except IPv6's unique-local `fc00::/7`.
 */
const WIDEST_BOUNDED_PREFIX = 8;

function literalReach(cidr: string): Reach {
  const m = /^\s*([0-9a-fA-F:.]+)\/(\d+)\s*$/.exec(cidr);
  if (!m) {
    return Reach.RESTRICTED;
  }
  const prefix = Number(m[2]);
  if (prefix >= WIDEST_BOUNDED_PREFIX) {
    return Reach.RESTRICTED;
  }
  const uniqueLocal = m[1].includes(':') && prefix >= 7 && /^f[cd]/i.test(m[1]);
  return uniqueLocal ? Reach.RESTRICTED : Reach.INTERNET;
}

// Attributes of these resources are address ranges of the network itself: a VPC's CIDR is /16 to
// /28 (IPv6 /44 to /64), never everyone.
const NETWORK_RANGE_TYPES = new Set(['AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::VPCCidrBlock']);

/**
 * The reach of a CIDR value, over every `Fn::If` branch. Unset is restricted (nothing is let in
 * by this field). A parameter is known only when its `AllowedValues` are; an attribute of a VPC or
 * subnet (`Peer.ipv4(vpc.vpcCidrBlock)`), also through another stack's export, is restricted;
 * anything else that cannot be seen is unknown, for the rule to decide.
 */
export function cidrReach(template: StackTemplate, value: Json | undefined): Reach {
  return branches(value).reduce<Reach>((acc, v) => worse(acc, singleReach(template, v)), Reach.RESTRICTED);
}

function singleReach(template: StackTemplate, value: Json | undefined): Reach {
  if (isUnset(value)) {
    return Reach.RESTRICTED;
  }
  if (typeof value === 'string') {
    return literalReach(value);
  }
  if (!isObject(value)) {
    return Reach.UNKNOWN;
  }
  if (typeof value.Ref === 'string') {
    return parameterReach(template, value.Ref);
  }
  if (value['Fn::GetAtt'] !== undefined) {
    const target = template.target(value);
    return target && NETWORK_RANGE_TYPES.has(target.type) ? Reach.RESTRICTED : Reach.UNKNOWN;
  }
  const select = value['Fn::Select'];
  if (Array.isArray(select) && select.length === 2) {
    // Selecting from a VPC's IPv6 blocks or from Fn::Cidr carving of a known range.
    return cidrReach(template, select[1]);
  }
  const cidr = value['Fn::Cidr'];
  if (Array.isArray(cidr) && cidr.length >= 2) {
    return cidrReach(template, cidr[0]);
  }
  const imported = value['Fn::ImportValue'];
  if (imported !== undefined) {
    // CDK names a cross-stack reference after what it exports: `…ExportsOutputFnGetAttVpc…CidrBlock…`.
    return /ExportsOutputFnGetAtt\w*CidrBlock/.test(flatten(imported)) ? Reach.RESTRICTED : Reach.UNKNOWN;
  }
  // A joined or substituted CIDR whose prefix length is literal (`${AdminIp}/32`) is bounded
  // unless the length is 0.
  const text = flatten(value);
  if (!text.includes('${')) {
    return literalReach(text);
  }
  return /\/\d+$/.test(text) ? literalReach(text) : Reach.UNKNOWN;
}

function parameterReach(template: StackTemplate, name: string): Reach {
  const parameter = template.parameters[name];
  if (!isObject(parameter)) {
    return Reach.UNKNOWN;
  }
  const allowed = asArray(parameter.AllowedValues);
  if (allowed.length === 0 || !allowed.every((v) => typeof v === 'string')) {
    return Reach.UNKNOWN;
  }
  return allowed.reduce<Reach>((acc, v) => worse(acc, literalReach(v as string)), Reach.RESTRICTED);
}

/**
 * The reach of a source prefix list: one declared in the template is as wide as its widest entry;
 * any other (an AWS-managed service list, a shared list) is taken as restricted, since prefix
 * lists name bounded sets and their entries cannot be read at synth.
 */
export function prefixListReach(template: StackTemplate, value: Json | undefined): Reach {
  let reach = Reach.RESTRICTED;
  for (const v of branches(value)) {
    const list = template.target(v);
    if (list?.type !== 'AWS::EC2::PrefixList') {
      continue;
    }
    for (const entry of asArray(list.properties.Entries)) {
      if (isObject(entry)) {
        reach = worse(reach, cidrReach(template, entry.Cidr));
      }
    }
  }
  return reach;
}

/** A protocol as CloudFormation writes it (`-1`, `6`, `"tcp"`), as a number; undefined when unknowable. */
export function protocolNumber(value: Json | undefined): number | undefined {
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value !== 'string') {
    return undefined;
  }
  const named: Record<string, number> = { all: -1, tcp: 6, udp: 17, icmp: 1, icmpv6: 58 };
  const lower = value.trim().toLowerCase();
  if (lower in named) {
    return named[lower];
  }
  return /^-?\d+$/.test(lower) ? Number(lower) : undefined;
}

/**
 * The internet gateway a route goes through (its logical id, or a literal `igw-…`), or one synth
 * cannot identify (`known: false`: a parameter, an import); undefined for any other target (NAT,
 * transit, VPN and egress-only gateways, endpoints, peering), in every `Fn::If` branch.
 */
export function internetGateway(route: TemplateResource): { readonly id: string; readonly known: boolean } | undefined {
  for (const gateway of branches(route.properties.GatewayId)) {
    if (isUnset(gateway)) {
      continue;
    }
    const target = route.template.target(gateway);
    if (target) {
      if (target.type === 'AWS::EC2::InternetGateway') {
        return { id: target.logicalId, known: true };
      }
      continue;
    }
    const id = flatten(gateway);
    if (id.startsWith('igw-') || id.includes('${')) {
      return { id, known: !id.includes('${') };
    }
  }
  return undefined;
}
