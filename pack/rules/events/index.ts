import { PackRule, Severity } from '../../rule';
import { EventBusPolicyNotPublic } from './EventBusPolicyNotPublic';

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
];
