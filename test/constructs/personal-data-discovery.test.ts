import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { MacieSetup, PersonalDataDiscovery, SecurityAlertTopic } from '../../index';
import { logicalId } from '../helpers/ml-scope';

describe('PersonalDataDiscovery', () => {
  const stack = new Stack(new App(), 'S');
  const alerts = new SecurityAlertTopic(stack, 'Alerts');
  const discovery = new PersonalDataDiscovery(stack, 'PersonalDataDiscovery', { alertTopic: alerts });
  const template = Template.fromStack(stack);

  test('enables Macie, publishing findings every 15 minutes, and keeps it when the stack is deleted', () => {
    template.hasResource('AWS::Macie::Session', {
      Properties: { Status: 'ENABLED', FindingPublishingFrequency: 'FIFTEEN_MINUTES' },
      DeletionPolicy: 'Retain',
    });
  });

  test('scopes one job to buckets tagged PersonalData=true, and one to restricted buckets not already covered', () => {
    template.resourceCountIs('Custom::MacieClassificationJob', 2);
    template.hasResourceProperties('Custom::MacieClassificationJob', {
      ServiceToken: { 'Fn::GetAtt': [logicalId(stack, discovery.function), 'Arn'] },
      IncludeTag: { Key: 'PersonalData', Value: 'true' },
      ExcludeTag: Match.absent(),
    });
    template.hasResourceProperties('Custom::MacieClassificationJob', {
      IncludeTag: { Key: 'DataClassification', Value: 'restricted' },
      ExcludeTag: { Key: 'PersonalData', Value: 'true' },
    });
    // The jobs name no bucket: buckets are chosen by tag each time a job runs.
    expect(JSON.stringify(template.findResources('Custom::MacieClassificationJob'))).not.toMatch(/Bucket/);
  });

  test('creates the jobs once Macie is enabled and the function can log and answer', () => {
    for (const job of Object.values(template.findResources('Custom::MacieClassificationJob'))) {
      expect(job.DependsOn).toEqual(expect.arrayContaining([stack.resolve(discovery.session!.logicalId), expect.stringMatching(/^PersonalDataDiscoveryPolicy/), expect.stringMatching(/^PersonalDataDiscoveryLogGroup/)]));
    }
  });

  test('the job function may only create, describe and cancel classification jobs, in a customer-managed policy', () => {
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Sid: 'ManageClassificationJobs',
          Effect: 'Allow',
          Action: ['macie2:CreateClassificationJob', 'macie2:DescribeClassificationJob', 'macie2:UpdateClassificationJob'],
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':macie2:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':classification-job/*']] },
        }]),
      },
    });
    const actions = Object.values(template.findResources('AWS::IAM::ManagedPolicy'))
      .flatMap((p) => (p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((st) => [st.Action].flat()));
    expect(actions.filter((a) => a.startsWith('macie2:') || a.startsWith('s3:'))).toEqual(['macie2:CreateClassificationJob', 'macie2:DescribeClassificationJob', 'macie2:UpdateClassificationJob']);
  });

  test('the job function is hardened: current runtime, its own encrypted log group, a dead-letter queue, reserved concurrency', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      ReservedConcurrentExecutions: 1,
      DeadLetterConfig: { TargetArn: Match.anyValue() },
      LoggingConfig: Match.objectLike({ LogGroup: Match.anyValue() }),
      VpcConfig: Match.absent(),
    });
    template.hasResource('AWS::Logs::LogGroup', { Properties: { KmsKeyId: Match.anyValue(), RetentionInDays: 365 }, DeletionPolicy: 'Retain' });
  });

  test('acknowledges the Lambda-in-VPC rules on the function only, with the reason: the baseline has no VPC', () => {
    const acks = discovery.function.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules').map((m) => m.data as Record<string, string>);
    const ids = acks.flatMap((a) => Object.keys(a)).sort();
    expect(ids).toEqual(['HIPAA.Security::HIPAA.Security-LambdaInsideVPC', 'NIST.800.53.R5::NIST.800.53.R5-LambdaInsideVPC', 'PCI.DSS.321::PCI.DSS.321-LambdaInsideVPC']);
    expect(Object.values(acks[0])[0]).toMatch(/account baseline, which has no VPC/);
  });

  test('sends every Macie finding to the alert topic, written for a person', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': ['aws.macie'], 'detail-type': ['Macie Finding'] },
      Targets: [Match.objectLike({ Arn: { Ref: logicalId(stack, alerts.topic) }, InputTransformer: Match.objectLike({ InputTemplate: Match.stringLikeRegexp('Amazon Macie') }) })],
    });
  });

  test('adopts the Macie that is enabled: no session, the jobs and the findings rule all the same', () => {
    const s = new Stack(new App(), 'S');
    const adopted = new PersonalDataDiscovery(s, 'Discovery', { alertTopic: new SecurityAlertTopic(s, 'Alerts'), macie: MacieSetup.EXISTING });
    const t = Template.fromStack(s);
    t.resourceCountIs('AWS::Macie::Session', 0);
    t.resourceCountIs('Custom::MacieClassificationJob', 2);
    t.resourceCountIs('AWS::Events::Rule', 1);
    expect(adopted.session).toBeUndefined();
  });

  test('requires the alert topic', () => {
    expect(() => new PersonalDataDiscovery(new Stack(), 'D', {} as never)).toThrow(/alertTopic is required/);
  });
});
