/*
 * A downloaded copy of an evidence archive for January 2026, built the way the writer builds it
 * (its own toRecord and key), with known gaps and non-compliance windows, so the period report's
 * numbers can be asserted.
 *
 * - archive-heartbeat: every day but 10-12 January and 31 January (gaps of 3 and 1 days); one
 *   record on 1 February, outside the period.
 * - backup-jobs: every day but 20 January (a gap of 1 day).
 * - config-compliance: rule s3-bucket-versioning on bucket-1 NON_COMPLIANT since 28 December
 *   (before the period), COMPLIANT 3 January 12:00; on bucket-2 NON_COMPLIANT 5 January,
 *   COMPLIANT 6 January; rule iam-no-admin on role-1 NON_COMPLIANT 15 January 06:00, still at the
 *   end.
 * - model-approvals: prod-churn/3 Approved 20 January 10:05 (UpdateModelPackage by alice 30 s
 *   before); prod-churn/4 Rejected 22 January with no call in the archive.
 * - one pipeline approval by bob, one stack deployment, one incident, one restore job, one
 *   access-analyzer finding.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EvidenceRecord, evidenceRecordKey } from '../../core/evidence-records';
import { evidenceStream } from '../../core/evidence-streams';
import { toRecord } from '../../handlers/evidence-archive-writer';

export const FIXTURE_PERIOD = { from: '2026-01-01', to: '2026-01-31' };
export const ALICE = 'arn:aws:sts::111111111111:assumed-role/prod-model-approver/alice';
export const BOB = 'arn:aws:sts::111111111111:assumed-role/release-approver/bob';
const PACKAGE = (v: number) => `arn:aws:sagemaker:eu-west-1:111111111111:model-package/prod-churn/${v}`;

let counter = 0;

/** The record the writer would store for an event of a stream. */
function record(stream: string, time: string, detailType: string, detail: Record<string, unknown>, source = 'aws.test'): EvidenceRecord {
  counter += 1;
  const event = { 'version': '0', 'id': `evt-${String(counter).padStart(4, '0')}`, 'detail-type': detailType, source, 'account': '111111111111', time, 'region': 'eu-west-1', 'resources': [], detail };
  return toRecord({ messageId: `m${counter}`, body: JSON.stringify({ stream, criteria: evidenceStream(stream)?.criteria ?? [], event }) }, new Date(time));
}

const day = (d: number, month = 1) => `2026-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function compliance(time: string, rule: string, resource: string, complianceType: string): EvidenceRecord {
  return record('config-compliance', time, 'Config Rules Compliance Change', {
    configRuleName: rule, resourceType: rule.startsWith('iam') ? 'AWS::IAM::Role' : 'AWS::S3::Bucket', resourceId: resource,
    newEvaluationResult: { complianceType },
  }, 'aws.config');
}

function januaryRecords(): EvidenceRecord[] {
  const records: EvidenceRecord[] = [];
  for (let d = 1; d <= 31; d += 1) {
    if (![10, 11, 12, 31].includes(d)) {
      records.push(record('archive-heartbeat', `${day(d)}T00:00:05Z`, 'Scheduled Event', {}, 'aws.events'));
    }
    if (d !== 20) {
      records.push(record('backup-jobs', `${day(d)}T05:40:00Z`, 'Backup Job State Change', { backupJobId: `job-${d}`, state: 'COMPLETED' }, 'aws.backup'));
    }
  }
  records.push(
    record('archive-heartbeat', `${day(1, 2)}T00:00:05Z`, 'Scheduled Event', {}, 'aws.events'),
    compliance('2025-12-28T00:00:00Z', 's3-bucket-versioning', 'bucket-1', 'NON_COMPLIANT'),
    compliance('2026-01-03T12:00:00Z', 's3-bucket-versioning', 'bucket-1', 'COMPLIANT'),
    compliance('2026-01-05T00:00:00Z', 's3-bucket-versioning', 'bucket-2', 'NON_COMPLIANT'),
    compliance('2026-01-06T00:00:00Z', 's3-bucket-versioning', 'bucket-2', 'COMPLIANT'),
    compliance('2026-01-15T06:00:00Z', 'iam-no-admin', 'role-1', 'NON_COMPLIANT'),
    record('model-approvers', '2026-01-20T10:04:30Z', 'AWS API Call via CloudTrail', {
      eventName: 'UpdateModelPackage', userIdentity: { arn: ALICE }, requestParameters: { modelPackageArn: PACKAGE(3), modelApprovalStatus: 'Approved' },
    }, 'aws.sagemaker'),
    record('model-approvals', '2026-01-20T10:05:00Z', 'SageMaker Model Package State Change', {
      ModelPackageArn: PACKAGE(3), ModelPackageGroupName: 'prod-churn', ModelPackageVersion: 3, ModelApprovalStatus: 'Approved',
    }, 'aws.sagemaker'),
    record('model-approvals', '2026-01-22T08:00:00Z', 'SageMaker Model Package State Change', {
      ModelPackageArn: PACKAGE(4), ModelPackageGroupName: 'prod-churn', ModelPackageVersion: 4, ModelApprovalStatus: 'Rejected',
    }, 'aws.sagemaker'),
    record('pipeline-approvers', '2026-01-25T09:00:00Z', 'AWS API Call via CloudTrail', {
      eventName: 'PutApprovalResult', userIdentity: { arn: BOB },
      requestParameters: { pipelineName: 'soc2ml-pipeline', stageName: 'prod', actionName: 'Approve', result: { status: 'Approved', summary: 'release 42' } },
    }, 'aws.codepipeline'),
    record('stack-deployments', '2026-01-25T09:30:00Z', 'CloudFormation Stack Status Change', { 'stack-id': 'soc2ml-prod', 'status-details': { status: 'UPDATE_COMPLETE' } }, 'aws.cloudformation'),
    record('incident', '2026-01-18T14:00:00Z', 'Incident Opened', { incidentId: 'INC-7', status: 'open', title: 'GuardDuty high finding on prod' }, 'cdk-soc2-ml.incident'),
    record('restore-jobs', '2026-01-07T06:00:00Z', 'Restore Job State Change', { restoreJobId: 'restore-1', status: 'COMPLETED', resourceType: 'S3' }, 'aws.backup'),
    record('access-analyzer-findings', '2026-01-09T03:00:00Z', 'Access Analyzer Finding', { id: 'finding-1', status: 'ACTIVE', resource: 'arn:aws:s3:::shared-bucket' }, 'aws.access-analyzer'),
  );
  return records;
}

/** Write the fixture archive under a new temporary directory and return it. */
export function buildFixtureArchive(): { dir: string; records: EvidenceRecord[] } {
  counter = 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2ml-archive-'));
  const records = januaryRecords();
  for (const r of records) {
    const file = path.join(dir, ...evidenceRecordKey(r.stream, r.time, r.id).split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(r));
  }
  return { dir, records };
}
