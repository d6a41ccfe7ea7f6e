import { failed, passed, ResourceRule } from '../../rule';
import { literalValuesAt } from '../../readers';
import { asBoolean, someBranchNote } from '../../values';
import { quote, unknowableDetail } from '../opensearch/private';
import { CLUSTER } from './private';

const LOCATION = 'Properties/SSESpecification/SSEEnabled';

/**
 * What the cluster writes to disk (the items and query results it caches, copied from the primary
 * node to its read replicas) is encrypted: `SSESpecification.SSEEnabled: true`. Absent means off.
 * DAX encrypts under its AWS managed service key, and takes no customer-managed key. Encryption at
 * rest is chosen when the cluster is created: changing it replaces the cluster. Every `Fn::If`
 * branch counts, a parameter by its `AllowedValues`; a value synth cannot read fails closed.
 */
export const DaxEncryptedAtRest: ResourceRule = {
  id: 'DaxEncryptedAtRest',
  resourceTypes: [CLUSTER],
  passes: '`SSESpecification.SSEEnabled` is true in every `Fn::If` branch (a parameter counts by its `AllowedValues`); absent means unencrypted.',
  check: (cluster) => {
    const values = literalValuesAt(cluster.properties, ['SSESpecification', 'SSEEnabled'], cluster.template);
    if (values === undefined) {
      return failed(unknowableDetail(LOCATION, 'be false'), LOCATION);
    }
    const off = values.findIndex((v) => asBoolean(v) !== true);
    if (off < 0) {
      return passed();
    }
    const value = values[off];
    const what = value === undefined ? 'absent (encryption at rest is off by default)' : quote(value);
    return failed(`Its cached items are not encrypted at rest: SSESpecification.SSEEnabled is ${what}${someBranchNote(values)}, so what DAX writes to disk, including the copies on its read replicas, is stored unencrypted.`, LOCATION);
  },
};
