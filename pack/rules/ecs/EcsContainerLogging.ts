import { ResourceRule } from '../../rule';
import { StackTemplate } from '../../template';
import { literalAlternatives, prop, valuesAt } from '../../readers';
import { isIntrinsic } from '../../values';
import { checkContainers, Container } from './private';

/** Drivers that keep logs only on the container instance, or nowhere: lost with the instance. */
const LOCAL_DRIVERS: readonly string[] = ['json-file', 'journald', 'local', 'none'];

/** What is wrong with one container's logging, or undefined when every branch ships its logs. */
function loggingProblem(container: Container, template: StackTemplate): string | undefined {
  for (const config of valuesAt(container.definition.LogConfiguration, [])) {
    if (config === undefined) {
      return `Its ${container.label} has no LogConfiguration, so its output is not kept.`;
    }
    const drivers = config === null || isIntrinsic(config) ? undefined : literalAlternatives(prop(config, 'LogDriver'), template);
    if (drivers?.includes(undefined)) {
      return `Its ${container.label} has a LogConfiguration without a LogDriver.`;
    }
    if (drivers === undefined || drivers.some((d) => typeof d !== 'string')) {
      return `The log driver of its ${container.label} cannot be known at synth; make it literal or acknowledge the rule with a reason.`;
    }
    const local = drivers.find((d) => LOCAL_DRIVERS.includes(String(d).trim().toLowerCase()));
    if (local !== undefined) {
      return `Its ${container.label} logs with the ${String(local)} driver, which keeps logs only on the host.`;
    }
  }
  return undefined;
}

/**
 * Every container sends its output somewhere it is kept: a `LogConfiguration` with a driver that
 * ships logs off the host (`awslogs`, `awsfirelens`, `splunk`, `fluentd`, `gelf`, `syslog`).
 * Without one, or with `json-file`/`journald` (logs on the instance only), what a task did is lost
 * when it stops. A task definition with no container is not applicable.
 */
export const EcsContainerLogging: ResourceRule = {
  id: 'EcsContainerLogging',
  resourceTypes: ['AWS::ECS::TaskDefinition'],
  passes: 'Every `ContainerDefinitions[]` has a `LogConfiguration` whose literal `LogDriver` ships logs off the host (not `json-file`, `journald` or `none`), in every branch.',
  check: (task) => checkContainers(task, (c) => {
    const detail = loggingProblem(c, task.template);
    return detail === undefined ? undefined : { detail, property: 'LogConfiguration' };
  }),
};
