import { ResourceRule } from '../../rule';
import { literalAlternatives } from '../../readers';
import { asBoolean } from '../../values';
import { checkContainers } from './private';

/**
 * No container runs privileged: `Privileged: true` gives it root on the host instance, with every
 * device and capability, so one compromised container holds the instance and every task on it.
 * Absent means false (the ECS default). A value from a parameter counts by its `AllowedValues`;
 * from anything else unknowable it fails. A task definition with no container is not applicable.
 */
export const EcsNoPrivilegedContainers: ResourceRule = {
  id: 'EcsNoPrivilegedContainers',
  resourceTypes: ['AWS::ECS::TaskDefinition'],
  passes: 'No `ContainerDefinitions[].Privileged` is true (or `"true"`) in any branch; absent means false.',
  check: (task) => checkContainers(task, (c) => {
    const values = literalAlternatives(c.definition.Privileged, task.template);
    if (values === undefined) {
      return { detail: `The Privileged setting of its ${c.label} comes from a value that cannot be known at synth and may be true.`, property: 'Privileged' };
    }
    if (values.some((v) => v !== undefined && asBoolean(v) !== false)) {
      return { detail: `Its ${c.label} runs privileged, with root access to the host.`, property: 'Privileged' };
    }
    return undefined;
  }),
};
