import { flatten, principalsOf, statementsOf } from '../pack/values';
import { AppModel, ModelResource, RoleAccess, roleAccess } from './app-model';
import { cmp } from './inputs';
import { TagKeys } from '../core/tags';

/*
 * The data-flow and architecture diagram, generated from the app: nodes are the resources that
 * hold, move, protect or watch data; edges come from the references between them in the
 * templates and from the roles' policies; stacks (labelled with their environment) and VPCs are
 * boundaries. `graphviz.ts` renders it to SVG.
 */

export enum NodeCategory {
  SOURCE = 'source',
  STORE = 'store',
  LOGS = 'logs',
  REGISTRY = 'registry',
  ML = 'ml',
  PRINCIPAL = 'principal',
  COMPUTE = 'compute',
  ALERT = 'alert',
  AUDIT = 'audit',
  KEY = 'key',
  NETWORK = 'network',
}

export enum EdgeKind {
  /** Data moves from one to the other: one resource names the other in its properties. */
  FLOW = 'flow',
  /** A role's policy (or the resource's policy) lets it read the resource (arrow to the role) or write it (arrow from it). */
  ACCESS = 'access',
  /** A key encrypts a resource. */
  PROTECTS = 'protects',
  /** A resource runs as a role. */
  IDENTITY = 'identity',
}

export interface DiagramNode {
  readonly id: string;
  readonly label: string;
  readonly category: NodeCategory;
  readonly stack: string;
  /** The VPC node's id, when the resource runs inside a VPC of the app. */
  readonly vpc?: string;
  /** The resources the node stands for. */
  readonly constructPaths: readonly string[];
}

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** What the edge means, in a word or two (`reads`, `rolls back`); shown as the edge's tooltip. */
  readonly label?: string;
  /** Data flows both ways (a role that reads and writes a store). */
  readonly both?: boolean;
}

export interface DiagramCluster {
  readonly stack: string;
  readonly environment?: string;
}

export interface Diagram {
  readonly clusters: readonly DiagramCluster[];
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}

/** Types drawn, by category. `AWS::SageMaker::*` not listed here is ML. */
const CATEGORY_OF_TYPE: Readonly<Record<string, NodeCategory>> = {
  'AWS::Kinesis::Stream': NodeCategory.SOURCE,
  'AWS::KinesisFirehose::DeliveryStream': NodeCategory.SOURCE,
  'AWS::Glue::Crawler': NodeCategory.SOURCE,
  'AWS::Glue::Job': NodeCategory.SOURCE,
  'AWS::DataSync::Task': NodeCategory.SOURCE,
  'AWS::Transfer::Server': NodeCategory.SOURCE,
  'AWS::DMS::ReplicationTask': NodeCategory.SOURCE,
  'AWS::S3::Bucket': NodeCategory.STORE,
  'AWS::DynamoDB::Table': NodeCategory.STORE,
  'AWS::RDS::DBCluster': NodeCategory.STORE,
  'AWS::RDS::DBInstance': NodeCategory.STORE,
  'AWS::EFS::FileSystem': NodeCategory.STORE,
  'AWS::SageMaker::FeatureGroup': NodeCategory.STORE,
  'AWS::Logs::LogGroup': NodeCategory.LOGS,
  'AWS::ECR::Repository': NodeCategory.REGISTRY,
  'AWS::SageMaker::ModelPackageGroup': NodeCategory.REGISTRY,
  'AWS::SageMaker::ModelPackage': NodeCategory.REGISTRY,
  'AWS::Lambda::Function': NodeCategory.COMPUTE,
  'AWS::StepFunctions::StateMachine': NodeCategory.COMPUTE,
  'AWS::SNS::Topic': NodeCategory.ALERT,
  'AWS::SQS::Queue': NodeCategory.ALERT,
  'AWS::CloudWatch::Alarm': NodeCategory.ALERT,
  'AWS::CloudWatch::CompositeAlarm': NodeCategory.ALERT,
  'AWS::Events::Rule': NodeCategory.ALERT,
  'AWS::CloudTrail::Trail': NodeCategory.AUDIT,
  'AWS::GuardDuty::Detector': NodeCategory.AUDIT,
  'AWS::SecurityHub::Hub': NodeCategory.AUDIT,
  'AWS::Config::DeliveryChannel': NodeCategory.AUDIT,
  'AWS::Backup::BackupVault': NodeCategory.AUDIT,
  'AWS::KMS::Key': NodeCategory.KEY,
  'AWS::IAM::Role': NodeCategory.PRINCIPAL,
};

/** SageMaker types that are configuration, not a stage of the flow. */
const SAGEMAKER_NOT_DRAWN = new Set(['AWS::SageMaker::EndpointConfig', 'AWS::SageMaker::NotebookInstanceLifecycleConfig', 'AWS::SageMaker::AppImageConfig', 'AWS::SageMaker::ImageVersion']);

/** Drawn only when connected to something that is not itself peripheral. */
const PERIPHERAL = new Set([NodeCategory.COMPUTE, NodeCategory.PRINCIPAL, NodeCategory.ALERT]);

/** Types grouped into one node per stack and connections (alarms and rules come in dozens). */
const AGGREGATED = new Set(['AWS::CloudWatch::Alarm', 'AWS::Events::Rule']);

/**
 * Property names under which a reference means the referring resource sends data to the
 * referenced one (an alarm to its topic, a bucket to its log bucket, an endpoint to its capture
 * bucket); anywhere else, data flows from the referenced resource to the referring one.
 */
const OUTBOUND = new Set([
  'AlarmActions', 'OKActions', 'InsufficientDataActions', 'Targets', 'LoggingConfiguration', 'LogDestination', 'LogGroupName',
  'DataCaptureConfig', 'MonitoringOutputConfig', 'DataQualityJobOutputConfig', 'ModelQualityJobOutputConfig', 'ModelBiasJobOutputConfig',
  'ModelExplainabilityJobOutputConfig', 'OfflineStoreConfig', 'S3BucketName', 'CloudWatchLogsLogGroupArn', 'SnsTopicARN', 'SnsTopicArn',
  'SNSTopicArn', 'TopicArn', 'DeadLetterConfig', 'DestinationConfig', 'OutputConfig', 'OutputDataConfig', 'ExtendedS3DestinationConfiguration',
  'S3DestinationConfiguration', 'NotificationConfiguration', 'ReplicationConfiguration', 'Notifications', 'BackupVaultEvents',
]);

/** Edge labels for references whose meaning people look for. */
const ROLLBACK = 'rolls back';
const EDGE_LABELS: readonly [string, string][] = [
  ['AutoRollbackConfiguration', ROLLBACK],
  ['DataCaptureConfig', 'captures'],
  ['LoggingConfiguration', 'access logs'],
  ['AlarmActions', 'alarm'],
  ['Targets', 'events'],
];

/** SageMaker Studio resources: the roles they name act for people. */
const STUDIO_TYPES = ['AWS::SageMaker::Domain', 'AWS::SageMaker::UserProfile', 'AWS::SageMaker::Space'];

/** A property that names the role a resource runs as (`RoleArn`, `ExecutionRoleArn`, `ExecutionRole`, …). */
const ROLE_PROPERTY = /Role(Arn|ARN|Name)?$/;

/** What a role's policy edges may point at: where data is, not alerts or audit plumbing. */
const POLICY_EDGE_TARGETS = new Set([NodeCategory.SOURCE, NodeCategory.STORE, NodeCategory.LOGS, NodeCategory.REGISTRY, NodeCategory.ML]);

/** IAM actions that read (data flows to the role); anything else writes. */
const READ_ACTION = /^[a-z0-9-]+:(Get|List|Describe|Query|Scan|BatchGet|Select|Search|Decrypt|Head|Read|Retrieve|Download)/i;

export function buildDiagram(model: AppModel, access: ReadonlyMap<ModelResource, readonly RoleAccess[]> = roleAccess(model)): Diagram {
  const nodes: NodeIndex = { byKey: new Map(), of: new Map(), vpcOf: new Map() };
  addVpcNodes(model, nodes);
  const roles = drawnRoles(model);
  addResourceNodes(model, nodes, roles);
  addEndpointConfigsToEndpoints(model, nodes);
  addAggregatedNodes(model, nodes);

  const edges: EdgeIndex = new Map();
  addReferenceEdges(model, nodes, edges);
  addPolicyEdges(nodes, edges, access, roles);

  const edgeList = [...edges.values()];
  const kept = connectedNodes(nodes, edgeList);
  return assembleDiagram(model, nodes, edgeList, kept);
}

interface MutableNode {
  readonly key: string;
  id: string;
  readonly label: string;
  readonly category: NodeCategory;
  readonly stack: string;
  vpc?: MutableNode;
  readonly constructPaths: string[];
  readonly members: ModelResource[];
}

/** The nodes while the diagram is built: by key, by the resources they stand for, and VPC nodes by VPC. */
interface NodeIndex {
  readonly byKey: Map<string, MutableNode>;
  readonly of: Map<ModelResource, MutableNode>;
  readonly vpcOf: Map<ModelResource, MutableNode>;
}

/** Edges by `from`, `to` and kind, so each pair is drawn once per kind. */
type EdgeIndex = Map<string, DiagramEdge>;

/** The node of a key, created the first time the key is seen. */
function newNode(nodes: NodeIndex, key: string, stack: string, category: NodeCategory, label: string): MutableNode {
  let n = nodes.byKey.get(key);
  if (!n) {
    n = { key, id: '', label, category, stack, constructPaths: [], members: [] };
    nodes.byKey.set(key, n);
  }
  return n;
}

/** One node per VPC, standing for its subnets, endpoints and flow logs. */
function addVpcNodes(model: AppModel, nodes: NodeIndex): void {
  for (const vpc of model.ofType('AWS::EC2::VPC')) {
    const n = newNode(nodes, `vpc\u0000${vpc.constructPath}`, vpc.stack.stackPath, NodeCategory.NETWORK, vpcLabel(model, vpc));
    n.constructPaths.push(vpc.constructPath);
    n.members.push(vpc);
    nodes.vpcOf.set(vpc, n);
    nodes.of.set(vpc, n);
    for (const flowLog of model.ofType('AWS::EC2::FlowLog')) {
      if (model.target(flowLog.stack, flowLog.properties.ResourceId) === vpc) {
        n.members.push(flowLog);
        nodes.of.set(flowLog, n);
      }
    }
  }
}

/**
 * The roles drawn: the ML workloads' roles (trusted by SageMaker) carry the data from stage to
 * stage. People's roles, and the Studio execution roles that act for them, are in the inventory
 * with what they reach, by persona.
 */
function drawnRoles(model: AppModel): Set<ModelResource> {
  const forPeople = new Set(model.ofType(...STUDIO_TYPES).flatMap((s) => model.references(s).map((ref) => ref.target)));
  return new Set(model.ofType('AWS::IAM::Role').filter((r) => model.tag(r, TagKeys.PERSONA) === undefined && !forPeople.has(r) && trustsSageMaker(r)));
}

/** A node per resource of a drawn type, except the aggregated ones. */
function addResourceNodes(model: AppModel, nodes: NodeIndex, roles: ReadonlySet<ModelResource>): void {
  for (const r of model.resources) {
    const category = CATEGORY_OF_TYPE[r.type] ?? (r.type.startsWith('AWS::SageMaker::') && !SAGEMAKER_NOT_DRAWN.has(r.type) ? NodeCategory.ML : undefined);
    if (!category || (category === NodeCategory.PRINCIPAL && !roles.has(r)) || AGGREGATED.has(r.type)) {
      continue;
    }
    const n = newNode(nodes, `r\u0000${r.constructPath}`, r.stack.stackPath, category, resourceLabel(model, r));
    n.constructPaths.push(r.constructPath);
    n.members.push(r);
    nodes.of.set(r, n);
  }
}

/** An endpoint configuration is drawn as part of the endpoint that serves it. */
function addEndpointConfigsToEndpoints(model: AppModel, nodes: NodeIndex): void {
  for (const endpoint of model.ofType('AWS::SageMaker::Endpoint')) {
    const config = model.target(endpoint.stack, endpoint.properties.EndpointConfigName);
    const n = nodes.of.get(endpoint);
    if (config && n && !nodes.of.has(config)) {
      n.members.push(config);
      nodes.of.set(config, n);
    }
  }
}

/** Alarms and rules: one node per stack and set of connections. */
function addAggregatedNodes(model: AppModel, nodes: NodeIndex): void {
  for (const type of AGGREGATED) {
    const groups = new Map<string, ModelResource[]>();
    for (const r of model.ofType(type)) {
      const connected = [
        ...model.references(r).map((ref) => nodes.of.get(ref.target)?.key),
        ...model.referencesTo(r).map((ref) => nodes.of.get(ref.source)?.key),
      ].filter((k): k is string => k !== undefined);
      const key = `${type}\u0000${r.stack.stackPath}\u0000${[...new Set(connected)].sort().join('\u0001')}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    for (const [key, members] of groups) {
      const n = newNode(nodes, key, members[0].stack.stackPath, NodeCategory.ALERT, aggregateLabel(model, type, members));
      for (const m of members) {
        n.constructPaths.push(m.constructPath);
        n.members.push(m);
        nodes.of.set(m, n);
      }
    }
  }
}

function aggregateLabel(model: AppModel, type: string, members: readonly ModelResource[]): string {
  const noun = type === 'AWS::CloudWatch::Alarm' ? ['alarm', 'alarms'] : ['EventBridge rule', 'EventBridge rules'];
  const prefix = commonPrefix(members.map((m) => model.shortName(m)));
  return members.length === 1 ? `${model.shortName(members[0])}\n${noun[0]}` : `${members.length} ${noun[1]}${prefix ? `\n${prefix}` : ''}`;
}

/** An edge, unless it would be a loop; a labelled edge replaces an unlabelled one of the same kind. */
function addEdge(edges: EdgeIndex, from: MutableNode, to: MutableNode, kind: EdgeKind, label?: string, both?: boolean): void {
  if (from === to) {
    return;
  }
  const key = `${from.key}\u0000${to.key}\u0000${kind}`;
  const existing = edges.get(key);
  if (!existing || (label && !existing.label)) {
    edges.set(key, { from: from.key, to: to.key, kind, label, ...(both ? { both } : {}) });
  }
}

/**
 * Edges from the references between the nodes' resources. A reference to a resource that is not
 * drawn (a subnet, a security group) places the node in that resource's VPC instead.
 */
function addReferenceEdges(model: AppModel, nodes: NodeIndex, edges: EdgeIndex): void {
  for (const n of nodes.byKey.values()) {
    for (const member of n.members) {
      for (const ref of model.references(member)) {
        const target = nodes.of.get(ref.target);
        if (!target || target === n) {
          const vpc = vpcOfNetworkResource(model, ref.target);
          if (vpc && n.category !== NodeCategory.NETWORK) {
            n.vpc = nodes.vpcOf.get(vpc);
          }
          continue;
        }
        if (target.category === NodeCategory.KEY) {
          addEdge(edges, target, n, EdgeKind.PROTECTS);
        } else if (target.category === NodeCategory.PRINCIPAL) {
          // Only the role a resource runs as; a policy naming a role as principal is not a flow.
          if (ROLE_PROPERTY.test(ref.path[ref.path.length - 1] ?? '')) {
            addEdge(edges, target, n, EdgeKind.IDENTITY);
          }
        } else if (ref.path.some((p) => OUTBOUND.has(p))) {
          addEdge(edges, n, target, EdgeKind.FLOW, labelFor(ref.path));
        } else {
          addEdge(edges, target, n, EdgeKind.FLOW, labelFor(ref.path));
        }
      }
    }
  }
}

/** Edges from the drawn roles' policies (and the resources' policies): what they read and write. */
function addPolicyEdges(nodes: NodeIndex, edges: EdgeIndex, access: ReadonlyMap<ModelResource, readonly RoleAccess[]>, roles: ReadonlySet<ModelResource>): void {
  const rolesByPath = new Map([...roles].map((r) => [r.constructPath, r]));
  for (const [target, grants] of access) {
    const t = nodes.of.get(target);
    if (!t || !POLICY_EDGE_TARGETS.has(t.category)) {
      continue;
    }
    for (const grant of grants) {
      const role = rolesByPath.get(grant.role);
      const roleNode = role && nodes.of.get(role);
      if (!roleNode) {
        continue;
      }
      const reads = grant.actions.some((a) => a === '*' || READ_ACTION.test(a) || /:\*$/.test(a));
      const writes = grant.actions.some((a) => !READ_ACTION.test(a));
      if (reads && writes) {
        addEdge(edges, t, roleNode, EdgeKind.ACCESS, 'reads and writes', true);
      } else if (reads) {
        addEdge(edges, t, roleNode, EdgeKind.ACCESS, 'reads');
      } else if (writes) {
        addEdge(edges, roleNode, t, EdgeKind.ACCESS, 'writes');
      }
    }
  }
}

/** The nodes drawn: peripheral ones (functions, roles, alarms, rules, topics) only when connected to the core. */
function connectedNodes(nodes: NodeIndex, edgeList: readonly DiagramEdge[]): Set<MutableNode> {
  const kept = new Set<MutableNode>();
  for (const n of nodes.byKey.values()) {
    if (!PERIPHERAL.has(n.category) || n.category === NodeCategory.ALERT && n.members.some((m) => m.type === 'AWS::SNS::Topic' || m.type === 'AWS::SQS::Queue')) {
      kept.add(n);
    }
  }
  let grew = true;
  while (grew) {
    grew = false;
    for (const e of edgeList) {
      const [a, b] = [nodes.byKey.get(e.from)!, nodes.byKey.get(e.to)!];
      if (kept.has(a) !== kept.has(b) && e.kind !== EdgeKind.PROTECTS) {
        kept.add(kept.has(a) ? b : a);
        grew = true;
      }
    }
  }
  return kept;
}

/** The kept nodes numbered in a stable order, and the edges between them by those ids. */
function assembleDiagram(model: AppModel, nodes: NodeIndex, edgeList: readonly DiagramEdge[], kept: ReadonlySet<MutableNode>): Diagram {
  const ordered = [...kept].sort((a, b) => cmp(a.stack, b.stack) || cmp(a.key, b.key));
  ordered.forEach((n, i) => { n.id = `n${i + 1}`; });
  const idOf = (key: string) => nodes.byKey.get(key)!.id;
  return {
    clusters: model.stacks.map((s) => ({ stack: s.stackPath, environment: model.stackEnvironment(s) })),
    nodes: ordered.map((n) => ({
      id: n.id,
      label: n.label,
      category: n.category,
      stack: n.stack,
      vpc: n.vpc && kept.has(n.vpc) ? n.vpc.id : undefined,
      constructPaths: [...n.constructPaths].sort(),
    })),
    edges: edgeList
      .filter((e) => kept.has(nodes.byKey.get(e.from)!) && kept.has(nodes.byKey.get(e.to)!))
      .map((e) => ({ ...e, from: idOf(e.from), to: idOf(e.to) }))
      .sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.kind, b.kind)),
  };
}

function trustsSageMaker(role: ModelResource): boolean {
  return statementsOf(role.properties.AssumeRolePolicyDocument).some((s) => s.effect === 'Allow' && principalsOf(s.principal).service.some((p) => p.startsWith('sagemaker.')));
}

/** The VPC a subnet, security group or the VPC itself belongs to. */
function vpcOfNetworkResource(model: AppModel, r: ModelResource): ModelResource | undefined {
  if (r.type === 'AWS::EC2::VPC') {
    return r;
  }
  if (r.type === 'AWS::EC2::Subnet' || r.type === 'AWS::EC2::SecurityGroup') {
    const vpc = model.target(r.stack, r.properties.VpcId);
    return vpc?.type === 'AWS::EC2::VPC' ? vpc : undefined;
  }
  return undefined;
}

function labelFor(path: readonly string[]): string | undefined {
  return EDGE_LABELS.find(([p]) => path.includes(p))?.[1];
}

const KIND_WORDS: Readonly<Record<string, string>> = {
  'AWS::S3::Bucket': 'S3 bucket',
  'AWS::Logs::LogGroup': 'log group',
  'AWS::KMS::Key': 'KMS key',
  'AWS::SNS::Topic': 'SNS topic',
  'AWS::IAM::Role': 'role',
  'AWS::Lambda::Function': 'Lambda function',
  'AWS::ECR::Repository': 'ECR repository',
  'AWS::SageMaker::Endpoint': 'SageMaker endpoint',
  'AWS::SageMaker::Model': 'SageMaker model',
  'AWS::SageMaker::FeatureGroup': 'feature group',
  'AWS::SageMaker::ModelPackageGroup': 'model registry',
  'AWS::SageMaker::ModelPackage': 'model version',
  'AWS::SageMaker::MonitoringSchedule': 'monitoring schedule',
  'AWS::GuardDuty::Detector': 'GuardDuty',
  'AWS::SecurityHub::Hub': 'Security Hub',
  'AWS::CloudTrail::Trail': 'CloudTrail trail',
  'AWS::Config::DeliveryChannel': 'AWS Config delivery',
  'AWS::Backup::BackupVault': 'backup vault',
};

function resourceLabel(model: AppModel, r: ModelResource): string {
  const kind = KIND_WORDS[r.type] ?? r.type.replace(/^AWS::/, '').replace('::', ' ');
  if (r.type === 'AWS::KMS::Key') {
    const alias = model.ofType('AWS::KMS::Alias').find((a) => model.target(a.stack, a.properties.TargetKeyId) === r);
    return `${alias ? flatten(alias.properties.AliasName) : model.shortName(r)}\n${kind}`;
  }
  const details = [kind];
  const classification = model.tag(r, TagKeys.DATA_CLASSIFICATION);
  if (classification) {
    details.push(classification);
  }
  if (model.tag(r, TagKeys.PERSONAL_DATA)?.toLowerCase() === 'true') {
    details.push('personal data');
  }
  const persona = model.tag(r, TagKeys.PERSONA);
  if (persona) {
    details.push(`persona ${persona}`);
  }
  return `${model.shortName(r)}\n${details.join(' · ')}`;
}

function vpcLabel(model: AppModel, vpc: ModelResource): string {
  const inVpc = (type: string, prop: string) => model.ofType(type).filter((x) => x.stack === vpc.stack && model.target(x.stack, x.properties[prop]) === vpc);
  const subnets = inVpc('AWS::EC2::Subnet', 'VpcId').length;
  const endpoints = inVpc('AWS::EC2::VPCEndpoint', 'VpcId').length;
  const flowLogs = inVpc('AWS::EC2::FlowLog', 'ResourceId').length;
  return `${model.shortName(vpc)}\nVPC ${flatten(vpc.properties.CidrBlock)}\n${subnets} subnets · ${endpoints} endpoints${flowLogs ? ' · flow log' : ''}`;
}

function commonPrefix(names: readonly string[]): string {
  const parts = names.map((n) => n.split('/'));
  const out: string[] = [];
  for (let i = 0; parts.every((p) => p.length > i && p[i] === parts[0][i]); i++) {
    out.push(parts[0][i]);
  }
  return out.join('/');
}

// ---------------------------------------------------------------------------------------------
// DOT and SVG

const STYLE: Readonly<Record<NodeCategory, string>> = {
  [NodeCategory.SOURCE]: 'shape=parallelogram, fillcolor="#e0f2f1"',
  [NodeCategory.STORE]: 'shape=cylinder, fillcolor="#e3f2fd"',
  [NodeCategory.LOGS]: 'shape=cylinder, fillcolor="#eceff1"',
  [NodeCategory.REGISTRY]: 'shape=box3d, fillcolor="#ede7f6"',
  [NodeCategory.ML]: 'shape=box, style="rounded,filled", fillcolor="#fff3e0"',
  [NodeCategory.PRINCIPAL]: 'shape=box, style="rounded,filled,dashed", fillcolor="#fffde7"',
  [NodeCategory.COMPUTE]: 'shape=box, fillcolor="#f1f8e9"',
  [NodeCategory.ALERT]: 'shape=hexagon, fillcolor="#ffebee"',
  [NodeCategory.AUDIT]: 'shape=box, style="filled,bold", fillcolor="#f3e5f5"',
  [NodeCategory.KEY]: 'shape=note, fillcolor="#fff8e1"',
  [NodeCategory.NETWORK]: 'shape=tab, fillcolor="#e8f5e9"',
};

const EDGE_STYLE: Readonly<Record<EdgeKind, string>> = {
  [EdgeKind.FLOW]: 'color="#37474f"',
  [EdgeKind.ACCESS]: 'color="#1e88e5"',
  [EdgeKind.PROTECTS]: 'style=dashed, color="#b8860b", arrowhead=odot',
  [EdgeKind.IDENTITY]: 'style=dotted, color="#6d4c41", arrowhead=vee',
};

/** What the lines mean (edges carry no labels: Graphviz lays labelled edges out several times slower). */
export const LEGEND = 'The full resource graph, generated from the app at synth. Dark arrows: template references (one resource names the other in its properties), drawn in the direction data would move; they are not observed traffic. Blue arrows: what a role may read (towards it) or write (from it). '
  + 'Red: an alarm that rolls a deployment back. Dashed gold: the key that encrypts a resource. Dotted brown: the role a resource runs as. Boxes: stacks (environments) and VPCs. '
  + 'Hover over a line or a box for its meaning and construct paths.';

/** The diagram in Graphviz's DOT language. */
export function toDot(diagram: Diagram): string {
  const lines: string[] = [
    'digraph soc2_data_flow {',
    '  graph [rankdir=LR, compound=true, fontname="Helvetica", fontsize=11, nodesep=0.25, ranksep=0.6, labelloc=b, labeljust=l,',
    `    label=${quote(LEGEND)}];`,
    '  node [style=filled, fontname="Helvetica", fontsize=10, margin="0.12,0.06", color="#546e7a"];',
    '  edge [fontname="Helvetica", fontsize=9, arrowsize=0.7];',
  ];
  let clusterIndex = 0;
  for (const cluster of diagram.clusters) {
    const members = diagram.nodes.filter((n) => n.stack === cluster.stack);
    if (members.length === 0) {
      continue;
    }
    clusterIndex++;
    const label = cluster.environment ? `${cluster.stack} (Environment: ${cluster.environment})` : cluster.stack;
    lines.push(`  subgraph cluster_${clusterIndex} {`, `    label=${quote(label)}; labelloc=t; style="rounded"; color="#90a4ae"; fontsize=12;`);
    const vpcs = members.filter((n) => n.category === NodeCategory.NETWORK);
    for (const vpc of vpcs) {
      lines.push(`    subgraph cluster_${clusterIndex}_${vpc.id} {`, `      label="VPC boundary"; labelloc=t; style="dashed"; color="#66bb6a";`);
      for (const n of [vpc, ...members.filter((m) => m.vpc === vpc.id)]) {
        lines.push(`      ${nodeLine(n)}`);
      }
      lines.push('    }');
    }
    for (const n of members.filter((m) => m.category !== NodeCategory.NETWORK && !m.vpc)) {
      lines.push(`    ${nodeLine(n)}`);
    }
    lines.push('  }');
  }
  for (const e of diagram.edges) {
    const style = e.label === ROLLBACK ? 'color="#c62828", penwidth=1.6' : EDGE_STYLE[e.kind];
    const tooltip = e.label ? `, tooltip=${quote(e.label)}` : '';
    lines.push(`  ${e.from} -> ${e.to} [${style}${e.both ? ', dir=both' : ''}, class=${quote(e.kind)}${tooltip}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

function nodeLine(n: DiagramNode): string {
  return `${n.id} [label=${quote(n.label)}, ${STYLE[n.category]}, class=${quote(n.category)}, tooltip=${quote(n.constructPaths.join('\n'))}];`;
}

/** A DOT string literal; `\n` in the text becomes a line break. */
export function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
