import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { PackRun, runPackOnStack } from '../../helpers';

/*
 * EcsNoPrivilegedContainers and EcsContainerLogging. Each L2 task definition is the hardened one
 * (every container logging to CloudWatch Logs, none privileged) with one change.
 */

const PRIVILEGED = 'EcsNoPrivilegedContainers';
const LOGGING = 'EcsContainerLogging';
const IMAGE = 'public.ecr.aws/docker/library/busybox:1.36';

describe('ECS task definitions', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });
      const logGroup = new logs.LogGroup(stack, 'Logs');
      const task = (id: string, container: Partial<ecs.ContainerDefinitionOptions> = {}) => {
        const t = new ecs.Ec2TaskDefinition(stack, id);
        t.addContainer('App', { image: ecs.ContainerImage.fromRegistry(IMAGE), memoryLimitMiB: 512, logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'app', logGroup }), ...container });
        return t;
      };
      const l1 = (t: ecs.TaskDefinition) => t.node.defaultChild as ecs.CfnTaskDefinition;

      task('Hardened');
      task('Privileged', { privileged: true });
      l1(task('PrivilegedOverride')).addPropertyOverride('ContainerDefinitions.0.Privileged', true);
      task('NoLogging', { logging: undefined });
      l1(task('LoggingRemoved')).addPropertyDeletionOverride('ContainerDefinitions.0.LogConfiguration');
      task('SidecarWithoutLogging').addContainer('Sidecar', { image: ecs.ContainerImage.fromRegistry(IMAGE), memoryLimitMiB: 128 });
      task('Firelens', { logging: ecs.LogDrivers.firelens({ options: { Name: 'cloudwatch' } }) })
        .addFirelensLogRouter('Router', {
          image: ecs.ContainerImage.fromRegistry(IMAGE), memoryLimitMiB: 128,
          firelensConfig: { type: ecs.FirelensLogRouterType.FLUENTBIT },
          logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'router', logGroup }),
        });
      task('JsonFile', { logging: ecs.LogDrivers.jsonFile() });

      // L1 and intrinsics
      const definition = (extra: object) => ({ name: 'app', image: IMAGE, memory: 512, logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': logGroup.logGroupName, 'awslogs-region': stack.region, 'awslogs-stream-prefix': 'app' } }, ...extra });
      const cfnTask = (id: string, extra: object = {}) => new ecs.CfnTaskDefinition(stack, id, { containerDefinitions: [definition(extra)] });
      cfnTask('L1Hardened');
      cfnTask('L1Privileged', { privileged: true });
      cfnTask('L1PrivilegedString').addPropertyOverride('ContainerDefinitions.0.Privileged', 'true');
      cfnTask('L1PrivilegedConditional', { privileged: Fn.conditionIf(useFeature.logicalId, true, false) });
      const neverPrivileged = new CfnParameter(stack, 'NeverPrivileged', { type: 'String', allowedValues: ['false'] });
      const anyPrivileged = new CfnParameter(stack, 'AnyPrivileged', { type: 'String' });
      cfnTask('L1PrivilegedParameterFalse').addPropertyOverride('ContainerDefinitions.0.Privileged', neverPrivileged.valueAsString);
      cfnTask('L1PrivilegedParameterAny').addPropertyOverride('ContainerDefinitions.0.Privileged', anyPrivileged.valueAsString);
      cfnTask('L1NoLogging', { logConfiguration: undefined });
      cfnTask('L1Splunk', { logConfiguration: { logDriver: 'splunk', options: { 'splunk-url': 'https://splunk.example.com:8088' } } });
      cfnTask('L1Journald', { logConfiguration: { logDriver: 'journald' } });
      cfnTask('L1LoggingConditional', { logConfiguration: Fn.conditionIf(useFeature.logicalId, { LogDriver: 'awslogs' }, Fn.ref('AWS::NoValue')) });
      const shippingDriver = new CfnParameter(stack, 'ShippingDriver', { type: 'String', allowedValues: ['awslogs', 'splunk'] });
      const anyDriver = new CfnParameter(stack, 'AnyDriver', { type: 'String' });
      cfnTask('L1DriverParameterShipping', { logConfiguration: { logDriver: shippingDriver.valueAsString } });
      cfnTask('L1DriverParameterAny', { logConfiguration: { logDriver: anyDriver.valueAsString } });
      new ecs.CfnTaskDefinition(stack, 'L1ImportedContainers').addPropertyOverride('ContainerDefinitions', Fn.importValue('SharedContainers'));
      new ecs.CfnTaskDefinition(stack, 'L1NoContainers', {});
    });
  });

  const l2 = (id: string) => `Test/${id}/Resource`;

  describe(PRIVILEGED, () => {
    test('passes the hardened task, fails privileged: true and an override to true', () => {
      expect(run.verdict(l2('Hardened'), PRIVILEGED)).toBe('passed');
      expect(run.verdict(l2('Privileged'), PRIVILEGED)).toBe('failed');
      expect(run.detail(l2('Privileged'), PRIVILEGED)).toMatch(/container App runs privileged/);
      expect(run.verdict(l2('PrivilegedOverride'), PRIVILEGED)).toBe('failed');
    });
    test('L1: fails true, "true" and a true branch; passes absent and a parameter allowing only false; fails closed on an open parameter', () => {
      expect(run.verdict('Test/L1Hardened', PRIVILEGED)).toBe('passed');
      expect(run.verdict('Test/L1Privileged', PRIVILEGED)).toBe('failed');
      expect(run.verdict('Test/L1PrivilegedString', PRIVILEGED)).toBe('failed');
      expect(run.verdict('Test/L1PrivilegedConditional', PRIVILEGED)).toBe('failed');
      expect(run.verdict('Test/L1PrivilegedParameterFalse', PRIVILEGED)).toBe('passed');
      expect(run.verdict('Test/L1PrivilegedParameterAny', PRIVILEGED)).toBe('failed');
      expect(run.detail('Test/L1PrivilegedParameterAny', PRIVILEGED)).toMatch(/cannot be known at synth/);
    });
  });

  describe(LOGGING, () => {
    test('passes the hardened task, fails a container without logging and an override removing it', () => {
      expect(run.verdict(l2('Hardened'), LOGGING)).toBe('passed');
      expect(run.verdict(l2('NoLogging'), LOGGING)).toBe('failed');
      expect(run.verdict(l2('LoggingRemoved'), LOGGING)).toBe('failed');
    });
    test('fails when one container of several has no logging', () => {
      expect(run.verdict(l2('SidecarWithoutLogging'), LOGGING)).toBe('failed');
      expect(run.detail(l2('SidecarWithoutLogging'), LOGGING)).toMatch(/container Sidecar has no LogConfiguration/);
    });
    test('passes FireLens and splunk; fails drivers that keep logs on the host', () => {
      expect(run.verdict(l2('Firelens'), LOGGING)).toBe('passed');
      expect(run.verdict('Test/L1Splunk', LOGGING)).toBe('passed');
      expect(run.verdict(l2('JsonFile'), LOGGING)).toBe('failed');
      expect(run.verdict('Test/L1Journald', LOGGING)).toBe('failed');
      expect(run.detail('Test/L1Journald', LOGGING)).toMatch(/only on the host/);
    });
    test('L1: fails no LogConfiguration and a branch without one; counts a driver parameter by its allowed values', () => {
      expect(run.verdict('Test/L1Hardened', LOGGING)).toBe('passed');
      expect(run.verdict('Test/L1NoLogging', LOGGING)).toBe('failed');
      expect(run.verdict('Test/L1LoggingConditional', LOGGING)).toBe('failed');
      expect(run.verdict('Test/L1DriverParameterShipping', LOGGING)).toBe('passed');
      expect(run.verdict('Test/L1DriverParameterAny', LOGGING)).toBe('failed');
    });
  });

  test('both fail closed on container definitions they cannot read, and skip a task with none', () => {
    expect(run.verdict('Test/L1ImportedContainers', PRIVILEGED)).toBe('failed');
    expect(run.verdict('Test/L1ImportedContainers', LOGGING)).toBe('failed');
    expect(run.verdict('Test/L1NoContainers', PRIVILEGED)).toBe('not-applicable');
    expect(run.verdict('Test/L1NoContainers', LOGGING)).toBe('not-applicable');
  });
});
