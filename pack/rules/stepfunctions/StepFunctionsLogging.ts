import { failed, Outcome, passed, ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';
import { Json } from '../../json';
import { literalAlternatives, prop, valuesAt } from '../../readers';
import { branches, flatten, isIntrinsic, isNoValue, isUnset } from '../../values';

/** The levels that log executions; OFF (the default) does not. */
const LOGGING_LEVELS: readonly string[] = ['ALL', 'ERROR', 'FATAL'];

/** Whether `Destinations` names a CloudWatch Logs log group in every branch. */
function hasDestination(destinations: Json | undefined): boolean {
  return branches(destinations).every((list) => Array.isArray(list)
    && list.some((d) => branches(d).every((x) => !isUnset(prop(prop(x, 'CloudWatchLogsLogGroup'), 'LogGroupArn')))));
}

/** What is wrong with one branch of `LoggingConfiguration`, or undefined when it logs. */
function loggingProblem(config: Json | undefined | null, machine: TemplateResource): { detail: string; path: string } | undefined {
  if (config === undefined || isNoValue(config)) {
    return { detail: 'It has no LoggingConfiguration, so its executions are not logged (the level defaults to OFF).', path: '' };
  }
  if (config === null || isIntrinsic(config)) {
    return { detail: 'Its LoggingConfiguration comes from a value that cannot be known at synth.', path: '' };
  }
  const levels = literalAlternatives(prop(config, 'Level'), machine.template);
  if (levels === undefined) {
    return { detail: 'Its log level comes from a value that cannot be known at synth and may be OFF; make it literal or acknowledge the rule with a reason.', path: '/Level' };
  }
  const off = levels.findIndex((l) => !LOGGING_LEVELS.includes(flatten(l).toUpperCase()));
  if (off >= 0) {
    return { detail: `Its log level is ${levels[off] === undefined ? 'absent (so OFF)' : flatten(levels[off])}, so its executions are not logged.`, path: '/Level' };
  }
  if (!hasDestination(prop(config, 'Destinations'))) {
    return { detail: 'Its LoggingConfiguration names no CloudWatch Logs log group in Destinations.', path: '/Destinations' };
  }
  return undefined;
}

/**
 * Executions are logged to CloudWatch Logs (`Level` ALL, ERROR or FATAL, with a log-group
 * destination), for STANDARD and EXPRESS machines alike. EXPRESS machines keep no history at all
 * without it; STANDARD ones keep theirs in the service only 90 days after an execution closes,
 * shorter than the audit period, not encrypted under the customer's key and deleted with the
 * machine, so an auditor cannot rely on it. The level defaults to OFF.
 */
export const StepFunctionsLogging: ResourceRule = {
  id: 'StepFunctionsLogging',
  resourceTypes: ['AWS::StepFunctions::StateMachine'],
  passes: '`LoggingConfiguration.Level` is ALL, ERROR or FATAL (absent means OFF) and `Destinations` names a `CloudWatchLogsLogGroup.LogGroupArn`, in every branch; STANDARD and EXPRESS machines alike.',
  check: (machine): Outcome => {
    for (const config of valuesAt(machine.properties.LoggingConfiguration, [])) {
      const problem = loggingProblem(config, machine);
      if (problem !== undefined) {
        return failed(problem.detail, `Properties/LoggingConfiguration${problem.path}`);
      }
    }
    return passed();
  },
};
