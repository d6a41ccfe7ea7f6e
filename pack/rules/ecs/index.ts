import { PackRule, Severity } from '../../rule';
import { EcsContainerLogging } from './EcsContainerLogging';
import { EcsNoPrivilegedContainers } from './EcsNoPrivilegedContainers';
import { EcsNoSecretsInEnvironment } from './EcsNoSecretsInEnvironment';
import { EcsServiceNoPublicIp } from './EcsServiceNoPublicIp';
import { EcsClusterContainerInsights } from './EcsClusterContainerInsights';

/** The ecs rules, with the criteria, words and severity the pack gives them. */
export const ECS_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: EcsNoPrivilegedContainers,
    criteria: ['CC6.3'],
    rationale: 'Containers do not run privileged on their host (CC6.3 least privilege); it detects no change (CC7.1).',
    severity: Severity.ERROR,
    finding: 'ECS task definition runs a privileged container.',
    fix: 'Drop privileged: true from the container (addContainer; ContainerDefinitions[].Privileged) and grant only the Linux capabilities it needs (linuxParameters.addCapabilities). A host agent that truly needs it: acknowledge the rule with that reason.',
  },
  {
    kind: 'resource',
    rule: EcsContainerLogging,
    criteria: ['CC7.2'],
    rationale: 'Container output is recorded for monitoring (CC7.2).',
    severity: Severity.ERROR,
    finding: 'ECS task definition has a container whose logs are not shipped off the host.',
    fix: 'Set logging: LogDrivers.awsLogs({ streamPrefix, logGroup }) (or firelens) on every container (addContainer; ContainerDefinitions[].LogConfiguration with LogDriver awslogs), with a retained, encrypted log group.',
  },
  {
    kind: 'resource',
    rule: EcsNoSecretsInEnvironment,
    criteria: ['CC6.1'],
    rationale: 'A credential in a container\'s environment is readable by anyone who can describe the task definition, in every revision (CC6.1).',
    severity: Severity.ERROR,
    finding: 'ECS task definition holds a credential in a container\'s environment.',
    fix: 'Remove the credential from environment and rotate it: pass it as a secret instead (secrets: { NAME: ecs.Secret.fromSecretsManager(secret) } on addContainer; ContainerDefinitions[].Secrets), which ECS injects at start.',
  },
  {
    kind: 'resource',
    rule: EcsServiceNoPublicIp,
    criteria: ['CC6.6', 'CC6.1'],
    rationale: 'Tasks are not addressable from the internet (CC6.6 boundary protection), so only what a load balancer or endpoint exposes is reachable (CC6.1).',
    severity: Severity.ERROR,
    finding: 'ECS service gives its tasks public IP addresses.',
    fix: 'Run the tasks in private subnets without public addresses: assignPublicIp: false (the default of FargateService and the ecs-patterns constructs) with vpcSubnets of type PRIVATE_WITH_EGRESS or PRIVATE_ISOLATED, i.e. NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp DISABLED; expose the service through a load balancer. To pull images without a NAT gateway, add ECR, S3 and CloudWatch Logs VPC endpoints.',
  },
  {
    kind: 'resource',
    rule: EcsClusterContainerInsights,
    criteria: ['CC7.2'],
    rationale: 'The tasks\' resource use and restarts are recorded for monitoring (CC7.2).',
    severity: Severity.WARNING,
    finding: 'ECS cluster does not collect Container Insights.',
    fix: 'Set containerInsightsV2: ContainerInsights.ENABLED (or ENHANCED) on the Cluster, i.e. ClusterSettings [{ Name: containerInsights, Value: enabled }]. Where the account default turns it on (aws ecs put-account-setting-default --name containerInsights), acknowledge with that reason.',
  },
];
