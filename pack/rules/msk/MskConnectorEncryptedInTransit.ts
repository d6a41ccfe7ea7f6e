import { failed, passed, ResourceRule } from '../../rule';
import { flatten, someBranchNote } from '../../values';
import { CONNECTOR, settingValues } from './private';
import { unknowableDetail } from '../opensearch/private';

const LOCATION = 'Properties/KafkaClusterEncryptionInTransit/EncryptionType';

/**
 * An MSK Connect connector reaches its Apache Kafka cluster over TLS: the records it moves between
 * the cluster and S3, databases or other systems do not cross the network in clear text.
 * `KafkaClusterEncryptionInTransit.EncryptionType` is required and is `TLS` or `PLAINTEXT`; it is
 * set at creation. Every `Fn::If` branch counts, a parameter by its `AllowedValues`; a value synth
 * cannot read fails closed.
 */
export const MskConnectorEncryptedInTransit: ResourceRule = {
  id: 'MskConnectorEncryptedInTransit',
  resourceTypes: [CONNECTOR],
  passes: '`KafkaClusterEncryptionInTransit.EncryptionType` is `TLS` in every `Fn::If` branch (a parameter counts by its `AllowedValues`).',
  check: (connector) => {
    const types = settingValues(connector, ['KafkaClusterEncryptionInTransit', 'EncryptionType']);
    if (types === undefined) {
      return failed(unknowableDetail(LOCATION, 'be PLAINTEXT'), LOCATION);
    }
    const clear = types.findIndex((t) => t === undefined || flatten(t).toUpperCase() !== 'TLS');
    if (clear >= 0) {
      const type = types[clear];
      return failed(`It reaches its Kafka cluster in clear text: KafkaClusterEncryptionInTransit.EncryptionType is ${type === undefined ? 'absent' : flatten(type)}${someBranchNote(types)}, so the records it moves cross the network unencrypted.`, LOCATION);
    }
    return passed();
  },
};
