import { PackRule, Severity } from '../../rule';
import { EventBusPolicyNotPublic } from './EventBusPolicyNotPublic';
import { EventsRuleActive } from './EventsRuleActive';

/** The events rules, with the criteria, words and severity the pack gives them. */
export const EVENTS_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: EventBusPolicyNotPublic,
    criteria: ['CC6.1', 'CC6.6'],
    rationale: 'No bus policy lets anyone put events (CC6.1), from outside the boundary (CC6.6).',
    severity: Severity.ERROR,
    finding: 'EventBridge event-bus policy allows any principal.',
    fix: 'Grant named accounts, or narrow a principal of * with a condition such as aws:PrincipalOrgID (bus.addToResourcePolicy(new PolicyStatement({ sid, principals: [new OrganizationPrincipal(orgId)], … })); AWS::Events::EventBusPolicy Statement, or Condition with the deprecated Principal; AWS::Events::EventBus Policy).',
  },
  {
    kind: 'resource',
    rule: EventsRuleActive,
    criteria: ['CC7.2'],
    rationale: 'A rule that carries alerts or evidence is on and delivers them, so the monitoring it stands for operates (CC7.2).',
    severity: Severity.WARNING,
    finding: 'EventBridge rule is disabled or delivers to no target.',
    fix: 'Leave the rule enabled (enabled: true, the default of events.Rule; State ENABLED) and give it a target (rule.addTarget(new targets.SnsTopic(topic)); Targets). A rule held off on purpose: acknowledge with the reason and when it is turned on.',
  },
];
