import * as path from 'path';
import { isAssemblyDirectory, readAssembly, splitRuleId } from '../../pack/assembly';
import { REPO_ROOT } from '../helpers/app-context';

const ASSEMBLY = path.join(REPO_ROOT, 'test', 'fixtures', 'python-assembly', 'assembly');

describe('readAssembly', () => {
  const assembly = readAssembly(ASSEMBLY);

  test('reads each stack with the construct path of every resource, from the logical-id metadata', () => {
    expect(assembly.stacks.map((s) => s.stackPath)).toEqual(['MlData']);
    const stack = assembly.stacks[0];
    expect(stack.templateFile).toBe('MlData.template.json');
    const features = [...stack.template.resources.values()].find((r) => r.type === 'AWS::S3::Bucket' && stack.constructPaths.get(r.logicalId) === 'MlData/Features/Resource');
    expect(features).toBeDefined();
  });

  test('reads the acknowledgements CDK recorded, with reason and place', () => {
    expect(assembly.acknowledgements).toEqual([expect.objectContaining({
      id: 'Soc2Ml::S3BucketKmsEncryption', namespace: 'Soc2Ml', rule: 'S3BucketKmsEncryption', at: 'MlData/Raw',
      reason: expect.stringMatching(/^Raw holds public reference data/),
    })]);
  });

  test('an environment-agnostic stack has no account or region', () => {
    expect([assembly.stacks[0].template.account, assembly.stacks[0].template.region]).toEqual([undefined, undefined]);
  });

  test('tells an assembly directory from another', () => {
    expect(isAssemblyDirectory(ASSEMBLY)).toBe(true);
    expect(isAssemblyDirectory(path.dirname(ASSEMBLY))).toBe(false);
  });
});

describe('splitRuleId', () => {
  test.each([
    ['Soc2Ml::S3BucketTlsOnly', 'Soc2Ml', 'S3BucketTlsOnly'],
    ['AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::b/*]', 'AwsSolutions', 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::b/*]'],
    ['plain-annotation', 'annotation', 'plain-annotation'],
  ])('%s', (id, namespace, rule) => {
    expect(splitRuleId(id)).toEqual({ namespace, rule });
  });
});
