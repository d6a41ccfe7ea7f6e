import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IncidentKind, IncidentRouting, IncidentRoutingProps, IncidentRunbooks, SecurityAlertTopic } from '../../index';
import { PLATFORM_HEALTH_SERVICES } from '../../constructs/incident-routing';
import { logicalId } from '../helpers/ml-scope';

const PLAN = 'arn:aws:ssm-incidents::111111111111:response-plan/ml-platform';

function fixture(id: string) {
  const stack = new Stack(new App(), id);
  const key = new kms.Key(stack, 'Key');
  const bucket = new s3.Bucket(stack, 'Bucket');
  const alerts = new SecurityAlertTopic(stack, 'Alerts');
  const runbooks = new IncidentRunbooks(stack, 'Runbooks', {
    environmentName: 'prod', endpointKeys: [key], personaRoles: [new iam.Role(stack, 'Persona', { assumedBy: new iam.AccountRootPrincipal() })],
    dataBuckets: [bucket], forensicSourceBuckets: [bucket], forensicSourceKeys: [key], evidenceStore: { bucket, encryptionKey: key },
  });
  return { stack, alerts, runbooks };
}

describe('IncidentRouting', () => {
  const { stack, alerts, runbooks } = fixture('S');
  const records = new sqs.Queue(stack, 'Records');
  const extra = new cloudwatch.Alarm(stack, 'Extra', { metric: new cloudwatch.Metric({ namespace: 'N', metricName: 'M' }), threshold: 1, evaluationPeriods: 1 });
  const routing = new IncidentRouting(stack, 'Routing', {
    environmentName: 'prod', alerts, runbooks,
    onCall: [{ name: 'Alice Ng', email: 'alice@example.com', phone: '+14155550100' }, { name: 'Bob Ode', email: 'bob@example.com' }],
    rollbackAlarms: [extra],
    recordQueue: records,
    incidentManagerResponsePlanArn: PLAN,
  });
  // Template.toJSON() is typed any: the assertions read the template as CloudFormation writes it.
  const resources = Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string; Properties: ReturnType<Template['toJSON']> }>;
  const rule = (kind: IncidentKind) => resources[logicalId(stack, routing.rules[kind])].Properties;
  const topic = { Ref: logicalId(stack, alerts.topic) };

  test('one rule per kind of incident, each matching only its events', () => {
    expect(rule(IncidentKind.GUARDDUTY_HIGH_SEVERITY).EventPattern).toEqual({ 'source': ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'], 'detail': { severity: [{ numeric: ['>=', 7] }] } });
    expect(rule(IncidentKind.MODEL_RELEASE_REJECTED).EventPattern.detail).toEqual({ ModelPackageGroupName: [{ prefix: 'prod-' }], ModelApprovalStatus: ['Rejected'] });
    expect(rule(IncidentKind.SECURITY_CHANGE_ALARM).EventPattern.detail).toEqual({
      state: { value: ['ALARM'] }, configuration: { metrics: { metricStat: { metric: { namespace: ['Soc2Ml/AuditTrail'] } } } },
    });
    const endpoint = rule(IncidentKind.ENDPOINT_ROLLBACK_ALARM).EventPattern.detail;
    expect(endpoint.state).toEqual({ value: ['ALARM'] });
    expect(endpoint.$or[0].configuration.metrics.metricStat.metric).toEqual({ namespace: ['AWS/SageMaker'], name: ['Invocation5XXErrors', 'ModelLatency'], dimensions: { EndpointName: [{ prefix: 'prod-' }] } });
    expect(endpoint.$or[1]).toEqual({ alarmName: [{ Ref: logicalId(stack, extra) }] });
  });

  test('each incident sends a structured message to the alert topic: what, where, severity, who is on call, runbook links', () => {
    for (const kind of Object.values(IncidentKind)) {
      const target = rule(kind).Targets.find((t: { Arn: unknown }) => JSON.stringify(t.Arn) === JSON.stringify(topic));
      const template = JSON.stringify(target.InputTransformer.InputTemplate);
      expect(template).toContain('\\"source\\":\\"custom\\"');
      for (const part of ['*What*', '*Where*', '*Severity*', '*On call*: Alice Ng (alice@example.com, +14155550100), then Bob Ode (bob@example.com)', 'systems-manager/automation/execute/soc2ml-prod-']) {
        expect([kind, template.includes(part.replace(/"/g, '\\"'))]).toEqual([kind, true]);
      }
    }
    expect(JSON.stringify(rule(IncidentKind.GUARDDUTY_HIGH_SEVERITY).Targets)).toContain('[HIGH] prod: GuardDuty finding of high severity');
    expect(JSON.stringify(rule(IncidentKind.ENDPOINT_ROLLBACK_ALARM).Targets)).toContain('soc2ml-prod-EndpointRollback');
    expect(JSON.stringify(rule(IncidentKind.SECURITY_CHANGE_ALARM).Targets)).toContain('soc2ml-prod-RevokePersonaSessions');
  });

  test('each incident is recorded and started in Incident Manager with a role that may only start incidents from the plan', () => {
    const roleId = logicalId(stack, routing.incidentManagerRole!);
    for (const kind of Object.values(IncidentKind)) {
      const targets = rule(kind).Targets;
      expect(targets).toHaveLength(3);
      expect(targets[1].Arn).toEqual({ 'Fn::GetAtt': [logicalId(stack, records), 'Arn'] });
      // A record of the archive's incident stream: filled in as EventBridge would, it parses, with the incident and the original event.
      const filled = String(targets[1].InputTransformer.InputTemplate)
        .replace('<aws.events.event.json>', '{"id":"e-1","source":"aws.guardduty"}').replace('<aws.events.rule-arn>', 'arn:rule')
        .replace(/<(id|time|account|region)>/g, (_m, k: string) => JSON.stringify(`${k}-value`));
      expect(Object.keys(targets[1].InputTransformer.InputPathsMap).sort()).toEqual(['account', 'id', 'region', 'time']);
      expect(JSON.parse(filled)).toEqual({
        stream: 'incident', criteria: ['CC7.3', 'CC7.4', 'CC7.5'],
        event: {
          'id': 'id-value', 'time': 'time-value', 'account': 'account-value', 'region': 'region-value', 'source': 'cdk-soc2-ml.incident', 'detail-type': 'Incident opened',
          'detail': {
            kind, environment: 'prod', severity: expect.stringMatching(/^(high|medium)$/), rule: 'arn:rule', originalEvent: { id: 'e-1', source: 'aws.guardduty' },
            onCall: [{ name: 'Alice Ng', email: 'alice@example.com', phone: '+14155550100' }, { name: 'Bob Ode', email: 'bob@example.com' }],
            runbooks: expect.arrayContaining(['soc2ml-prod-PreserveForensicEvidence']),
          },
        },
      });
      expect(targets[2]).toMatchObject({ Arn: PLAN, RoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] } });
    }
    const policy = Object.values(resources).find((r) => r.Type === 'AWS::IAM::ManagedPolicy' && JSON.stringify(r.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))!;
    expect(policy.Properties.PolicyDocument.Statement).toEqual([{ Sid: 'StartIncidents', Effect: 'Allow', Action: 'ssm-incidents:StartIncident', Resource: PLAN }]);
    expect(resources[roleId].Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({ Service: 'events.amazonaws.com' });
  });

  test('AWS Health events of the platform\'s services reach the alert topic', () => {
    const health = resources[logicalId(stack, routing.healthRule)].Properties;
    expect(health.EventPattern).toEqual({ 'source': ['aws.health'], 'detail-type': ['AWS Health Event', 'AWS Health Abuse Event'], 'detail': { service: [...PLATFORM_HEALTH_SERVICES] } });
    expect(PLATFORM_HEALTH_SERVICES).toEqual(expect.arrayContaining(['SAGEMAKER', 'S3', 'KMS', 'ECR']));
    expect(health.Targets[0].Arn).toEqual(topic);
  });

  test('without on-call, records or Incident Manager: the message says nobody is on call, and only the topic is a target', () => {
    const f = fixture('T');
    const bare = new IncidentRouting(f.stack, 'Routing', { environmentName: 'dev', alerts: f.alerts, runbooks: f.runbooks });
    const r = Template.fromStack(f.stack).toJSON().Resources[logicalId(f.stack, bare.rules[IncidentKind.GUARDDUTY_HIGH_SEVERITY])].Properties;
    expect(r.Targets).toHaveLength(1);
    expect(JSON.stringify(r.Targets[0].InputTransformer.InputTemplate)).toContain('*On call*: nobody (no on-call list is configured)');
    expect(bare.incidentManagerRole).toBeUndefined();
  });

  test.each([
    [{ onCall: [{ name: 'A', email: 'not-an-address' }] }, /onCall\[0\]\.email is "not-an-address", which is not an email address/],
    [{ onCall: [{ name: 'A', email: 'a@example.com', phone: '555 0100' }] }, /onCall\[0\]\.phone is "555 0100": pass the number in E\.164 form/],
    [{ onCall: [{ name: 'A <admin>', email: 'a@example.com' }] }, /onCall\[0\]\.name is "A <admin>": .*no angle brackets/],
    [{ onCall: [{ name: 'A', email: 'a@example.com' }, { name: 'B', email: 'a@example.com' }] }, /onCall\[1\]\.email a@example\.com is listed twice/],
    [{ incidentManagerResponsePlanArn: 'arn:aws:ssm:us-east-1:111111111111:document/x' }, /incidentManagerResponsePlanArn is .* not the ARN of an Incident Manager response plan/],
    [{ healthServices: ['sagemaker'] }, /healthServices is \["sagemaker"\]: pass AWS Health service codes in capitals/],
  ] as [Partial<IncidentRoutingProps>, RegExp][])('bad props are refused, naming the prop: %j', (extraProps, message) => {
    const f = fixture(`U${Math.random().toString(36).slice(2, 8)}`);
    expect(() => new IncidentRouting(f.stack, 'Routing', { environmentName: 'prod', alerts: f.alerts, runbooks: f.runbooks, ...extraProps })).toThrow(message);
  });
});
