import { STREAM_NAME } from '../../core/evidence-records';
import { EVIDENCE_STREAMS, evidenceStream, HEARTBEAT_STREAM } from '../../core/evidence-streams';

describe('the evidence streams', () => {
  test('every stream has a partition-safe unique name, criteria and a pattern (the heartbeat a schedule)', () => {
    expect(new Set(EVIDENCE_STREAMS.map((s) => s.name)).size).toBe(EVIDENCE_STREAMS.length);
    for (const stream of EVIDENCE_STREAMS) {
      expect(stream.name).toMatch(STREAM_NAME);
      expect(stream.criteria.length).toBeGreaterThan(0);
      expect(stream.pattern === undefined).toBe(stream.name === HEARTBEAT_STREAM);
    }
  });

  test('the issue\'s streams are all there', () => {
    for (const name of ['config-compliance', 'security-hub-findings', 'guardduty-findings', 'macie-findings', 'inspector-findings', 'access-analyzer-findings',
      'backup-jobs', 'restore-jobs', 'model-approvals', 'model-approvers', 'pipeline-approvers', 'pipeline-approvals', 'pipeline-executions',
      'stack-deployments', 'endpoint-deployments', 'incident']) {
      expect(evidenceStream(name)).toBeDefined();
    }
    expect(evidenceStream('nothing')).toBeUndefined();
  });
});
