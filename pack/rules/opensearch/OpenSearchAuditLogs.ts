import { failed, passed, ResourceRule, Verdict } from '../../rule';
import { valuesAt } from '../../readers';
import { isUnset } from '../../values';
import { DOMAIN_TYPES, requireDomainSwitch } from './private';

/**
 * Audit logs (authentication, access to indices and documents, changes to security settings) are
 * published to CloudWatch Logs. Off by default; OpenSearch writes them only for domains with
 * fine-grained access control, which OpenSearchFineGrainedAccessControl requires.
 */
export const OpenSearchAuditLogs: ResourceRule = {
  id: 'OpenSearchAuditLogs',
  resourceTypes: DOMAIN_TYPES,
  passes: '`LogPublishingOptions.AUDIT_LOGS` has `Enabled: true` and a `CloudWatchLogsLogGroupArn` (a reference counts) in every `Fn::If` branch; absent means no audit log.',
  check: (domain) => {
    const enabled = requireDomainSwitch(domain, ['LogPublishingOptions', 'AUDIT_LOGS', 'Enabled'], 'It publishes no audit logs');
    if (enabled.verdict === Verdict.FAILED) {
      return enabled;
    }
    const groups = valuesAt(domain.properties.LogPublishingOptions, ['AUDIT_LOGS', 'CloudWatchLogsLogGroupArn']);
    if (groups.some((g) => isUnset(g))) {
      return failed('Its AUDIT_LOGS publishing names no CloudWatchLogsLogGroupArn, so its audit logs go nowhere.', 'Properties/LogPublishingOptions/AUDIT_LOGS/CloudWatchLogsLogGroupArn');
    }
    return passed();
  },
};
