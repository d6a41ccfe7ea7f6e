/*
 * The layout of the evidence archive, one definition shared by the construct that creates it, the
 * Lambda function that writes it and the period report that reads it:
 *
 *   records/stream=<stream>/date=<YYYY-MM-DD>/<record id>.json
 *
 * Each object is an `EvidenceRecord`: the stream it came through, the criteria that stream
 * evidences, when it was archived and the original event. The key depends only on the event (its
 * stream, its time and its id), so a retried delivery writes the same key, and the writer's
 * conditional put makes the second write a no-op.
 */

/** Where the writer puts records, under the archive bucket's root. */
export const EVIDENCE_RECORDS_PREFIX = 'records/';
import { Soc2MlError } from './errors';

/** The environment variable that names the archive bucket to its writer function. */
export const ARCHIVE_BUCKET_VARIABLE = 'ARCHIVE_BUCKET';

/** Where AWS Config's delivery bucket is replicated into the archive. */
export const CONFIG_HISTORY_PREFIX = 'config-history/';

/** Where Backup Audit Manager's report plan delivers its reports in the archive. */
export const BACKUP_REPORTS_PREFIX = 'backup-audit-reports';

/** The stream that records from an `incident` source go to, whatever rule or producer sent them. */
export const INCIDENT_STREAM = 'incident';

/** The shortest evidence retention: a 12-month audit period plus the weeks of fieldwork after it. */
export const MIN_EVIDENCE_RETENTION_DAYS = 400;

/** The default evidence retention: two years, so one period's records outlive the next period's report. */
export const DEFAULT_EVIDENCE_RETENTION_DAYS = 731;

/** One record in the archive, as the writer stores it. */
export interface EvidenceRecord {
  /** The version of this format. */
  readonly schema: 1;
  /** The stream the record came through (`config-compliance`, `incident`, ...). */
  readonly stream: string;
  /** The SOC 2 criteria the stream evidences, as the stream was declared (may be empty). */
  readonly criteria: readonly string[];
  /** The record's id: the EventBridge event id, or the SHA-256 of a message that has none. */
  readonly id: string;
  /** When the event happened (ISO 8601, UTC). */
  readonly time: string;
  /** When the writer archived it (ISO 8601, UTC). */
  readonly archivedAt: string;
  /** The original event. */
  readonly event: Record<string, unknown>;
}

/** What the key of a record says. */
export interface EvidenceRecordKey {
  readonly stream: string;
  /** `YYYY-MM-DD` (UTC). */
  readonly date: string;
  readonly id: string;
}

/** A stream name: lowercase letters, digits and single hyphens, at most 48 characters. */
export const STREAM_NAME = /^(?=.{1,48}$)[a-z0-9]+(-[a-z0-9]+)*$/;

/** Characters kept in a record id used as a key segment; anything else becomes `_`. */
const UNSAFE_ID_CHARACTERS = /[^A-Za-z0-9._-]/g;

/** The key of a record: the stream, the UTC date of its time, its id. */
export function evidenceRecordKey(stream: string, time: string, id: string): string {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) {
    throw new Soc2MlError(`The record time ${JSON.stringify(time)} is not a date.`);
  }
  return `${EVIDENCE_RECORDS_PREFIX}stream=${stream}/date=${date.toISOString().slice(0, 10)}/${id.replace(UNSAFE_ID_CHARACTERS, '_')}.json`;
}

/** Read a record key back, or undefined for a key that is not a record's (a Config snapshot, a report). */
export function parseEvidenceRecordKey(key: string): EvidenceRecordKey | undefined {
  const match = /^records\/stream=([a-z0-9-]+)\/date=(\d{4}-\d{2}-\d{2})\/([^/]+)\.json$/.exec(key);
  return match ? { stream: match[1], date: match[2], id: match[3] } : undefined;
}

/** Throw unless `name` is a valid stream name; `label` names the prop or key it came from. */
export function validateStreamName(name: string, label: string): void {
  if (typeof name !== 'string' || !STREAM_NAME.test(name)) {
    throw new Soc2MlError(`${label} is ${JSON.stringify(name)}: a stream name is 1 to 48 lowercase letters, digits and single hyphens (for example "model-approvals").`);
  }
}

/** Throw unless `days` is a whole number of at least `MIN_EVIDENCE_RETENTION_DAYS`; `label` names the prop or key. */
export function validateEvidenceRetentionDays(days: number, label: string): void {
  if (typeof days !== 'number' || !Number.isInteger(days) || days < MIN_EVIDENCE_RETENTION_DAYS) {
    throw new Soc2MlError(`${label} is ${JSON.stringify(days)}: evidence must outlive a 12-month audit period and its fieldwork, so pass a whole number of days of at least ${MIN_EVIDENCE_RETENTION_DAYS} (the default is ${DEFAULT_EVIDENCE_RETENTION_DAYS}).`);
  }
}
