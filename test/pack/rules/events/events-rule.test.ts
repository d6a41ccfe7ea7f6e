import { CfnCondition, CfnParameter, Duration, Fn, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import { PackRun, runPackOnStack } from '../../helpers';

/*
 * EventsRuleActive over L2 rules (enabled, disabled, without a target), an override of State, a
 * condition, and parameters with and without AllowedValues.
 */

const RULE = 'EventsRuleActive';
const FINDINGS = { source: ['aws.guardduty'], detailType: ['GuardDuty Finding'] };

describe(RULE, () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });
      const topic = new sns.Topic(stack, 'Alerts');
      const rule = (id: string, props: Partial<events.RuleProps> = {}, withTarget = true) => {
        const r = new events.Rule(stack, id, { eventPattern: FINDINGS, ...props });
        if (withTarget) {
          r.addTarget(new targets.SnsTopic(topic));
        }
        return r;
      };
      const l1 = (r: events.Rule) => r.node.defaultChild as events.CfnRule;

      rule('Routed');
      rule('Scheduled', { eventPattern: undefined, schedule: events.Schedule.rate(Duration.days(1)) });
      rule('Disabled', { enabled: false });
      rule('NoTarget', {}, false);
      l1(rule('DisabledOverride')).addPropertyOverride('State', 'DISABLED');
      l1(rule('AllManagementEvents')).addPropertyOverride('State', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS');
      l1(rule('DisabledInBranch')).addPropertyOverride('State', Fn.conditionIf(useFeature.logicalId, 'ENABLED', 'DISABLED'));
      const onOnly = new CfnParameter(stack, 'OnOnly', { type: 'String', allowedValues: ['ENABLED'] });
      l1(rule('ParameterEnabledOnly')).addPropertyOverride('State', onOnly.valueAsString);
      const free = new CfnParameter(stack, 'FreeState', { type: 'String' });
      l1(rule('ParameterFree')).addPropertyOverride('State', free.valueAsString);
      l1(rule('TargetsRemoved')).addPropertyDeletionOverride('Targets');
    });
  });

  test('passes an enabled rule with a target, scheduled or matching events', () => {
    expect(run.verdict('Test/Routed/Resource', RULE)).toBe('passed');
    expect(run.verdict('Test/Scheduled/Resource', RULE)).toBe('passed');
    expect(run.verdict('Test/AllManagementEvents/Resource', RULE)).toBe('passed');
  });

  test('warns on a disabled rule, set by the L2 or an override', () => {
    expect(run.detail('Test/Disabled/Resource', RULE)).toBe('It is DISABLED, so it routes no events: whatever it carries (alerts, evidence, automation) stops.');
    expect(run.verdict('Test/DisabledOverride/Resource', RULE)).toBe('failed');
  });

  test('warns on a rule without a target', () => {
    expect(run.detail('Test/NoTarget/Resource', RULE)).toBe('It has no target, so the events it matches go nowhere.');
    expect(run.verdict('Test/TargetsRemoved/Resource', RULE)).toBe('failed');
  });

  test('judges every branch and a parameter by its AllowedValues; a free parameter cannot be read', () => {
    expect(run.detail('Test/DisabledInBranch/Resource', RULE)).toMatch(/^It is DISABLED \(in at least one branch\)/);
    expect(run.verdict('Test/ParameterEnabledOnly/Resource', RULE)).toBe('passed');
    expect(run.detail('Test/ParameterFree/Resource', RULE)).toMatch(/synth cannot read/);
  });

  test('is a warning: it never fails synth', () => {
    expect(run.violations.filter((v) => v.ruleName === RULE).every((v) => v.severity === 'warning')).toBe(true);
    expect(run.violations.some((v) => v.ruleName === RULE)).toBe(true);
  });
});
