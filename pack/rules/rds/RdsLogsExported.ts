import { ResourceRule } from '../../rule';
import { requireLogExports } from './private';
import { EngineFamily, judgeEachEngine, RDS_TYPES } from './topology';

/**
 * The log types that record who connected and what failed, per engine family. MySQL's `audit` log
 * has content only with the audit plugin on (the `MARIADB_AUDIT_PLUGIN` option, Aurora MySQL's
 * `server_audit_logging` parameter), which this rule does not read.
 */
export const REQUIRED_LOG_EXPORTS: Readonly<Record<EngineFamily, readonly string[]>> = {
  [EngineFamily.MYSQL]: ['audit', 'error'],
  [EngineFamily.POSTGRES]: ['postgresql'],
  [EngineFamily.SQLSERVER]: ['error'],
  [EngineFamily.ORACLE]: ['alert', 'audit'],
  [EngineFamily.DB2]: ['diag.log'],
};

/**
 * The engine's security-relevant logs are published to CloudWatch Logs, where they are kept,
 * searched and alarmed on outside the database. An Aurora instance's logs are exported by its
 * cluster, which is judged.
 */
export const RdsLogsExported: ResourceRule = {
  id: 'RdsLogsExported',
  resourceTypes: RDS_TYPES,
  passes: '`EnableCloudwatchLogsExports` includes, in every branch: `audit` and `error` (MySQL, MariaDB, Aurora MySQL), `postgresql` (PostgreSQL, Aurora PostgreSQL), `error` (SQL Server), `alert` and `audit` (Oracle), `diag.log` (Db2). Instances of a cluster are not applicable: their cluster is judged.',
  check: (db) => judgeEachEngine(db, (family) => requireLogExports(db, 'EnableCloudwatchLogsExports', REQUIRED_LOG_EXPORTS[family])),
};
