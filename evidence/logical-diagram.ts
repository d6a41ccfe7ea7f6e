import { AppModel, ModelResource } from './app-model';
import { cmp } from './inputs';
import { DataStore, describeKey, Inventory } from './inventory';
import { TagKeys } from '../core/tags';
import { quote } from './diagram';

/*
 * The logical data-flow diagram of each environment: the stages of the ML lifecycle the app
 * defines (data sources → training data → feature store → training → artifacts and images →
 * registry → release gate → endpoint → callers, and captured data → monitoring), one node per
 * stage, with the account and VPC boundaries and, on each store, its classification and key. The
 * arrows are the lifecycle's order between the stages present, not observed traffic; the full
 * resource graph (template references) is its own file. Small by design (a dozen nodes), so it
 * reads at page width.
 */

export enum StageKind {
  EXTERNAL = 'external',
  STORE = 'store',
  PROCESS = 'process',
  GATE = 'gate',
}

export interface LogicalNode {
  readonly id: string;
  /** Lines: the stage, then what it is, classification and key for stores. */
  readonly lines: readonly string[];
  readonly kind: StageKind;
  /** Inside the environment's VPC. */
  readonly inVpc: boolean;
  readonly constructPaths: readonly string[];
}

export interface LogicalDiagram {
  readonly environment: string;
  /** The account boundary: the stacks' account, or that they deploy to the account of their environment. */
  readonly account: string;
  readonly stacks: readonly string[];
  /** The VPC boundary's label, when the environment has a VPC. */
  readonly vpc?: string;
  readonly nodes: readonly LogicalNode[];
  readonly edges: readonly (readonly [string, string])[];
}

interface StageSpec {
  readonly id: string;
  readonly title: string;
  readonly kind: StageKind;
  readonly find: (env: EnvironmentResources) => readonly ModelResource[];
  readonly inVpc?: boolean;
}

interface EnvironmentResources {
  readonly model: AppModel;
  readonly resources: readonly ModelResource[];
}

const ofType = (env: EnvironmentResources, ...types: string[]) => env.resources.filter((r) => types.includes(r.type));
const bucketsNamed = (pattern: RegExp) => (env: EnvironmentResources) => ofType(env, 'AWS::S3::Bucket').filter((r) => pattern.test(r.constructPath));

/** The stages, in the lifecycle's order. */
const STAGES: readonly StageSpec[] = [
  { id: 'training_data', title: 'Training data', kind: StageKind.STORE, find: bucketsNamed(/train|raw|ingest|dataset/i) },
  { id: 'feature_store', title: 'Feature store', kind: StageKind.STORE, find: (env) => [...ofType(env, 'AWS::SageMaker::FeatureGroup'), ...bucketsNamed(/feature|offline/i)(env)] },
  { id: 'studio', title: 'Studio (notebooks)', kind: StageKind.PROCESS, find: (env) => ofType(env, 'AWS::SageMaker::Domain'), inVpc: true },
  // Training jobs are started at run time; the role SageMaker assumes to run them stands for them.
  { id: 'training', title: 'Training jobs\n(started at run time)', kind: StageKind.PROCESS, find: (env) => env.resources.filter((r) => r.type === 'AWS::IAM::Role' && /sagemaker\.amazonaws\.com/.test(JSON.stringify(r.properties.AssumeRolePolicyDocument ?? {})) && /train/i.test(r.constructPath)) },
  { id: 'images', title: 'Container images', kind: StageKind.STORE, find: (env) => ofType(env, 'AWS::ECR::Repository') },
  { id: 'artifacts', title: 'Model artifacts', kind: StageKind.STORE, find: bucketsNamed(/artifact|model(?!.*captur)/i) },
  { id: 'registry', title: 'Model registry', kind: StageKind.STORE, find: (env) => ofType(env, 'AWS::SageMaker::ModelPackageGroup', 'AWS::SageMaker::ModelPackage') },
  { id: 'gate', title: 'Release gate\n(signature check)', kind: StageKind.GATE, find: (env) => [...ofType(env, 'AWS::Signer::SigningProfile'), ...ofType(env, 'AWS::Lambda::Function').filter((r) => /signature|gate/i.test(r.constructPath))] },
  { id: 'endpoint', title: 'Model endpoint', kind: StageKind.PROCESS, find: (env) => ofType(env, 'AWS::SageMaker::Endpoint'), inVpc: true },
  { id: 'captured', title: 'Captured requests', kind: StageKind.STORE, find: bucketsNamed(/captur/i) },
  { id: 'monitoring', title: 'Model monitoring', kind: StageKind.PROCESS, find: (env) => ofType(env, 'AWS::SageMaker::MonitoringSchedule') },
];

/** The lifecycle's arrows between stages (and the external sources and callers). */
const FLOWS: readonly (readonly [string, string])[] = [
  ['sources', 'training_data'], ['training_data', 'feature_store'], ['training_data', 'studio'], ['feature_store', 'studio'],
  ['feature_store', 'training'], ['training_data', 'training'], ['studio', 'training'], ['images', 'training'], ['training', 'artifacts'],
  ['artifacts', 'registry'], ['registry', 'gate'], ['gate', 'endpoint'], ['images', 'endpoint'], ['endpoint', 'callers'],
  ['endpoint', 'captured'], ['captured', 'monitoring'],
];

/** One diagram per environment holding ML stages; environments without any (the account baseline, the pipeline) are left out. */
export function buildLogicalDiagrams(model: AppModel, inventory: Inventory): LogicalDiagram[] {
  const byEnvironment = new Map<string, ModelResource[]>();
  for (const r of model.resources) {
    const env = model.tag(r, TagKeys.ENVIRONMENT) ?? model.stackEnvironment(r.stack);
    if (env) {
      byEnvironment.set(env, [...(byEnvironment.get(env) ?? []), r]);
    }
  }
  const stores = new Map(inventory.dataStores.map((d) => [d.constructPath, d]));
  const out: LogicalDiagram[] = [];
  for (const [environment, resources] of [...byEnvironment].sort((a, b) => cmp(a[0], b[0]))) {
    const diagram = environmentDiagram(model, environment, resources, stores);
    if (diagram) {
      out.push(diagram);
    }
  }
  return out;
}

function environmentDiagram(model: AppModel, environment: string, resources: readonly ModelResource[], stores: ReadonlyMap<string, DataStore>): LogicalDiagram | undefined {
  const env = { model, resources };
  const claimed = new Set<ModelResource>();
  const nodes: LogicalNode[] = [];
  const vpc = resources.find((r) => r.type === 'AWS::EC2::VPC');
  for (const stage of STAGES) {
    const members = stage.find(env).filter((r) => !claimed.has(r));
    if (members.length === 0) {
      continue;
    }
    members.forEach((m) => claimed.add(m));
    nodes.push({ id: stage.id, lines: [...stage.title.split('\n'), ...(stage.kind === StageKind.STORE ? describeMembers(members, stores) : [])], kind: stage.kind, inVpc: vpc !== undefined && stage.inVpc === true, constructPaths: members.map((m) => m.constructPath).sort() });
  }
  if (!nodes.some((n) => n.kind === StageKind.STORE && n.id !== 'images')) {
    return undefined;
  }
  nodes.unshift({ id: 'sources', lines: ['Data sources', '(outside the app)'], kind: StageKind.EXTERNAL, inVpc: false, constructPaths: [] });
  if (nodes.some((n) => n.id === 'endpoint')) {
    nodes.push({ id: 'callers', lines: ['Callers', '(outside the app)'], kind: StageKind.EXTERNAL, inVpc: false, constructPaths: [] });
  }
  const present = new Set(nodes.map((n) => n.id));
  const stacks = [...new Set(resources.map((r) => r.stack.stackPath))].sort();
  const accounts = [...new Set(resources.map((r) => r.stack.template.account ?? ''))];
  return {
    environment,
    account: accounts.length === 1 && accounts[0] ? `Account ${accounts[0]}` : 'Account of the environment (given at deploy)',
    stacks,
    vpc: vpc ? `VPC ${model.describe(vpc.stack, vpc.properties.CidrBlock)}` : undefined,
    nodes,
    edges: FLOWS.filter(([a, b]) => present.has(a) && present.has(b)),
  };
}

/** What a stage's resources are: for stores, the kind, classification and key of each distinct combination. */
function describeMembers(members: readonly ModelResource[], stores: ReadonlyMap<string, DataStore>): string[] {
  const lines = new Set<string>();
  for (const m of members) {
    const store = stores.get(m.constructPath);
    if (store) {
      const keys = [...new Set(store.encryption.map((k) => describeKey(k)))].join(', ');
      lines.add(`${store.kind}, ${store.classification ?? 'not classified'}\nkey ${keys}`);
    }
  }
  const unstored = members.filter((m) => !stores.has(m.constructPath)).length;
  if (lines.size === 0 || unstored > 0) {
    lines.add(`${members.length} resource${members.length === 1 ? '' : 's'}`);
  }
  return [...lines].flatMap((l) => l.split('\n'));
}

/** What the diagram shows, for its caption. */
export const LOGICAL_LEGEND = 'Logical data flow of each environment: one box per stage of the ML lifecycle the app defines, arrows in the lifecycle\'s order between the stages present (not observed traffic). '
  + 'Stores show their kind, DataClassification and key. Solid box: the account; dashed: the VPC. The full resource graph (template references) is resource-graph.svg.';

const NODE_STYLE: Readonly<Record<StageKind, string>> = {
  [StageKind.EXTERNAL]: 'shape=box, style="rounded,dashed", fillcolor="#ffffff"',
  [StageKind.STORE]: 'shape=cylinder, style=filled, fillcolor="#e3f2fd"',
  [StageKind.PROCESS]: 'shape=box, style="rounded,filled", fillcolor="#fff3e0"',
  [StageKind.GATE]: 'shape=hexagon, style=filled, fillcolor="#f3e5f5"',
};

/** One environment's diagram in Graphviz's DOT language. */
export function logicalDot(d: LogicalDiagram): string {
  const node = (n: LogicalNode) => `${n.id} [label=${quote(n.lines.join('\n'))}, ${NODE_STYLE[n.kind]}, tooltip=${quote(n.constructPaths.join('\n') || n.lines.join(' '))}];`;
  const lines = [
    `digraph ${quote(`data_flow_${d.environment}`)} {`,
    '  graph [rankdir=LR, fontname="Helvetica", fontsize=14, nodesep=0.2, ranksep=0.35];',
    '  node [fontname="Helvetica", fontsize=14, margin="0.1,0.05", color="#546e7a"];',
    '  edge [color="#37474f", arrowsize=0.8];',
    ...d.nodes.filter((n) => n.kind === StageKind.EXTERNAL).map((n) => `  ${node(n)}`),
    `  subgraph cluster_account { label=${quote(`${d.account}: environment ${d.environment} (${d.stacks.join(', ')})`)}; style=rounded; color="#455a64"; labeljust=l;`,
    ...d.nodes.filter((n) => n.kind !== StageKind.EXTERNAL && !n.inVpc).map((n) => `    ${node(n)}`),
  ];
  const inVpc = d.nodes.filter((n) => n.inVpc);
  if (inVpc.length > 0) {
    lines.push(`    subgraph cluster_vpc { label=${quote(d.vpc ?? 'VPC')}; style=dashed; color="#2e7d32";`, ...inVpc.map((n) => `      ${node(n)}`), '    }');
  }
  lines.push('  }', ...d.edges.map(([a, b]) => `  ${a} -> ${b};`), '}');
  return lines.join('\n') + '\n';
}
