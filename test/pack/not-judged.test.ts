import { INERT_TYPES, isNotJudged, notJudged } from '../../pack/not-judged';
import { ALL_RULES } from '../../pack/rules';
import { StackTemplate } from '../../pack/template';

const stack = (name: string, types: string[]) => new StackTemplate(name, `/tmp/${name}.template.json`, {
  Resources: Object.fromEntries(types.map((type, i) => [`R${i}`, { Type: type, Properties: {} }])),
});

describe('not judged', () => {
  test('a type some rule reads, or one a rule examines with its subject, is judged', () => {
    expect(isNotJudged('AWS::S3::Bucket')).toBe(false);
    expect(isNotJudged('AWS::S3::BucketPolicy')).toBe(false);
  });

  test('an inert type is left out; a type nobody reads is reported', () => {
    expect(isNotJudged('AWS::KMS::Alias')).toBe(false);
    expect(isNotJudged('AWS::Example::Unknown')).toBe(true);
  });

  test('counts per stack and type, sorted', () => {
    expect(notJudged([
      stack('b', ['AWS::Example::Y', 'AWS::Example::X', 'AWS::Example::Y', 'AWS::CDK::Metadata']),
      stack('a', ['AWS::S3::Bucket', 'AWS::Example::Y']),
    ])).toEqual([
      { stack: 'a', type: 'AWS::Example::Y', count: 1 },
      { stack: 'b', type: 'AWS::Example::X', count: 1 },
      { stack: 'b', type: 'AWS::Example::Y', count: 2 },
    ]);
  });

  test('every inert type has its reason, and no rule reads it (it would be judged, not inert)', () => {
    const read = new Set(ALL_RULES.flatMap((r) => (r.kind === 'resource' ? r.rule.resourceTypes : [])));
    for (const [type, reason] of Object.entries(INERT_TYPES)) {
      expect({ type, reasoned: reason.length > 20, read: read.has(type) }).toEqual({ type, reasoned: true, read: false });
    }
  });
});

describe('not judged: content outside the template', () => {
  test('a SageMaker pipeline defined only in S3 is reported; one with an inline body is judged', () => {
    const template = new StackTemplate('p', '/tmp/p.template.json', {
      Resources: {
        InS3: { Type: 'AWS::SageMaker::Pipeline', Properties: { PipelineDefinition: { PipelineDefinitionS3Location: { Bucket: 'b', Key: 'k' } } } },
        Inline: { Type: 'AWS::SageMaker::Pipeline', Properties: { PipelineDefinition: { PipelineDefinitionBody: '{"Steps": []}' } } },
      },
    });
    expect(notJudged([template])).toEqual([{ stack: 'p', type: 'AWS::SageMaker::Pipeline', count: 1 }]);
  });
});
