/*
 * evidence/diagram.ts: the data-flow diagram built from a small ML stack and an operations stack
 * written in the test, and its DOT text from a diagram written by hand.
 */
import { AppModel } from '../../evidence/app-model';
import { buildDiagram, Diagram, DiagramNode, EdgeKind, LEGEND, NodeCategory, toDot } from '../../evidence/diagram';
import { Json, JsonObject } from '../../pack/json';
import { arnOf, assumeRolePolicy, parseDot, stackInput } from './helpers';

const trustedBy = (service: string): JsonObject => assumeRolePolicy({ Service: service });
const allow = (actions: string[], resource: Json): JsonObject => ({ Effect: 'Allow', Action: actions, Resource: resource });
/** A role's policy as CDK's grants write it: a policy resource attached to the role. */
const policyOf = (role: string, ...statements: JsonObject[]): JsonObject => ({ Type: 'AWS::IAM::Policy', Properties: { Roles: [{ Ref: role }], PolicyDocument: { Statement: statements } } });
const dev = [{ Key: 'Environment', Value: 'dev' }];

describe('buildDiagram', () => {
  let diagram: Diagram;
  /** The node whose label starts with a short name. */
  const node = (name: string): DiagramNode | undefined => diagram.nodes.find((n) => n.label.split('\n')[0] === name);
  const edge = (from: string, to: string) => diagram.edges.filter((e) => e.from === node(from)?.id && e.to === node(to)?.id).map(({ from: _f, to: _t, ...rest }) => rest);

  beforeAll(() => {
    const ml = stackInput('Ml', {
      Key: { Type: 'AWS::KMS::Key', Properties: { Tags: dev } },
      KeyAlias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/ml/data', TargetKeyId: { Ref: 'Key' } } },
      Training: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: arnOf('Key') } }] },
          LoggingConfiguration: { DestinationBucketName: { Ref: 'AccessLogs' } },
          Tags: [...dev, { Key: 'DataClassification', Value: 'confidential' }, { Key: 'PersonalData', Value: 'true' }],
        },
      },
      TrainingBucketPolicy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Training' }, PolicyDocument: { Statement: [] } } },
      AccessLogs: { Type: 'AWS::S3::Bucket' },
      Artifacts: { Type: 'AWS::S3::Bucket' },
      Reports: { Type: 'AWS::S3::Bucket' },
      Capture: { Type: 'AWS::S3::Bucket' },
      TrainingRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trustedBy('sagemaker.amazonaws.com') } },
      TrainingRolePolicy: policyOf('TrainingRole', allow(['s3:GetObject'], arnOf('Training')), allow(['s3:PutObject'], arnOf('Artifacts'))),
      MonitoringRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trustedBy('sagemaker.amazonaws.com') } },
      MonitoringRolePolicy: policyOf('MonitoringRole', allow(['s3:GetObject', 's3:PutObject'], arnOf('Reports'))),
      ScientistRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trustedBy('sagemaker.amazonaws.com'), Tags: [{ Key: 'Persona', Value: 'data-scientist' }] } },
      ScientistRolePolicy: policyOf('ScientistRole', allow(['s3:GetObject'], arnOf('Training'))),
      FunctionRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trustedBy('lambda.amazonaws.com') } },
      FunctionRolePolicy: policyOf('FunctionRole', allow(['s3:GetObject'], arnOf('Training'))),
      Cleanup: { Type: 'AWS::Lambda::Function', Properties: { Role: arnOf('FunctionRole') } },
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
      Subnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24' } },
      Model: {
        Type: 'AWS::SageMaker::Model',
        Properties: {
          ExecutionRoleArn: arnOf('TrainingRole'),
          PrimaryContainer: { ModelDataUrl: { 'Fn::Sub': 's3://${Artifacts}/model.tar.gz' } },
          VpcConfig: { Subnets: [{ Ref: 'Subnet' }], SecurityGroupIds: ['sg-1'] },
        },
      },
      Config: {
        Type: 'AWS::SageMaker::EndpointConfig',
        Properties: {
          ProductionVariants: [{ VariantName: 'primary', ModelName: { 'Fn::GetAtt': ['Model', 'ModelName'] } }],
          DataCaptureConfig: { DestinationS3Uri: { 'Fn::Sub': 's3://${Capture}/capture' } },
        },
      },
      Endpoint: {
        Type: 'AWS::SageMaker::Endpoint',
        Properties: {
          EndpointConfigName: { 'Fn::GetAtt': ['Config', 'EndpointConfigName'] },
          DeploymentConfig: { AutoRollbackConfiguration: { Alarms: [{ AlarmName: { Ref: 'Latency' } }] } },
        },
      },
      Latency: { Type: 'AWS::CloudWatch::Alarm', Properties: { AlarmActions: [{ Ref: 'Alerts' }] } },
      Alerts: { Type: 'AWS::SNS::Topic' },
    });
    const ops = stackInput('Ops', {
      Pager: { Type: 'AWS::SNS::Topic' },
      High: { Type: 'AWS::CloudWatch::Alarm', Properties: { AlarmActions: [{ Ref: 'Pager' }] } },
      Low: { Type: 'AWS::CloudWatch::Alarm', Properties: { AlarmActions: [{ Ref: 'Pager' }] } },
    }, { constructPaths: { High: 'Ops/Alarms/High/Resource', Low: 'Ops/Alarms/Low/Resource' } });
    diagram = buildDiagram(new AppModel([ml, ops]));
  });

  test('a cluster per stack, with the environment most of its resources carry', () => {
    expect(diagram.clusters).toEqual([{ stack: 'Ml', environment: 'dev' }, { stack: 'Ops', environment: undefined }]);
  });

  test('a node per resource that holds, moves, protects or watches data, with its category and construct path', () => {
    expect(node('Training')).toEqual(expect.objectContaining({ category: NodeCategory.STORE, stack: 'Ml', constructPaths: ['Ml/Training/Resource'] }));
    expect(node('Model')?.category).toBe(NodeCategory.ML);
    expect(node('Alerts')?.category).toBe(NodeCategory.ALERT);
    expect(node('TrainingBucketPolicy')).toBeUndefined();
    expect(node('Subnet')).toBeUndefined();
  });

  test('a store\'s label: short name, kind, classification and personal data; a key\'s: its alias', () => {
    expect(node('Training')?.label).toBe('Training\nS3 bucket · confidential · personal data');
    expect(node('alias/ml/data')).toEqual(expect.objectContaining({ category: NodeCategory.KEY, constructPaths: ['Ml/Key/Resource'] }));
  });

  test('node ids are n1, n2, … and every edge joins two nodes', () => {
    expect(diagram.nodes.map((n) => n.id)).toEqual(diagram.nodes.map((_n, i) => `n${i + 1}`));
    const ids = new Set(diagram.nodes.map((n) => n.id));
    expect(diagram.edges.filter((e) => !ids.has(e.from) || !ids.has(e.to))).toEqual([]);
  });

  test('a key protects the resources naming it', () => {
    expect(edge('alias/ml/data', 'Training')).toEqual([{ kind: EdgeKind.PROTECTS, label: undefined }]);
  });

  test('data flows from a referenced resource to the one naming it, and under an outbound property the other way, labelled', () => {
    expect(edge('Artifacts', 'Model')).toEqual([{ kind: EdgeKind.FLOW, label: undefined }]);
    expect(edge('Training', 'AccessLogs')).toEqual([{ kind: EdgeKind.FLOW, label: 'access logs' }]);
    expect(edge('Endpoint', 'Capture')).toEqual([{ kind: EdgeKind.FLOW, label: 'captures' }]);
    expect(edge('Model', 'Endpoint')).toEqual([{ kind: EdgeKind.FLOW, label: undefined }]);
  });

  test('an endpoint configuration is no node of its own: its references are its endpoint\'s', () => {
    expect(node('Config')).toBeUndefined();
    expect(edge('Endpoint', 'Capture')).toHaveLength(1);
  });

  test('the role a resource runs as is an identity edge to it', () => {
    expect(edge('TrainingRole', 'Model')).toEqual([{ kind: EdgeKind.IDENTITY, label: undefined }]);
  });

  test('a workload role\'s policy: what it reads points to it, what it writes from it, both ways when it does both', () => {
    expect(edge('Training', 'TrainingRole')).toEqual([{ kind: EdgeKind.ACCESS, label: 'reads' }]);
    expect(edge('TrainingRole', 'Artifacts')).toEqual([{ kind: EdgeKind.ACCESS, label: 'writes' }]);
    expect(edge('Reports', 'MonitoringRole')).toEqual([{ kind: EdgeKind.ACCESS, label: 'reads and writes', both: true }]);
  });

  test('people\'s roles, roles SageMaker does not assume, and functions connected to nothing drawn are left out', () => {
    expect([node('ScientistRole'), node('FunctionRole'), node('Cleanup')]).toEqual([undefined, undefined, undefined]);
  });

  test('the alarm that rolls an endpoint back, and the topic it alarms', () => {
    expect(node('Latency')).toEqual(expect.objectContaining({ label: 'Latency\nalarm', category: NodeCategory.ALERT }));
    expect(edge('Latency', 'Endpoint')).toEqual([{ kind: EdgeKind.FLOW, label: 'rolls back' }]);
    expect(edge('Latency', 'Alerts')).toEqual([{ kind: EdgeKind.FLOW, label: 'alarm' }]);
  });

  test('alarms of one stack with the same connections are one node, labelled with their count and common path', () => {
    const alarms = diagram.nodes.filter((n) => n.stack === 'Ops' && n.category === NodeCategory.ALERT && n.label.startsWith('2 alarms'));
    expect(alarms).toEqual([expect.objectContaining({ label: '2 alarms\nAlarms', constructPaths: ['Ops/Alarms/High/Resource', 'Ops/Alarms/Low/Resource'] })]);
    expect(diagram.edges.filter((e) => e.from === alarms[0].id && e.to === node('Pager')?.id)).toHaveLength(1);
  });

  test('a VPC is a node standing for its network, and a resource in one of its subnets is inside it', () => {
    const vpc = node('Vpc');
    expect(vpc).toEqual(expect.objectContaining({ category: NodeCategory.NETWORK, label: expect.stringMatching(/^Vpc\nVPC 10\.0\.0\.0\/16\n/) }));
    expect(node('Model')?.vpc).toBe(vpc?.id);
    expect(node('Training')?.vpc).toBeUndefined();
  });
});

describe('toDot', () => {
  let dot: string;

  beforeAll(() => {
    dot = toDot({
      clusters: [{ stack: 'Ml', environment: 'dev' }, { stack: 'Ops' }, { stack: 'Empty' }],
      nodes: [
        { id: 'n1', label: 'Training\nS3 bucket', category: NodeCategory.STORE, stack: 'Ml', constructPaths: ['Ml/Training/Resource'] },
        { id: 'n2', label: 'Vpc\nVPC', category: NodeCategory.NETWORK, stack: 'Ml', constructPaths: ['Ml/Vpc/Resource'] },
        { id: 'n3', label: 'Model\nSageMaker model', category: NodeCategory.ML, stack: 'Ml', vpc: 'n2', constructPaths: ['Ml/Model/Resource', 'Ml/Model/Config'] },
        { id: 'n4', label: 'Say "hi" \\ bye', category: NodeCategory.ALERT, stack: 'Ops', constructPaths: ['Ops/Topic/Resource'] },
      ],
      edges: [
        { from: 'n1', to: 'n3', kind: EdgeKind.FLOW },
        { from: 'n1', to: 'n3', kind: EdgeKind.ACCESS, label: 'reads and writes', both: true },
        { from: 'n4', to: 'n3', kind: EdgeKind.FLOW, label: 'rolls back' },
      ],
    });
  });

  test('a directed graph, labelled with the legend', () => {
    expect(dot.startsWith('digraph soc2_data_flow {\n')).toBe(true);
    expect(dot.endsWith('}\n')).toBe(true);
    expect(dot).toContain(`label="${LEGEND}"`);
  });

  test('a cluster per stack with nodes, labelled with its environment; a stack without nodes has none', () => {
    expect(dot).toContain('subgraph cluster_1 {\n    label="Ml (Environment: dev)";');
    expect(dot).toContain('subgraph cluster_2 {\n    label="Ops";');
    expect(dot).not.toContain('Empty');
  });

  test('a VPC boundary holds the VPC and the nodes inside it; other nodes stay outside', () => {
    expect(parseDot(dot).inVpc).toEqual(new Set(['n2', 'n3']));
    expect(dot).toMatch(/subgraph cluster_1_n2 \{\n {6}label="VPC boundary";/);
  });

  test('a node has its label, its category\'s shape and class, and its construct paths as tooltip', () => {
    expect(dot).toContain('n1 [label="Training\\nS3 bucket", shape=cylinder, fillcolor="#e3f2fd", class="store", tooltip="Ml/Training/Resource"];');
    expect(dot).toContain('n3 [label="Model\\nSageMaker model", shape=box, style="rounded,filled", fillcolor="#fff3e0", class="ml", tooltip="Ml/Model/Resource\\nMl/Model/Config"];');
  });

  test('an edge has its kind as class, its meaning as tooltip, arrows both ways when both, and a rollback in red', () => {
    const edges = parseDot(dot).edges;
    expect(edges).toEqual([
      { from: 'n1', to: 'n3', kind: 'flow', label: undefined },
      { from: 'n1', to: 'n3', kind: 'access', label: 'reads and writes' },
      { from: 'n4', to: 'n3', kind: 'flow', label: 'rolls back' },
    ]);
    expect(dot).toContain('n1 -> n3 [color="#1e88e5", dir=both, class="access", tooltip="reads and writes"];');
    expect(dot).toContain('n4 -> n3 [color="#c62828", penwidth=1.6, class="flow", tooltip="rolls back"];');
  });

  test('quotes and backslashes in text are escaped, line breaks written \\n', () => {
    expect(dot).toContain('n4 [label="Say \\"hi\\" \\\\ bye",');
  });
});
