import { ResourceRule } from '../../rule';
import { GroupSetting, parameterValues, requireGroupSetting, settingOutcome } from '../rds/private';
import { REDSHIFT_CLUSTER, SERVERLESS_WORKGROUP } from './private';

const REQUIRE_SSL: GroupSetting = {
  property: 'ClusterParameterGroupName',
  groupType: 'AWS::Redshift::ClusterParameterGroup',
  parameter: 'require_ssl',
  accepted: ['true'],
  expected: 'true',
  consequence: 'the warehouse accepts connections without TLS',
};

/**
 * The warehouse refuses connections that are not encrypted in transit: `require_ssl` true in the
 * cluster's parameter group, or in a serverless workgroup's `ConfigParameters`. The default group
 * of a cluster, and a workgroup that does not set it, do not show it in the template.
 */
export const RedshiftTlsRequired: ResourceRule = {
  id: 'RedshiftTlsRequired',
  resourceTypes: [REDSHIFT_CLUSTER, SERVERLESS_WORKGROUP],
  passes: 'A cluster references an `AWS::Redshift::ClusterParameterGroup` declared in the template whose `Parameters` set `require_ssl` to `true` (no group, the default, fails); a workgroup\'s `ConfigParameters` set `require_ssl` to `true`.',
  check: (warehouse) => {
    if (warehouse.type === REDSHIFT_CLUSTER) {
      return requireGroupSetting(warehouse, REQUIRE_SSL);
    }
    return settingOutcome(parameterValues(warehouse.properties.ConfigParameters, 'require_ssl', warehouse), REQUIRE_SSL, 'Its ConfigParameters', 'Properties/ConfigParameters');
  },
};
