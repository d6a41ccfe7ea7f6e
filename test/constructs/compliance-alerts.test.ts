import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ComplianceAlerts, SecurityAlertTopic } from '../../index';

describe('ComplianceAlerts', () => {
  const stack = new Stack(new App(), 'S');
  const alerts = new SecurityAlertTopic(stack, 'Alerts');
  new ComplianceAlerts(stack, 'ComplianceAlerts', { alertTopic: alerts });
  const template = Template.fromStack(stack);
  const topic = { Ref: stack.getLogicalId(alerts.topic.node.defaultChild as never) };

  test('sends Config rules turning NON_COMPLIANT to the alert topic, with the rule and resource', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': ['aws.config'], 'detail-type': ['Config Rules Compliance Change'], 'detail': { newEvaluationResult: { complianceType: ['NON_COMPLIANT'] } } },
      Targets: [Match.objectLike({ Arn: topic, InputTransformer: Match.objectLike({ InputTemplate: Match.stringLikeRegexp('NON_COMPLIANT with rule <detail-configRuleName>') }) })],
    });
  });

  test('sends new, active high and critical Security Hub findings, except those alerted directly', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['aws.securityhub'], detail: { findings: {
        Severity: { Label: ['HIGH', 'CRITICAL'] }, Workflow: { Status: ['NEW'] }, RecordState: ['ACTIVE'],
        ProductName: [{ 'anything-but': ['GuardDuty', 'Macie', 'Inspector'] }],
      } } },
      Targets: [Match.objectLike({ Arn: topic })],
    });
  });

  test('needs an alert topic', () => {
    expect(() => new ComplianceAlerts(new Stack(), 'C', {} as never)).toThrow(/alertTopic is required/);
  });
});
