import { evidenceRecordKey, parseEvidenceRecordKey, validateEvidenceRetentionDays, validateStreamName } from '../../core/evidence-records';

describe('the evidence archive layout', () => {
  test('a record key partitions by stream and UTC date, and reads back', () => {
    const key = evidenceRecordKey('config-compliance', '2026-01-31T23:30:00-02:00', 'abc/def');
    expect(key).toBe('records/stream=config-compliance/date=2026-02-01/abc_def.json');
    expect(parseEvidenceRecordKey(key)).toEqual({ stream: 'config-compliance', date: '2026-02-01', id: 'abc_def' });
    expect(parseEvidenceRecordKey('config-history/AWSLogs/1/Config/x.json.gz')).toBeUndefined();
  });

  test('an undatable time is refused', () => {
    expect(() => evidenceRecordKey('x', 'yesterday', 'i')).toThrow(/not a date/);
  });

  test('retention below 400 days is refused, naming the label', () => {
    expect(() => validateEvidenceRetentionDays(399, 'soc2ml:evidenceRetentionDays')).toThrow(/soc2ml:evidenceRetentionDays is 399: .*at least 400/);
    expect(() => validateEvidenceRetentionDays(400.5, 'r')).toThrow(/whole number/);
    expect(() => validateEvidenceRetentionDays(400, 'r')).not.toThrow();
  });

  test('stream names are partition-safe', () => {
    expect(() => validateStreamName('model-approvals', 'name')).not.toThrow();
    expect(() => validateStreamName('a/b', 'name')).toThrow(/name is "a\/b"/);
  });
});
