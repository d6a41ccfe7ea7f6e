import { ResourceRule, Verdict } from '../../rule';
import { Json } from '../../json';
import { DOMAIN_TYPES, quote, requireDomainSwitch, requireSetting, resourceSettings } from './private';

/** `Policy-Min-TLS-1-2-2019-07`, `Policy-Min-TLS-1-2-PFS-2023-10`, and any later minimum. */
const TLS_1_2_OR_LATER = /^Policy-Min-TLS-1-[2-9]-/;

/**
 * The domain endpoint refuses plain HTTP and TLS below 1.2. Both are off by default: without
 * `EnforceHTTPS` the endpoint answers HTTP, and without `TLSSecurityPolicy` the service applies
 * `Policy-Min-TLS-1-0-2019-07` (TLS 1.0 and 1.1 accepted). The L2 Domain writes TLS 1.2 but
 * leaves `EnforceHTTPS` false unless `enforceHttps` is set.
 */
export const OpenSearchHttpsOnly: ResourceRule = {
  id: 'OpenSearchHttpsOnly',
  resourceTypes: DOMAIN_TYPES,
  passes: '`DomainEndpointOptions.EnforceHTTPS: true` and a `TLSSecurityPolicy` of `Policy-Min-TLS-1-2-*` (or later) in every `Fn::If` branch; absent means HTTP allowed and `Policy-Min-TLS-1-0-2019-07`.',
  check: (domain) => {
    const https = requireDomainSwitch(domain, ['DomainEndpointOptions', 'EnforceHTTPS'], 'It accepts requests over plain HTTP');
    if (https.verdict === Verdict.FAILED) {
      return https;
    }
    return requireSetting(resourceSettings(domain, ['DomainEndpointOptions', 'TLSSecurityPolicy']), (v: Json) => typeof v === 'string' && TLS_1_2_OR_LATER.test(v),
      'Properties/DomainEndpointOptions/TLSSecurityPolicy',
      (v) => `It accepts TLS below 1.2: its TLSSecurityPolicy is ${quote(v)}${v === undefined ? ', so the service default Policy-Min-TLS-1-0-2019-07 applies' : ''}.`);
  },
};
