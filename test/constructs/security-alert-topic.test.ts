import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SecurityAlertTopic, SecurityAlertTopicProps } from '../../index';
import { runPackOnStack } from '../pack/helpers';

function build(props: SecurityAlertTopicProps = {}) {
  const stack = new Stack(new App(), 'S');
  const alerts = new SecurityAlertTopic(stack, 'Alerts', props);
  return { stack, alerts };
}

describe('SecurityAlertTopic', () => {
  const { stack, alerts } = build({ emailAddresses: ['security@example.com'], httpsEndpoints: ['https://hooks.example.com/alerts'], environmentName: 'prod' });
  // Wire the things that publish, the way later constructs do.
  const alarm = new cloudwatch.Alarm(stack, 'Alarm', { metric: new cloudwatch.Metric({ namespace: 'X', metricName: 'Y' }), threshold: 1, evaluationPeriods: 1 });
  alarm.addAlarmAction(new actions.SnsAction(alerts.topic));
  new events.Rule(stack, 'Rule', { eventPattern: { source: ['aws.sagemaker'] }, targets: [alerts.eventTarget(events.RuleTargetInput.fromText('SageMaker event'))] });
  const publisher = new iam.Role(stack, 'Publisher', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  alerts.grantPublish(publisher);
  const template = Template.fromStack(stack);
  const topicPolicy = () => Object.values(template.findResources('AWS::SNS::TopicPolicy'))[0].Properties.PolicyDocument.Statement as Record<string, unknown>[];

  test('is encrypted with a new customer-managed alerts key', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AlertsKey'), 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/soc2ml/prod/alerts' });
  });

  test('denies publishing without TLS', () => {
    expect(topicPolicy()).toContainEqual(expect.objectContaining({
      Effect: 'Deny', Action: 'sns:Publish', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }));
  });

  test('lets only this account\'s alarms, rules and notification rules publish, each narrowed', () => {
    const allows = topicPolicy().filter((s) => s.Effect === 'Allow');
    const services = allows.map((s) => (s.Principal as { Service: string }).Service).sort();
    expect(services).toEqual(['cloudwatch.amazonaws.com', 'codestar-notifications.amazonaws.com', 'events.amazonaws.com']);
    for (const s of allows) {
      expect(s.Condition).toMatchObject({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } });
    }
    expect(allows.find((s) => (s.Principal as { Service: string }).Service === 'events.amazonaws.com')?.Condition)
      .toMatchObject({ ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':rule/*']] } } });
  });

  test('the EventBridge target adds no unconditioned statement', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      Targets: [{ Arn: { Ref: Match.stringLikeRegexp('^AlertsTopic') }, Id: 'Target0', Input: '"SageMaker event"' }],
    });
    expect(topicPolicy()).toHaveLength(4);
    const keyPolicy = Object.values(template.findResources('AWS::KMS::Key'))[0].Properties.KeyPolicy.Statement as Record<string, unknown>[];
    for (const s of keyPolicy.filter((x) => x.Effect === 'Allow' && (x.Principal as { Service?: string }).Service)) {
      expect(s.Condition).toBeDefined();
    }
  });

  test('alarms publish to it', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: Match.stringLikeRegexp('^AlertsTopic') }] });
  });

  test('grantPublish gives an identity sns:Publish and the key', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'sns:Publish', Resource: { Ref: Match.stringLikeRegexp('^AlertsTopic') } }),
          Match.objectLike({ Action: Match.arrayWith(['kms:GenerateDataKey*']) }),
        ]),
      },
    });
  });

  test('subscribes the email addresses and HTTPS endpoints it is given', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'security@example.com' });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'https', Endpoint: 'https://hooks.example.com/alerts' });
  });

  test('uses a key from the same app and adds the service statements to it', () => {
    const stack2 = new Stack(new App(), 'S2');
    const key = new kms.Key(stack2, 'TheirKey', { enableKeyRotation: true });
    new SecurityAlertTopic(stack2, 'Alerts', { encryptionKey: key });
    const t = Template.fromStack(stack2);
    t.resourceCountIs('AWS::KMS::Key', 1);
    t.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' } })]) },
    });
  });

  test('warns that an imported key must already admit the publishers', () => {
    const stack2 = new Stack(new App(), 'S2');
    const key = kms.Key.fromKeyArn(stack2, 'Imported', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    new SecurityAlertTopic(stack2, 'Alerts', { encryptionKey: key });
    Annotations.fromStack(stack2).hasWarning('/S2/Alerts', Match.stringLikeRegexp('encryptionKey is imported'));
    Template.fromStack(stack2).hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: key.keyArn });
  });
});

describe('SecurityAlertTopic rejects bad input', () => {
  test('an alert email that is not an address', () => {
    expect(() => build({ emailAddresses: ['ops@example.com', 'not-an-email'] }))
      .toThrow(/emailAddresses\[1\] is "not-an-email", which is not an email address/);
  });

  test('an HTTP (not HTTPS) endpoint', () => {
    expect(() => build({ httpsEndpoints: ['http://hooks.example.com'] })).toThrow(/httpsEndpoints\[0\] is "http:\/\/hooks.example.com": pass an https:\/\/ URL/);
  });
});


describe('SecurityAlertTopic Slack channels', () => {
  test('each channel is an AWS Chatbot configuration on the topic, with a role that may call no AWS API', () => {
    const { stack, alerts } = build({ slackChannels: [{ workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' }] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
      SlackWorkspaceId: 'T0123ABCD',
      SlackChannelId: 'C0123ABCD',
      SnsTopicArns: [{ Ref: stack.getLogicalId(alerts.topic.node.defaultChild as never) }],
    });
    template.hasResourceProperties('AWS::IAM::Role', { AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'chatbot.amazonaws.com' } })] }, ManagedPolicyArns: Match.absent(), Policies: Match.absent() });
  });

  test('refuses an id that is not a Slack id, naming the field', () => {
    expect(() => build({ slackChannels: [{ workspaceId: 'my workspace', channelId: 'C0123ABCD' }] })).toThrow(/slackChannels\[0\]\.workspaceId is "my workspace"/);
  });
});

describe('SecurityAlertTopic forwarding to an existing topic', () => {
  const central = 'arn:aws:sns:eu-west-1:111111111111:central-security-alerts';
  const stack = new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
  const alerts = new SecurityAlertTopic(stack, 'Alerts', { forwardTo: [sns.Topic.fromTopicArn(stack, 'Central', central)] });
  const template = Template.fromStack(stack);
  const id = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);
  const queue = () => Object.entries(template.findResources('AWS::SQS::Queue', { Properties: { RedrivePolicy: Match.anyValue() } }))[0];

  test('a KMS-encrypted queue subscribed to the topic with raw delivery, its failures in a dead-letter queue', () => {
    const [queueId, q] = queue();
    expect(q.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [id(alerts.encryptionKey as kms.Key), 'Arn'] });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs', RawMessageDelivery: true, TopicArn: { Ref: id(alerts.topic) }, Endpoint: { 'Fn::GetAtt': [queueId, 'Arn'] },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmDescription: Match.stringLikeRegexp(`could not be forwarded to ${central}`), AlarmActions: [{ Ref: id(alerts.topic) }] });
  });

  test('SNS may encrypt for the queue with the topic\'s own key, narrowed to topics of this account without naming the topic (which the key encrypts)', () => {
    const [key] = Object.values(template.findResources('AWS::KMS::Key'));
    const statement = key.Properties.KeyPolicy.Statement.find((s: { Sid?: string }) => s.Sid === 'AllowTopicsOfThisAccountToEncryptForQueues');
    expect(statement).toMatchObject({ Principal: { Service: 'sns.amazonaws.com' }, Action: ['kms:GenerateDataKey*', 'kms:Decrypt'] });
    expect(JSON.stringify(statement)).not.toContain(id(alerts.topic));
    expect(JSON.stringify(statement.Condition)).toContain(':sns:');
  });

  test('an EventBridge pipe publishes each message\'s body to the destination, with a role that may do only that', () => {
    const [queueId] = queue();
    template.hasResourceProperties('AWS::Pipes::Pipe', {
      Source: { 'Fn::GetAtt': [queueId, 'Arn'] },
      Target: central,
      TargetParameters: { InputTemplate: '<$.body>' },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'pipes.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } })] },
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([
        Match.objectLike({ Sid: 'PublishAlerts', Action: 'sns:Publish', Resource: central }),
        Match.objectLike({ Sid: 'EncryptForwardedAlerts', Condition: { StringEquals: { 'kms:ViaService': 'sns.eu-west-1.amazonaws.com' } } }),
      ]) },
    });
  });

  test('refuses a destination that is not a standard topic ARN', () => {
    expect(() => build({ forwardTo: [{ topicArn: 'arn:aws:sqs:eu-west-1:111111111111:q' }] })).toThrow(/forwardTo\[0\] is "arn:aws:sqs:.*not an SNS topic ARN/);
  });

  test('adds no Soc2Ml finding', () => {
    const run = runPackOnStack((s) => new SecurityAlertTopic(s, 'Alerts', { forwardTo: [{ topicArn: central }] }));
    expect(run.violations.filter((v) => v.constructPaths.some((p) => p.startsWith('Test/Alerts')))).toEqual([]);
  });
});
