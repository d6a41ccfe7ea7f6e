import { evaluate, recordVerdicts, VerdictLocator } from '../../pack/evaluate';
import { Severity } from '../../pack/rule';
import { ALL_RULES } from '../../pack/rules';
import { StackTemplate } from '../../pack/template';
import { JsonObject } from '../../pack/json';

const template = (resources: JsonObject) => new StackTemplate('App/Stack', '/tmp/Stack.template.json', { Resources: resources });

const openBucket = { Type: 'AWS::S3::Bucket', Properties: {} };
const locator: VerdictLocator = {
  of: (stack, resource) => `${stack.stackPath}/${resource?.logicalId ?? ''}`,
  acknowledgementOf: (_stack, resource, rule) => (resource?.logicalId === 'Acked' && rule === 'S3BucketVersioned' ? { reason: 'Scratch data, recreated daily.', at: 'App/Stack/Acked' } : undefined),
};

describe('evaluate', () => {
  test('runs every rule that reads a resource\'s type on it, and every stack rule on the stack', () => {
    const stack = template({ Bucket: openBucket, Topic: { Type: 'AWS::SNS::Topic', Properties: {} } });
    const evaluated = evaluate([stack]);
    const onBucket = evaluated.filter((e) => e.resource?.logicalId === 'Bucket').map((e) => e.packRule.rule.id);
    const s3Rules = ALL_RULES.filter((r) => r.kind === 'resource' && r.rule.resourceTypes.includes('AWS::S3::Bucket')).map((r) => r.rule.id);
    expect(onBucket.sort()).toEqual(s3Rules.sort());
    const stackRules = ALL_RULES.filter((r) => r.kind === 'stack').map((r) => r.rule.id);
    expect(evaluated.filter((e) => e.resource === undefined).map((e) => e.packRule.rule.id).sort()).toEqual(stackRules.sort());
  });

  test('a resource of a type no rule reads gets no verdict', () => {
    const evaluated = evaluate([template({ Alias: { Type: 'AWS::KMS::Alias', Properties: {} } })]);
    expect(evaluated.filter((e) => e.resource !== undefined)).toEqual([]);
  });
});

describe('recordVerdicts', () => {
  const stack = template({ Zeta: openBucket, Acked: openBucket });
  const doc = recordVerdicts([stack], evaluate([stack]), locator, '1.2.3');

  test('names the pack, its version and every rule with its criteria and severity', () => {
    expect(doc.plugin).toBe('Soc2Ml');
    expect(doc.version).toBe('1.2.3');
    expect(doc.rules.map((r) => r.id)).toEqual(ALL_RULES.map((r) => r.rule.id));
    expect(doc.rules.find((r) => r.id === 'S3BucketTlsOnly')).toEqual(expect.objectContaining({ severity: Severity.ERROR, resourceTypes: ['AWS::S3::Bucket'] }));
  });

  test('one entry per resource and one for the stack, sorted by path', () => {
    expect(doc.resources.map((r) => [r.constructPath, r.type])).toEqual([
      ['App/Stack/', 'AWS::CloudFormation::Stack'],
      ['App/Stack/Acked', 'AWS::S3::Bucket'],
      ['App/Stack/Zeta', 'AWS::S3::Bucket'],
    ]);
  });

  test('a failed verdict carries its severity, detail and the acknowledgement that covers it', () => {
    const acked = doc.resources.find((r) => r.logicalId === 'Acked')!;
    expect(acked.failed.find((f) => f.rule === 'S3BucketVersioned')).toEqual(expect.objectContaining({
      severity: Severity.ERROR, acknowledged: { reason: 'Scratch data, recreated daily.', at: 'App/Stack/Acked' },
    }));
    const zeta = doc.resources.find((r) => r.logicalId === 'Zeta')!;
    expect(zeta.failed.find((f) => f.rule === 'S3BucketVersioned')?.acknowledged).toBeUndefined();
    expect(zeta.failed.map((f) => f.rule)).toEqual([...zeta.failed.map((f) => f.rule)].sort());
  });

  test('is the same document for the same input (deterministic order)', () => {
    const reversed = template({ Acked: openBucket, Zeta: openBucket });
    expect(recordVerdicts([reversed], evaluate([reversed]), locator, '1.2.3')).toEqual(doc);
  });
});

