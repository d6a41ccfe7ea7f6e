import { failed, passed, ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';
import { isObject, JsonObject } from '../../json';
import { asArray, branches, flatten } from '../../values';
import { cidrReach, prefixListReach, protocolNumber, Reach } from './private';

interface IngressRule {
  readonly rule: JsonObject;
  readonly location: string;
}

/**
 * No ingress rule lets in the whole internet, on any port: `0.0.0.0/0`, `::/0`, or a range wider than
 * a /8, which together cover it (`0.0.0.0/1` and `128.0.0.0/1`). Inline rules are judged on the group;
 * a separate `AWS::EC2::SecurityGroupIngress` (an imported group's rule, `disableInlineRules`, an
 * L1) on itself, so each finding lands where the rule is written and is acknowledged there.
 *
 * A CIDR synth cannot see (a parameter without `AllowedValues`, an import) fails closed: a
 * deploy-time value can be `0.0.0.0/0`, and the acknowledgement records who bounds it.
 */
export const SecurityGroupNoPublicIngress: ResourceRule = {
  id: 'SecurityGroupNoPublicIngress',
  resourceTypes: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
  passes: 'No ingress rule (inline `SecurityGroupIngress` or an `AWS::EC2::SecurityGroupIngress`) from the internet on any port: from `0.0.0.0/0` or `::/0`, or any range wider than a /8 (the halves of the IPv4 space, `2000::/3`), by `CidrIp`, `CidrIpv6` or a template prefix list holding them; a CIDR from a parameter without `AllowedValues` or from an import fails closed.',
  check: (resource) => {
    const rules = ingressRulesOf(resource);
    let unknown: IngressRule | undefined;
    for (const r of rules) {
      const reach = reachOf(resource, r.rule);
      if (reach === Reach.INTERNET) {
        return failed(`It allows ${describeTraffic(r.rule)} from the internet (${sourceOf(r.rule)}).`, r.location);
      }
      if (reach === Reach.UNKNOWN && !unknown) {
        unknown = r;
      }
    }
    if (unknown) {
      return failed(`It allows ${describeTraffic(unknown.rule)} from a CIDR that is not known at synth (${sourceOf(unknown.rule)}), which may be 0.0.0.0/0 at deploy time.`, unknown.location);
    }
    return passed();
  },
};

function ingressRulesOf(resource: TemplateResource): IngressRule[] {
  if (resource.type === 'AWS::EC2::SecurityGroupIngress') {
    return [{ rule: resource.properties, location: 'Properties' }];
  }
  const out: IngressRule[] = [];
  for (const list of branches(resource.properties.SecurityGroupIngress)) {
    asArray(list).forEach((entry, i) => {
      for (const rule of branches(entry)) {
        if (isObject(rule)) {
          out.push({ rule, location: `Properties/SecurityGroupIngress/${i}` });
        }
      }
    });
  }
  return out;
}

function reachOf(resource: TemplateResource, rule: JsonObject): Reach {
  const reaches = [
    cidrReach(resource.template, rule.CidrIp),
    cidrReach(resource.template, rule.CidrIpv6),
    prefixListReach(resource.template, rule.SourcePrefixListId),
  ];
  if (reaches.includes(Reach.INTERNET)) {
    return Reach.INTERNET;
  }
  return reaches.includes(Reach.UNKNOWN) ? Reach.UNKNOWN : Reach.RESTRICTED;
}

function sourceOf(rule: JsonObject): string {
  const fields = ['CidrIp', 'CidrIpv6', 'SourcePrefixListId'].filter((f) => rule[f] !== undefined);
  return fields.map((f) => `${f} ${branches(rule[f]).map((v) => flatten(v)).join(' or ')}`).join(', ');
}

function describeTraffic(rule: JsonObject): string {
  const protocol = protocolNumber(rule.IpProtocol);
  if (protocol === -1) {
    return 'all traffic';
  }
  const names: Record<number, string> = { 1: 'ICMP', 6: 'TCP', 17: 'UDP', 58: 'ICMPv6' };
  const name = (protocol !== undefined ? names[protocol] : undefined) ?? `protocol ${flatten(rule.IpProtocol)}`;
  if (protocol === 1 || protocol === 58) {
    return name;
  }
  const from = flatten(rule.FromPort);
  const to = flatten(rule.ToPort);
  if (from === '' && to === '') {
    return name;
  }
  return from === to ? `${name} port ${from}` : `${name} ports ${from}-${to}`;
}
