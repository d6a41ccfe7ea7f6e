import { CfnCondition, CfnParameter, Duration, Fn, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { PackRun, runPackOnStack } from '../../helpers';

/*
 * CloudWatchAlarmActive over L2 alarms (with an action, actions disabled, without an action), an
 * alarm a composite alarm or a deployment group acts on, overrides, a condition, and parameters
 * with and without AllowedValues.
 */

const RULE = 'CloudWatchAlarmActive';

describe(RULE, () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });
      const topic = new sns.Topic(stack, 'Alerts');
      const metric = new cloudwatch.Metric({ namespace: 'Soc2Ml', metricName: 'Failures', period: Duration.minutes(5) });
      const alarm = (id: string, props: Partial<cloudwatch.AlarmProps> = {}, withAction = true) => {
        const a = new cloudwatch.Alarm(stack, id, { metric, threshold: 1, evaluationPeriods: 1, ...props });
        if (withAction) {
          a.addAlarmAction(new actions.SnsAction(topic));
        }
        return a;
      };
      const l1 = (a: cloudwatch.Alarm) => a.node.defaultChild as cloudwatch.CfnAlarm;

      alarm('Notifying');
      alarm('ActionsDisabled', { actionsEnabled: false });
      alarm('NoAction', {}, false);
      l1(alarm('DisabledOverride')).addPropertyOverride('ActionsEnabled', false);
      l1(alarm('ActionsRemoved')).addPropertyDeletionOverride('AlarmActions');
      l1(alarm('DisabledInBranch')).addPropertyOverride('ActionsEnabled', Fn.conditionIf(useFeature.logicalId, true, false));
      l1(alarm('ActionInOneBranch')).addPropertyOverride('AlarmActions', Fn.conditionIf(useFeature.logicalId, [topic.topicArn], Fn.ref('AWS::NoValue')));
      const onOnly = new CfnParameter(stack, 'OnOnly', { type: 'String', allowedValues: ['true'] });
      l1(alarm('ParameterOnOnly')).addPropertyOverride('ActionsEnabled', onOnly.valueAsString);
      const free = new CfnParameter(stack, 'FreeEnabled', { type: 'String' });
      l1(alarm('ParameterFree')).addPropertyOverride('ActionsEnabled', free.valueAsString);

      // Alarms without actions of their own that something acts on.
      const inComposite = alarm('InComposite', {}, false);
      const composite = new cloudwatch.CompositeAlarm(stack, 'Composite', { alarmRule: cloudwatch.AlarmRule.anyOf(cloudwatch.AlarmRule.fromAlarm(inComposite, cloudwatch.AlarmState.ALARM)) });
      composite.addAlarmAction(new actions.SnsAction(topic));
      new cloudwatch.CompositeAlarm(stack, 'SilentComposite', { alarmRule: cloudwatch.AlarmRule.fromAlarm(alarm('InSilentComposite'), cloudwatch.AlarmState.ALARM) });
      const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {};') });
      const live = new lambda.Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion });
      new codedeploy.LambdaDeploymentGroup(stack, 'Deployments', { alias: live, alarms: [alarm('RollbackOn', {}, false)] });
    });
  });

  test('passes an enabled alarm with an action, and one a parameter can only enable', () => {
    expect(run.verdict('Test/Notifying/Resource', RULE)).toBe('passed');
    expect(run.verdict('Test/ParameterOnOnly/Resource', RULE)).toBe('passed');
  });

  test('warns on an alarm whose actions are disabled, by the L2 or an override', () => {
    expect(run.detail('Test/ActionsDisabled/Resource', RULE)).toBe('Its ActionsEnabled is false, so it changes state without notifying anyone or acting.');
    expect(run.verdict('Test/DisabledOverride/Resource', RULE)).toBe('failed');
  });

  test('warns on an alarm without an action that nothing acts on', () => {
    expect(run.detail('Test/NoAction/Resource', RULE)).toBe('It has no alarm action, and no composite alarm or deployment group of its stack acts on it, so going into ALARM notifies no one.');
    expect(run.verdict('Test/ActionsRemoved/Resource', RULE)).toBe('failed');
  });

  test('passes an alarm without actions that a composite alarm or a deployment group acts on', () => {
    expect(run.verdict('Test/InComposite/Resource', RULE)).toBe('passed');
    expect(run.verdict('Test/RollbackOn/Resource', RULE)).toBe('passed');
    expect(run.verdict('Test/Composite/Resource', RULE)).toBe('passed');
  });

  test('judges a composite alarm as an alarm', () => {
    expect(run.verdict('Test/SilentComposite/Resource', RULE)).toBe('failed');
    expect(run.verdict('Test/InSilentComposite/Resource', RULE)).toBe('passed');
  });

  test('judges every branch and a parameter by its AllowedValues; a free parameter cannot be read', () => {
    expect(run.detail('Test/DisabledInBranch/Resource', RULE)).toBe('Its ActionsEnabled is false (in at least one branch), so it changes state without notifying anyone or acting.');
    expect(run.detail('Test/ActionInOneBranch/Resource', RULE)).toMatch(/^It has no alarm action \(in at least one branch\)/);
    expect(run.detail('Test/ParameterFree/Resource', RULE)).toMatch(/synth cannot read/);
  });

  test('is a warning: it never fails synth', () => {
    expect(run.violations.filter((v) => v.ruleName === RULE).every((v) => v.severity === 'warning')).toBe(true);
    expect(run.violations.some((v) => v.ruleName === RULE)).toBe(true);
  });
});
