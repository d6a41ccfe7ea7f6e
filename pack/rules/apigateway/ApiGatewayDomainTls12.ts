import { ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';
import { Json } from '../../json';
import { valuesAt } from '../../readers';
import { elementsOf } from '../sagemaker/private';
import { API_GATEWAY_TLS12_POLICIES, oneOf, requireSetting } from './private';

const V2_DOMAIN = 'AWS::ApiGatewayV2::DomainName';

/**
 * Custom domain names refuse TLS 1.0 and 1.1 (deprecated by RFC 8996). API Gateway gives a new
 * custom domain (regional, edge-optimized or private) the `TLS_1_2` policy when none is named, so
 * an absent `SecurityPolicy` passes; `TLS_1_0` fails, and so does a policy this rule does not know
 * to require TLS 1.2. An HTTP or WebSocket domain name (`AWS::ApiGatewayV2::DomainName`) is
 * judged on each of its `DomainNameConfigurations`.
 */
export const ApiGatewayDomainTls12: ResourceRule = {
  id: 'ApiGatewayDomainTls12',
  resourceTypes: ['AWS::ApiGateway::DomainName', 'AWS::ApiGateway::DomainNameV2', V2_DOMAIN],
  passes: `\`SecurityPolicy\` (each \`DomainNameConfigurations[].SecurityPolicy\` for HTTP and WebSocket APIs) is absent (API Gateway's default for custom domains is \`TLS_1_2\`) or one of ${API_GATEWAY_TLS12_POLICIES.map((p) => `\`${p}\``).join(', ')}.`,
  check: (domain) => {
    const v2 = domain.type === V2_DOMAIN;
    return requireSetting(v2 ? configurationPolicies(domain) : [domain.properties.SecurityPolicy], domain.template, v2 ? 'Properties/DomainNameConfigurations/SecurityPolicy' : 'Properties/SecurityPolicy', {
      accepts: oneOf(API_GATEWAY_TLS12_POLICIES),
      whenAbsent: 'TLS_1_2',
      problem: (shown) => `Its security policy is ${shown}, which lets clients connect with TLS 1.0 or 1.1 (or is not a policy known to require TLS 1.2).`,
    });
  },
};

/** The `SecurityPolicy` of every domain-name configuration, through `Fn::If` (absent when there is none). */
function configurationPolicies(domain: TemplateResource): (Json | undefined)[] {
  const configurations = elementsOf(domain.properties.DomainNameConfigurations);
  return configurations.length === 0 ? [undefined] : configurations.flatMap((c) => valuesAt(c, ['SecurityPolicy']));
}
