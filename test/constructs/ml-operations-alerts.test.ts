import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { MlJobKind, MlOperationsAlerts, SecurityAlertTopic } from '../../index';
import { logicalId } from '../helpers/ml-scope';

describe('MlOperationsAlerts', () => {
  const stack = new Stack(new App(), 'S');
  const alerts = new SecurityAlertTopic(stack, 'Alerts');
  const training = new iam.Role(stack, 'Training', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
  const ops = new MlOperationsAlerts(stack, 'Ops', { environmentName: 'prod', alerts, jobRoles: [training] });
  const template = Template.fromStack(stack);
  const rule = (kind: MlJobKind) => template.toJSON().Resources[stack.resolve((ops.rules[kind].node.defaultChild as CfnResource).logicalId)].Properties;
  const env = { prefix: 'prod-' };
  const role = { 'Fn::GetAtt': [logicalId(stack, training), 'Arn'] };

  test('failed or stopped training and processing jobs of the environment, by name or by role', () => {
    expect(rule(MlJobKind.TRAINING).EventPattern).toEqual({
      'source': ['aws.sagemaker'],
      'detail-type': ['SageMaker Training Job State Change'],
      'detail': { TrainingJobStatus: ['Failed', 'Stopped'], $or: [{ TrainingJobName: [env] }, { RoleArn: [role] }] },
    });
    // Monitoring runs are processing jobs, announced by their own rule.
    expect(rule(MlJobKind.PROCESSING).EventPattern.detail).toEqual({ ProcessingJobStatus: ['Failed', 'Stopped'], MonitoringScheduleArn: [{ exists: false }], $or: [{ ProcessingJobName: [env] }, { RoleArn: [role] }] });
  });

  test('failed or stopped transform jobs by name, and monitoring runs of the environment\'s schedules', () => {
    expect(rule(MlJobKind.TRANSFORM).EventPattern.detail).toEqual({ TransformJobStatus: ['Failed', 'Stopped'], TransformJobName: [env] });
    expect(rule(MlJobKind.MONITORING).EventPattern.detail).toEqual({
      ProcessingJobStatus: ['Failed', 'Stopped'],
      MonitoringScheduleArn: [{ prefix: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':monitoring-schedule/prod-']] } }],
    });
  });

  test('each goes to the alert topic as a sentence a person reads: which job, its status, when and why', () => {
    for (const kind of Object.values(MlJobKind)) {
      const [target] = rule(kind).Targets;
      expect(target.Arn).toEqual({ Ref: logicalId(stack, alerts.topic) });
      expect(target.InputTransformer.InputTemplate).toMatch(/^"SageMaker .* in prod is <detail-\w+Status> \(<time>\): <detail-FailureReason>\. .*CloudTrail\."$/);
    }
  });

  test('without roles, jobs are recognized by name', () => {
    const s = new Stack(new App(), 'N');
    const named = new MlOperationsAlerts(s, 'Ops', { environmentName: 'dev', alerts: new SecurityAlertTopic(s, 'Alerts') });
    const t = Template.fromStack(s).toJSON().Resources[s.resolve((named.rules[MlJobKind.TRAINING].node.defaultChild as CfnResource).logicalId)].Properties;
    expect(t.EventPattern.detail).toEqual({ TrainingJobStatus: ['Failed', 'Stopped'], TrainingJobName: [{ prefix: 'dev-' }] });
  });

  test('refuses an environment name SageMaker resources cannot carry', () => {
    const s = new Stack(new App(), 'E');
    expect(() => new MlOperationsAlerts(s, 'Ops', { environmentName: 'Prod Env', alerts: new SecurityAlertTopic(s, 'Alerts') })).toThrow(/environmentName/);
  });
});
