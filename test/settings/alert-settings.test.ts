import { App } from 'aws-cdk-lib';
import { alertTopicDestinations, assertAlertsReachSomeone, readSlackChannels } from '../../settings/alert-settings';
import { platformSettingsFromContext } from '../../settings/platform-settings';
import { ON_CALL_CONTEXT } from '../fixtures/default-app-variants';

// Someone is on call (that check is incident routing's), so the alert destination is what is missing.
const pinnedProd = { ...ON_CALL_CONTEXT, 'soc2ml:prod:account': '444444444444', 'soc2ml:prod:region': 'eu-west-1', 'soc2ml:prod:availabilityZones': 'eu-west-1a,eu-west-1b,eu-west-1c' };
const settings = (context: Record<string, unknown>) => platformSettingsFromContext(new App({ context }));

describe('alert destinations', () => {
  test('a pinned production environment without a destination refuses to synthesize, naming the keys and the fix', () => {
    expect(() => settings(pinnedProd)).toThrow(/Environment "prod" is production and pinned to account 444444444444, but its alerts reach nobody: set soc2ml:prod:alertEmails .*soc2ml:prod:alertSlack/);
  });

  test('an address or a Slack channel, for the environment or the whole app, is a destination', () => {
    expect(settings({ ...pinnedProd, 'soc2ml:prod:alertEmails': 'oncall@example.com' }).environments[2].alertEmails).toEqual(['oncall@example.com']);
    expect(settings({ ...pinnedProd, 'soc2ml:alertEmails': 'oncall@example.com' }).environments[2].alertEmails).toEqual(['oncall@example.com']);
    const slack = settings({ ...pinnedProd, 'soc2ml:alertSlack': '{"workspaceId":"T0123ABCD","channelId":"C0123ABCD"}' });
    expect(slack.environments[2].alertSlackChannels).toEqual([{ workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' }]);
    expect(slack.alertSlackChannels).toEqual([{ workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' }]);
  });

  test('the environment-agnostic default app, and a pinned non-production environment, still synthesize without one', () => {
    expect(settings({}).environments.map((e) => e.alertEmails)).toEqual([[], [], []]);
    expect(() => assertAlertsReachSomeone('dev', false, '222222222222', { emails: [], slackChannels: [] })).not.toThrow();
  });

  test('refuses malformed Slack channels, naming the key', () => {
    expect(() => readSlackChannels('{"workspace":"T1"}', 'soc2ml:alertSlack')).toThrow(/soc2ml:alertSlack has an unknown field "workspace"/);
    expect(() => readSlackChannels([{ workspaceId: 'T1' }], 'soc2ml:prod:alertSlack')).toThrow(/soc2ml:prod:alertSlack\[0\]\.channelId is undefined/);
    expect(() => readSlackChannels('not json', 'soc2ml:alertSlack')).toThrow(/soc2ml:alertSlack is "not json", which does not parse as JSON/);
  });
});

describe('an existing SNS topic as alert destination', () => {
  const topic = 'arn:aws:sns:eu-west-1:444444444444:central-security-alerts';

  test('soc2ml:<env>:alertTopicArn or soc2ml:alertTopicArn is a destination of a pinned production environment', () => {
    expect(settings({ ...pinnedProd, 'soc2ml:prod:alertTopicArn': topic }).environments[2].alertTopicArns).toEqual([topic]);
    const app = settings({ ...pinnedProd, 'soc2ml:alertTopicArn': [topic, 'arn:aws:sns:eu-west-1:444444444444:pager'] });
    expect(app.alertTopicArns).toHaveLength(2);
    expect(app.environments[2].alertTopicArns).toEqual(app.alertTopicArns);
    expect(settings({}).environments[0].alertTopicArns).toBeUndefined();
  });

  test('the refusal names the topic key too', () => {
    expect(() => settings(pinnedProd)).toThrow(/or soc2ml:prod:alertTopicArn \(or soc2ml:alertTopicArn\) to an existing SNS topic/);
  });

  test('refuses what is not a standard topic ARN, naming the key, the value and the fix', () => {
    expect(() => settings({ 'soc2ml:dev:alertTopicArn': 'central-security-alerts' }))
      .toThrow(/soc2ml:dev:alertTopicArn is "central-security-alerts", which is not an SNS topic ARN: pass one such as "arn:aws:sns:/);
    expect(() => settings({ 'soc2ml:alertTopicArn': `${topic},arn:aws:sqs:eu-west-1:444444444444:q` })).toThrow(/soc2ml:alertTopicArn\[1\] is "arn:aws:sqs:.*not an SNS topic ARN/);
    expect(() => settings({ 'soc2ml:alertTopicArn': `${topic}.fifo` })).toThrow(/a FIFO topic: .*Pass a standard topic/);
  });

  test('refuses a topic of another region or account than the pinned environment that forwards to it', () => {
    expect(() => settings({ ...pinnedProd, 'soc2ml:prod:alertTopicArn': 'arn:aws:sns:us-east-1:444444444444:alerts' }))
      .toThrow(/soc2ml:prod:alertTopicArn is "arn:aws:sns:us-east-1:444444444444:alerts", a topic in us-east-1, but environment "prod" is in eu-west-1: .*Pass a topic in eu-west-1/);
    expect(() => settings({ ...pinnedProd, 'soc2ml:alertTopicArn': 'arn:aws:sns:eu-west-1:555555555555:alerts' }))
      .toThrow(/soc2ml:alertTopicArn is .*, a topic of account 555555555555, but environment "prod" is in account 444444444444/);
  });

  test('an alert topic\'s props forward to the topics the settings name', () => {
    expect(alertTopicDestinations({ alertEmails: ['a@example.com'], alertTopicArns: [topic] })).toEqual({ emailAddresses: ['a@example.com'], slackChannels: undefined, forwardTo: [{ topicArn: topic }] });
    expect(alertTopicDestinations({}).forwardTo).toBeUndefined();
  });
});
