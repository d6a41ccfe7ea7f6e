import { failed, passed, ResourceRule } from '../../rule';
import { asBoolean, flatten, someBranchNote } from '../../values';
import { quote, unknowableDetail } from '../opensearch/private';
import { CLUSTER_TYPES, SERVERLESS_CLUSTER, settingValues } from './private';

const TRANSIT = ['EncryptionInfo', 'EncryptionInTransit'];
const CLIENT_BROKER = 'Properties/EncryptionInfo/EncryptionInTransit/ClientBroker';
const IN_CLUSTER = 'Properties/EncryptionInfo/EncryptionInTransit/InCluster';

/**
 * Records travel encrypted: clients reach the brokers over TLS only (`ClientBroker: TLS`, the
 * default), and brokers replicate to each other over TLS (`InCluster: true`, the default).
 * `TLS_PLAINTEXT` also opens the clear-text listener and `PLAINTEXT` opens only that one. Every
 * `Fn::If` branch counts, a parameter by its `AllowedValues`; a value synth cannot read fails closed.
 * MSK Serverless accepts TLS connections only and has no such setting.
 */
export const MskEncryptedInTransit: ResourceRule = {
  id: 'MskEncryptedInTransit',
  resourceTypes: CLUSTER_TYPES,
  passes: 'A Cluster\'s `EncryptionInfo.EncryptionInTransit.ClientBroker` is `TLS` or absent (the default is `TLS`) and its `InCluster` is true or absent (the default is true), in every `Fn::If` branch (a parameter counts by its `AllowedValues`); a ServerlessCluster passes (MSK Serverless accepts TLS only).',
  check: (cluster) => {
    if (cluster.type === SERVERLESS_CLUSTER) {
      return passed();
    }
    const clientBroker = settingValues(cluster, [...TRANSIT, 'ClientBroker']);
    if (clientBroker === undefined) {
      return failed(unknowableDetail(CLIENT_BROKER, 'accept clients in clear text'), CLIENT_BROKER);
    }
    const clear = clientBroker.find((v) => v !== undefined && flatten(v).toUpperCase() !== 'TLS');
    if (clear !== undefined) {
      return failed(`It accepts clients in clear text: EncryptionInTransit.ClientBroker is ${flatten(clear)}${someBranchNote(clientBroker)}, which opens the plaintext listener (port 9092) beside or instead of TLS.`, CLIENT_BROKER);
    }
    const inCluster = settingValues(cluster, [...TRANSIT, 'InCluster']);
    if (inCluster === undefined) {
      return failed(unknowableDetail(IN_CLUSTER, 'be false'), IN_CLUSTER);
    }
    const off = inCluster.find((v) => v !== undefined && asBoolean(v) !== true);
    if (off !== undefined) {
      return failed(`Its brokers replicate records to each other in clear text: EncryptionInTransit.InCluster is ${quote(off)}${someBranchNote(inCluster)}.`, IN_CLUSTER);
    }
    return passed();
  },
};
