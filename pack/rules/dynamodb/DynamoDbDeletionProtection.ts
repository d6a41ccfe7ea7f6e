import { ResourceRule } from '../../rule';
import { quote } from '../opensearch/private';
import { requireOnEveryReplica, TABLE_TYPES } from './private';

/**
 * The table cannot be deleted until deletion protection is turned off: a stack deletion, a
 * replacement or a stray `DeleteTable` fails instead of destroying the data. Off by default, on a
 * table and on each replica of a global table. A non-production table acknowledges the rule with
 * its reason instead.
 */
export const DynamoDbDeletionProtection: ResourceRule = {
  id: 'DynamoDbDeletionProtection',
  resourceTypes: TABLE_TYPES,
  passes: '`DeletionProtectionEnabled: true` on the table, or on every replica of a global table, in every `Fn::If` branch; absent means off.',
  check: (table) => requireOnEveryReplica(table, ['DeletionProtectionEnabled'],
    (holder, v) => `${holder} has deletion protection off (DeletionProtectionEnabled is ${quote(v)}; absent means off), so one API call or stack operation deletes it.`),
};
