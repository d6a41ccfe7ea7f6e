import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AccessReview, EvidenceArchive, SecurityAlertTopic } from '../../index';

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
    expect(props.Targets).toHaveLength(2);
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
