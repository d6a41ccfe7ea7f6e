import { failed, passed, ResourceRule } from '../../rule';
import { Json } from '../../json';
import { StackTemplate } from '../../template';
import { valuesAt } from '../../readers';
import { asNumber, flatten, isUnset } from '../../values';
import { itemsOf, literalValues } from '../bedrock/private';

/**
 * The shortest retention accepted, in days: five weeks, so that data corrupted or encrypted by an
 * intruder can still be recovered from before it happened once the incident is found (the
 * community check of the same name uses 35 days; so does the platform's PlatformBackup).
 */
export const MIN_BACKUP_RETENTION_DAYS = 35;

const LOCATION = 'Properties/BackupPlan/BackupPlanRule';

/**
 * Recovery points are kept long enough to recover from: every rule of a backup plan, and every copy
 * it makes to another vault, deletes its recovery points no sooner than 35 days after they are
 * made (`Lifecycle.DeleteAfterDays`; absent keeps them until someone deletes them).
 */
export const BackupPlanRetention: ResourceRule = {
  id: 'BackupPlanRetention',
  resourceTypes: ['AWS::Backup::BackupPlan'],
  passes: `Every \`BackupPlanRule\`, and every one of its \`CopyActions\`, has no \`Lifecycle.DeleteAfterDays\` or one of at least ${MIN_BACKUP_RETENTION_DAYS} days in every branch; a rule list or a value synth cannot read fails.`,
  check: (plan) => {
    for (const rule of itemsOf(valuesAt(plan.properties, ['BackupPlan', 'BackupPlanRule']))) {
      if (rule === null) {
        return failed('Its backup rules cannot be read at synth, so how long recovery points are kept cannot be shown.', LOCATION);
      }
      const name = typeof rule.RuleName === 'string' ? `Its rule ${rule.RuleName}` : 'A rule of it';
      const own = retentionProblem(valuesAt(rule, ['Lifecycle', 'DeleteAfterDays']), plan.template);
      if (own) {
        return failed(`${name} ${own}.`, `${LOCATION}/Lifecycle/DeleteAfterDays`);
      }
      for (const copy of itemsOf(valuesAt(rule, ['CopyActions']))) {
        const to = copy !== null && copy.DestinationBackupVaultArn !== undefined ? ` to ${flatten(copy.DestinationBackupVaultArn)}` : '';
        const problem = copy === null ? 'copies recovery points with settings synth cannot read' : retentionProblem(valuesAt(copy, ['Lifecycle', 'DeleteAfterDays']), plan.template, `the copies it makes${to}`);
        if (problem) {
          return failed(`${name} ${problem}.`, `${LOCATION}/CopyActions/Lifecycle/DeleteAfterDays`);
        }
      }
    }
    return passed();
  },
};

/** Why a `DeleteAfterDays` keeps recovery points too short a time, or undefined. */
function retentionProblem(values: readonly (Json | undefined)[], template: StackTemplate, what = 'recovery points'): string | undefined {
  const days = literalValues(values, template);
  if (days === undefined) {
    return `deletes ${what} after a number of days that cannot be known at synth`;
  }
  const short = days.map((d) => (isUnset(d) ? undefined : asNumber(d))).find((d) => d !== undefined && d < MIN_BACKUP_RETENTION_DAYS);
  return short === undefined ? undefined : `deletes ${what} after ${short} day${short === 1 ? '' : 's'}, less than ${MIN_BACKUP_RETENTION_DAYS}`;
}
