import { ResourceRule } from '../../rule';
import { quote } from '../opensearch/private';
import { requireOnEveryReplica, TABLE_TYPES } from './private';

/**
 * The table can be restored to any second of its recovery period (35 days unless
 * `RecoveryPeriodInDays` says fewer). Off by default, on a table and on each replica of a global
 * table; the L2 Table and TableV2 leave it off unless `pointInTimeRecoverySpecification` says so.
 */
export const DynamoDbPointInTimeRecovery: ResourceRule = {
  id: 'DynamoDbPointInTimeRecovery',
  resourceTypes: TABLE_TYPES,
  passes: '`PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true` on the table, or on every replica of a global table, in every `Fn::If` branch; absent means off.',
  check: (table) => requireOnEveryReplica(table, ['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'],
    (holder, v) => `${holder} has point-in-time recovery off (PointInTimeRecoveryEnabled is ${quote(v)}; absent means off), so it cannot be restored to a moment before a bad write or delete.`),
};
