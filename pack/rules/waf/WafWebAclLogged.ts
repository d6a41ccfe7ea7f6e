import { failed, passed, ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';
import { asArray, branches, isUnset } from '../../values';

/**
 * A web ACL records the requests it inspects: an `AWS::WAFv2::LoggingConfiguration` of the app
 * names it in `ResourceArn` (by reference, in its own template or in another stack through an export
 * or stack output) and sends the log somewhere (`LogDestinationConfigs`). Without it, what the ACL
 * blocked or let through, and which rule decided, is lost: only sampled requests and CloudWatch
 * counts remain. A logging configuration deployed under a condition the ACL does not share may not
 * exist, so it does not count; one that names the ACL by a literal ARN cannot be matched at synth.
 */
export const WafWebAclLogged: ResourceRule = {
  id: 'WafWebAclLogged',
  resourceTypes: ['AWS::WAFv2::WebACL'],
  examines: ['AWS::WAFv2::LoggingConfiguration'],
  passes: 'An `AWS::WAFv2::LoggingConfiguration` of the app whose `ResourceArn` references the web ACL (`webAcl.attrArn`) and whose `LogDestinationConfigs` names a destination (a CloudWatch Logs group, an S3 bucket or a Firehose stream), under the ACL\'s own condition if it has one.',
  check: (acl) => {
    const configs = loggingConfigurationsOf(acl)
      .filter((c) => c.template !== acl.template || c.condition === undefined || c.condition === acl.condition);
    if (configs.length === 0) {
      return failed('No AWS::WAFv2::LoggingConfiguration of the app names this web ACL (by reference in ResourceArn), so the requests it inspects are not logged.', 'Properties');
    }
    const withDestination = configs.filter((c) => branches(c.properties.LogDestinationConfigs).every((d) => !isUnset(d) && asArray(d).length > 0));
    if (withDestination.length === 0) {
      return failed('Its logging configuration names no log destination (LogDestinationConfigs is empty in at least one branch).', 'Properties');
    }
    return passed();
  },
};

/** The logging configurations that name a web ACL, in its own template or in any stack of the app. */
function loggingConfigurationsOf(acl: TemplateResource): readonly TemplateResource[] {
  const type = 'AWS::WAFv2::LoggingConfiguration';
  return acl.template.app?.referencing(type, 'ResourceArn', acl) ?? acl.template.referencing(type, 'ResourceArn', acl.logicalId);
}
