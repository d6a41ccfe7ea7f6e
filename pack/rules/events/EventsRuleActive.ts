import { failed, passed, ResourceRule } from '../../rule';
import { literalAlternatives, valuesAt } from '../../readers';
import { flatten, someBranchNote } from '../../values';

/**
 * An EventBridge rule is on and delivers somewhere: its `State` is absent (enabled), `ENABLED` or
 * `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`, and it has a target. A disabled rule, or one
 * without targets, does nothing; when it carries alerts or evidence (GuardDuty findings to the alert
 * topic, failed backup jobs, scheduled access reviews), the monitoring it stands for stops without
 * a sign. A warning, not an error: an app may hold a rule off on purpose. Every `Fn::If` branch
 * counts, a parameter by its `AllowedValues`.
 */
export const EventsRuleActive: ResourceRule = {
  id: 'EventsRuleActive',
  resourceTypes: ['AWS::Events::Rule'],
  passes: '`State` absent, `ENABLED` or `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`, and at least one entry in `Targets`, in every `Fn::If` branch (a parameter counts by its `AllowedValues`).',
  check: (rule) => {
    const states = literalAlternatives(rule.properties.State, rule.template);
    if (states === undefined) {
      return failed('Its State comes from a value synth cannot read, which may be DISABLED at deploy time.', 'Properties/State');
    }
    const off = states.find((s) => s !== undefined && !flatten(s).toUpperCase().startsWith('ENABLED'));
    if (off !== undefined) {
      return failed(`It is ${flatten(off)}${someBranchNote(states)}, so it routes no events: whatever it carries (alerts, evidence, automation) stops.`, 'Properties/State');
    }
    const targets = valuesAt(rule.properties.Targets, []);
    if (targets.some((t) => t === null || (t !== undefined && !Array.isArray(t)))) {
      return failed('Its Targets come from a value synth cannot read, so that it delivers anywhere cannot be shown.', 'Properties/Targets');
    }
    if (targets.some((t) => t === undefined || (Array.isArray(t) && t.length === 0))) {
      return failed(`It has no target${someBranchNote(targets)}, so the events it matches go nowhere.`, 'Properties/Targets');
    }
    return passed();
  },
};
