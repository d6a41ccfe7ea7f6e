import { createHash } from 'crypto';
import { PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { handler, SqsMessage, toRecord } from '../../handlers/evidence-archive-writer';

const s3 = mockClient(S3Client);

const approval = {
  'version': '0',
  'id': '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'SageMaker Model Package State Change',
  'source': 'aws.sagemaker',
  'account': '111111111111',
  'time': '2026-03-04T23:59:30Z',
  'region': 'eu-west-1',
  'resources': [],
  'detail': { ModelPackageGroupName: 'prod-churn', ModelApprovalStatus: 'Approved' },
};

function message(body: unknown, messageId = 'm1', sent = '1772668800000'): SqsMessage {
  return { messageId, body: typeof body === 'string' ? body : JSON.stringify(body), attributes: { SentTimestamp: sent } };
}

function preconditionFailed(): S3ServiceException {
  return new S3ServiceException({ name: 'PreconditionFailed', $fault: 'client', $metadata: { httpStatusCode: 412 }, message: 'At least one of the pre-conditions you specified did not hold' });
}

beforeAll(() => {
  process.env.AWS_REGION = 'eu-west-1';
  process.env.ARCHIVE_BUCKET = 'archive-bucket';
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});

beforeEach(() => s3.reset());

describe('the evidence archive writer', () => {
  test('writes a stream record once, under its stream and UTC date, with a SHA-256 checksum S3 verifies', async () => {
    s3.on(PutObjectCommand).resolves({});
    const result = await handler({ Records: [message({ stream: 'model-approvals', criteria: ['CC8.1'], event: approval })] });
    expect(result.batchItemFailures).toEqual([]);
    const input = s3.commandCalls(PutObjectCommand)[0].args[0].input;
    expect(input.Bucket).toBe('archive-bucket');
    expect(input.Key).toBe('records/stream=model-approvals/date=2026-03-04/7bf73129-1428-4cd3-a780-95db273d1602.json');
    expect(input.IfNoneMatch).toBe('*');
    expect(input.ChecksumAlgorithm).toBe('SHA256');
    expect(input.ChecksumSHA256).toBe(createHash('sha256').update(input.Body as string).digest('base64'));
    const record = JSON.parse(input.Body as string);
    expect(record).toEqual(expect.objectContaining({ schema: 1, stream: 'model-approvals', criteria: ['CC8.1'], id: approval.id, time: '2026-03-04T23:59:30.000Z', event: approval }));
  });

  test('a retry of a record already written succeeds without a second write (412 from the conditional put)', async () => {
    s3.on(PutObjectCommand).rejects(preconditionFailed());
    const result = await handler({ Records: [message({ stream: 'model-approvals', criteria: ['CC8.1'], event: approval })] });
    expect(result.batchItemFailures).toEqual([]);
  });

  test('reports only the messages it could not store, for SQS to retry', async () => {
    s3.on(PutObjectCommand).callsFake(async (input: { Key: string }) => {
      if (input.Key.includes('guardduty')) {
        throw new Error('AccessDenied');
      }
      return {};
    });
    const result = await handler({ Records: [
      message({ stream: 'model-approvals', criteria: ['CC8.1'], event: approval }, 'ok'),
      message({ stream: 'guardduty-findings', criteria: ['CC7.2'], event: { ...approval, id: 'g1' } }, 'denied'),
      message('not json', 'garbage'),
    ] });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'denied' }, { itemIdentifier: 'garbage' }]);
  });

  test('an incident sent as a bare event lands in the incident stream with the incident criteria', () => {
    const record = toRecord(message({ ...approval, 'source': 'cdk-soc2-ml.incident', 'detail-type': 'Incident Opened', 'id': 'inc-1' }), new Date('2026-03-05T00:00:00Z'));
    expect(record.stream).toBe('incident');
    expect(record.criteria).toEqual(['CC7.3', 'CC7.4', 'CC7.5']);
    expect(toRecord(message({ source: 'incident', detail: {} }), new Date()).stream).toBe('incident');
  });

  test('a bare event of another source is named after its source; a message without id or time is keyed by its content and dated by SQS', () => {
    const record = toRecord(message({ source: 'aws.health', detail: { x: 1 } }), new Date());
    expect(record.stream).toBe('aws-health');
    expect(record.id).toMatch(/^[0-9a-f]{64}$/);
    expect(record.time).toBe('2026-03-05T00:00:00.000Z');
    expect(toRecord(message({ source: 'aws.health', detail: { x: 1 } }), new Date()).id).toBe(record.id);
  });

  test('refuses a wrapped record whose stream is not a partition name', () => {
    expect(() => toRecord(message({ stream: '../escape', event: approval }), new Date())).toThrow(/not a stream name/);
  });
});
