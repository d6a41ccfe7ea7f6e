import { notApplicable, ResourceRule } from '../../rule';
import { oneOf, requireSetting } from '../apigateway/private';
import { ELB_TLS12_POLICIES, LISTENER, mayUseProtocol } from './private';

/**
 * HTTPS (Application Load Balancer) and TLS (Network Load Balancer) listeners name a security
 * policy that refuses TLS 1.0 and 1.1, from an explicit list of Elastic Load Balancing's
 * predefined policies. An absent `SslPolicy` fails: the service then picks its own default, which
 * the API has documented as `ELBSecurityPolicy-2016-08` (TLS 1.0 and 1.1 accepted), and the
 * template would not show the TLS floor an auditor asks for.
 */
export const ElbListenerTls12Policy: ResourceRule = {
  id: 'ElbListenerTls12Policy',
  resourceTypes: [LISTENER],
  passes: `\`HTTPS\` and \`TLS\` listeners set \`SslPolicy\` to one of ${ELB_TLS12_POLICIES.map((p) => `\`${p}\``).join(', ')}; listeners of other protocols are not applicable.`,
  check: (listener) => {
    if (!mayUseProtocol(listener, ['HTTPS', 'TLS'])) {
      return notApplicable();
    }
    return requireSetting([listener.properties.SslPolicy], listener.template, 'Properties/SslPolicy', {
      accepts: oneOf(ELB_TLS12_POLICIES),
      problem: (shown) => shown === 'absent'
        ? 'It names no SslPolicy, so the load balancer applies its own default policy, documented as ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and 1.1.'
        : `Its SslPolicy is ${shown}, which accepts TLS 1.0 or 1.1 (or is not a policy known to require TLS 1.2).`,
    });
  },
};
