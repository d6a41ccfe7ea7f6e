import { failed, passed, ResourceRule } from '../../rule';
import { flatten, someBranchNote } from '../../values';
import { CLUSTER_TYPES, SERVERLESS_CLUSTER, settingValues } from './private';
import { unknowableDetail } from '../opensearch/private';

const LOCATION = 'Properties/BrokerNodeGroupInfo/ConnectivityInfo/PublicAccess/Type';

/**
 * The brokers are reachable only from inside the VPC (and the VPCs connected to it), not from the
 * internet. `PublicAccess.Type: SERVICE_PROVIDED_EIPS` gives each broker a public IP address, which
 * leaves only security groups and client authentication between it and the internet; absent means
 * `DISABLED`. Every `Fn::If` branch counts, a parameter by its `AllowedValues`; a value synth cannot
 * read fails closed. MSK Serverless has no public access: its endpoints are in the VPCs it names.
 */
export const MskNotPublic: ResourceRule = {
  id: 'MskNotPublic',
  resourceTypes: CLUSTER_TYPES,
  passes: 'A Cluster\'s `BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type` is absent (`DISABLED`, the default) or `DISABLED` in every `Fn::If` branch (a parameter counts by its `AllowedValues`); a ServerlessCluster passes (it cannot be public).',
  check: (cluster) => {
    if (cluster.type === SERVERLESS_CLUSTER) {
      return passed();
    }
    const types = settingValues(cluster, ['BrokerNodeGroupInfo', 'ConnectivityInfo', 'PublicAccess', 'Type']);
    if (types === undefined) {
      return failed(unknowableDetail(LOCATION, 'be SERVICE_PROVIDED_EIPS'), LOCATION);
    }
    const open = types.find((t) => t !== undefined && flatten(t).toUpperCase() !== 'DISABLED');
    if (open !== undefined) {
      return failed(`Its brokers are reachable from the internet: ConnectivityInfo.PublicAccess.Type is ${flatten(open)}${someBranchNote(types)}, which gives each broker a public IP address, so only security groups and client authentication stand between it and the internet.`, LOCATION);
    }
    return passed();
  },
};
