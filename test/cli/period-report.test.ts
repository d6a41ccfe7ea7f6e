import * as fs from 'fs';
import { readArchiveDirectory } from '../../cli/evidence-report';
import { buildPeriodReport, checkPeriod, PeriodReport } from '../../cli/period-report';
import { ALICE, BOB, buildFixtureArchive, FIXTURE_PERIOD } from '../helpers/evidence-archive-fixture';

describe('the period report on the fixture archive (January 2026)', () => {
  let report: PeriodReport;
  let dir: string;
  beforeAll(() => {
    dir = buildFixtureArchive().dir;
    report = buildPeriodReport(FIXTURE_PERIOD, 'fixture', readArchiveDirectory(dir, FIXTURE_PERIOD));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('counts the records of the period only, by stream', () => {
    expect(report.period).toEqual({ from: '2026-01-01', to: '2026-01-31', days: 31 });
    expect(report.records).toBe(69);
    const byStream = Object.fromEntries(report.streams.filter((s) => s.records > 0).map((s) => [s.stream, [s.records, s.daysWithRecords]]));
    expect(byStream).toEqual({
      'config-compliance': [4, 4], 'access-analyzer-findings': [1, 1], 'backup-jobs': [30, 30], 'restore-jobs': [1, 1],
      'model-approvals': [2, 2], 'model-approvers': [1, 1], 'pipeline-approvers': [1, 1], 'stack-deployments': [1, 1],
      'incident': [1, 1], 'archive-heartbeat': [27, 27],
    });
  });

  test('finds the gaps of the daily streams, and none in streams that record only when something happens', () => {
    expect(report.gaps).toEqual([
      { stream: 'backup-jobs', from: '2026-01-20', to: '2026-01-20', days: 1 },
      { stream: 'archive-heartbeat', from: '2026-01-10', to: '2026-01-12', days: 3 },
      { stream: 'archive-heartbeat', from: '2026-01-31', to: '2026-01-31', days: 1 },
    ]);
  });

  test('rebuilds the non-compliant windows, one already open when the period began and one still open at its end', () => {
    expect(report.nonCompliance).toEqual([
      { rule: 's3-bucket-versioning', resourceType: 'AWS::S3::Bucket', resource: 'bucket-1', from: '2026-01-01T00:00:00.000Z', to: '2026-01-03T12:00:00.000Z', days: 3 },
      { rule: 's3-bucket-versioning', resourceType: 'AWS::S3::Bucket', resource: 'bucket-2', from: '2026-01-05T00:00:00.000Z', to: '2026-01-06T00:00:00.000Z', days: 1 },
      { rule: 'iam-no-admin', resourceType: 'AWS::IAM::Role', resource: 'role-1', from: '2026-01-15T06:00:00.000Z', days: 17 },
    ]);
  });

  test('names the approver of a model approval from CloudTrail, and says when the archive has none', () => {
    expect(report.modelApprovals).toEqual([
      expect.objectContaining({ group: 'prod-churn', version: 3, status: 'Approved', time: '2026-01-20T10:05:00.000Z', approver: ALICE }),
      expect.objectContaining({ group: 'prod-churn', version: 4, status: 'Rejected' }),
    ]);
    expect(report.modelApprovals[1]).not.toHaveProperty('approver');
    expect(report.pipelineApprovals).toEqual([{ pipeline: 'soc2ml-pipeline', stage: 'prod', action: 'Approve', status: 'Approved', summary: 'release 42', approver: BOB, time: '2026-01-25T09:00:00.000Z' }]);
  });

  test('counts the records of each criterion', () => {
    const counts = Object.fromEntries(report.criteria.map((c) => [c.criterion, c.records]));
    expect(counts).toEqual({ 'A1.2': 30, 'A1.3': 1, 'CC4.1': 31, 'CC6.1': 2, 'CC6.2': 1, 'CC6.3': 1, 'CC7.1': 4, 'CC7.3': 1, 'CC7.4': 1, 'CC7.5': 1, 'CC8.1': 5 });
    expect(report.criteria.find((c) => c.criterion === 'CC8.1')!.byStream['model-approvals']).toHaveLength(2);
  });

  test('lists deployments, incidents, restore jobs and access findings', () => {
    expect(report.deployments).toEqual([{ kind: 'stack', name: 'soc2ml-prod', status: 'UPDATE_COMPLETE', time: '2026-01-25T09:30:00.000Z' }]);
    expect(report.incidents).toEqual([{ id: 'INC-7', time: '2026-01-18T14:00:00.000Z', kind: 'Incident Opened', status: 'open', subject: 'GuardDuty high finding on prod' }]);
    expect(report.restoreJobs.map((r) => [r.id, r.status])).toEqual([['restore-1', 'COMPLETED']]);
    expect(report.accessFindings.map((r) => [r.id, r.status, r.subject])).toEqual([['finding-1', 'ACTIVE', 'arn:aws:s3:::shared-bucket']]);
  });

  test('a shorter period sees fewer records and no window outside it', () => {
    const week = buildPeriodReport({ from: '2026-01-08', to: '2026-01-14' }, 'fixture', readArchiveDirectory(dir, { from: '2026-01-08', to: '2026-01-14' }));
    expect(week.nonCompliance).toEqual([]);
    expect(week.gaps).toEqual([{ stream: 'archive-heartbeat', from: '2026-01-10', to: '2026-01-12', days: 3 }]);
  });

  test('refuses a period that is not two days in order', () => {
    expect(() => checkPeriod({ from: '2026-02-01', to: '2026-01-01' })).toThrow(/--from \(2026-02-01\) is after --to/);
    expect(() => checkPeriod({ from: '1 Jan', to: '2026-01-01' })).toThrow(/--from is "1 Jan": pass a day as YYYY-MM-DD/);
  });
});
