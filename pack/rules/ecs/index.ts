import { PackRule, Severity } from '../../rule';
import { EcsContainerLogging } from './EcsContainerLogging';
import { EcsNoPrivilegedContainers } from './EcsNoPrivilegedContainers';

/** The ecs rules, with the criteria, words and severity the pack gives them. */
export const ECS_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: EcsNoPrivilegedContainers,
    criteria: ['CC6.1', 'CC7.1'],
    rationale: 'CC6.1 restricts privileged access to infrastructure, and CC7.1 holds components to secure configuration standards: a privileged container is root on its host.',
    severity: Severity.ERROR,
    finding: 'ECS task definition runs a privileged container.',
    fix: 'Drop privileged: true from the container (addContainer; ContainerDefinitions[].Privileged) and grant only the Linux capabilities it needs (linuxParameters.addCapabilities). A host agent that truly needs it: acknowledge the rule with that reason.',
  },
  {
    kind: 'resource',
    rule: EcsContainerLogging,
    criteria: ['CC7.2'],
    rationale: 'CC7.2 monitors system components and keeps the records to analyze anomalies: a container without shipped logs leaves none.',
    severity: Severity.ERROR,
    finding: 'ECS task definition has a container whose logs are not shipped off the host.',
    fix: 'Set logging: LogDrivers.awsLogs({ streamPrefix, logGroup }) (or firelens) on every container (addContainer; ContainerDefinitions[].LogConfiguration with LogDriver awslogs), with a retained, encrypted log group.',
  },
];
