import { failed, passed, ResourceRule } from '../../rule';
import { literalAlternatives, valuesAt } from '../../readers';
import { TemplateResource } from '../../template';
import { isObject, Json } from '../../json';
import { asBoolean, flatten, isIntrinsic, isNoValue, someBranchNote } from '../../values';

/** Resources of a stack that act on an alarm's state without its own actions, and where they name it. */
const ALARM_USERS: readonly { readonly type: string; readonly property: string }[] = [
  { type: 'AWS::CloudWatch::CompositeAlarm', property: 'AlarmRule' },
  { type: 'AWS::CodeDeploy::DeploymentGroup', property: 'AlarmConfiguration' },
];

/**
 * A CloudWatch alarm (or composite alarm) acts when it goes into ALARM: its actions are enabled
 * (`ActionsEnabled` absent or true) and it has an alarm action, or another resource of its stack
 * acts on its state (a composite alarm whose rule names it, a CodeDeploy deployment group that
 * rolls back on it). An alarm whose actions are off, or that notifies no one, changes state
 * unseen: the monitoring it stands for does not operate. A warning, not an error: an alarm kept
 * for a dashboard notifies no one on purpose. Every `Fn::If` branch counts, a parameter by its
 * `AllowedValues`.
 */
export const CloudWatchAlarmActive: ResourceRule = {
  id: 'CloudWatchAlarmActive',
  resourceTypes: ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm'],
  passes: '`ActionsEnabled` absent or true, and at least one entry in `AlarmActions`, in every `Fn::If` branch (a parameter counts by its `AllowedValues`); an alarm without actions passes when a composite alarm (`AlarmRule`) or a CodeDeploy deployment group (`AlarmConfiguration`) of its stack names it.',
  check: (alarm) => {
    const enabled = literalAlternatives(alarm.properties.ActionsEnabled, alarm.template);
    if (enabled === undefined || enabled.some((v) => v !== undefined && asBoolean(v) === undefined)) {
      return failed('Its ActionsEnabled comes from a value synth cannot read, which may be false at deploy time.', 'Properties/ActionsEnabled');
    }
    if (enabled.some((v) => asBoolean(v) === false)) {
      return failed(`Its ActionsEnabled is false${someBranchNote(enabled)}, so it changes state without notifying anyone or acting.`, 'Properties/ActionsEnabled');
    }
    const actions = valuesAt(alarm.properties.AlarmActions, []);
    if (actions.some((a) => a === null || (a !== undefined && !Array.isArray(a)))) {
      return failed('Its AlarmActions come from a value synth cannot read, so that it notifies anyone cannot be shown.', 'Properties/AlarmActions');
    }
    if (actions.some((a) => a === undefined || (Array.isArray(a) && a.every(isNoValue)))) {
      if (usedBy(alarm)) {
        return passed();
      }
      return failed(`It has no alarm action${someBranchNote(actions)}, and no composite alarm or deployment group of its stack acts on it, so going into ALARM notifies no one.`, 'Properties/AlarmActions');
    }
    return passed();
  },
};

/** Whether a resource of the alarm's stack acts on its state: names it by reference, ARN or literal name. */
function usedBy(alarm: TemplateResource): boolean {
  const name = typeof alarm.properties.AlarmName === 'string' ? alarm.properties.AlarmName : undefined;
  const names = [`\${${alarm.logicalId}}`, `\${${alarm.logicalId}.Arn}`, ...(name ? [name] : [])];
  return ALARM_USERS.some(({ type, property }) => alarm.template.ofType(type).some((user) => {
    if (user === alarm) {
      return false;
    }
    const text = flatten(stringsOf(user.properties[property]));
    return names.some((n) => text.includes(n));
  }));
}

/** A value with the properties of its nested objects listed, so `flatten` reads references at any depth. */
function stringsOf(value: Json | undefined): Json | undefined {
  if (Array.isArray(value)) {
    return value.map((v) => stringsOf(v) ?? null);
  }
  if (isObject(value) && !isIntrinsic(value)) {
    const fields: Json[] = Object.values(value);
    return fields.map((v) => stringsOf(v) ?? null);
  }
  return value;
}
