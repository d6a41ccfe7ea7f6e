import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../handlers/exception-reviews';

const sns = mockClient(SNSClient);
const reviews = [
  { reviewBy: '2026-03-31', rules: ['Soc2Ml::S3BucketVersioned'], at: 'Workload/Bucket', owner: 'data-platform' },
  { reviewBy: '2026-12-31', rules: ['AwsSolutions::AwsSolutions-IAM5'], at: 'Workload/Role' },
];

beforeAll(() => {
  process.env.AWS_REGION = 'eu-west-1';
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});

// Test files share a worker's modules and environment: leave neither mocked nor set.
afterAll(() => {
  sns.restore();
  vi.restoreAllMocks();
  delete process.env.ALERT_TOPIC_ARN;
});

beforeEach(() => {
  sns.reset();
  process.env.ALERT_TOPIC_ARN = 'arn:aws:sns:eu-west-1:111111111111:alerts';
});

describe('exception review function', () => {
  test('on the day the schedule fired, alerts the reviews whose date has passed, and returns them for the archive', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    const result = await handler({ time: '2026-04-01T09:00:00Z', reviews });
    expect(result).toEqual({ day: '2026-04-01', reviewDates: 2, omitted: 0, pastDue: [reviews[0]], alerted: true });
    const [call] = sns.commandCalls(PublishCommand);
    expect(call.args[0].input.TopicArn).toBe('arn:aws:sns:eu-west-1:111111111111:alerts');
    expect(call.args[0].input.Message).toContain('review by 2026-03-31 (owner: data-platform): Soc2Ml::S3BucketVersioned at Workload/Bucket');
    expect(call.args[0].input.Message).not.toContain('2026-12-31');
  });

  test('sends nothing when no review date has passed, still returning the check', async () => {
    const result = await handler({ time: '2026-01-01T09:00:00Z', reviews });
    expect(result).toMatchObject({ day: '2026-01-01', pastDue: [], alerted: false });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  test('fails loudly on a missing topic, payload or time (the dead-letter queue\'s alarm then reaches the alert topic)', async () => {
    await expect(handler({ time: 'yesterday', reviews })).rejects.toThrow(/time is "yesterday", not a date/);
    await expect(handler({ time: '2026-04-01T09:00:00Z' } as never)).rejects.toThrow(/no reviews list/);
    delete process.env.ALERT_TOPIC_ARN;
    await expect(handler({ reviews })).rejects.toThrow(/ALERT_TOPIC_ARN is not set/);
  });
});
