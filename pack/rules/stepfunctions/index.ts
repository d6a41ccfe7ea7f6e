import { PackRule, Severity } from '../../rule';
import { StepFunctionsLogging } from './StepFunctionsLogging';

/** The stepfunctions rules, with the criteria, words and severity the pack gives them. */
export const STEPFUNCTIONS_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: StepFunctionsLogging,
    criteria: ['CC7.2'],
    rationale: 'Execution history is recorded for monitoring (CC7.2).',
    severity: Severity.ERROR,
    finding: 'Step Functions state machine does not log its executions to CloudWatch Logs.',
    fix: 'Set logs: { destination: logGroup, level: LogLevel.ALL } on the StateMachine (LoggingConfiguration.Level ALL, ERROR or FATAL with Destinations[].CloudWatchLogsLogGroup.LogGroupArn), with a retained, encrypted log group.',
  },
];
