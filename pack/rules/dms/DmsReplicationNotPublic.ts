import { failed, passed, ResourceRule } from '../../rule';
import { isUnset, someBranchNote } from '../../values';
import { flagValues, trueValueProblem } from '../rds/private';
import { REPLICATION_CONFIG, REPLICATION_TYPES } from './private';

const LOCATION = 'Properties/PubliclyAccessible';

/**
 * The replication instance, which holds credentials to the source and target databases and streams
 * every row it copies, has no public IP address: `PubliclyAccessible` literally false. Absent means
 * true: DMS documents `true` as the default (`AWS::DMS::ReplicationInstance` reference, and
 * `CreateReplicationInstance`). Every `Fn::If` branch counts, a parameter by its `AllowedValues`; a
 * value synth cannot read fails closed. DMS Serverless (`AWS::DMS::ReplicationConfig`) has no such
 * setting: its replications have no public IP address (DMS User Guide, DMS Serverless limitations).
 */
export const DmsReplicationNotPublic: ResourceRule = {
  id: 'DmsReplicationNotPublic',
  resourceTypes: REPLICATION_TYPES,
  passes: 'A ReplicationInstance has `PubliclyAccessible: false` in every `Fn::If` branch (a parameter counts by its `AllowedValues`); absent means true, DMS\'s documented default. A ReplicationConfig (DMS Serverless) passes: its replications have no public IP address.',
  check: (replication) => {
    if (replication.type === REPLICATION_CONFIG) {
      return passed();
    }
    const values = flagValues(replication, 'PubliclyAccessible');
    for (const value of values) {
      if (isUnset(value)) {
        return failed(`PubliclyAccessible is absent${someBranchNote(values)}, and DMS makes a replication instance publicly accessible by default (the documented default is true): it gets a public IP address, and only its security group stands between the internet and a server that holds database credentials and every row it copies; write PubliclyAccessible: false.`, LOCATION);
      }
      const problem = trueValueProblem(value, 'PubliclyAccessible',
        `PubliclyAccessible is true${someBranchNote(values)}, so the replication instance gets a public IP address, and only its security group stands between the internet and a server that holds database credentials and every row it copies.`);
      if (problem) {
        return problem;
      }
    }
    return passed();
  },
};
