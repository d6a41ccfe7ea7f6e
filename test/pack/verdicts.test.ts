import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Severity } from '../../pack/rule';
import { readVerdictDocument, VERDICTS_FILE, VerdictDocument, writeVerdictDocument } from '../../pack/verdicts';

const doc: VerdictDocument = {
  plugin: 'Soc2Ml',
  version: '0.1.0',
  rules: [{ id: 'S3BucketTlsOnly', criteria: ['CC6.7'], severity: Severity.ERROR, resourceTypes: ['AWS::S3::Bucket'] }],
  resources: [{ stack: 'S', constructPath: 'S/Bucket/Resource', logicalId: 'Bucket', type: 'AWS::S3::Bucket', passed: [], notApplicable: [], failed: [{ rule: 'S3BucketTlsOnly', severity: Severity.ERROR, detail: 'No policy.' }] }],
  notJudged: [{ stack: 'S', type: 'AWS::Events::Rule', count: 2 }],
};

test('the verdicts file round-trips through the assembly directory', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2ml-verdicts-'));
  writeVerdictDocument(dir, doc);
  expect(fs.existsSync(path.join(dir, VERDICTS_FILE))).toBe(true);
  expect(readVerdictDocument(dir)).toEqual(doc);
});

test('an assembly the pack did not judge has no verdicts', () => {
  expect(readVerdictDocument(fs.mkdtempSync(path.join(os.tmpdir(), 'soc2ml-verdicts-')))).toBeUndefined();
});
