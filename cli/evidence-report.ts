/*
 * `cdk-soc2-ml evidence report --from <day> --to <day> (--bucket <name> | --dir <path>)`: read the
 * evidence archive (from its bucket with the AWS SDK's default credentials, or from a downloaded
 * copy, offline) and write the period report as JSON and HTML.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { EVIDENCE_RECORDS_PREFIX, EvidenceRecord, parseEvidenceRecordKey } from '../core/evidence-records';
import { CliClients, CliOutput, ExitCode } from './io';
import { ArchivedRecord, buildPeriodReport, checkPeriod, Period, PeriodReport } from './period-report';
import { renderPeriodReportHtml } from './period-report-html';

export const EVIDENCE_REPORT_USAGE = `  cdk-soc2-ml evidence report --from <YYYY-MM-DD> --to <YYYY-MM-DD> (--bucket <archive bucket> [--region <region>] | --dir <copy>) [--out <dir>]
      Read the evidence archive for the period (both days included, UTC) and write
      period-report.json and period-report.html into --out (default ./soc2ml-period-report): per
      criterion the records that evidence it, per control its non-compliant windows, model and
      pipeline approvals with their approver, deployments, incidents, restore jobs, access-review
      findings, and gaps (days without a record from a stream that should have one every day).
      --dir reads a downloaded copy (aws s3 sync s3://<bucket>/records <copy>/records), offline.
`;

/** Where the report goes by default. */
export const DEFAULT_REPORT_OUT = 'soc2ml-period-report';

/** The stream whose history before the period decides which controls were already non-compliant. */
const HISTORY_STREAM = 'config-compliance';

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  bucket: { type: 'string' },
  dir: { type: 'string' },
  region: { type: 'string' },
  out: { type: 'string' },
} as const;

/** Run `evidence` with the arguments after it; resolves to the exit code. */
export async function runEvidence(argv: string[], makeClients: (region?: string) => CliClients, io: CliOutput): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'report') {
    io.err(`Unknown evidence command ${JSON.stringify(sub)}: the command is "evidence report".\n\nUsage:\n${EVIDENCE_REPORT_USAGE}`);
    return ExitCode.USAGE;
  }
  let values: { from?: string; to?: string; bucket?: string; dir?: string; region?: string; out?: string };
  try {
    ({ values } = parseArgs({ args: rest, options: OPTIONS, strict: true }));
    checkPeriod({ from: values.from!, to: values.to! });
    if ((values.bucket === undefined) === (values.dir === undefined)) {
      throw new Error('pass either --bucket (the archive bucket, read with your AWS credentials) or --dir (a downloaded copy), not both or neither.');
    }
  } catch (e) {
    io.err(`${(e as Error).message}\n\nUsage:\n${EVIDENCE_REPORT_USAGE}`);
    return ExitCode.USAGE;
  }
  const period: Period = { from: values.from!, to: values.to! };
  try {
    const records = values.dir !== undefined
      ? readArchiveDirectory(values.dir, period)
      : await readArchiveBucket(makeClients(values.region).s3, values.bucket!, period);
    const source = values.dir !== undefined ? `directory ${values.dir}` : `s3://${values.bucket}`;
    const report = buildPeriodReport(period, source, records);
    const out = values.out ?? DEFAULT_REPORT_OUT;
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'period-report.json'), `${JSON.stringify(report, null, 2)}\n`);
    fs.writeFileSync(path.join(out, 'period-report.html'), renderPeriodReportHtml(report));
    io.out(summaryLine(report, out));
    return ExitCode.OK;
  } catch (e) {
    const error = e as Error;
    io.err(`evidence report failed: ${error.name}: ${error.message}\n`);
    return ExitCode.FAILED;
  }
}

function summaryLine(report: PeriodReport, out: string): string {
  const unattributed = report.modelApprovals.filter((a) => a.approver === undefined).length;
  return `Period ${report.period.from} to ${report.period.to}: ${report.records} records from ${report.streams.filter((s) => s.records > 0).length} streams; `
    + `${report.nonCompliance.length} non-compliant windows; ${report.modelApprovals.length} model approval changes (${unattributed} without an approver in the archive); `
    + `${report.gaps.length} gaps. Written to ${path.join(out, 'period-report.html')} and period-report.json.\n`;
}

/** Whether a record key's day is wanted: in the period, or before it for Config's history. */
function wanted(key: string, period: Period): boolean {
  const parsed = parseEvidenceRecordKey(key);
  return parsed !== undefined && parsed.date <= period.to && (parsed.date >= period.from || parsed.stream === HISTORY_STREAM);
}

/** The records of a downloaded copy: `<dir>/records/stream=…/date=…/<id>.json`. */
export function readArchiveDirectory(dir: string, period: Period): ArchivedRecord[] {
  const root = path.join(dir, EVIDENCE_RECORDS_PREFIX);
  if (!fs.existsSync(root)) {
    throw new Error(`${dir} has no ${EVIDENCE_RECORDS_PREFIX} folder: download the archive with "aws s3 sync s3://<archive bucket>/records ${path.join(dir, 'records')}".`);
  }
  const records: ArchivedRecord[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      const key = path.relative(dir, full).split(path.sep).join('/');
      if (wanted(key, period)) {
        records.push({ key, record: parseRecord(fs.readFileSync(full, 'utf-8'), key) });
      }
    }
  };
  walk(root);
  return records;
}

/** The records of the archive bucket: each stream listed from the period's first day (all of Config's history). */
export async function readArchiveBucket(s3: S3Client, bucket: string, period: Period): Promise<ArchivedRecord[]> {
  const streams = await listKeys(s3, bucket, EVIDENCE_RECORDS_PREFIX, '/');
  const keys: string[] = [];
  for (const prefix of streams) {
    const startAfter = prefix === `${EVIDENCE_RECORDS_PREFIX}stream=${HISTORY_STREAM}/` ? undefined : `${prefix}date=${period.from}`;
    for (const key of await listKeys(s3, bucket, prefix, undefined, startAfter, `${prefix}date=${period.to}/~`)) {
      if (wanted(key, period)) {
        keys.push(key);
      }
    }
  }
  const records: ArchivedRecord[] = [];
  // A few reads at a time: enough to be quick, few enough for S3's per-prefix limits.
  for (let i = 0; i < keys.length; i += 16) {
    records.push(...await Promise.all(keys.slice(i, i + 16).map(async (key) => {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return { key, record: parseRecord(await object.Body!.transformToString(), key) };
    })));
  }
  return records;
}

/** Every key (or, with a delimiter, every common prefix) under a prefix; stops past `stopAfter`. */
async function listKeys(s3: S3Client, bucket: string, prefix: string, delimiter?: string, startAfter?: string, stopAfter?: string): Promise<string[]> {
  const found: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: delimiter, StartAfter: token ? undefined : startAfter, ContinuationToken: token }));
    const names = delimiter ? (page.CommonPrefixes ?? []).map((p) => p.Prefix!) : (page.Contents ?? []).map((o) => o.Key!);
    found.push(...names.filter((n) => stopAfter === undefined || n <= stopAfter));
    if (stopAfter !== undefined && names.some((n) => n > stopAfter)) {
      break;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return found;
}

function parseRecord(text: string, key: string): EvidenceRecord {
  try {
    const record = JSON.parse(text) as EvidenceRecord;
    if (record.schema !== 1 || typeof record.stream !== 'string' || typeof record.time !== 'string') {
      throw new Error('not a record');
    }
    return record;
  } catch {
    throw new Error(`${key} is not an evidence record (schema 1): the archive holds only what its writer stored under ${EVIDENCE_RECORDS_PREFIX}.`);
  }
}
