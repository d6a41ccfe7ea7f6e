/*
 * evidence/logical-diagram.ts: the stages of an environment found in a stack written in the test,
 * the arrows between the stages present, the boundaries, and the DOT.
 */
import { AppModel } from '../../evidence/app-model';
import { buildInventory } from '../../evidence/inventory';
import { buildLogicalDiagrams, LogicalDiagram, logicalDot, StageKind } from '../../evidence/logical-diagram';
import { assumeRolePolicy, stackInput } from './helpers';

const tags = (env: string, classification?: string) => [{ Key: 'Environment', Value: env }, ...(classification ? [{ Key: 'DataClassification', Value: classification }] : [])];
const kms = { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': ['DataKey', 'Arn'] } } }] } };

let diagrams: LogicalDiagram[];

beforeAll(() => {
  const prod = stackInput('Prod', {
    DataKey: { Type: 'AWS::KMS::Key', Properties: { Tags: tags('prod') } },
    DataKeyAlias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/ml/data', TargetKeyId: { Ref: 'DataKey' } } },
    TrainingData: { Type: 'AWS::S3::Bucket', Properties: { ...kms, Tags: tags('prod', 'confidential') } },
    ModelArtifacts: { Type: 'AWS::S3::Bucket', Properties: { ...kms, Tags: tags('prod', 'confidential') } },
    TrainingRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: assumeRolePolicy({ Service: 'sagemaker.amazonaws.com' }), Tags: tags('prod') } },
    Endpoint: { Type: 'AWS::SageMaker::Endpoint', Properties: { EndpointConfigName: 'x', Tags: tags('prod') } },
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.30.0.0/16', Tags: tags('prod') } },
  });
  const ops = stackInput('Ops', { Topic: { Type: 'AWS::SNS::Topic', Properties: { Tags: tags('ops') } } });
  const model = new AppModel([prod, ops]);
  diagrams = buildLogicalDiagrams(model, buildInventory(model));
});

test('one diagram per environment holding a store of the lifecycle; an environment without one has none', () => {
  expect(diagrams.map((d) => d.environment)).toEqual(['prod']);
});

test('the stages present, in the lifecycle\'s order, with sources and callers outside the app', () => {
  expect(diagrams[0].nodes.map((n) => [n.id, n.kind])).toEqual([
    ['sources', StageKind.EXTERNAL], ['training_data', StageKind.STORE], ['training', StageKind.PROCESS], ['artifacts', StageKind.STORE],
    ['endpoint', StageKind.PROCESS], ['callers', StageKind.EXTERNAL],
  ]);
});

test('arrows only between stages present, in the lifecycle\'s order', () => {
  expect(diagrams[0].edges).toEqual([['sources', 'training_data'], ['training_data', 'training'], ['training', 'artifacts'], ['endpoint', 'callers']]);
});

test('each store shows its kind, classification and key; the endpoint sits in the VPC boundary', () => {
  expect(diagrams[0].nodes.find((n) => n.id === 'training_data')!.lines).toEqual(['Training data', 'S3 bucket, confidential', 'key alias/ml/data']);
  expect(diagrams[0].vpc).toBe('VPC 10.30.0.0/16');
  expect(diagrams[0].nodes.filter((n) => n.inVpc).map((n) => n.id)).toEqual(['endpoint']);
  expect(diagrams[0].account).toBe('Account of the environment (given at deploy)');
});

test('the DOT draws the account and VPC boundaries, the nodes with their construct paths as tooltips, and the arrows', () => {
  const dot = logicalDot(diagrams[0]);
  expect(dot).toContain('subgraph cluster_account { label="Account of the environment (given at deploy): environment prod (Prod)";');
  expect(dot).toContain('subgraph cluster_vpc { label="VPC 10.30.0.0/16";');
  expect(dot).toContain('training_data [label="Training data\\nS3 bucket, confidential\\nkey alias/ml/data", shape=cylinder');
  expect(dot).toContain('tooltip="Prod/TrainingData/Resource"');
  expect(dot).toContain('  training -> artifacts;\n');
  expect((dot.match(/ \[label=/g) ?? []).length).toBeLessThanOrEqual(25);
});
