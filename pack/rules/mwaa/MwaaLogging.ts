import { failed, passed, ResourceRule } from '../../rule';
import { Json } from '../../json';
import { literalValuesAt, valuesAt } from '../../readers';
import { asBoolean, flatten, someBranchNote } from '../../values';
import { quote } from '../opensearch/private';
import { ENVIRONMENT } from './private';

/**
 * The Airflow logs that record who used the environment and what its pipelines did, and why: the
 * web server's (sign-ins and requests to the UI and REST API: who triggered, paused or changed a
 * DAG), the scheduler's (each DAG run and task state change it decides) and the tasks' own (what
 * each run did with data and models, and its errors). Worker and DAG-processing logs diagnose the
 * platform itself and are left to the user.
 */
const AUDITED = [
  { type: 'WebserverLogs', name: 'web server' },
  { type: 'SchedulerLogs', name: 'scheduler' },
  { type: 'TaskLogs', name: 'task' },
] as const;

/**
 * Levels that keep the records above: Airflow writes requests, run and state changes at INFO, so
 * WARNING, ERROR or CRITICAL keep only problems and lose who did what.
 */
const RECORDING_LEVELS: readonly string[] = ['INFO', 'DEBUG'];

/**
 * The environment sends its web server, scheduler and task logs to CloudWatch Logs
 * (`LoggingConfiguration.<type>.Enabled: true`) at `INFO` or `DEBUG`. Without `LoggingConfiguration`
 * the template turns none of them on; a log type without `Enabled: true` is off. Every `Fn::If`
 * branch counts, a parameter by its `AllowedValues`; a value synth cannot read fails closed.
 */
export const MwaaLogging: ResourceRule = {
  id: 'MwaaLogging',
  resourceTypes: [ENVIRONMENT],
  passes: '`LoggingConfiguration.WebserverLogs`, `SchedulerLogs` and `TaskLogs` each have `Enabled: true` and `LogLevel` `INFO` or `DEBUG`, in every `Fn::If` branch (a parameter counts by its `AllowedValues`).',
  check: (environment) => {
    const configuration = environment.properties.LoggingConfiguration;
    const configurations = valuesAt(configuration, []);
    if (configurations.every((c) => c === undefined)) {
      return failed('It has no LoggingConfiguration, so its web server, scheduler and task logs are not sent to CloudWatch Logs: neither who used the Airflow UI nor what its pipeline runs did is recorded.', 'Properties/LoggingConfiguration');
    }
    const problems: string[] = [];
    let location: string | undefined;
    for (const { type, name } of AUDITED) {
      const problem = enabledProblem(literalValuesAt(configuration, [type, 'Enabled'], environment.template), type, name)
        ?? levelProblem(literalValuesAt(configuration, [type, 'LogLevel'], environment.template), type, name);
      if (problem !== undefined) {
        problems.push(problem.text);
        location ??= `Properties/LoggingConfiguration/${type}/${problem.property}`;
      }
    }
    return problems.length > 0 ? failed(problems.join(' '), location) : passed();
  },
};

interface Problem {
  readonly text: string;
  readonly property: 'Enabled' | 'LogLevel';
}

function enabledProblem(values: (Json | undefined)[] | undefined, type: string, name: string): Problem | undefined {
  if (values === undefined) {
    return { text: `Its ${type}.Enabled comes from a value synth cannot read, so its ${name} logs may be off once deployed.`, property: 'Enabled' };
  }
  const off = values.findIndex((v) => asBoolean(v) !== true);
  if (off < 0) {
    return undefined;
  }
  return { text: `Its ${name} logs are not sent to CloudWatch Logs (${type}.Enabled is ${quote(values[off])}${someBranchNote(values)}).`, property: 'Enabled' };
}

function levelProblem(values: (Json | undefined)[] | undefined, type: string, name: string): Problem | undefined {
  if (values === undefined) {
    return { text: `Its ${type}.LogLevel comes from a value synth cannot read, so its ${name} logs may keep only errors once deployed.`, property: 'LogLevel' };
  }
  const coarse = values.findIndex((v) => v === undefined || !RECORDING_LEVELS.includes(flatten(v).toUpperCase()));
  if (coarse < 0) {
    return undefined;
  }
  return { text: `Its ${name} logs leave out the routine records of requests and runs (${type}.LogLevel is ${quote(values[coarse])}${someBranchNote(values)}; INFO or DEBUG keeps them).`, property: 'LogLevel' };
}
