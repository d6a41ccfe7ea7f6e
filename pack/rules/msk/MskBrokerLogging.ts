import { failed, passed, ResourceRule } from '../../rule';
import { StackTemplate } from '../../template';
import { JsonObject } from '../../json';
import { literalValuesAt, readableObject, valuesAt } from '../../readers';
import { isUnset, someBranchNote } from '../../values';
import { alwaysOn, CLUSTER } from './private';
import { unknowableDetail } from '../opensearch/private';

const LOCATION = 'Properties/LoggingInfo/BrokerLogs';

/** The destinations broker logs can go to, each with the property that names its target. */
const DESTINATIONS: readonly (readonly [string, string])[] = [['CloudWatchLogs', 'LogGroup'], ['Firehose', 'DeliveryStream'], ['S3', 'Bucket']];

/**
 * The brokers' logs (connections, authentication failures, errors) are delivered where they are
 * kept and searched outside the cluster: CloudWatch Logs, a Firehose stream or an S3 bucket. MSK
 * delivers none unless `LoggingInfo.BrokerLogs` turns a destination on. Every `Fn::If` branch
 * counts, a parameter by its `AllowedValues`; a destination synth cannot read fails closed when no
 * other is on. An `AWS::MSK::ServerlessCluster` takes no logging settings, so only provisioned
 * clusters are read.
 */
export const MskBrokerLogging: ResourceRule = {
  id: 'MskBrokerLogging',
  resourceTypes: [CLUSTER],
  passes: '`LoggingInfo.BrokerLogs` has at least one of `CloudWatchLogs`, `Firehose` or `S3` with `Enabled: true` and its `LogGroup`, `DeliveryStream` or `Bucket`, in every `Fn::If` branch (a parameter counts by its `AllowedValues`); absent means no broker logs.',
  check: (cluster) => {
    const settings = valuesAt(cluster.properties.LoggingInfo, ['BrokerLogs']);
    for (const setting of settings) {
      if (setting === undefined) {
        return failed(`It delivers no broker logs${someBranchNote(settings)}: it has no LoggingInfo.BrokerLogs (MSK keeps none by default).`, LOCATION);
      }
      const brokerLogs = readableObject(setting);
      if (brokerLogs === undefined) {
        return failed(unknowableDetail(LOCATION, 'deliver no logs'), LOCATION);
      }
      if (DESTINATIONS.some(([destination, target]) => delivers(brokerLogs, destination, target, cluster.template))) {
        continue;
      }
      if (DESTINATIONS.some(([destination]) => literalValuesAt(brokerLogs, [destination, 'Enabled'], cluster.template) === undefined)) {
        return failed(unknowableDetail(LOCATION, 'deliver no logs'), LOCATION);
      }
      return failed(`It delivers no broker logs${someBranchNote(settings)}: LoggingInfo.BrokerLogs turns on none of CloudWatchLogs, Firehose or S3 (Enabled: true with its LogGroup, DeliveryStream or Bucket).`, LOCATION);
    }
    return passed();
  },
};

/** A destination is on in every value its `Enabled` can take, and names its target. */
function delivers(brokerLogs: JsonObject, destination: string, target: string, template: StackTemplate): boolean {
  return alwaysOn(literalValuesAt(brokerLogs, [destination, 'Enabled'], template))
    && valuesAt(brokerLogs, [destination, target]).every((t) => t !== null && !isUnset(t));
}
