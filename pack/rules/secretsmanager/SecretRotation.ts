import { failed, passed, ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';
import { isObject } from '../../json';
import { prop } from '../../readers';
import { branches, isIntrinsic, isUnset } from '../../values';

const ROTATION_SCHEDULE = 'AWS::SecretsManager::RotationSchedule';
const TARGET_ATTACHMENT = 'AWS::SecretsManager::SecretTargetAttachment';

/**
 * The secret rotates on a schedule: an `AWS::SecretsManager::RotationSchedule` in its template
 * whose `SecretId` refers to it, directly or through the `SecretTargetAttachment` that binds it to
 * a database (what `addRotationSingleUser` writes for a secret CDK creates for RDS), with
 * `RotationRules` that set an interval or a schedule expression. A schedule that exists only under
 * another condition than the secret's, or rules synth cannot read, prove nothing.
 */
export const SecretRotation: ResourceRule = {
  id: 'SecretRotation',
  resourceTypes: ['AWS::SecretsManager::Secret'],
  passes: 'A `RotationSchedule` in the same template refers to the secret (by `Ref`, or to its `SecretTargetAttachment`), exists whenever the secret does, and has `RotationRules` with `AutomaticallyAfterDays` or `ScheduleExpression` in every `Fn::If` branch.',
  check: (secret) => {
    const template = secret.template;
    const attachments = template.referencing(TARGET_ATTACHMENT, 'SecretId', secret.logicalId);
    const schedules = [
      ...template.referencing(ROTATION_SCHEDULE, 'SecretId', secret.logicalId),
      ...attachments.flatMap((a) => template.referencing(ROTATION_SCHEDULE, 'SecretId', a.logicalId)),
    ];
    if (schedules.length === 0) {
      return failed('No AWS::SecretsManager::RotationSchedule in its stack refers to it (or to its SecretTargetAttachment), so it is never rotated.');
    }
    if (schedules.some((s) => existsWith(s, secret) && hasRotationRules(s))) {
      return passed();
    }
    const conditional = schedules.find((s) => !existsWith(s, secret));
    return failed(conditional
      ? `Its rotation schedule ${conditional.logicalId} exists only when condition ${conditional.condition} holds, so rotation cannot be proven.`
      : `Its rotation schedule ${schedules[0].logicalId} has no RotationRules with AutomaticallyAfterDays or ScheduleExpression synth can read, so it sets no rotation interval.`);
  },
};

/** Whether the schedule exists whenever the secret does (no condition, or the secret's own). */
function existsWith(schedule: TemplateResource, secret: TemplateResource): boolean {
  return schedule.condition === undefined || schedule.condition === secret.condition;
}

/** Whether every branch of the schedule's `RotationRules` sets an interval or a schedule expression. */
function hasRotationRules(schedule: TemplateResource): boolean {
  return branches(schedule.properties.RotationRules).every((rules) => isObject(rules) && !isIntrinsic(rules)
    && (!isUnset(prop(rules, 'AutomaticallyAfterDays')) || !isUnset(prop(rules, 'ScheduleExpression'))));
}
