import { failed, notApplicable, passed, ResourceRule } from '../../rule';
import { Json } from '../../json';
import { asNumber } from '../../values';
import { literalAlternatives } from '../../readers';
import { TemplateResource } from '../../template';

/** The default audit log retention: a year, the longest audit period. */
export const DEFAULT_AUDIT_LOG_RETENTION_DAYS = 365;

/** The properties through which a resource of the stack sends audit records to a log group. */
const AUDIT_SOURCES: Readonly<Record<string, readonly string[]>> = {
  // A trail's events (management and data events): who did what, when.
  'AWS::CloudTrail::Trail': ['CloudWatchLogsLogGroupArn'],
  // A VPC's flow logs: what talked to what.
  'AWS::EC2::FlowLog': ['LogGroupName', 'LogDestination'],
};

/** Whether a value names the log group: `Ref` it, or `Fn::GetAtt` its `Arn`. */
function names(value: Json | undefined, logicalId: string): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const o = value as Record<string, Json>;
  return o.Ref === logicalId || (Array.isArray(o['Fn::GetAtt']) && o['Fn::GetAtt'][0] === logicalId);
}

/** What sends audit records to the log group, as "<type> <logical id>", or undefined. */
function auditSourceOf(group: TemplateResource): string | undefined {
  for (const resource of group.template.resources.values()) {
    const properties = AUDIT_SOURCES[resource.type];
    if (properties?.some((p) => names(resource.properties[p], group.logicalId))) {
      return `${resource.type} ${resource.logicalId}`;
    }
  }
  return undefined;
}

/**
 * A log group that receives audit records keeps them at least `minDays` (`Soc2MlChecks`'s
 * `auditLogRetentionDays`): the evidence of the period must outlive the period and its fieldwork.
 * A log group receives audit records when a CloudTrail trail of its stack delivers to it
 * (`CloudWatchLogsLogGroupArn`) or a VPC flow log does (`LogGroupName` or `LogDestination`), each
 * naming it by `Ref` or `Fn::GetAtt`; any other log group is not applicable (the general
 * `LogGroupRetention` rule still asks a year of it).
 */
export function logGroupAuditRetention(minDays: number): ResourceRule {
  return {
    id: 'LogGroupAuditRetention',
    resourceTypes: ['AWS::Logs::LogGroup'],
    examines: Object.keys(AUDIT_SOURCES),
    passes: `A log group that a CloudTrail trail or a VPC flow log of its stack delivers to keeps events at least the audit log retention (${minDays} days), or forever.`,
    check: (group) => {
      const source = auditSourceOf(group);
      if (source === undefined) {
        return notApplicable();
      }
      const values = literalAlternatives(group.properties.RetentionInDays, group.template);
      if (values === undefined) {
        return failed(`It receives audit records (${source}), and its retention comes from a value that cannot be known at synth.`, 'Properties/RetentionInDays');
      }
      for (const v of values) {
        const days = v === undefined ? undefined : asNumber(v);
        if (v !== undefined && (days === undefined || days < minDays)) {
          return failed(`It receives audit records (${source}) and keeps them ${JSON.stringify(v)} days, less than the audit log retention of ${minDays} days.`, 'Properties/RetentionInDays');
        }
      }
      return passed();
    },
  };
}

/** The rule with the default retention, as the pack lists it. */
export const LogGroupAuditRetention = logGroupAuditRetention(DEFAULT_AUDIT_LOG_RETENTION_DAYS);
