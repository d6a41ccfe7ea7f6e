import { failed, Outcome, passed, ResourceRule, Verdict } from '../../rule';
import { TemplateResource } from '../../template';
import { isObject } from '../../json';
import { prop } from '../../readers';
import { branches, flatten, isIntrinsic, isUnset } from '../../values';
import { GroupSetting, parameterValues, requireGroupSetting, settingOutcome } from './private';
import { DB_CLUSTER, EngineFamily, judgeEachEngine, RDS_TYPES } from './topology';

const CONSEQUENCE = 'the database accepts connections without TLS';

/** The parameter that refuses unencrypted connections, per engine family. */
const TLS_PARAMETERS: Readonly<Record<Exclude<EngineFamily, EngineFamily.ORACLE>, Pick<GroupSetting, 'parameter' | 'accepted' | 'expected'>>> = {
  [EngineFamily.MYSQL]: { parameter: 'require_secure_transport', accepted: ['1', 'on', 'true'], expected: '1 (ON)' },
  [EngineFamily.POSTGRES]: { parameter: 'rds.force_ssl', accepted: ['1'], expected: '1' },
  [EngineFamily.SQLSERVER]: { parameter: 'rds.force_ssl', accepted: ['1'], expected: '1' },
  // `TCPIP,SSL` keeps the clear-text port open beside the TLS one.
  [EngineFamily.DB2]: { parameter: 'DB2COMM', accepted: ['ssl'], expected: 'SSL' },
};

/**
 * The database refuses connections that are not encrypted in transit, through the parameter group
 * it references (the cluster parameter group for a cluster): `require_secure_transport` for MySQL,
 * MariaDB and Aurora MySQL, `rds.force_ssl` for PostgreSQL, Aurora PostgreSQL and SQL Server,
 * `DB2COMM` `SSL` alone for Db2. Oracle has no such parameter: the `NATIVE_NETWORK_ENCRYPTION`
 * option with `SQLNET.ENCRYPTION_SERVER` `REQUIRED` refuses unencrypted sessions (the `SSL` option
 * only opens a TLS port beside the clear one, so it does not count). The engine's default group is
 * not shown to enforce it. An Aurora instance is governed by its cluster, which is judged.
 */
export const RdsTlsEnforced: ResourceRule = {
  id: 'RdsTlsEnforced',
  resourceTypes: RDS_TYPES,
  passes: 'The `AWS::RDS::DBParameterGroup` (instance) or `AWS::RDS::DBClusterParameterGroup` (cluster) it references, declared in the template, sets `require_secure_transport` to `1`/`ON` (MySQL, MariaDB, Aurora MySQL), `rds.force_ssl` to `1` (PostgreSQL, Aurora PostgreSQL, SQL Server) or `DB2COMM` to `SSL` (Db2); for Oracle, its `AWS::RDS::OptionGroup` has `NATIVE_NETWORK_ENCRYPTION` with `SQLNET.ENCRYPTION_SERVER` `REQUIRED`. No group (the default) fails. Instances of a cluster are not applicable: their cluster is judged.',
  check: (db) => judgeEachEngine(db, (family) => (family === EngineFamily.ORACLE ? requireNativeEncryption(db) : requireGroupSetting(db, tlsSetting(db, family)))),
};

function tlsSetting(db: TemplateResource, family: Exclude<EngineFamily, EngineFamily.ORACLE>): GroupSetting {
  const cluster = db.type === DB_CLUSTER;
  return {
    property: cluster ? 'DBClusterParameterGroupName' : 'DBParameterGroupName',
    groupType: cluster ? 'AWS::RDS::DBClusterParameterGroup' : 'AWS::RDS::DBParameterGroup',
    consequence: CONSEQUENCE,
    ...TLS_PARAMETERS[family],
  };
}

const NNE: GroupSetting = {
  property: 'OptionGroupName',
  groupType: 'AWS::RDS::OptionGroup',
  parameter: 'SQLNET.ENCRYPTION_SERVER',
  accepted: ['required'],
  expected: 'REQUIRED',
  consequence: CONSEQUENCE,
};

/** Oracle: the option group it references requires native network encryption of every session. */
function requireNativeEncryption(db: TemplateResource): Outcome {
  const location = 'Properties/OptionGroupName';
  for (const name of branches(db.properties.OptionGroupName)) {
    if (isUnset(name)) {
      return failed(`It names no OptionGroupName, so no NATIVE_NETWORK_ENCRYPTION option requires encryption and ${CONSEQUENCE}.`, location);
    }
    const group = db.template.target(name);
    if (group?.type !== NNE.groupType) {
      return failed(`Its OptionGroupName (${flatten(name)}) is not an AWS::RDS::OptionGroup of this template, so whether it requires native network encryption cannot be known at synth; declare the group in the stack.`, location);
    }
    for (const options of branches(group.properties.OptionConfigurations)) {
      const entries = (Array.isArray(options) ? options : []).flatMap((o) => branches(o));
      if ((!Array.isArray(options) && !isUnset(options)) || entries.some((e) => !isObject(e) || isIntrinsic(e))) {
        return failed(`Its option group ${group.logicalId} has options that cannot be read at synth, so native network encryption cannot be proven.`, location);
      }
      const nne = entries.find((e) => isObject(e) && flatten(prop(e, 'OptionName')).toUpperCase() === 'NATIVE_NETWORK_ENCRYPTION');
      if (!isObject(nne)) {
        return failed(`Its option group ${group.logicalId} has no NATIVE_NETWORK_ENCRYPTION option, so ${CONSEQUENCE}.`, location);
      }
      const outcome = settingOutcome(parameterValues(prop(nne, 'OptionSettings'), NNE.parameter, group), NNE, `Its option group ${group.logicalId}`, location);
      if (outcome.verdict !== Verdict.PASSED) {
        return outcome;
      }
    }
  }
  return passed();
}
