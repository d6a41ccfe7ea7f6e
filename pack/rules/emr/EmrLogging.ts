import { failed, passed, ResourceRule } from '../../rule';
import { StackTemplate } from '../../template';
import { isObject, Json } from '../../json';
import { literalAlternatives } from '../../readers';
import { branches, flatten, isUnset, someBranchNote } from '../../values';

const LOCATION = 'Properties/LogUri';
/** `s3://` (and the older `s3n://` spelling EMR still accepts). */
const S3_LOCATION = /^s3n?:\/\/[^/\s]/i;

/**
 * A cluster archives its logs to S3: `LogUri` names an S3 location. EMR writes step, bootstrap
 * action, instance-state, daemon and application (YARN container, Spark) logs to the primary
 * node's `/mnt/var/log` and, with a `LogUri`, copies them to S3 every few minutes. Without one the
 * logs stay on the nodes and go with them when the cluster terminates: the console archives to S3
 * by default, but a cluster created through the API, and so through CloudFormation, archives only
 * when `LogUri` is set. (What EMR keeps for its own support, or persistent application UIs, is not
 * a record the user holds and retains.) `MonitoringConfiguration.CloudWatchLogConfiguration`
 * publishes only step and Spark driver and executor output, so it does not stand in for it. Every
 * `Fn::If` branch counts, a parameter by its `AllowedValues`; a value synth cannot read fails
 * closed. cdk-nag's `EMRS3AccessLogging` checks the same property; it is not mapped to SOC 2.
 */
export const EmrLogging: ResourceRule = {
  id: 'EmrLogging',
  resourceTypes: ['AWS::EMR::Cluster'],
  passes: '`LogUri` an S3 location (`s3://bucket/prefix/`, literal or joined around a bucket reference such as `bucket.s3UrlForObject(\'emr-logs/\')`) in every `Fn::If` branch (a parameter counts by its `AllowedValues`).',
  check: (cluster) => {
    for (const value of branches(cluster.properties.LogUri)) {
      const locations = locationsOf(value, cluster.template);
      if (locations === undefined) {
        return failed('Its LogUri comes from a value synth cannot read (a parameter without AllowedValues, an import), so that its logs are archived to S3 cannot be shown.', LOCATION);
      }
      if (locations.some((l) => isUnset(l))) {
        return failed(`It sets no LogUri${someBranchNote(branches(cluster.properties.LogUri))}, so EMR keeps its step, application and node logs only on the nodes, and they are lost when the cluster terminates (CloudFormation, unlike the console, archives nothing by default).`, LOCATION);
      }
      for (const location of locations) {
        const text = flatten(location);
        if (!S3_LOCATION.test(text)) {
          return text.includes('${')
            ? failed(`Its LogUri (${text}) comes from a value synth cannot read, so that its logs are archived to S3 cannot be shown.`, LOCATION)
            : failed(`Its LogUri ${text} is not an S3 location (s3://bucket/prefix/), so EMR archives no logs there.`, LOCATION);
        }
      }
    }
    return passed();
  },
};

/**
 * The values a LogUri branch can take: itself, or for a `Ref` to a parameter its `AllowedValues`
 * (undefined when it has none). Other intrinsics are kept, for their spelling to be judged.
 */
function locationsOf(value: Json | undefined, template: StackTemplate): (Json | undefined)[] | undefined {
  if (isObject(value) && typeof value.Ref === 'string' && template.parameters[value.Ref] !== undefined) {
    return literalAlternatives(value, template);
  }
  return [value];
}
