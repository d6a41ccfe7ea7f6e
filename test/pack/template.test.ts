import { JsonObject } from '../../pack/json';
import { StackTemplate, TemplateResource } from '../../pack/template';

const RAW: JsonObject = {
  Parameters: { KeyArn: { Type: 'String' } },
  Resources: {
    Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } },
    Data: {
      Type: 'AWS::S3::Bucket',
      Condition: 'IsProd',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Snapshot',
      Metadata: { 'aws:cdk:path': 'App/Stack/Data/Resource' },
      Properties: { Tags: [{ Key: 'DataClassification', Value: 'internal' }, { Key: 'Owner', Value: { Ref: 'OwnerParam' } }] },
    },
    Logs: { Type: 'AWS::S3::Bucket' },
    Role: { Type: 'AWS::IAM::Role', Properties: { ManagedPolicyArns: [{ Ref: 'Policy' }, 'arn:aws:iam::aws:policy/ReadOnlyAccess'] } },
    Policy: { Type: 'AWS::IAM::ManagedPolicy', Properties: { Roles: [{ Ref: 'Role' }] } },
    DataPolicy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Data' } } },
    LogsPolicy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { 'Fn::GetAtt': ['Logs', 'Arn'] } } },
    OtherLogsPolicy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { 'Fn::GetAtt': 'Logs.Arn' } } },
    Parameter: { Type: 'AWS::SSM::Parameter', Properties: { Tags: { Team: 'ml' } } },
    ParameterFromRef: { Type: 'AWS::SSM::Parameter', Properties: { Tags: { Ref: 'TagsParam' } } },
    NoType: { Properties: {} },
    NotAnObject: 'Bucket',
  },
};
const template = new StackTemplate('App/Stack', '/out/App/Stack.template.json', RAW, '111122223333', 'eu-west-1');
const resource = (logicalId: string): TemplateResource => template.resources.get(logicalId)!;

describe('StackTemplate', () => {
  test('keeps the stack path, template path, account and region it was given', () => {
    expect([template.stackPath, template.templatePath, template.account, template.region]).toEqual(['App/Stack', '/out/App/Stack.template.json', '111122223333', 'eu-west-1']);
  });

  test('indexes resources by logical id, skipping entries without a type', () => {
    expect([...template.resources.keys()]).toEqual(['Key', 'Data', 'Logs', 'Role', 'Policy', 'DataPolicy', 'LogsPolicy', 'OtherLogsPolicy', 'Parameter', 'ParameterFromRef']);
    expect(resource('Data')).toEqual(expect.objectContaining({ logicalId: 'Data', type: 'AWS::S3::Bucket', template }));
  });

  test('reads the parameters, or none', () => {
    expect(template.parameters).toEqual({ KeyArn: { Type: 'String' } });
    expect(new StackTemplate('S', '/S.json', {}).parameters).toEqual({});
  });

  test('a template without resources has none', () => {
    expect(new StackTemplate('S', '/S.json', {}).resources.size).toBe(0);
    expect(new StackTemplate('S', '/S.json', { Resources: [] }).resources.size).toBe(0);
  });

  test('ofType lists a type\'s resources in template order, and none for an absent type', () => {
    expect(template.ofType('AWS::S3::Bucket').map((r) => r.logicalId)).toEqual(['Data', 'Logs']);
    expect(template.ofType('AWS::SNS::Topic')).toEqual([]);
  });
});

describe('StackTemplate.target', () => {
  test('follows a Ref and both forms of Fn::GetAtt to a resource', () => {
    expect(template.target({ Ref: 'Key' })).toBe(resource('Key'));
    expect(template.target({ 'Fn::GetAtt': ['Key', 'Arn'] })).toBe(resource('Key'));
    expect(template.target({ 'Fn::GetAtt': 'Key.Arn' })).toBe(resource('Key'));
  });

  test('a parameter, a pseudo parameter, an unknown id or a literal has no target', () => {
    expect(template.target({ Ref: 'KeyArn' })).toBeUndefined();
    expect(template.target({ Ref: 'AWS::AccountId' })).toBeUndefined();
    expect(template.target({ 'Fn::GetAtt': ['Missing', 'Arn'] })).toBeUndefined();
    expect(template.target('Key')).toBeUndefined();
    expect(template.target({ 'Fn::ImportValue': 'Key' })).toBeUndefined();
  });
});

describe('StackTemplate.referencing', () => {
  test('finds the resources of a type whose property refers to a resource by Ref', () => {
    expect(template.referencing('AWS::S3::BucketPolicy', 'Bucket', 'Data')).toEqual([resource('DataPolicy')]);
  });

  test('finds references by either form of Fn::GetAtt', () => {
    expect(template.referencing('AWS::S3::BucketPolicy', 'Bucket', 'Logs')).toEqual([resource('LogsPolicy'), resource('OtherLogsPolicy')]);
  });

  test('finds a reference among the elements of a list', () => {
    expect(template.referencing('AWS::IAM::Role', 'ManagedPolicyArns', 'Policy')).toEqual([resource('Role')]);
    expect(template.referencing('AWS::IAM::ManagedPolicy', 'Roles', 'Role')).toEqual([resource('Policy')]);
  });

  test('only the named type and property count', () => {
    expect(template.referencing('AWS::IAM::Role', 'ManagedPolicyArns', 'Data')).toEqual([]);
    expect(template.referencing('AWS::S3::BucketPolicy', 'PolicyDocument', 'Data')).toEqual([]);
    expect(template.referencing('AWS::IAM::ManagedPolicy', 'Roles', 'Data')).toEqual([]);
  });
});

describe('TemplateResource', () => {
  test('reads properties, policies, metadata and condition', () => {
    const data = resource('Data');
    expect(data.properties).toEqual({ Tags: [{ Key: 'DataClassification', Value: 'internal' }, { Key: 'Owner', Value: { Ref: 'OwnerParam' } }] });
    expect([data.deletionPolicy, data.updateReplacePolicy, data.condition]).toEqual(['Retain', 'Snapshot', 'IsProd']);
    expect(data.metadata).toEqual({ 'aws:cdk:path': 'App/Stack/Data/Resource' });
  });

  test('a resource without them has empty properties and metadata, and no policies or condition', () => {
    const logs = resource('Logs');
    expect(logs.properties).toEqual({});
    expect(logs.metadata).toEqual({});
    expect([logs.deletionPolicy, logs.updateReplacePolicy, logs.condition]).toEqual([undefined, undefined, undefined]);
  });

  test('a condition that is not a name is not read', () => {
    const r = new TemplateResource(template, 'R', 'AWS::S3::Bucket', { Condition: { 'Fn::Equals': ['a', 'a'] } });
    expect(r.condition).toBeUndefined();
  });

  test('cdkPath is the aws:cdk:path metadata when it is a string', () => {
    expect(resource('Data').cdkPath).toBe('App/Stack/Data/Resource');
    expect(resource('Logs').cdkPath).toBeUndefined();
    expect(new TemplateResource(template, 'R', 'AWS::S3::Bucket', { Metadata: { 'aws:cdk:path': ['App'] } }).cdkPath).toBeUndefined();
  });
});

describe('TemplateResource.tag', () => {
  test('reads a tag from the list form, its value as written', () => {
    expect(resource('Data').tag('DataClassification')).toBe('internal');
    expect(resource('Data').tag('Owner')).toEqual({ Ref: 'OwnerParam' });
  });

  test('reads a tag from the map form', () => {
    expect(resource('Parameter').tag('Team')).toBe('ml');
  });

  test('an absent tag, or a resource without tags, has no value', () => {
    expect(resource('Data').tag('Team')).toBeUndefined();
    expect(resource('Parameter').tag('Owner')).toBeUndefined();
    expect(resource('Logs').tag('Owner')).toBeUndefined();
  });

  test('matches the tag key exactly', () => {
    expect(resource('Data').tag('dataclassification')).toBeUndefined();
  });

  test('a Tags map given by a Ref is not read as a map', () => {
    expect(resource('ParameterFromRef').tag('Ref')).toBeUndefined();
  });
});
