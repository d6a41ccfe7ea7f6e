import { judge } from '../../pack/judge';
import { StackTemplate } from '../../pack/template';

const bucket = { Type: 'AWS::S3::Bucket', Properties: {} };
const stack = new StackTemplate('App/Data', '/tmp/Data.template.json', { Resources: { Raw: bucket, Other: bucket } });
const paths = new Map([['Raw', 'App/Data/Raw/Resource']]);
const ack = (at: string, rule = 'S3BucketVersioned') => ({ id: `Soc2Ml::${rule}`, namespace: 'Soc2Ml', rule, reason: 'Scratch data, recreated every night.', at });
const failed = (doc: ReturnType<typeof judge>, logicalId: string) => doc.resources.find((r) => r.logicalId === logicalId)!.failed;

describe('judge', () => {
  test('names resources by their recorded construct path, or <stack>/<logical id>', () => {
    const doc = judge([{ template: stack, constructPaths: paths }], []);
    expect(doc.resources.map((r) => r.constructPath).sort()).toEqual(['App/Data', 'App/Data/Other', 'App/Data/Raw/Resource']);
  });

  test('applies an acknowledgement made on the construct or any ancestor, and only that rule', () => {
    for (const at of ['App/Data/Raw/Resource', 'App/Data/Raw', 'App/Data']) {
      const doc = judge([{ template: stack, constructPaths: paths }], [ack(at)]);
      expect({ at, acknowledged: failed(doc, 'Raw').find((f) => f.rule === 'S3BucketVersioned')?.acknowledged?.at }).toEqual({ at, acknowledged: at });
      expect(failed(doc, 'Raw').find((f) => f.rule === 'S3BucketTlsOnly')?.acknowledged).toBeUndefined();
    }
  });

  test('an acknowledgement elsewhere in the tree covers nothing here', () => {
    const doc = judge([{ template: stack, constructPaths: paths }], [ack('App/Data/Rawer')]);
    expect(failed(doc, 'Raw').find((f) => f.rule === 'S3BucketVersioned')?.acknowledged).toBeUndefined();
  });

  test('records the package version and what no rule read', () => {
    const withUnknown = new StackTemplate('T', '/tmp/T.json', { Resources: { X: { Type: 'AWS::Example::Thing', Properties: {} } } });
    const doc = judge([{ template: withUnknown, constructPaths: new Map() }], []);
    expect(doc.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(doc.notJudged).toEqual([{ stack: 'T', type: 'AWS::Example::Thing', count: 1 }]);
  });
});
