import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { IAlertDestination } from './security-alert-topic';
import { alertTarget } from './private/alert-destination';
import { validateEnvironmentName } from '../core/names';
import { Soc2MlError } from '../core/errors';

export interface MlOperationsAlertsProps {
  /** The environment: its jobs are those named `<environment>-…` (and its monitoring schedules). */
  readonly environmentName: string;

  /** Where the alerts go. */
  readonly alerts: IAlertDestination;

  /**
   * The roles the environment's training and processing jobs run as: their jobs are the
   * environment's whatever their names (SageMaker Pipelines names its jobs `pipelines-…`).
   *
   * @default - jobs are recognized by name only
   */
  readonly jobRoles?: iam.IRole[];
}

/** The kinds of job the environment hears about. */
export enum MlJobKind {
  TRAINING = 'Training',
  PROCESSING = 'Processing',
  TRANSFORM = 'Transform',
  MONITORING = 'Monitoring',
}

/**
 * EventBridge rules that tell a person, on the environment's alert topic, when a SageMaker
 * training, processing, batch transform or monitoring job of the environment fails or is stopped:
 * which job, when, its status and SageMaker's reason.
 */
export class MlOperationsAlerts extends Construct {
  /** The rule of each kind of job. */
  public readonly rules: Readonly<Record<MlJobKind, events.Rule>>;

  constructor(scope: Construct, id: string, props: MlOperationsAlertsProps) {
    super(scope, id);
    validateEnvironmentName(props?.environmentName, 'environmentName');
    if (!props.alerts) {
      throw new Soc2MlError('alerts is undefined: pass the SecurityAlertTopic (or any sns.ITopic) that failed and stopped jobs are announced on.');
    }
    const env = props.environmentName;
    const roleArns = (props.jobRoles ?? []).map((r) => r.roleArn);
    const field = (path: string) => events.EventField.fromPath(path);
    const ended = ['Failed', 'Stopped'];
    // A job is the environment's when it is named `<env>-…` or runs as one of its roles.
    const ours = (nameField: string) => (roleArns.length === 0
      ? { [nameField]: events.Match.prefix(`${env}-`) }
      : { $or: [{ [nameField]: events.Match.prefix(`${env}-`) }, { RoleArn: roleArns }] });
    const rule = (kind: MlJobKind, detailType: string, detail: Record<string, unknown>, message: string) => new events.Rule(this, `${kind}Rule`, {
      description: `cdk-soc2-ml: failed or stopped SageMaker ${kind.toLowerCase()} jobs of the ${env} environment`,
      eventPattern: { source: ['aws.sagemaker'], detailType: [detailType], detail },
      targets: [alertTarget(props.alerts, events.RuleTargetInput.fromText(message))],
    });
    const next = 'Its logs are in CloudWatch Logs under /aws/sagemaker/; who started or stopped it is in CloudTrail.';

    const schedules = Stack.of(this).formatArn({ service: 'sagemaker', resource: 'monitoring-schedule', resourceName: `${env}-` });
    this.rules = {
      [MlJobKind.TRAINING]: rule(MlJobKind.TRAINING, 'SageMaker Training Job State Change',
        { TrainingJobStatus: ended, ...ours('TrainingJobName') },
        `SageMaker training job ${field('$.detail.TrainingJobName')} in ${env} is ${field('$.detail.TrainingJobStatus')} (${field('$.time')}): ${field('$.detail.FailureReason')}. ${next}`),
      [MlJobKind.PROCESSING]: rule(MlJobKind.PROCESSING, 'SageMaker Processing Job State Change',
        // Monitoring runs are processing jobs too: they have their own rule.
        { ProcessingJobStatus: ended, MonitoringScheduleArn: [{ exists: false }], ...ours('ProcessingJobName') },
        `SageMaker processing job ${field('$.detail.ProcessingJobName')} in ${env} is ${field('$.detail.ProcessingJobStatus')} (${field('$.time')}): ${field('$.detail.FailureReason')}. ${next}`),
      [MlJobKind.TRANSFORM]: rule(MlJobKind.TRANSFORM, 'SageMaker Transform Job State Change',
        // Transform jobs run as their model's role, which the event does not carry: by name only.
        { TransformJobStatus: ended, TransformJobName: events.Match.prefix(`${env}-`) },
        `SageMaker batch transform job ${field('$.detail.TransformJobName')} in ${env} is ${field('$.detail.TransformJobStatus')} (${field('$.time')}): ${field('$.detail.FailureReason')}. ${next}`),
      [MlJobKind.MONITORING]: rule(MlJobKind.MONITORING, 'SageMaker Processing Job State Change',
        { ProcessingJobStatus: ended, MonitoringScheduleArn: events.Match.prefix(schedules) },
        `SageMaker model monitoring run ${field('$.detail.ProcessingJobName')} of schedule ${field('$.detail.MonitoringScheduleArn')} in ${env} is ${field('$.detail.ProcessingJobStatus')} (${field('$.time')}): ${field('$.detail.FailureReason')}. `
        + `While runs fail, the endpoint is not watched for drift: fix the cause (baseline, captured data, permissions) before the next scheduled run. ${next}`),
    };
  }
}
