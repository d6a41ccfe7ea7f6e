import { failed, passed, ResourceRule } from '../../rule';
import { literalAlternatives } from '../../readers';
import { flatten, someBranchNote } from '../../values';
import { quote, unknowableDetail } from '../opensearch/private';
import { CLUSTER } from './private';

const LOCATION = 'Properties/ClusterEndpointEncryptionType';

/**
 * Applications reach the cluster's endpoint over TLS (`ClusterEndpointEncryptionType: TLS`, port
 * 9111), so the items they read and write cross the network encrypted and the endpoint proves who
 * it is with its certificate. Absent means `NONE`, the documented default: a clear-text endpoint.
 * The endpoint's encryption is chosen when the cluster is created: changing it replaces the
 * cluster. Every `Fn::If` branch counts, a parameter by its `AllowedValues`; a value synth cannot
 * read fails closed.
 */
export const DaxEncryptedInTransit: ResourceRule = {
  id: 'DaxEncryptedInTransit',
  resourceTypes: [CLUSTER],
  passes: '`ClusterEndpointEncryptionType` is `TLS` in every `Fn::If` branch (a parameter counts by its `AllowedValues`); absent means `NONE`, the default.',
  check: (cluster) => {
    const types = literalAlternatives(cluster.properties.ClusterEndpointEncryptionType, cluster.template);
    if (types === undefined) {
      return failed(unknowableDetail(LOCATION, 'be NONE'), LOCATION);
    }
    const clear = types.findIndex((t) => t === undefined || flatten(t).toUpperCase() !== 'TLS');
    if (clear < 0) {
      return passed();
    }
    const type = types[clear];
    const what = type === undefined ? 'absent (NONE, the default)' : quote(type);
    return failed(`Its endpoint accepts clients in clear text: ClusterEndpointEncryptionType is ${what}${someBranchNote(types)}, so the items applications read and write cross the network unencrypted.`, LOCATION);
  },
};
