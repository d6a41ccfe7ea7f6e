import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { KMSClient } from '@aws-sdk/client-kms';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { main } from '../../cli/cdk-soc2-ml';
import { evidenceRecordKey } from '../../core/evidence-records';
import { buildFixtureArchive, FIXTURE_PERIOD } from '../helpers/evidence-archive-fixture';

const s3 = mockClient(S3Client);
const clients = () => ({ s3: new S3Client({ region: 'eu-west-1' }), kms: new KMSClient({ region: 'eu-west-1' }), sagemaker: new SageMakerClient({ region: 'eu-west-1' }) });

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('cdk-soc2-ml evidence report', () => {
  let fixture: ReturnType<typeof buildFixtureArchive>;
  let outDir: string;
  beforeAll(() => {
    fixture = buildFixtureArchive();
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2ml-report-'));
  });
  afterAll(() => {
    fs.rmSync(fixture.dir, { recursive: true, force: true });
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  test('reads a downloaded copy offline and writes the report as JSON and HTML', async () => {
    const { io, out } = capture();
    const code = await main(['evidence', 'report', '--from', FIXTURE_PERIOD.from, '--to', FIXTURE_PERIOD.to, '--dir', fixture.dir, '--out', path.join(outDir, 'dir')], clients, io);
    expect(code).toBe(0);
    expect(out.join('')).toMatch(/69 records from 10 streams; 3 non-compliant windows; 2 model approval changes \(1 without an approver in the archive\); 3 gaps/);
    const report = JSON.parse(fs.readFileSync(path.join(outDir, 'dir', 'period-report.json'), 'utf-8'));
    expect(report.records).toBe(69);
    expect(fs.readFileSync(path.join(outDir, 'dir', 'period-report.html'), 'utf-8')).toContain('<h2>Non-compliant windows</h2>');
  });

  test('reads the bucket with the SDK, listing each stream from the period\'s first day, and finds the same numbers', async () => {
    const objects = new Map(fixture.records.map((r) => [evidenceRecordKey(r.stream, r.time, r.id), JSON.stringify(r)]));
    const keys = [...objects.keys()].sort();
    s3.reset();
    s3.on(ListObjectsV2Command).callsFake(async (input: { Prefix: string; Delimiter?: string; StartAfter?: string }) => {
      const under = keys.filter((k) => k.startsWith(input.Prefix) && (input.StartAfter === undefined || k > input.StartAfter));
      if (input.Delimiter) {
        return { CommonPrefixes: [...new Set(under.map((k) => k.slice(0, k.indexOf('/', input.Prefix.length) + 1)))].map((Prefix) => ({ Prefix })) };
      }
      return { Contents: under.map((Key) => ({ Key })) };
    });
    s3.on(GetObjectCommand).callsFake(async (input: { Key: string }) => ({ Body: { transformToString: async () => objects.get(input.Key)! } }));
    const { io } = capture();
    const code = await main(['evidence', 'report', '--from', FIXTURE_PERIOD.from, '--to', FIXTURE_PERIOD.to, '--bucket', 'archive', '--region', 'eu-west-1', '--out', path.join(outDir, 's3')], clients, io);
    expect(code).toBe(0);
    const fromBucket = JSON.parse(fs.readFileSync(path.join(outDir, 's3', 'period-report.json'), 'utf-8'));
    const fromDir = JSON.parse(fs.readFileSync(path.join(outDir, 'dir', 'period-report.json'), 'utf-8'));
    expect({ ...fromBucket, source: '' }).toEqual({ ...fromDir, source: '' });
    expect(fromBucket.source).toBe('s3://archive');
    // Streams other than Config's history are listed from the period's first day.
    const starts = s3.commandCalls(ListObjectsV2Command).map((c) => c.args[0].input).filter((i) => !i.Delimiter);
    expect(starts.find((i) => i.Prefix === 'records/stream=backup-jobs/')?.StartAfter).toBe('records/stream=backup-jobs/date=2026-01-01');
    expect(starts.find((i) => i.Prefix === 'records/stream=config-compliance/')?.StartAfter).toBeUndefined();
    // The heartbeat of 1 February is past the period: never read.
    expect(s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input.Key)).not.toContainEqual(expect.stringContaining('date=2026-02-01'));
  });

  test('refuses bad periods and a missing source with the usage', async () => {
    const { io, err } = capture();
    expect(await main(['evidence', 'report', '--from', '2026-02-01', '--to', '2026-01-01', '--dir', fixture.dir], clients, io)).toBe(2);
    expect(await main(['evidence', 'report', '--from', '2026-01-01', '--to', '2026-01-31'], clients, io)).toBe(2);
    expect(await main(['evidence', 'summarize'], clients, io)).toBe(2);
    expect(err.join('')).toMatch(/--from \(2026-02-01\) is after --to[\s\S]*pass either --bucket[\s\S]*Unknown evidence command "summarize"/);
  });

  test('a directory without records says how to download the archive', async () => {
    const { io, err } = capture();
    expect(await main(['evidence', 'report', '--from', '2026-01-01', '--to', '2026-01-31', '--dir', outDir, '--out', path.join(outDir, 'x')], clients, io)).toBe(1);
    expect(err.join('')).toMatch(/has no records\/ folder: download the archive with "aws s3 sync/);
  });
});
