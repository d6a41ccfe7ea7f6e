import { failed, notApplicable, passed, ResourceRule } from '../../rule';
import { literalAlternatives } from '../../readers';
import { flatten } from '../../values';

/**
 * SNS delivers to an HTTP(S) endpoint over TLS: protocol `http` sends every message, and the
 * subscription confirmation, in clear text across the internet. Other protocols (email, SQS,
 * Lambda, …) are not HTTP deliveries and are not applicable. A protocol from a parameter counts
 * by its `AllowedValues`; from anything else unknowable it fails.
 */
export const SnsSubscriptionNoPlainHttp: ResourceRule = {
  id: 'SnsSubscriptionNoPlainHttp',
  resourceTypes: ['AWS::SNS::Subscription'],
  passes: '`Protocol` is not `http` in any branch (`https` passes; non-HTTP protocols are not applicable).',
  check: (subscription) => {
    const location = 'Properties/Protocol';
    const protocols = literalAlternatives(subscription.properties.Protocol, subscription.template);
    if (protocols === undefined) {
      return failed('Its protocol comes from a value that cannot be known at synth and may be http; make it literal or acknowledge the rule with a reason.', location);
    }
    const names = protocols.map((p) => flatten(p).trim().toLowerCase());
    if (names.includes('http')) {
      return failed('It delivers messages over plain HTTP (Protocol http), unencrypted in transit.', location);
    }
    return names.includes('https') ? passed() : notApplicable();
  },
};
