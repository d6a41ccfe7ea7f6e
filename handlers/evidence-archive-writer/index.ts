/*
 * The evidence archive's one writer: drains the archive's SQS queue and writes each record to the
 * Object Lock bucket under records/stream=<stream>/date=<YYYY-MM-DD>/<id>.json, with a SHA-256
 * checksum S3 verifies (an Object Lock bucket with a default retention refuses uploads without one).
 *
 * A message is either what an archive stream's rule sends ({ stream, criteria, event }) or a bare
 * event another producer sent to the queue: a bare event whose source is "incident" or ends in
 * ".incident" goes to the incident stream, any other to a stream named after its source.
 *
 * Idempotent: the key depends only on the record (stream, event time, event id), and the put is
 * conditional (If-None-Match: *), so a retried message finds its record written and succeeds
 * without a second version. Messages that fail are reported one by one (partial batch response):
 * SQS retries them, then moves them to the dead-letter queue, whose alarm reaches the alert topic.
 */
import { createHash } from 'crypto';
import { PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { ARCHIVE_BUCKET_VARIABLE, EvidenceRecord, evidenceRecordKey, INCIDENT_STREAM, STREAM_NAME } from '../../core/evidence-records';
import { evidenceStream } from '../../core/evidence-streams';

const s3 = new S3Client({});

/** The part of an SQS message the writer reads. */
export interface SqsMessage {
  readonly messageId: string;
  readonly body: string;
  readonly attributes?: { readonly SentTimestamp?: string };
}

export interface SqsBatch {
  readonly Records: readonly SqsMessage[];
}

export interface BatchResponse {
  readonly batchItemFailures: { itemIdentifier: string }[];
}

export async function handler(batch: SqsBatch): Promise<BatchResponse> {
  const bucket = process.env[ARCHIVE_BUCKET_VARIABLE];
  if (!bucket) {
    throw new Error(`${ARCHIVE_BUCKET_VARIABLE} is not set: the function is deployed by EvidenceArchive, which sets it.`);
  }
  const failures: { itemIdentifier: string }[] = [];
  for (const message of batch.Records) {
    try {
      const outcome = await archive(bucket, message);
      console.log(JSON.stringify({ messageId: message.messageId, ...outcome }));
    } catch (e) {
      const error = e as Error;
      console.log(JSON.stringify({ messageId: message.messageId, error: error.name, message: error.message }));
      failures.push({ itemIdentifier: message.messageId });
    }
  }
  return { batchItemFailures: failures };
}

/** Build the record of a message and write it unless it is there already. */
async function archive(bucket: string, message: SqsMessage): Promise<{ key: string; written: boolean }> {
  const record = toRecord(message, new Date());
  const key = evidenceRecordKey(record.stream, record.time, record.id);
  const body = JSON.stringify(record);
  const checksum = createHash('sha256').update(body).digest('base64');
  try {
    await s3.send(new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: body,
      ContentType: 'application/json',
      ChecksumAlgorithm: 'SHA256',
      ChecksumSHA256: checksum,
      IfNoneMatch: '*',
    }));
    return { key, written: true };
  } catch (e) {
    // 412: the record is there already (a retry, or the same event delivered twice).
    if (e instanceof S3ServiceException && e.$metadata?.httpStatusCode === 412) {
      return { key, written: false };
    }
    throw e;
  }
}

/** The record a message carries; throws on a message that is not a JSON object. */
export function toRecord(message: SqsMessage, now: Date): EvidenceRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.body);
  } catch {
    throw new Error('The message body is not JSON: only EventBridge events and archive stream records are archived.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('The message body is not a JSON object: only EventBridge events and archive stream records are archived.');
  }
  const body = parsed as Record<string, unknown>;
  const wrapped = typeof body.stream === 'string' && isObject(body.event);
  const event = wrapped ? body.event as Record<string, unknown> : body;
  const stream = wrapped ? body.stream as string : streamOfBareEvent(event);
  if (!STREAM_NAME.test(stream)) {
    throw new Error(`The stream ${JSON.stringify(stream)} is not a stream name.`);
  }
  const criteria = wrapped && Array.isArray(body.criteria)
    ? body.criteria.filter((c): c is string => typeof c === 'string')
    : [...(evidenceStream(stream)?.criteria ?? [])];
  return {
    schema: 1,
    stream,
    criteria,
    id: typeof event.id === 'string' && event.id.length > 0 ? event.id : createHash('sha256').update(message.body).digest('hex'),
    time: eventTime(event, message),
    archivedAt: now.toISOString(),
    event,
  };
}

function isObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The stream of an event sent without a stream: incidents to theirs, anything else named after its source. */
function streamOfBareEvent(event: Record<string, unknown>): string {
  const source = typeof event.source === 'string' ? event.source.toLowerCase() : '';
  if (source === INCIDENT_STREAM || source.endsWith(`.${INCIDENT_STREAM}`)) {
    return INCIDENT_STREAM;
  }
  const name = source.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48).replace(/-+$/, '');
  return name.length > 0 ? name : 'unattributed';
}

/** When the event happened: its `time`, or when SQS received the message. */
function eventTime(event: Record<string, unknown>, message: SqsMessage): string {
  if (typeof event.time === 'string' && !Number.isNaN(Date.parse(event.time))) {
    return new Date(event.time).toISOString();
  }
  const sent = Number(message.attributes?.SentTimestamp);
  if (Number.isFinite(sent) && sent > 0) {
    return new Date(sent).toISOString();
  }
  throw new Error('The event has no time and the message no SentTimestamp: the record cannot be dated.');
}
