/*
 * evidence/app-model.ts: the app as read from its templates (resources, references across them,
 * tags, names for people) and which roles reach which resource, from templates built in the test.
 */
import { AccessVia, AppModel, ModelResource, RoleAccess, roleAccess } from '../../evidence/app-model';
import { arnOf, assumeRolePolicy, stackInput } from './helpers';

const TRUST = assumeRolePolicy({ Service: 'sagemaker.amazonaws.com' });

const byId = (model: AppModel, stack: string, logicalId: string): ModelResource =>
  model.resources.find((r) => r.stack.stackPath === stack && r.logicalId === logicalId)!;

describe('resources', () => {
  let model: AppModel;

  beforeAll(() => {
    model = new AppModel([
      stackInput('B', { Zeta: { Type: 'AWS::SNS::Topic' } }),
      stackInput('A', {
        Logs: { Type: 'AWS::Logs::LogGroup' },
        Bucket: { Type: 'AWS::S3::Bucket' },
        Alias: { Type: 'AWS::KMS::Alias' },
      }, { constructPaths: { Alias: 'A/Key/Alias', Logs: 'A/Logs' } }),
    ]);
  });

  test('every resource of every stack, by stack then construct path', () => {
    expect(model.resources.map((r) => r.constructPath)).toEqual(['A/Bucket/Resource', 'A/Key/Alias', 'A/Logs', 'B/Zeta/Resource']);
  });

  test('a resource carries its stack, logical id, type and properties', () => {
    expect(byId(model, 'A', 'Bucket')).toEqual(expect.objectContaining({ logicalId: 'Bucket', type: 'AWS::S3::Bucket', properties: {} }));
    expect(byId(model, 'A', 'Bucket').stack.stackPath).toBe('A');
  });

  test('ofType gives the resources of one type or of several, in the model\'s order', () => {
    expect(model.ofType('AWS::S3::Bucket').map((r) => r.logicalId)).toEqual(['Bucket']);
    expect(model.ofType('AWS::SNS::Topic', 'AWS::Logs::LogGroup').map((r) => r.logicalId)).toEqual(['Logs', 'Zeta']);
    expect(model.ofType('AWS::EC2::VPC')).toEqual([]);
  });

  test('location names stack, construct path, logical id and type', () => {
    expect(model.location(byId(model, 'A', 'Alias'))).toEqual({ stack: 'A', constructPath: 'A/Key/Alias', logicalId: 'Alias', type: 'AWS::KMS::Alias' });
  });

  test('shortName is the path inside the stack without the L1\'s Resource or Default leaf', () => {
    expect(model.shortName(byId(model, 'A', 'Bucket'))).toBe('Bucket');
    expect(model.shortName(byId(model, 'A', 'Alias'))).toBe('Key/Alias');
    const other = new AppModel([stackInput('S', { Vpc: { Type: 'AWS::EC2::VPC' }, Imported: { Type: 'AWS::S3::Bucket' } }, { constructPaths: { Vpc: 'S/Net/Default', Imported: 'Old/Bucket' } })]);
    expect(model.shortName(byId(other, 'S', 'Vpc'))).toBe('Net');
    expect(model.shortName(byId(other, 'S', 'Imported'))).toBe('Old/Bucket');
  });
});

describe('references', () => {
  let model: AppModel;
  const refs = (stack: string, id: string) => model.references(byId(model, stack, id)).map((r) => [r.target.logicalId, r.path.join('.')]);

  beforeAll(() => {
    model = new AppModel([
      stackInput('Data', {
        Key: { Type: 'AWS::KMS::Key' },
        Logs: { Type: 'AWS::S3::Bucket' },
        Bucket: {
          Type: 'AWS::S3::Bucket',
          Properties: {
            BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': ['Key', 'Arn'] } } }] },
            LoggingConfiguration: { DestinationBucketName: { Ref: 'Logs' } },
            Tags: [{ Key: 'Name', Value: { Ref: 'AWS::StackName' } }],
          },
        },
        Policy: {
          Type: 'AWS::S3::BucketPolicy',
          Properties: {
            Bucket: { Ref: 'Bucket' },
            PolicyDocument: { Statement: [{ Resource: [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/*']] }] }] },
          },
        },
      }, { outputs: { BucketArn: { Value: { 'Fn::GetAtt': ['Bucket', 'Arn'] }, Export: { Name: 'Data:BucketArn' } } } }),
      stackInput('Ml', {
        Config: {
          Type: 'AWS::SageMaker::EndpointConfig',
          Properties: {
            DataCaptureConfig: { DestinationS3Uri: { 'Fn::Sub': 's3://${Capture}/capture/${AWS::Region}/${!Literal}' }, KmsKeyId: { 'Fn::GetAtt': 'Key.Arn' } },
            Tags: [{ Key: 'Source', Value: { 'Fn::ImportValue': 'Data:BucketArn' } }],
          },
        },
        Capture: { Type: 'AWS::S3::Bucket' },
        Key: { Type: 'AWS::KMS::Key' },
        Literal: { Type: 'AWS::SNS::Topic' },
        Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Sub': ['${Name}-queue', { Name: { Ref: 'Capture' } }] } } },
      }),
    ]);
  });

  test('Ref and Fn::GetAtt name a resource, with where in the properties', () => {
    expect(refs('Data', 'Bucket')).toEqual([
      ['Key', 'BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.KMSMasterKeyID'],
      ['Logs', 'LoggingConfiguration.DestinationBucketName'],
    ]);
  });

  test('a reference through Fn::Join keeps the property path; one target and path is one reference', () => {
    expect(refs('Data', 'Policy')).toEqual([['Bucket', 'Bucket'], ['Bucket', 'PolicyDocument.Statement.Resource']]);
  });

  test('Fn::Sub names the resources of its ${…}, not pseudo parameters nor ${!literals}; the string form of Fn::GetAtt too', () => {
    expect(refs('Ml', 'Config')).toEqual([
      ['Capture', 'DataCaptureConfig.DestinationS3Uri'],
      ['Key', 'DataCaptureConfig.KmsKeyId'],
      ['Bucket', 'Tags.Value'],
    ]);
  });

  test('Fn::ImportValue names the resource the other stack exports', () => {
    const imported = model.references(byId(model, 'Ml', 'Config')).find((r) => r.path.join('.') === 'Tags.Value');
    expect(imported?.target).toBe(byId(model, 'Data', 'Bucket'));
  });

  test('the values of an Fn::Sub variable map are followed', () => {
    expect(model.references(byId(model, 'Ml', 'Queue')).map((r) => r.target.logicalId)).toEqual(['Capture']);
  });

  test('referencesTo lists who names a resource, with where', () => {
    expect(model.referencesTo(byId(model, 'Data', 'Bucket')).map((r) => [r.source.stack.stackPath, r.source.logicalId, r.path.join('.')])).toEqual([
      ['Data', 'Policy', 'Bucket'],
      ['Data', 'Policy', 'PolicyDocument.Statement.Resource'],
      ['Ml', 'Config', 'Tags.Value'],
    ]);
    expect(model.referencesTo(byId(model, 'Data', 'Policy'))).toEqual([]);
  });

  test('target resolves one value in its stack; a parameter, a literal or an unknown export is no resource', () => {
    const data = byId(model, 'Data', 'Bucket').stack;
    expect(model.target(data, { Ref: 'Logs' })).toBe(byId(model, 'Data', 'Logs'));
    expect(model.target(data, { 'Fn::GetAtt': 'Key.Arn' })).toBe(byId(model, 'Data', 'Key'));
    expect(model.target(data, { Ref: 'AWS::Region' })).toBeUndefined();
    expect(model.target(data, 'arn:aws:s3:::raw')).toBeUndefined();
    expect(model.target(data, { 'Fn::ImportValue': 'Nobody:Exports' })).toBeUndefined();
  });

  test('describe names a referenced resource by its short name, across stacks with its stack, and resources inside text in <…>', () => {
    const ml = byId(model, 'Ml', 'Config').stack;
    expect(model.describe(ml, { Ref: 'Capture' })).toBe('Capture');
    expect(model.describe(ml, { 'Fn::ImportValue': 'Data:BucketArn' })).toBe('Data/Bucket');
    expect(model.describe(ml, { 'Fn::Sub': 's3://${Capture}/x/${Capture.Arn}/${AWS::Region}' })).toBe('s3://<Capture>/x/<Capture>/${AWS::Region}');
    expect(model.describe(ml, { 'Fn::Select': [1, { 'Fn::GetAZs': '' }] })).toBe('zone 1 of the region (Fn::GetAZs)');
  });
});

describe('tags and environments', () => {
  let model: AppModel;

  beforeAll(() => {
    const tags = (env: string) => [{ Key: 'Environment', Value: env }];
    model = new AppModel([
      stackInput('Mixed', {
        A: { Type: 'AWS::S3::Bucket', Properties: { Tags: tags('prod') } },
        B: { Type: 'AWS::S3::Bucket', Properties: { Tags: tags('prod') } },
        C: { Type: 'AWS::S3::Bucket', Properties: { Tags: tags('dev') } },
        Untagged: { Type: 'AWS::S3::Bucket' },
        Map: { Type: 'AWS::SSM::Parameter', Properties: { Tags: { Team: 'ml', Count: 3 } } },
        Flag: { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'PersonalData', Value: true }, { Key: 'Owner', Value: { Ref: 'AWS::AccountId' } }] } },
      }),
      stackInput('Bare', { Only: { Type: 'AWS::S3::Bucket' } }),
    ]);
  });

  test('tag reads a literal tag, list or map form, numbers and booleans as text; an intrinsic is no literal', () => {
    expect(model.tag(byId(model, 'Mixed', 'A'), 'Environment')).toBe('prod');
    expect(model.tag(byId(model, 'Mixed', 'Map'), 'Team')).toBe('ml');
    expect(model.tag(byId(model, 'Mixed', 'Map'), 'Count')).toBe('3');
    expect(model.tag(byId(model, 'Mixed', 'Flag'), 'PersonalData')).toBe('true');
    expect(model.tag(byId(model, 'Mixed', 'Flag'), 'Owner')).toBeUndefined();
    expect(model.tag(byId(model, 'Mixed', 'Untagged'), 'Environment')).toBeUndefined();
  });

  test('a resource\'s environment is its own tag, else the one most of its stack carries', () => {
    expect(model.environmentOf(byId(model, 'Mixed', 'C'))).toBe('dev');
    expect(model.environmentOf(byId(model, 'Mixed', 'Untagged'))).toBe('prod');
    expect(model.stackEnvironment(byId(model, 'Mixed', 'A').stack)).toBe('prod');
  });

  test('a stack no resource tags has no environment', () => {
    expect(model.environmentOf(byId(model, 'Bare', 'Only'))).toBeUndefined();
  });
});

describe('roleAccess', () => {
  let model: AppModel;
  let access: Map<ModelResource, RoleAccess[]>;
  const of = (id: string) => access.get(byId(model, 'App', id));

  beforeAll(() => {
    model = new AppModel([stackInput('App', {
      Data: { Type: 'AWS::S3::Bucket' },
      Reports: { Type: 'AWS::S3::Bucket' },
      Registry: {
        Type: 'AWS::SageMaker::ModelPackageGroup',
        Properties: { ModelPackageGroupPolicy: { Statement: [{ Effect: 'Allow', Action: 'sagemaker:DescribeModelPackage', Principal: { AWS: arnOf('Scientist') } }] } },
      },
      Trainer: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: TRUST,
          Policies: [{
            PolicyName: 'inline',
            PolicyDocument: {
              Statement: [
                { Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: { 'Fn::Join': ['', [arnOf('Data'), '/*']] } },
                { Effect: 'Deny', Action: 's3:DeleteObject', Resource: arnOf('Reports') },
                { Effect: 'Allow', Action: 'iam:PassRole', Resource: arnOf('Trainer') },
              ],
            },
          }],
          ManagedPolicyArns: [{ Ref: 'ReportWriter' }],
        },
      },
      ReportWriter: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', NotAction: 's3:DeleteObject', Resource: arnOf('Reports') }] } },
      },
      Scientist: {
        Type: 'AWS::IAM::Role',
        Properties: { AssumeRolePolicyDocument: TRUST, Tags: [{ Key: 'Persona', Value: 'data-scientist' }] },
      },
      ScientistPolicy: {
        Type: 'AWS::IAM::Policy',
        Properties: { Roles: [{ Ref: 'Scientist' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: arnOf('Data') }] } },
      },
      DataPolicy: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: { Ref: 'Data' },
          PolicyDocument: {
            Statement: [
              { Effect: 'Allow', Action: 's3:ListBucket', Principal: { AWS: arnOf('Trainer') }, Resource: arnOf('Data') },
              { Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Resource: arnOf('Data') },
            ],
          },
        },
      },
    })]);
    access = roleAccess(model);
  });

  test('a role\'s inline policy reaches what its Allow statements name, with the actions sorted', () => {
    expect(of('Data')).toContainEqual({ role: 'App/Trainer/Resource', persona: undefined, via: AccessVia.IAM_POLICY, actions: ['s3:GetObject', 's3:PutObject'] });
  });

  test('a Deny statement grants nothing', () => {
    expect((of('Reports') ?? []).flatMap((a) => a.actions)).not.toContain('s3:DeleteObject');
  });

  test('a customer-managed policy the role attaches reaches what it names; NotAction is written NOT', () => {
    expect(of('Reports')).toEqual([{ role: 'App/Trainer/Resource', persona: undefined, via: AccessVia.IAM_POLICY, actions: ['NOT s3:DeleteObject'] }]);
  });

  test('an AWS::IAM::Policy reaches for the roles it is attached to, with their persona', () => {
    expect(of('Data')).toContainEqual({ role: 'App/Scientist/Resource', persona: 'data-scientist', via: AccessVia.IAM_POLICY, actions: ['s3:GetObject'] });
  });

  test('a bucket policy\'s Allow naming a role grants it access by resource policy', () => {
    expect(of('Data')).toContainEqual({ role: 'App/Trainer/Resource', persona: undefined, via: AccessVia.RESOURCE_POLICY, actions: ['s3:ListBucket'] });
  });

  test('a resource\'s own policy naming a role grants it access', () => {
    expect(of('Registry')).toEqual([{ role: 'App/Scientist/Resource', persona: 'data-scientist', via: AccessVia.RESOURCE_POLICY, actions: ['sagemaker:DescribeModelPackage'] }]);
  });

  test('a role naming itself is no access', () => {
    expect(of('Trainer')).toBeUndefined();
  });

  test('roles with a persona come first, then by construct path and how', () => {
    expect(of('Data')?.map((a) => `${a.role} ${a.via}`)).toEqual([
      'App/Scientist/Resource iam-policy',
      'App/Trainer/Resource iam-policy',
      'App/Trainer/Resource resource-policy',
    ]);
  });
});
