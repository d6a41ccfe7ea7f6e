import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { PackRun, runPackOnStack } from '../../helpers';

/*
 * EcsServiceNoPublicIp over Fargate services (the L2's assignPublicIp, an override, a condition, a
 * parameter), an L1 task set and an EC2 service in bridge mode; EcsClusterContainerInsights over
 * clusters.
 */

const RULE = 'EcsServiceNoPublicIp';
const INSIGHTS = 'EcsClusterContainerInsights';
const IMAGE = 'public.ecr.aws/docker/library/busybox:1.36';

describe('ECS services and clusters', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
      const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
      new ecs.Cluster(stack, 'EnhancedCluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENHANCED });
      new ecs.Cluster(stack, 'PlainCluster', { vpc });
      new ecs.Cluster(stack, 'DisabledCluster', { vpc, containerInsightsV2: ecs.ContainerInsights.DISABLED });
      const insights = new CfnParameter(stack, 'Insights', { type: 'String', allowedValues: ['enabled', 'disabled'] });
      (new ecs.Cluster(stack, 'ParameterCluster', { vpc }).node.defaultChild as ecs.CfnCluster).addPropertyOverride('ClusterSettings', [{ Name: 'containerInsights', Value: insights.valueAsString }]);
      const task = new ecs.FargateTaskDefinition(stack, 'Task');
      task.addContainer('App', { image: ecs.ContainerImage.fromRegistry(IMAGE) });
      const service = (id: string, props: Partial<ecs.FargateServiceProps> = {}) => new ecs.FargateService(stack, id, { cluster, taskDefinition: task, ...props });
      const l1 = (s: ecs.FargateService) => s.node.defaultChild as ecs.CfnService;

      service('Private');
      service('PublicIp', { assignPublicIp: true, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } });
      l1(service('PublicIpOverride')).addPropertyOverride('NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp', 'ENABLED');
      l1(service('PublicIpInBranch')).addPropertyOverride('NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp', Fn.conditionIf(useFeature.logicalId, 'DISABLED', 'ENABLED'));
      const allowed = new CfnParameter(stack, 'AssignAllowed', { type: 'String', allowedValues: ['DISABLED'] });
      l1(service('ParameterDisabledOnly')).addPropertyOverride('NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp', allowed.valueAsString);
      const free = new CfnParameter(stack, 'AssignFree', { type: 'String' });
      l1(service('ParameterFree')).addPropertyOverride('NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp', free.valueAsString);
      l1(service('ImportedConfiguration')).addPropertyOverride('NetworkConfiguration.AwsvpcConfiguration', Fn.importValue('SharedNetwork'));

      new ecs.CfnTaskSet(stack, 'PublicTaskSet', {
        cluster: cluster.clusterName, service: 'models', taskDefinition: task.taskDefinitionArn,
        networkConfiguration: { awsVpcConfiguration: { subnets: vpc.publicSubnets.map((s) => s.subnetId), assignPublicIp: 'ENABLED' } },
      });
      const bridgeTask = new ecs.Ec2TaskDefinition(stack, 'BridgeTask');
      bridgeTask.addContainer('App', { image: ecs.ContainerImage.fromRegistry(IMAGE), memoryLimitMiB: 256 });
      cluster.addCapacity('Capacity', { instanceType: new ec2.InstanceType('t3.small'), minCapacity: 1 });
      new ecs.Ec2Service(stack, 'Bridge', { cluster, taskDefinition: bridgeTask });
    });
  });

  describe(RULE, () => {
    test('passes a service with the default (no public IP), and a bridge-mode service', () => {
      expect(run.verdict('Test/Private/Service', RULE)).toBe('passed');
      expect(run.verdict('Test/Bridge/Service', RULE)).toBe('passed');
    });

    test('fails assignPublicIp, its override and a task set that enables it', () => {
      expect(run.verdict('Test/PublicIp/Service', RULE)).toBe('failed');
      expect(run.detail('Test/PublicIp/Service', RULE)).toBe('Its tasks get public IP addresses (AssignPublicIp ENABLED), reachable from the internet through any subnet that routes to an internet gateway.');
      expect(run.verdict('Test/PublicIpOverride/Service', RULE)).toBe('failed');
      expect(run.verdict('Test/PublicTaskSet', RULE)).toBe('failed');
    });

    test('judges every branch and a parameter by its AllowedValues; fails closed on what synth cannot read', () => {
      expect(run.detail('Test/PublicIpInBranch/Service', RULE)).toMatch(/AssignPublicIp ENABLED \(in at least one branch\)/);
      expect(run.verdict('Test/ParameterDisabledOnly/Service', RULE)).toBe('passed');
      expect(run.detail('Test/ParameterFree/Service', RULE)).toMatch(/synth cannot read/);
      expect(run.verdict('Test/ImportedConfiguration/Service', RULE)).toBe('failed');
    });
  });

  describe(INSIGHTS, () => {
    test('passes enabled and enhanced, warns on absent and disabled', () => {
      expect(run.verdict('Test/Cluster/Resource', INSIGHTS)).toBe('passed');
      expect(run.verdict('Test/EnhancedCluster/Resource', INSIGHTS)).toBe('passed');
      expect(run.detail('Test/PlainCluster/Resource', INSIGHTS)).toBe('It does not set containerInsights (so the account default applies, disabled unless changed), so Container Insights does not record its tasks\' metrics.');
      expect(run.detail('Test/DisabledCluster/Resource', INSIGHTS)).toMatch(/^It sets containerInsights to disabled, so/);
    });

    test('reads a parameter by its AllowedValues', () => {
      expect(run.detail('Test/ParameterCluster/Resource', INSIGHTS)).toMatch(/^It sets containerInsights to disabled \(in at least one branch\)/);
    });
  });
});
