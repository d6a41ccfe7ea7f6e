import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { PackRun, runPackOnStack } from '../../helpers';

/*
 * StepFunctionsLogging: STANDARD and EXPRESS machines alike log their executions to CloudWatch
 * Logs. Each L2 machine is the hardened one with one change.
 */

const RULE = 'StepFunctionsLogging';

describe(RULE, () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });
      const logGroup = new logs.LogGroup(stack, 'Logs');
      const machine = (id: string, props: Partial<sfn.StateMachineProps> = {}) => new sfn.StateMachine(stack, id, {
        definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, `${id}Pass`)),
        logs: { destination: logGroup, level: sfn.LogLevel.ALL },
        ...props,
      });
      const override = (m: sfn.StateMachine, path: string, value: unknown) => (m.node.defaultChild as sfn.CfnStateMachine).addPropertyOverride(path, value);

      machine('Hardened');
      machine('HardenedExpress', { stateMachineType: sfn.StateMachineType.EXPRESS });
      machine('ErrorsOnly', { logs: { destination: logGroup } });
      machine('NoLogs', { logs: undefined });
      machine('NoLogsExpress', { logs: undefined, stateMachineType: sfn.StateMachineType.EXPRESS });
      machine('LevelOff', { logs: { destination: logGroup, level: sfn.LogLevel.OFF } });
      override(machine('LevelOverride'), 'LoggingConfiguration.Level', 'OFF');
      (machine('LevelRemoved').node.defaultChild as sfn.CfnStateMachine).addPropertyDeletionOverride('LoggingConfiguration.Level');
      override(machine('DestinationsEmpty'), 'LoggingConfiguration.Destinations', []);
      override(machine('LevelConditional'), 'LoggingConfiguration.Level', Fn.conditionIf(useFeature.logicalId, 'ALL', 'OFF'));
      const loggedLevels = new CfnParameter(stack, 'LoggedLevel', { type: 'String', allowedValues: ['ALL', 'ERROR'] });
      const anyLevel = new CfnParameter(stack, 'AnyLevel', { type: 'String' });
      override(machine('LevelParameterLogged'), 'LoggingConfiguration.Level', loggedLevels.valueAsString);
      override(machine('LevelParameterAny'), 'LoggingConfiguration.Level', anyLevel.valueAsString);
      override(machine('ImportedConfiguration'), 'LoggingConfiguration', Fn.importValue('SharedLogging'));
      const definitionString = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
      new sfn.CfnStateMachine(stack, 'L1Logged', {
        roleArn: 'arn:aws:iam::111111111111:role/sfn', definitionString,
        loggingConfiguration: { level: 'ALL', destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: logGroup.logGroupArn } }] },
      });
      new sfn.CfnStateMachine(stack, 'L1Unlogged', { roleArn: 'arn:aws:iam::111111111111:role/sfn', definitionString });
    });
  });

  const l2 = (id: string) => `Test/${id}/Resource`;

  test('passes STANDARD and EXPRESS machines logging to a log group, at ALL or ERROR (the L2 default level)', () => {
    expect(run.verdict(l2('Hardened'), RULE)).toBe('passed');
    expect(run.verdict(l2('HardenedExpress'), RULE)).toBe('passed');
    expect(run.verdict(l2('ErrorsOnly'), RULE)).toBe('passed');
    expect(run.verdict('Test/L1Logged', RULE)).toBe('passed');
  });
  test('fails STANDARD and EXPRESS machines without logs', () => {
    expect(run.verdict(l2('NoLogs'), RULE)).toBe('failed');
    expect(run.detail(l2('NoLogs'), RULE)).toMatch(/no LoggingConfiguration/);
    expect(run.verdict(l2('NoLogsExpress'), RULE)).toBe('failed');
    expect(run.verdict('Test/L1Unlogged', RULE)).toBe('failed');
  });
  test('fails level OFF (prop and override), an absent level (OFF) and no destination', () => {
    expect(run.verdict(l2('LevelOff'), RULE)).toBe('failed');
    expect(run.verdict(l2('LevelOverride'), RULE)).toBe('failed');
    expect(run.verdict(l2('LevelRemoved'), RULE)).toBe('failed');
    expect(run.detail(l2('LevelRemoved'), RULE)).toMatch(/absent \(so OFF\)/);
    expect(run.verdict(l2('DestinationsEmpty'), RULE)).toBe('failed');
  });
  test('fails an OFF branch; counts a parameter by its allowed values; fails closed on what synth cannot know', () => {
    expect(run.verdict(l2('LevelConditional'), RULE)).toBe('failed');
    expect(run.verdict(l2('LevelParameterLogged'), RULE)).toBe('passed');
    expect(run.verdict(l2('LevelParameterAny'), RULE)).toBe('failed');
    expect(run.detail(l2('LevelParameterAny'), RULE)).toMatch(/cannot be known at synth/);
    expect(run.verdict(l2('ImportedConfiguration'), RULE)).toBe('failed');
  });
});
