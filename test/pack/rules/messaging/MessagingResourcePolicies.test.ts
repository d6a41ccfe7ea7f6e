import { Aws, CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { PackRun, runPackOnStack } from '../../helpers';

/*
 * Who may use a queue or topic (SqsQueuePolicyNotPublic, SnsTopicPolicyNotPublic), and how SNS
 * delivers to HTTP endpoints (SnsSubscriptionNoPlainHttp). Each queue or topic is the hardened one
 * with one statement added or changed, so each pair differs only in the principal or condition.
 */

const SQS = 'SqsQueuePolicyNotPublic';
const SNS = 'SnsTopicPolicyNotPublic';
const HTTP = 'SnsSubscriptionNoPlainHttp';

const SEND = ['sqs:SendMessage'];
const statement = (principal: iam.IPrincipal, conditions?: Record<string, unknown>) =>
  new iam.PolicyStatement({ principals: [principal], actions: SEND, resources: ['*'], conditions });
const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const allow = (principal: unknown, condition?: object) => ({ Effect: 'Allow', Principal: principal, Action: SEND, Resource: '*', ...(condition ? { Condition: condition } : {}) });

describe('messaging resource policies and subscriptions', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });
      const queue = (id: string, ...statements: iam.PolicyStatement[]) => {
        const q = new sqs.Queue(stack, id, { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true });
        statements.forEach((s) => q.addToResourcePolicy(s));
        return q;
      };
      const queuePolicy = (q: sqs.Queue) => q.node.findChild('Policy').node.defaultChild as sqs.CfnQueuePolicy;
      const sourceArn = { ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:sns:${Aws.REGION}:${Aws.ACCOUNT_ID}:*` } };

      // SQS: the L2 queue with enforceSSL (a Deny to *), and one statement each.
      queue('HardenedQueue', statement(new iam.ServicePrincipal('sns.amazonaws.com'), sourceArn));
      queue('AnyoneQueue', statement(new iam.AnyPrincipal()));
      queue('AnyoneFromSourceQueue', statement(new iam.AnyPrincipal(), sourceArn));
      queue('AnyoneOfAccountQueue', statement(new iam.AnyPrincipal(), { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } }));
      queue('AnyoneOfWildcardAccountQueue', statement(new iam.AnyPrincipal(), { StringEquals: { 'aws:SourceAccount': '*' } }));
      queue('AnyoneOfOtherAccountsQueue', statement(new iam.AnyPrincipal(), { StringNotEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } }));
      queue('AnyoneIfExistsQueue', statement(new iam.AnyPrincipal(), { StringEqualsIfExists: { 'aws:SourceAccount': Aws.ACCOUNT_ID } }));
      queue('OrganizationQueue', statement(new iam.OrganizationPrincipal('o-a1b2c3d4e5')));
      queue('AccountQueue', statement(new iam.AccountPrincipal('111111111111')));
      queue('ServiceWithoutSourceQueue', statement(new iam.ServicePrincipal('events.amazonaws.com')));
      queue('WildcardArnQueue', statement(new iam.ArnPrincipal('arn:aws:iam::*:root')));
      queuePolicy(queue('OverriddenQueue', statement(new iam.AccountPrincipal('111111111111'))))
        .addPropertyOverride('PolicyDocument.Statement.1.Principal', { AWS: ['*'] });
      queuePolicy(queue('ConditionRemovedQueue', statement(new iam.AnyPrincipal(), sourceArn)))
        .addPropertyDeletionOverride('PolicyDocument.Statement.1.Condition');
      const conditional = queue('ConditionalQueue');
      queuePolicy(conditional).addPropertyOverride('PolicyDocument', Fn.conditionIf(useFeature.logicalId, queuePolicy(conditional).policyDocument, doc(allow('*'))));
      queuePolicy(queue('ImportedQueue')).addPropertyOverride('PolicyDocument', Fn.importValue('SharedPolicy'));
      const accountParameter = new CfnParameter(stack, 'TrustedAccount', { type: 'String' });
      const l1 = new sqs.CfnQueue(stack, 'L1Queue', { kmsMasterKeyId: key.keyArn });
      new sqs.CfnQueuePolicy(stack, 'L1StarPolicy', { queues: [l1.ref], policyDocument: doc(allow('*')) });
      new sqs.CfnQueuePolicy(stack, 'L1NotPrincipalPolicy', { queues: [l1.ref], policyDocument: doc({ Effect: 'Allow', NotPrincipal: { AWS: '111111111111' }, Action: SEND, Resource: '*' }) });
      new sqs.CfnQueuePolicy(stack, 'L1ParameterAccountPolicy', { queues: [l1.ref], policyDocument: doc(allow({ AWS: accountParameter.valueAsString })) });
      new sqs.CfnQueuePolicy(stack, 'L1PrincipalIfPolicy', { queues: [l1.ref], policyDocument: doc(allow(Fn.conditionIf(useFeature.logicalId, '*', { AWS: '111111111111' }))) });
      // CloudFormation also takes the document as a JSON string (CDK's props do not: an override).
      new sqs.CfnQueuePolicy(stack, 'L1StringPolicy', { queues: [l1.ref], policyDocument: {} })
        .addPropertyOverride('PolicyDocument', JSON.stringify(doc(allow({ AWS: '*' }))));
      new sqs.CfnQueuePolicy(stack, 'L1JoinedPolicy', { queues: [l1.ref], policyDocument: {} })
        .addPropertyOverride('PolicyDocument', Stack.of(stack).toJsonString(doc(allow({ AWS: `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:root` }))));
      new sqs.CfnQueueInlinePolicy(stack, 'L1InlineStar', { queue: l1.ref, policyDocument: doc(allow({ AWS: '*' })) });
      new sqs.CfnQueueInlinePolicy(stack, 'L1InlineOrganization', { queue: l1.ref, policyDocument: doc(allow({ AWS: '*' }, { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })) });

      // SNS
      const topic = (id: string, principal: iam.IPrincipal, conditions?: Record<string, unknown>) => {
        const t = new sns.Topic(stack, id, { masterKey: key, enforceSSL: true });
        t.addToResourcePolicy(new iam.PolicyStatement({ principals: [principal], actions: ['sns:Publish'], resources: [t.topicArn], conditions }));
        return t;
      };
      const alarms = { ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*` }, StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } };
      topic('HardenedTopic', new iam.ServicePrincipal('cloudwatch.amazonaws.com'), alarms);
      topic('AnyoneTopic', new iam.AnyPrincipal());
      topic('AnyoneFromAlarmsTopic', new iam.AnyPrincipal(), alarms);
      (topic('OverriddenTopic', new iam.AnyPrincipal(), alarms).node.findChild('Policy').node.defaultChild as sns.CfnTopicPolicy)
        .addPropertyDeletionOverride('PolicyDocument.Statement.1.Condition');
      const l1Topic = new sns.CfnTopic(stack, 'L1Topic', { kmsMasterKeyId: key.keyArn });
      new sns.CfnTopicPolicy(stack, 'L1TopicStar', { topics: [l1Topic.ref], policyDocument: doc(allow('*')) });
      new sns.CfnTopicInlinePolicy(stack, 'L1TopicInlineStar', { topicArn: l1Topic.ref, policyDocument: doc(allow({ AWS: '*' })) });
      new sns.CfnTopicInlinePolicy(stack, 'L1TopicInlineAccount', { topicArn: l1Topic.ref, policyDocument: doc(allow({ AWS: '111111111111' })) });

      // Subscriptions
      const alerts = new sns.Topic(stack, 'Alerts', { masterKey: key, enforceSSL: true });
      new sns.Subscription(stack, 'HttpsUrl', { topic: alerts, endpoint: 'https://hooks.example.com/alerts', protocol: sns.SubscriptionProtocol.HTTPS });
      new sns.Subscription(stack, 'HttpUrl', { topic: alerts, endpoint: 'http://hooks.example.com/alerts', protocol: sns.SubscriptionProtocol.HTTP });
      alerts.addSubscription(new subscriptions.UrlSubscription('http://hooks.example.com/inferred'));
      (new sns.Subscription(stack, 'HttpOverride', { topic: alerts, endpoint: 'https://hooks.example.com/alerts', protocol: sns.SubscriptionProtocol.HTTPS }).node.defaultChild as sns.CfnSubscription)
        .addPropertyOverride('Protocol', 'HTTP');
      new sns.Subscription(stack, 'QueueSubscription', { topic: alerts, endpoint: l1.attrArn, protocol: sns.SubscriptionProtocol.SQS });
      const httpsOnly = new CfnParameter(stack, 'HttpsOnly', { type: 'String', allowedValues: ['https'] });
      const eitherProtocol = new CfnParameter(stack, 'EitherProtocol', { type: 'String', allowedValues: ['https', 'http'] });
      const anyProtocol = new CfnParameter(stack, 'AnyProtocol', { type: 'String' });
      const cfnSubscription = (id: string, protocol: string) => new sns.CfnSubscription(stack, id, { topicArn: alerts.topicArn, endpoint: 'https://hooks.example.com/x', protocol });
      cfnSubscription('L1Https', 'https');
      cfnSubscription('L1Http', 'http');
      cfnSubscription('ParameterHttpsOnly', httpsOnly.valueAsString);
      cfnSubscription('ParameterEither', eitherProtocol.valueAsString);
      cfnSubscription('ParameterAny', anyProtocol.valueAsString);
      cfnSubscription('ConditionalProtocol', Fn.conditionIf(useFeature.logicalId, 'https', 'http').toString());
    });
  });

  const policyOf = (id: string) => `Test/${id}/Policy/Resource`;

  describe(SQS, () => {
    test('passes the hardened queue: a Deny to * (enforceSSL) and a service principal narrowed by aws:SourceArn', () => {
      expect(run.verdict(policyOf('HardenedQueue'), SQS)).toBe('passed');
    });
    test('fails an Allow to AnyPrincipal, and passes it narrowed by aws:SourceArn, aws:SourceAccount or an organization', () => {
      expect(run.verdict(policyOf('AnyoneQueue'), SQS)).toBe('failed');
      expect(run.detail(policyOf('AnyoneQueue'), SQS)).toMatch(/statement 1 allows any principal/);
      expect(run.verdict(policyOf('AnyoneFromSourceQueue'), SQS)).toBe('passed');
      expect(run.verdict(policyOf('AnyoneOfAccountQueue'), SQS)).toBe('passed');
      expect(run.verdict(policyOf('OrganizationQueue'), SQS)).toBe('passed');
    });
    test('fails conditions that do not narrow: a wildcard value, a negation, IfExists', () => {
      expect(run.verdict(policyOf('AnyoneOfWildcardAccountQueue'), SQS)).toBe('failed');
      expect(run.verdict(policyOf('AnyoneOfOtherAccountsQueue'), SQS)).toBe('failed');
      expect(run.verdict(policyOf('AnyoneIfExistsQueue'), SQS)).toBe('failed');
    });
    test('passes named accounts and service principals, also a principal from a parameter (an account)', () => {
      expect(run.verdict(policyOf('AccountQueue'), SQS)).toBe('passed');
      expect(run.verdict(policyOf('ServiceWithoutSourceQueue'), SQS)).toBe('passed');
      expect(run.verdict('Test/L1ParameterAccountPolicy', SQS)).toBe('passed');
    });
    test('fails * in every spelling: a wildcard ARN, {AWS: ["*"]} by override, a bare "*", NotPrincipal, a JSON string', () => {
      expect(run.verdict(policyOf('WildcardArnQueue'), SQS)).toBe('failed');
      expect(run.verdict(policyOf('OverriddenQueue'), SQS)).toBe('failed');
      expect(run.verdict(policyOf('ConditionRemovedQueue'), SQS)).toBe('failed');
      expect(run.verdict('Test/L1StarPolicy', SQS)).toBe('failed');
      expect(run.verdict('Test/L1NotPrincipalPolicy', SQS)).toBe('failed');
      expect(run.verdict('Test/L1StringPolicy', SQS)).toBe('failed');
    });
    test('reads a document joined from tokens, and fails a branch of Fn::If that is public', () => {
      expect(run.verdict('Test/L1JoinedPolicy', SQS)).toBe('passed');
      expect(run.verdict('Test/L1PrincipalIfPolicy', SQS)).toBe('failed');
      expect(run.verdict(policyOf('ConditionalQueue'), SQS)).toBe('failed');
    });
    test('fails closed on a document it cannot read', () => {
      expect(run.verdict(policyOf('ImportedQueue'), SQS)).toBe('failed');
      expect(run.detail(policyOf('ImportedQueue'), SQS)).toMatch(/not a literal document/);
    });
    test('reads AWS::SQS::QueueInlinePolicy too', () => {
      expect(run.verdict('Test/L1InlineStar', SQS)).toBe('failed');
      expect(run.verdict('Test/L1InlineOrganization', SQS)).toBe('passed');
    });
  });

  describe(SNS, () => {
    test('passes a service principal narrowed to this account\'s alarms, and * narrowed the same way', () => {
      expect(run.verdict(policyOf('HardenedTopic'), SNS)).toBe('passed');
      expect(run.verdict(policyOf('AnyoneFromAlarmsTopic'), SNS)).toBe('passed');
    });
    test('fails AnyPrincipal, the same with its condition removed by override, and an L1 "*"', () => {
      expect(run.verdict(policyOf('AnyoneTopic'), SNS)).toBe('failed');
      expect(run.verdict(policyOf('OverriddenTopic'), SNS)).toBe('failed');
      expect(run.verdict('Test/L1TopicStar', SNS)).toBe('failed');
    });
    test('reads AWS::SNS::TopicInlinePolicy too', () => {
      expect(run.verdict('Test/L1TopicInlineStar', SNS)).toBe('failed');
      expect(run.verdict('Test/L1TopicInlineAccount', SNS)).toBe('passed');
    });
  });

  describe(HTTP, () => {
    test('fails http and passes https, on the L2 Subscription and the L1', () => {
      expect(run.verdict('Test/HttpsUrl/Resource', HTTP)).toBe('passed');
      expect(run.verdict('Test/HttpUrl/Resource', HTTP)).toBe('failed');
      expect(run.detail('Test/HttpUrl/Resource', HTTP)).toMatch(/plain HTTP/);
      expect(run.verdict('Test/L1Https', HTTP)).toBe('passed');
      expect(run.verdict('Test/L1Http', HTTP)).toBe('failed');
    });
    test('fails an http:// UrlSubscription (protocol inferred) and an override to HTTP', () => {
      const inferred = run.verdicts.find((v) => v.type === 'AWS::SNS::Subscription' && v.constructPath.includes('inferred'));
      expect(inferred?.failed.map((f) => f.rule)).toContain(HTTP);
      expect(run.verdict('Test/HttpOverride/Resource', HTTP)).toBe('failed');
    });
    test('is not applicable to other protocols', () => {
      expect(run.verdict('Test/QueueSubscription/Resource', HTTP)).toBe('not-applicable');
    });
    test('counts a parameter by its allowed values, fails closed without them, and fails an http branch', () => {
      expect(run.verdict('Test/ParameterHttpsOnly', HTTP)).toBe('passed');
      expect(run.verdict('Test/ParameterEither', HTTP)).toBe('failed');
      expect(run.verdict('Test/ParameterAny', HTTP)).toBe('failed');
      expect(run.detail('Test/ParameterAny', HTTP)).toMatch(/cannot be known at synth/);
      expect(run.verdict('Test/ConditionalProtocol', HTTP)).toBe('failed');
    });
  });
});
