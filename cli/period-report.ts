/*
 * The period report: what the evidence archive holds for an audit period, arranged as an auditor
 * asks for it. Per criterion, the records that evidence it; per control (AWS Config rule and
 * resource), the windows in which it was non-compliant; model approvals with their approver;
 * pipeline approvals; deployments; incidents; restore jobs; access-review findings; and gaps, the
 * days a stream that should have a record every day has none.
 *
 * Pure: it takes the records (read by `cli/evidence-report.ts` from a bucket or a directory) and
 * returns a document; nothing here reads AWS or the disk.
 */
import { EvidenceRecord } from '../core/evidence-records';
import { EVIDENCE_STREAMS } from '../core/evidence-streams';

/** The period, both days included (UTC). */
export interface Period {
  /** `YYYY-MM-DD`. */
  readonly from: string;
  /** `YYYY-MM-DD`. */
  readonly to: string;
}

/** A stored record and its key. */
export interface ArchivedRecord {
  readonly key: string;
  readonly record: EvidenceRecord;
}

export interface StreamSummary {
  readonly stream: string;
  readonly criteria: readonly string[];
  readonly records: number;
  readonly daysWithRecords: number;
  /** A record is expected at least every this many days (gaps are counted only then). */
  readonly expectedEveryDays?: number;
}

export interface CriterionRecords {
  readonly criterion: string;
  readonly records: number;
  /** The keys of the records, by stream. */
  readonly byStream: Readonly<Record<string, readonly string[]>>;
}

export interface NonComplianceWindow {
  readonly rule: string;
  readonly resourceType: string;
  readonly resource: string;
  /** When it turned NON_COMPLIANT (or the period's start, if it already was). */
  readonly from: string;
  /** When it turned compliant again; undefined while it still was at the period's end. */
  readonly to?: string;
  /** Whole or partial days within the period, rounded up. */
  readonly days: number;
}

export interface ModelApproval {
  readonly modelPackage: string;
  readonly group?: string;
  readonly version?: number;
  readonly status: string;
  readonly time: string;
  /** Who made the change (CloudTrail UpdateModelPackage), or undefined when the archive has no such call. */
  readonly approver?: string;
}

export interface PipelineApproval {
  readonly pipeline: string;
  readonly stage: string;
  readonly action: string;
  readonly status: string;
  readonly summary?: string;
  readonly approver: string;
  readonly time: string;
}

export interface Deployment {
  readonly kind: 'stack' | 'endpoint' | 'pipeline';
  readonly name: string;
  readonly status: string;
  readonly time: string;
}

/** A record listed as it is (incidents, restore jobs, access findings). */
export interface ListedRecord {
  readonly id: string;
  readonly time: string;
  readonly kind: string;
  readonly status?: string;
  readonly subject?: string;
}

export interface Gap {
  readonly stream: string;
  readonly from: string;
  readonly to: string;
  readonly days: number;
}

export interface PeriodReport {
  readonly period: Period & { readonly days: number };
  readonly source: string;
  readonly records: number;
  readonly streams: readonly StreamSummary[];
  readonly criteria: readonly CriterionRecords[];
  readonly nonCompliance: readonly NonComplianceWindow[];
  readonly modelApprovals: readonly ModelApproval[];
  readonly pipelineApprovals: readonly PipelineApproval[];
  readonly deployments: readonly Deployment[];
  readonly incidents: readonly ListedRecord[];
  readonly restoreJobs: readonly ListedRecord[];
  readonly accessFindings: readonly ListedRecord[];
  readonly gaps: readonly Gap[];
}

const DAY_MS = 86_400_000;
/** How long before a model package's state change its UpdateModelPackage call may be. */
const APPROVER_MATCH_MS = 15 * 60_000;

/** Throw unless the period is two `YYYY-MM-DD` days, in order. */
export function checkPeriod(period: Period): void {
  for (const [flag, day] of [['--from', period.from], ['--to', period.to]] as const) {
    if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
      throw new Error(`${flag} is ${JSON.stringify(day)}: pass a day as YYYY-MM-DD (for example 2026-01-01).`);
    }
  }
  if (period.from > period.to) {
    throw new Error(`--from (${period.from}) is after --to (${period.to}): pass the period's first day, then its last.`);
  }
}

/** Build the report of a period from the archive's records (those outside the period are ignored, but for Config's history before it). */
export function buildPeriodReport(period: Period, source: string, all: readonly ArchivedRecord[]): PeriodReport {
  checkPeriod(period);
  const start = Date.parse(`${period.from}T00:00:00Z`);
  const end = Date.parse(`${period.to}T00:00:00Z`) + DAY_MS;
  const inPeriod = all.filter((r) => within(r.record.time, start, end));
  const byStream = groupBy(inPeriod, (r) => r.record.stream);
  const of = (stream: string) => (byStream.get(stream) ?? []).map((r) => r.record);
  return {
    period: { ...period, days: Math.round((end - start) / DAY_MS) },
    source,
    records: inPeriod.length,
    streams: streamSummaries(byStream),
    criteria: criterionRecords(inPeriod),
    nonCompliance: nonComplianceWindows(all.filter((r) => r.record.stream === 'config-compliance' && Date.parse(r.record.time) < end).map((r) => r.record), start, end),
    modelApprovals: modelApprovals(of('model-approvals'), of('model-approvers')),
    pipelineApprovals: of('pipeline-approvers').map(pipelineApproval),
    deployments: deployments(of('stack-deployments'), of('endpoint-deployments'), of('pipeline-executions')),
    incidents: of('incident').map((r) => listed(r, ['incidentId', 'id'], ['status', 'state'], ['title', 'summary'])),
    restoreJobs: of('restore-jobs').map((r) => listed(r, ['restoreJobId'], ['status'], ['resourceType', 'restoreTestingPlanArn'])),
    accessFindings: of('access-analyzer-findings').map((r) => listed(r, ['id', 'findingId'], ['status'], ['resource', 'resourceArn', 'findingType'])),
    gaps: gaps(byStream, start, end),
  };
}

function within(time: string, start: number, end: number): boolean {
  const t = Date.parse(time);
  return t >= start && t < end;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

const dayOf = (time: string | number) => new Date(time).toISOString().slice(0, 10);

/** One line per stream: the standard streams in their order (with none, if none arrived), then any other. */
function streamSummaries(byStream: Map<string, ArchivedRecord[]>): StreamSummary[] {
  const names = [...EVIDENCE_STREAMS.map((s) => s.name), ...[...byStream.keys()].filter((n) => !EVIDENCE_STREAMS.some((s) => s.name === n)).sort()];
  return names.map((name) => {
    const records = byStream.get(name) ?? [];
    const standard = EVIDENCE_STREAMS.find((s) => s.name === name);
    return {
      stream: name,
      criteria: standard?.criteria ?? [...new Set(records.flatMap((r) => r.record.criteria))].sort(),
      records: records.length,
      daysWithRecords: new Set(records.map((r) => dayOf(r.record.time))).size,
      ...(standard?.expectedEveryDays ? { expectedEveryDays: standard.expectedEveryDays } : {}),
    };
  });
}

function criterionRecords(records: readonly ArchivedRecord[]): CriterionRecords[] {
  const byCriterion = new Map<string, Map<string, string[]>>();
  for (const { key, record } of records) {
    for (const criterion of record.criteria) {
      const streams = byCriterion.get(criterion) ?? new Map<string, string[]>();
      streams.set(record.stream, [...(streams.get(record.stream) ?? []), key]);
      byCriterion.set(criterion, streams);
    }
  }
  return [...byCriterion.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([criterion, streams]) => ({
      criterion,
      records: [...streams.values()].reduce((n, keys) => n + keys.length, 0),
      byStream: Object.fromEntries([...streams.entries()].map(([s, keys]) => [s, [...keys].sort()])),
    }));
}

/** A string field of an event's detail, trying each name in turn. */
function field(record: EvidenceRecord, names: readonly string[], from: 'detail' | 'requestParameters' = 'detail'): string | undefined {
  const detail = (record.event.detail ?? {}) as Record<string, unknown>;
  const object = from === 'detail' ? detail : (detail.requestParameters ?? {}) as Record<string, unknown>;
  for (const name of names) {
    const value = object[name];
    if (typeof value === 'string' || typeof value === 'number') {
      return String(value);
    }
  }
  return undefined;
}

function nonComplianceWindows(history: readonly EvidenceRecord[], start: number, end: number): NonComplianceWindow[] {
  const windows: NonComplianceWindow[] = [];
  const byControl = groupBy([...history].sort((a, b) => Date.parse(a.time) - Date.parse(b.time)),
    (r) => JSON.stringify([field(r, ['configRuleName']) ?? '', field(r, ['resourceType']) ?? '', field(r, ['resourceId']) ?? '']));
  for (const [control, changes] of byControl) {
    const [rule, resourceType, resource] = JSON.parse(control) as [string, string, string];
    let opened: number | undefined;
    const close = (closedAt: number | undefined) => {
      const from = Math.max(opened!, start);
      const to = closedAt ?? end;
      if (to > start && from < end) {
        windows.push({ rule, resourceType, resource, from: new Date(from).toISOString(), ...(closedAt !== undefined ? { to: new Date(closedAt).toISOString() } : {}), days: Math.ceil((to - from) / DAY_MS) });
      }
      opened = undefined;
    };
    for (const change of changes) {
      const compliance = ((change.event.detail as Record<string, { complianceType?: string }> | undefined)?.newEvaluationResult?.complianceType) ?? '';
      const at = Date.parse(change.time);
      if (compliance === 'NON_COMPLIANT' && opened === undefined) {
        opened = at;
      } else if (compliance !== 'NON_COMPLIANT' && opened !== undefined) {
        close(at);
      }
    }
    if (opened !== undefined) {
      close(undefined);
    }
  }
  return windows.sort((a, b) => a.from.localeCompare(b.from) || a.rule.localeCompare(b.rule));
}

function modelApprovals(changes: readonly EvidenceRecord[], calls: readonly EvidenceRecord[]): ModelApproval[] {
  return changes.map((change) => {
    const modelPackage = field(change, ['ModelPackageArn']) ?? change.event.resources?.toString() ?? '';
    const status = field(change, ['ModelApprovalStatus']) ?? '';
    const at = Date.parse(change.time);
    // The call that made this change: the same package and status, at most 15 minutes before.
    const call = calls
      .filter((c) => field(c, ['modelPackageArn', 'modelPackageName'], 'requestParameters') === modelPackage
        && (field(c, ['modelApprovalStatus'], 'requestParameters') ?? status) === status)
      .filter((c) => Date.parse(c.time) <= at && at - Date.parse(c.time) <= APPROVER_MATCH_MS)
      .sort((a, b) => Date.parse(b.time) - Date.parse(a.time))[0];
    const version = field(change, ['ModelPackageVersion']);
    return {
      modelPackage,
      group: field(change, ['ModelPackageGroupName']),
      ...(version !== undefined ? { version: Number(version) } : {}),
      status,
      time: change.time,
      ...(call ? { approver: identityOf(call) } : {}),
    };
  });
}

function identityOf(call: EvidenceRecord): string {
  const identity = ((call.event.detail as Record<string, unknown> | undefined)?.userIdentity ?? {}) as Record<string, unknown>;
  const arn = identity.arn ?? identity.principalId ?? 'unknown identity';
  return String(arn);
}

function pipelineApproval(call: EvidenceRecord): PipelineApproval {
  const result = (((call.event.detail as Record<string, unknown>)?.requestParameters as Record<string, unknown> | undefined)?.result ?? {}) as Record<string, unknown>;
  return {
    pipeline: field(call, ['pipelineName'], 'requestParameters') ?? '',
    stage: field(call, ['stageName'], 'requestParameters') ?? '',
    action: field(call, ['actionName'], 'requestParameters') ?? '',
    status: typeof result.status === 'string' ? result.status : '',
    ...(typeof result.summary === 'string' ? { summary: result.summary } : {}),
    approver: identityOf(call),
    time: call.time,
  };
}

function deployments(stacks: readonly EvidenceRecord[], endpoints: readonly EvidenceRecord[], pipelines: readonly EvidenceRecord[]): Deployment[] {
  const stackStatus = (r: EvidenceRecord) => ((r.event.detail as Record<string, { status?: string }> | undefined)?.['status-details']?.status) ?? '';
  return [
    ...stacks.map((r) => ({ kind: 'stack' as const, name: field(r, ['stack-id']) ?? '', status: stackStatus(r), time: r.time })),
    ...endpoints.map((r) => ({ kind: 'endpoint' as const, name: field(r, ['EndpointName']) ?? '', status: field(r, ['EndpointStatus', 'Stage', 'DeploymentStatus']) ?? String(r.event['detail-type'] ?? ''), time: r.time })),
    ...pipelines.map((r) => ({ kind: 'pipeline' as const, name: `${field(r, ['pipeline']) ?? ''} ${field(r, ['execution-id']) ?? ''}`.trim(), status: field(r, ['state']) ?? '', time: r.time })),
  ].sort((a, b) => a.time.localeCompare(b.time));
}

function listed(record: EvidenceRecord, ids: readonly string[], statuses: readonly string[], subjects: readonly string[]): ListedRecord {
  const status = field(record, statuses);
  const subject = field(record, subjects);
  return {
    id: field(record, ids) ?? record.id,
    time: record.time,
    kind: String(record.event['detail-type'] ?? record.stream),
    ...(status !== undefined ? { status } : {}),
    ...(subject !== undefined ? { subject } : {}),
  };
}

/** Runs of days without a record, for every stream expected to have one every day. */
function gaps(byStream: Map<string, ArchivedRecord[]>, start: number, end: number): Gap[] {
  const result: Gap[] = [];
  for (const stream of EVIDENCE_STREAMS.filter((s) => s.expectedEveryDays !== undefined)) {
    const days = new Set((byStream.get(stream.name) ?? []).map((r) => dayOf(r.record.time)));
    let runStart: number | undefined;
    for (let t = start; t <= end; t += DAY_MS) {
      const missing = t < end && !days.has(dayOf(t));
      if (missing && runStart === undefined) {
        runStart = t;
      } else if (!missing && runStart !== undefined) {
        const length = Math.round((t - runStart) / DAY_MS);
        if (length >= stream.expectedEveryDays!) {
          result.push({ stream: stream.name, from: dayOf(runStart), to: dayOf(t - DAY_MS), days: length });
        }
        runStart = undefined;
      }
    }
  }
  return result;
}
