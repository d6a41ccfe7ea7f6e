import { PackRule, Severity } from '../../rule';
import { CloudWatchAlarmActive } from './CloudWatchAlarmActive';

/** The CloudWatch rules, with the criteria, words and severity the pack gives them. */
export const CLOUDWATCH_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: CloudWatchAlarmActive,
    criteria: ['CC7.2', 'CC7.3'],
    rationale: 'An alarm that notifies someone, or acts, is monitoring that operates (CC7.2) and brings a security event to the people who evaluate it (CC7.3). It resolves nothing itself, so CC7.4 is left out.',
    reference: { check: 'steampipe:cloudwatch_alarm_action_enabled', criteria: ['CC4.2', 'CC7.2', 'CC7.3', 'CC7.4'] },
    severity: Severity.WARNING,
    finding: 'CloudWatch alarm has its actions disabled or no alarm action.',
    fix: 'Leave actions enabled (actionsEnabled: true, the default; ActionsEnabled) and give the alarm an action (alarm.addAlarmAction(new cw_actions.SnsAction(topic)); AlarmActions), or name it in a composite alarm that has one. An alarm kept only for a dashboard: acknowledge with the reason.',
  },
];
