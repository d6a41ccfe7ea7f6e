import { Aws, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { INCIDENT_STREAM } from '../core/evidence-records';
import { evidenceStream, INCIDENT_EVENT_SOURCE } from '../core/evidence-streams';
import { validateEnvironmentName } from '../core/names';
import { IncidentRunbook, IncidentRunbooks } from './incident-runbooks';
import { describeOnCall, validateOnCall, validateResponsePlanArn } from './private/incident-checks';
import { SecurityAlertTopic } from './security-alert-topic';
import { Soc2MlError } from '../core/errors';

/** A person on call. The list's order is the escalation order: the first is paged first. */
export interface OnCallPerson {
  /** The name the page shows. */
  readonly name: string;
  /** Where they are reached. */
  readonly email: string;
  /**
   * Their phone number, in E.164 form (`+14155550100`), shown in the page.
   *
   * @default - none
   */
  readonly phone?: string;
}

/** The kinds of incident; the value is the construct id of its rule. */
export enum IncidentKind {
  /** An endpoint's rollback alarm (server errors, latency) went into ALARM. */
  ENDPOINT_ROLLBACK_ALARM = 'EndpointRollbackAlarm',
  /** A security change alarm of the account trail went into ALARM (`SecurityChangeAlarms`). */
  SECURITY_CHANGE_ALARM = 'SecurityChangeAlarm',
  /** GuardDuty reported a finding of high severity (7 or more). */
  GUARDDUTY_HIGH_SEVERITY = 'GuardDutyHighSeverity',
  /** A model release of the environment was rejected (by the approver or the signature gate). */
  MODEL_RELEASE_REJECTED = 'ModelReleaseRejected',
}

/** How urgent an incident is. */
export enum IncidentSeverity {
  HIGH = 'high',
  MEDIUM = 'medium',
}

/** The AWS Health service codes of what the platform deploys and relies on. */
export const PLATFORM_HEALTH_SERVICES: readonly string[] = [
  'SAGEMAKER', 'S3', 'KMS', 'ECR', 'EC2', 'VPC', 'CLOUDWATCH', 'LOGS', 'CLOUDTRAIL', 'EVENTS', 'SNS', 'SQS',
  'LAMBDA', 'GLUE', 'ATHENA', 'IAM', 'STS', 'BACKUP', 'GUARDDUTY', 'SECURITYHUB', 'CONFIG', 'MACIE', 'SSM',
  'SIGNER', 'CLOUDFORMATION', 'CODEPIPELINE', 'CODEBUILD', 'ELASTICFILESYSTEM',
];

/** The namespace of `SecurityChangeAlarms`' metrics (its default). */
export const SECURITY_CHANGE_NAMESPACE = 'Soc2Ml/AuditTrail';

export interface IncidentRoutingProps {
  /** The environment: its endpoints and model package groups are named `<environment>-…`. */
  readonly environmentName: string;

  /** Where incidents and service-health events are announced (emails, or a chat channel subscribed to it). */
  readonly alerts: SecurityAlertTopic;

  /** The environment's runbooks: each message links the ones its incident calls for. */
  readonly runbooks: IncidentRunbooks;

  /**
   * Who is on call, in escalation order; every message names them.
   *
   * @default - nobody (messages say no on-call list is configured)
   */
  readonly onCall?: OnCallPerson[];

  /**
   * Alarms that roll an endpoint back beyond the platform's own (matched by name as well as by
   * metric).
   *
   * @default - the platform's endpoint rollback alarms, recognized by their metrics
   */
  readonly rollbackAlarms?: cloudwatch.IAlarm[];

  /**
   * The queue incident records go to: the evidence archive's `ingestQueue`. Each incident is sent
   * as a record of the archive's incident stream (`{stream, criteria, event}`), its event holding
   * the kind, environment, severity, who was on call, the runbooks and the original event. The
   * queue's policy must let this account's EventBridge rules send to it (the archive's does).
   *
   * @default - no record beyond the alert and the trail
   */
  readonly recordQueue?: sqs.IQueue;

  /**
   * The ARN of an AWS Systems Manager Incident Manager response plan: where the account already
   * uses Incident Manager, each incident also starts one there.
   *
   * @default - no Incident Manager
   */
  readonly incidentManagerResponsePlanArn?: string;

  /**
   * The AWS Health service codes whose events reach the alert topic.
   *
   * @default - the services the platform deploys and relies on: SageMaker, S3, KMS, ECR, EC2, VPC,
   * CloudWatch, CloudWatch Logs, CloudTrail, EventBridge, SNS, SQS, Lambda, Glue, Athena, IAM, STS,
   * Backup, GuardDuty, Security Hub, Config, Macie, Systems Manager, Signer, CloudFormation,
   * CodePipeline, CodeBuild and EFS
   */
  readonly healthServices?: string[];
}

interface IncidentDefinition {
  readonly title: string;
  readonly severity: IncidentSeverity;
  readonly pattern: events.EventPattern;
  readonly what: string;
  readonly where: string;
  readonly runbooks: readonly IncidentRunbook[];
}

const HEALTH_SERVICE = /^[A-Z0-9_]{2,40}$/;

const field = (path: string) => events.EventField.fromPath(path);

/**
 * Incident routing of one environment: an EventBridge rule per kind of incident (endpoint rollback
 * alarms, security change alarms, GuardDuty findings of high severity, rejected model releases)
 * sending a structured message (what, where, severity, who is on call, the runbooks to follow)
 * to the alert topic, the incident's record to `recordTarget`, and, where the account uses it, an
 * incident to Incident Manager; and a rule sending AWS Health events of the platform's services
 * to the alert topic.
 *
 * The message has the shape of an AWS Chatbot custom notification, so a Slack or Microsoft Teams
 * channel subscribed to the topic shows it formatted; email subscribers read the same JSON.
 */
export class IncidentRouting extends Construct {
  /** The rule of each kind of incident. */
  public readonly rules: Readonly<Record<IncidentKind, events.Rule>>;
  /** The rule of AWS Health events. */
  public readonly healthRule: events.Rule;
  /** The role EventBridge starts Incident Manager incidents with (with `incidentManagerResponsePlanArn`). */
  public readonly incidentManagerRole?: iam.Role;
  private readonly environmentName: string;

  constructor(scope: Construct, id: string, props: IncidentRoutingProps) {
    super(scope, id);
    validateEnvironmentName(props?.environmentName, 'environmentName');
    if (!props.alerts || !props.runbooks) {
      throw new Soc2MlError(`${!props.alerts ? 'alerts' : 'runbooks'} is undefined: pass the environment's SecurityAlertTopic and IncidentRunbooks.`);
    }
    validateOnCall(props.onCall ?? [], 'onCall');
    const plan = props.incidentManagerResponsePlanArn;
    if (plan !== undefined) {
      validateResponsePlanArn(plan, 'incidentManagerResponsePlanArn');
    }
    const healthServices = props.healthServices ?? [...PLATFORM_HEALTH_SERVICES];
    const badService = healthServices.find((s) => !HEALTH_SERVICE.test(s));
    if (healthServices.length === 0 || badService !== undefined) {
      throw new Soc2MlError(`healthServices is ${JSON.stringify(healthServices)}: pass AWS Health service codes in capitals, such as "SAGEMAKER" or "S3", or leave it out for the platform's services.`);
    }
    this.environmentName = props.environmentName;
    if (plan !== undefined) {
      this.incidentManagerRole = this.createIncidentManagerRole(plan);
    }

    const definitions = this.definitions(props.rollbackAlarms ?? []);
    const rules = {} as Record<IncidentKind, events.Rule>;
    for (const kind of Object.values(IncidentKind)) {
      rules[kind] = this.createRule(kind, definitions[kind], props);
    }
    this.rules = rules;
    this.healthRule = this.createHealthRule(props.alerts, healthServices);
  }

  private definitions(extraAlarms: cloudwatch.IAlarm[]): Record<IncidentKind, IncidentDefinition> {
    const env = this.environmentName;
    const alarmState = { state: { value: ['ALARM'] } };
    const alarmWhat = `Alarm ${field('$.detail.alarmName')} is in ALARM: ${field('$.detail.state.reason')}`;
    const account = `account ${field('$.account')}, region ${field('$.region')}`;
    // The platform's rollback alarms, by their metrics (so endpoints added later are covered), or yours by name.
    const byMetric = {
      configuration: { metrics: { metricStat: { metric: { namespace: ['AWS/SageMaker'], name: ['Invocation5XXErrors', 'ModelLatency'], dimensions: { EndpointName: events.Match.prefix(`${env}-`) } } } } },
    };
    const endpointAlarms = extraAlarms.length === 0 ? byMetric : { $or: [byMetric, { alarmName: extraAlarms.map((a) => a.alarmName) }] };
    return {
      [IncidentKind.ENDPOINT_ROLLBACK_ALARM]: {
        title: 'endpoint rollback alarm',
        severity: IncidentSeverity.HIGH,
        pattern: { source: ['aws.cloudwatch'], detailType: ['CloudWatch Alarm State Change'], detail: { ...alarmState, ...endpointAlarms } },
        what: alarmWhat,
        where: `a SageMaker endpoint of ${env} (${account})`,
        runbooks: [IncidentRunbook.ENDPOINT_ROLLBACK, IncidentRunbook.ENDPOINT_OUT_OF_SERVICE, IncidentRunbook.PRESERVE_FORENSIC_EVIDENCE],
      },
      [IncidentKind.SECURITY_CHANGE_ALARM]: {
        title: 'security change alarm',
        severity: IncidentSeverity.HIGH,
        pattern: {
          source: ['aws.cloudwatch'], detailType: ['CloudWatch Alarm State Change'],
          detail: { ...alarmState, configuration: { metrics: { metricStat: { metric: { namespace: [SECURITY_CHANGE_NAMESPACE] } } } } },
        },
        what: `${alarmWhat}. ${field('$.detail.configuration.description')}`,
        where: `the account of ${env} (${account}); the trail names who made the change`,
        runbooks: [IncidentRunbook.REVOKE_PERSONA_SESSIONS, IncidentRunbook.QUARANTINE_DATA_PREFIX, IncidentRunbook.PRESERVE_FORENSIC_EVIDENCE],
      },
      [IncidentKind.GUARDDUTY_HIGH_SEVERITY]: {
        title: 'GuardDuty finding of high severity',
        severity: IncidentSeverity.HIGH,
        pattern: { source: ['aws.guardduty'], detailType: ['GuardDuty Finding'], detail: { severity: events.Match.greaterThanOrEqual(7) } },
        what: `GuardDuty finding ${field('$.detail.type')}, severity ${field('$.detail.severity')}: ${field('$.detail.title')} (finding ${field('$.detail.id')})`,
        where: `${field('$.detail.resource.resourceType')} in the account of ${env} (${account})`,
        runbooks: [IncidentRunbook.REVOKE_PERSONA_SESSIONS, IncidentRunbook.QUARANTINE_DATA_PREFIX, IncidentRunbook.PRESERVE_FORENSIC_EVIDENCE],
      },
      [IncidentKind.MODEL_RELEASE_REJECTED]: {
        title: 'model release rejected',
        severity: IncidentSeverity.MEDIUM,
        pattern: {
          source: ['aws.sagemaker'], detailType: ['SageMaker Model Package State Change'],
          detail: { ModelPackageGroupName: events.Match.prefix(`${env}-`), ModelApprovalStatus: ['Rejected'] },
        },
        what: `Model package ${field('$.detail.ModelPackageGroupName')} version ${field('$.detail.ModelPackageVersion')} was rejected; if a signature check rejected it, its artifact may have been tampered with`,
        where: `${field('$.detail.ModelPackageArn')} (${account})`,
        runbooks: [IncidentRunbook.ENDPOINT_ROLLBACK, IncidentRunbook.PRESERVE_FORENSIC_EVIDENCE],
      },
    };
  }

  private createRule(kind: IncidentKind, d: IncidentDefinition, props: IncidentRoutingProps): events.Rule {
    const env = this.environmentName;
    const onCall = describeOnCall(props.onCall ?? []);
    const links = d.runbooks.map((r) => `${props.runbooks.runbookName(r)}: ${props.runbooks.consoleUrl(r)}`);
    const title = `[${d.severity.toUpperCase()}] ${env}: ${d.title}`;
    const message = events.RuleTargetInput.fromObject({
      version: '1.0',
      source: 'custom',
      id: field('$.id'),
      content: {
        textType: 'client-markdown',
        title,
        description: [`*What*: ${d.what}`, `*Where*: ${d.where}`, `*Severity*: ${d.severity}`, `*When*: ${field('$.time')}`, `*On call*: ${onCall}`, '*Runbooks* (start with DryRun true):', ...links.map((l) => `- ${l}`)].join('\n'),
        nextSteps: [...links, 'What to do, runbook by runbook: docs/incidents.md of cdk-soc2-ml'],
      },
      metadata: {
        threadId: `${env}-${kind}`,
        summary: title,
        eventType: kind,
        additionalContext: { environment: env, kind, severity: d.severity, onCall, event: field('$.id') },
      },
    });
    const targets = [props.alerts.eventTarget(message)];
    if (props.recordQueue) {
      const queueArn = props.recordQueue.queueArn;
      const record = incidentRecordInput({ kind, environment: env, severity: d.severity, onCall: props.onCall ?? [], runbooks: d.runbooks.map((r) => props.runbooks.runbookName(r)) });
      // The queue's own policy admits the account's rules: nothing is added to it from here.
      targets.push({ bind: () => ({ arn: queueArn, input: record }) });
    }
    if (props.incidentManagerResponsePlanArn !== undefined) {
      const arn = props.incidentManagerResponsePlanArn;
      const role = this.incidentManagerRole!;
      targets.push({ bind: () => ({ arn, role }) });
    }
    return new events.Rule(this, kind, {
      description: `cdk-soc2-ml: ${d.title} in ${env}, an incident of ${d.severity} severity (message to the alert topic${props.recordQueue ? ', record to the evidence archive' : ''}${props.incidentManagerResponsePlanArn ? ', incident in Incident Manager' : ''})`,
      eventPattern: d.pattern,
      targets,
    });
  }

  private createHealthRule(alerts: SecurityAlertTopic, services: string[]): events.Rule {
    const env = this.environmentName;
    return new events.Rule(this, 'ServiceHealth', {
      description: `cdk-soc2-ml: AWS Health events of the services the ${env} environment runs on, to its alert topic`,
      eventPattern: { source: ['aws.health'], detailType: ['AWS Health Event', 'AWS Health Abuse Event'], detail: { service: services } },
      targets: [alerts.eventTarget(events.RuleTargetInput.fromText(
        `AWS Health: ${field('$.detail.service')} ${field('$.detail.eventTypeCategory')} ${field('$.detail.eventTypeCode')} (${field('$.detail.statusCode')}) in ${field('$.region')}, `
        + `account ${field('$.account')}, which the ${env} environment runs on: ${field('$.detail.eventDescription[0].latestDescription')} `
        + `Affected: ${field('$.resources')}. Details: AWS Health Dashboard, event ${field('$.detail.eventArn')}.`,
      ))],
    });
  }

  /** The role EventBridge assumes to start an incident from the response plan, for rules of this account. */
  private createIncidentManagerRole(planArn: string): iam.Role {
    const role = new iam.Role(this, 'IncidentManagerRole', {
      description: `Lets the ${this.environmentName} incident rules start incidents from one Incident Manager response plan`,
      assumedBy: new iam.ServicePrincipal('events.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': Stack.of(this).formatArn({ service: 'events', resource: 'rule', resourceName: '*' }) },
        },
      }),
    });
    new iam.ManagedPolicy(this, 'IncidentManagerPolicy', {
      description: 'Start incidents from the response plan, and nothing else',
      roles: [role],
      statements: [new iam.PolicyStatement({ sid: 'StartIncidents', actions: ['ssm-incidents:StartIncident'], resources: [planArn] })],
    });
    return role;
  }
}

interface IncidentRecordFields {
  readonly kind: IncidentKind;
  readonly environment: string;
  readonly severity: IncidentSeverity;
  readonly onCall: readonly OnCallPerson[];
  readonly runbooks: readonly string[];
}

/**
 * The record of an incident, as the evidence archive's queue takes a stream record: the incident
 * stream, its criteria, and an event of the incident source with the original event's id and time
 * (so a redelivery writes the same record) and, in its detail, the incident and the original event.
 */
function incidentRecordInput(fields: IncidentRecordFields): events.RuleTargetInput {
  const detail = `{"kind":${JSON.stringify(fields.kind)},"environment":${JSON.stringify(fields.environment)},"severity":${JSON.stringify(fields.severity)},`
    + `"onCall":${JSON.stringify(fields.onCall)},"runbooks":${JSON.stringify(fields.runbooks)},"rule":"<aws.events.rule-arn>","originalEvent":<aws.events.event.json>}`;
  const event = `{"id":<id>,"time":<time>,"account":<account>,"region":<region>,"source":${JSON.stringify(INCIDENT_EVENT_SOURCE)},"detail-type":"Incident opened","detail":${detail}}`;
  const criteria = evidenceStream(INCIDENT_STREAM)?.criteria ?? [];
  return new TemplateInput(`{"stream":${JSON.stringify(INCIDENT_STREAM)},"criteria":${JSON.stringify(criteria)},"event":${event}}`, { id: '$.id', time: '$.time', account: '$.account', region: '$.region' });
}

/** An input template with EventBridge's predefined variables (`<aws.events.event.json>`), which `RuleTargetInput.fromObject` cannot express. */
class TemplateInput extends events.RuleTargetInput {
  constructor(private readonly template: string, private readonly paths: Record<string, string>) {
    super();
  }

  public bind(): events.RuleTargetInputProperties {
    return { inputTemplate: this.template, inputPathsMap: this.paths };
  }
}
