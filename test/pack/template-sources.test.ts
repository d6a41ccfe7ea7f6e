import * as fs from 'fs';
import * as path from 'path';
import { parseTemplateText, readTemplateSource } from '../../pack/template-sources';
import { tempOutdir } from '../helpers/app-context';

describe('parseTemplateText', () => {
  test('reads every short-form intrinsic as its long form, in scalar, sequence and mapping spellings', () => {
    const yaml = [
      'A: !Ref Bucket',
      'B: !GetAtt Bucket.Arn',
      'C: !GetAtt [Bucket, Arn]',
      'D: !Sub "${Bucket.Arn}/*"',
      'E: !Sub ["${X}", {X: !Ref Y}]',
      'F: !If [IsProd, !Join ["", [a, !Ref B]], !Ref AWS::NoValue]',
      'G: !Equals [!Ref Env, prod]',
      'H: !Condition IsProd',
      'I: !ImportValue network-VpcId',
      'J: !Select [0, !GetAZs ""]',
      'K: !FindInMap [Map, !Ref AWS::Region, Ami]',
      'L: !Base64 {"Fn::Sub": "x"}',
      'M: !GetAtt Cluster.Endpoint.Address',
    ].join('\n');
    expect(parseTemplateText(yaml, 't.yaml')).toEqual({
      A: { Ref: 'Bucket' },
      B: { 'Fn::GetAtt': ['Bucket', 'Arn'] },
      C: { 'Fn::GetAtt': ['Bucket', 'Arn'] },
      D: { 'Fn::Sub': '${Bucket.Arn}/*' },
      E: { 'Fn::Sub': ['${X}', { X: { Ref: 'Y' } }] },
      F: { 'Fn::If': ['IsProd', { 'Fn::Join': ['', ['a', { Ref: 'B' }]] }, { Ref: 'AWS::NoValue' }] },
      G: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      H: { Condition: 'IsProd' },
      I: { 'Fn::ImportValue': 'network-VpcId' },
      J: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      K: { 'Fn::FindInMap': ['Map', { Ref: 'AWS::Region' }, 'Ami'] },
      L: { 'Fn::Base64': { 'Fn::Sub': 'x' } },
      M: { 'Fn::GetAtt': ['Cluster', 'Endpoint.Address'] },
    });
  });

  test('keeps dates as text, as CloudFormation reads a policy\'s Version', () => {
    expect(parseTemplateText('Version: 2012-10-17', 't.yaml')).toEqual({ Version: '2012-10-17' });
  });

  test('reads JSON exactly, and names the file of a template that parses as neither', () => {
    expect(parseTemplateText('{"Resources": {}}', 't.json')).toEqual({ Resources: {} });
    expect(() => parseTemplateText('{"Resources": ', 'bad.json')).toThrow(/bad\.json is not valid JSON/);
    expect(() => parseTemplateText('Resources: [a', 'bad.yaml')).toThrow(/bad\.yaml is not valid YAML/);
  });
});

describe('readTemplateSource', () => {
  const write = (name: string, text: string) => {
    const file = path.join(tempOutdir('soc2ml-templates-'), name);
    fs.writeFileSync(file, text);
    return file;
  };

  test('a template is a stack named after its file', () => {
    const { template } = readTemplateSource(write('network.yaml', 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.0.0.0/16}\n'));
    expect(template.stackPath).toBe('network.yaml');
    expect([...template.resources.keys()]).toEqual(['Vpc']);
  });

  test('refuses a file without resources and a SAM template, saying what to pass', () => {
    expect(() => readTemplateSource(write('x.json', '{"a": 1}'))).toThrow(/has no Resources section: pass CloudFormation templates/);
    expect(() => readTemplateSource(write('sam.yaml', 'Transform: [AWS::Serverless-2016-10-31]\nResources: {}\n'))).toThrow(/is a SAM template/);
  });
});
