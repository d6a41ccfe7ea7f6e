import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { exceptionReviewsIn } from '../../constructs/access-review';
import { AccessReview, EvidenceArchive, SecurityAlertTopic, Soc2MlChecks } from '../../index';
import { runPackOnStack } from '../pack/helpers';

describe('AccessReview', () => {
  const stack = new Stack(new App(), 'S');
  const alerts = new SecurityAlertTopic(stack, 'Alerts');
  const archive = new EvidenceArchive(stack, 'Archive', { alertTopic: alerts });
  const review = new AccessReview(stack, 'AccessReview', { alertTopic: alerts, evidenceArchive: archive });
  const template = Template.fromStack(stack);

  test('analyzes external access and access unused for 90 days', () => {
    template.hasResourceProperties('AWS::AccessAnalyzer::Analyzer', { Type: 'ACCOUNT' });
    template.hasResourceProperties('AWS::AccessAnalyzer::Analyzer', {
      Type: 'ACCOUNT_UNUSED_ACCESS',
      AnalyzerConfiguration: { UnusedAccessConfiguration: { UnusedAccessAge: 90 } },
    });
  });

  test('reminds the alert topic on the first day of each quarter, naming the analyzers, and archives the reminder', () => {
    const rule = Template.fromStack(stack).findResources('AWS::Events::Rule', { Properties: { ScheduleExpression: 'cron(0 9 1 1,4,7,10 ? *)' } });
    const [props] = Object.values(rule).map((r) => r.Properties);
    expect(props.Targets).toHaveLength(3);
    const text = JSON.stringify(props.Targets[0].Input);
    expect(text).toContain('Quarterly access review (SOC 2 CC6.2, CC6.3)');
    expect(text).toContain(review.externalAccessAnalyzer.analyzerName!);
    expect(props.Targets[1].InputTransformer.InputTemplate).toContain('"stream":"access-review-reminders"');
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(0 9 1 1,4,7,10 ? *)', Targets: Match.arrayWith([Match.objectLike({ Arn: { Ref: Match.anyValue() } })]) });
  });

  test('a second region of the account leaves out the unused-access analyzer (IAM is global)', () => {
    const s = new Stack(new App(), 'Other');
    new AccessReview(s, 'AccessReview', { alertTopic: new SecurityAlertTopic(s, 'T'), unusedAccess: false });
    Template.fromStack(s).resourceCountIs('AWS::AccessAnalyzer::Analyzer', 1);
  });

  test('refuses an unused-access age IAM Access Analyzer does not take', () => {
    const s = new Stack(new App(), 'Bad');
    expect(() => new AccessReview(s, 'R', { alertTopic: new SecurityAlertTopic(s, 'T'), unusedAccessAge: 400 })).toThrow(/unusedAccessAge is 400: pass a whole number of days from 1 to 365/);
  });
});

describe('AccessReview exception reviews', () => {
  const app = new App();
  const stack = new Stack(app, 'S');
  const alerts = new SecurityAlertTopic(stack, 'Alerts');
  const archive = new EvidenceArchive(stack, 'Archive', { alertTopic: alerts });
  const review = new AccessReview(stack, 'AccessReview', { alertTopic: alerts, evidenceArchive: archive });
  // Acknowledged after the construct, in another stack: read when the template is written.
  const other = new Stack(app, 'Workload');
  const bucket = new CfnResource(other, 'Bucket', { type: 'AWS::S3::Bucket' });
  Soc2MlChecks.acknowledge(bucket, { id: 'S3BucketVersioned', reason: 'scratch data, rebuilt daily', owner: 'data-platform', reviewBy: '2026-03-31' });
  Soc2MlChecks.acknowledge(other, { id: 'S3BucketLogged', reason: 'no review date' });
  const template = Template.fromStack(stack);
  const fnId = stack.getLogicalId(review.exceptionReviewFunction.node.defaultChild as never);
  const quarterly = () => Object.values(template.findResources('AWS::Events::Rule', { Properties: { ScheduleExpression: 'cron(0 9 1 1,4,7,10 ? *)' } }))[0].Properties;

  test('the quarterly reminder invokes the function with every review date of the app and the time it fired', () => {
    const target = quarterly().Targets.find((t: { Arn: unknown }) => JSON.stringify(t.Arn).includes(fnId));
    expect(target.InputTransformer.InputPathsMap).toEqual({ time: '$.time' });
    const payload = JSON.parse((target.InputTransformer.InputTemplate as string).replace('<time>', '"2026-04-01T09:00:00Z"'));
    expect(payload).toEqual({ time: '2026-04-01T09:00:00Z', reviews: [{ reviewBy: '2026-03-31', rules: ['Soc2Ml::S3BucketVersioned'], at: 'Workload/Bucket', owner: 'data-platform' }] });
    template.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] } });
  });

  test('the function may publish to the alert topic and put its result on the default bus, and nothing else', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { ALERT_TOPIC_ARN: { Ref: stack.getLogicalId(alerts.topic.node.defaultChild as never) } } } });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([
        Match.objectLike({ Sid: 'PublishAlerts', Action: 'sns:Publish' }),
        Match.objectLike({ Sid: 'SendResultToDefaultBus', Action: 'events:PutEvents', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':event-bus/default']] } }),
      ]) },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { DestinationConfig: { OnSuccess: { Destination: Match.anyValue() } } });
  });

  test('its result is archived in stream access-review-reminders', () => {
    const [rule] = Object.values(template.findResources('AWS::Events::Rule', { Properties: { Description: Match.stringLikeRegexp('exception review check') } }));
    expect(rule.Properties.EventPattern).toEqual({
      'source': ['lambda'],
      'detail-type': ['Lambda Function Invocation Result - Success'],
      'detail': { requestContext: { functionArn: [{ prefix: { 'Fn::GetAtt': [fnId, 'Arn'] } }] } },
    });
    expect(rule.Properties.Targets[0].InputTransformer.InputTemplate).toContain('"stream":"access-review-reminders"');
  });

  test('exceptionReviewsIn reads only exceptions with a review date', () => {
    expect(exceptionReviewsIn(app).map((r) => r.at)).toEqual(['Workload/Bucket']);
  });

  test('adds no Soc2Ml finding', () => {
    const run = runPackOnStack((s) => {
      const t = new SecurityAlertTopic(s, 'Alerts');
      new AccessReview(s, 'AccessReview', { alertTopic: t, evidenceArchive: new EvidenceArchive(s, 'Archive', { alertTopic: t }) });
    });
    expect(run.violations.filter((v) => v.constructPaths.some((p) => p.startsWith('Test/AccessReview')))).toEqual([]);
  });
});
