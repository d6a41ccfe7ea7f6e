import { StackTemplate, TemplateResource } from '../../template';
import { isObject, Json } from '../../json';
import { branches, isIntrinsic, isNoValue } from '../../values';
import { literalAlternatives, prop, valuesAt } from '../../readers';
import { settingOf } from '../apigateway/private';

export const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
export const LISTENER_RULE = 'AWS::ElasticLoadBalancingV2::ListenerRule';

/** The protocols a listener can have (`undefined` when synth cannot know them); absent for a Gateway Load Balancer. */
export function listenerProtocols(listener: TemplateResource): (Json | undefined)[] | undefined {
  return literalAlternatives(listener.properties.Protocol, listener.template);
}

/** Whether a listener may, in some branch, have one of the protocols (an unknowable protocol may be any). */
export function mayUseProtocol(listener: TemplateResource, protocols: readonly string[]): boolean {
  const values = listenerProtocols(listener);
  return values === undefined || values.some((v) => typeof v === 'string' && protocols.includes(v));
}

/**
 * What is wrong with a list of listener actions that must all redirect to HTTPS: a sentence
 * fragment (`a forward action`, `a redirect to "HTTP"`), or undefined when every action redirects
 * to HTTPS. An absent `RedirectConfig.Protocol` keeps the request's protocol (`#{protocol}`).
 */
export function nonHttpsRedirect(actions: readonly (Json | undefined)[], template: StackTemplate): string | undefined {
  if (actions.length === 0) {
    return 'no action';
  }
  for (const action of actions) {
    if (action === null || action === undefined) {
      return 'an action that cannot be read at synth';
    }
    const type = settingOf(valuesAt(action, ['Type']), template, (v) => v === 'redirect');
    if (type.state !== 'accepted') {
      return type.state === 'rejected' ? `a ${type.value} action` : 'an action whose type cannot be read at synth';
    }
    const protocol = settingOf(valuesAt(action, ['RedirectConfig', 'Protocol']), template, (v) => v === 'HTTPS', '#{protocol}');
    if (protocol.state !== 'accepted') {
      return protocol.state === 'rejected' ? `a redirect to ${JSON.stringify(protocol.value)}` : 'a redirect whose protocol cannot be read at synth';
    }
  }
  return undefined;
}

/**
 * The values a load-balancer attribute (`LoadBalancerAttributes`, a list of `{Key, Value}`) takes,
 * through `Fn::If` on the list and on each entry. `undefined` stands for a branch where the
 * attribute is absent (also an entry that a condition may remove), `null` for a list or entry
 * synth cannot read.
 */
export function attributeValues(attributes: Json | undefined, key: string): (Json | undefined)[] {
  const out: (Json | undefined)[] = [];
  for (const list of branches(attributes)) {
    if (list === undefined || isNoValue(list)) {
      out.push(undefined);
      continue;
    }
    if (!Array.isArray(list)) {
      out.push(null);
      continue;
    }
    let found = false;
    for (const entry of list) {
      const alternatives = branches(entry);
      const matching = alternatives.filter((e) => isObject(e) && prop(e, 'Key') === key);
      if (alternatives.some((e) => !isNoValue(e) && (isIntrinsic(e) || !isObject(e)))) {
        out.push(null);
      }
      if (matching.length > 0) {
        found = true;
        out.push(...matching.map((e) => prop(e, 'Value')));
        if (matching.length < alternatives.length) {
          out.push(undefined);
        }
      }
    }
    if (!found) {
      out.push(undefined);
    }
  }
  return out;
}

/**
 * Listener security policies that accept TLS 1.2 and 1.3 only (Elastic Load Balancing's
 * predefined policies, for Application and Network Load Balancers alike). Left out on purpose:
 * `ELBSecurityPolicy-2016-08` (CDK's `SslPolicy.RECOMMENDED`), `-2015-05`, `-TLS-1-0-2015-04`,
 * `-TLS-1-1-2017-01`, `-FS-2018-06`, `-FS-1-1-2019-08` and the `TLS13-1-0`/`TLS13-1-1` families,
 * which accept TLS 1.0 or 1.1.
 */
export const ELB_TLS12_POLICIES: readonly string[] = [
  'ELBSecurityPolicy-TLS13-1-2-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06',
  'ELBSecurityPolicy-TLS13-1-3-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-FS-1-2-Res-2020-10',
  'ELBSecurityPolicy-FS-1-2-Res-2019-08',
  'ELBSecurityPolicy-FS-1-2-2019-08',
  'ELBSecurityPolicy-TLS-1-2-2017-01',
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06',
];
