import { RETAINING_DELETION_POLICIES } from '../pack/readers';
import { isObject, Json, JsonObject } from '../pack/json';
import { asArray, asBoolean, asNumber, flatten, isUnset, principalsOf, statementsOf } from '../pack/values';
import { AppModel, ModelResource, ResourceLocation, RoleAccess, roleAccess } from './app-model';
import { cmp } from './inputs';
import { TagKeys } from '../core/tags';

/*
 * The inventory an auditor asks for, derived from the templates alone: data stores, keys,
 * network segments, human roles and model endpoints. Users' own resources are read the same way
 * as ours: by CloudFormation type, properties, references and tags.
 */

/** The key a resource is encrypted with. */
export interface KeyUse {
  /** `customer-managed` (a key of the app or a key ARN), `aws-managed` (`alias/aws/…`), `aws-owned` (SSE-S3 and the like) or `none`. */
  readonly kind: 'customer-managed' | 'aws-managed' | 'aws-owned' | 'none';
  /** The key's construct path, when it is a key of the app. */
  readonly key?: string;
  /** The key's aliases, when it is a key of the app. */
  readonly aliases?: readonly string[];
  /** The value as written, for keys outside the app. */
  readonly value?: string;
}

export interface DataStore extends ResourceLocation {
  /** What kind of store: `S3 bucket`, `Feature group`, `Log group`, … */
  readonly kind: string;
  readonly environment?: string;
  /** The `DataClassification` tag, if any. */
  readonly classification?: string;
  /** The `PersonalData` tag as a boolean; undefined when the store is not tagged. */
  readonly personalData?: boolean;
  readonly encryption: readonly (KeyUse & { readonly part?: string })[];
  /** How long data is kept, in words. */
  readonly retention: string;
  /** Versioning, Object Lock, immutable tags, point-in-time recovery: what protects past data. */
  readonly versioning: string;
  /** Whether the store survives stack deletion (`DeletionPolicy: Retain`). */
  readonly retainedOnDelete: boolean;
  /** Roles whose IAM or resource policies reference the store. */
  readonly access: readonly RoleAccess[];
}

export interface KeyEntry extends ResourceLocation {
  readonly environment?: string;
  readonly aliases: readonly string[];
  readonly rotation: boolean;
  readonly keySpec: string;
  readonly retainedOnDelete: boolean;
  /** Resources whose properties name the key. */
  readonly protects: readonly ResourceLocation[];
  /** Roles whose IAM policies or the key policy name them. */
  readonly access: readonly RoleAccess[];
}

export interface SubnetEntry {
  readonly constructPath: string;
  readonly kind: 'public' | 'private' | 'isolated';
  readonly cidr: string;
  readonly availabilityZone: string;
}

export interface EndpointEntry {
  readonly constructPath: string;
  readonly service: string;
  readonly endpointType: string;
  readonly policy: boolean;
  readonly privateDns: boolean;
}

export interface VpcEntry {
  /** The VPC's construct path, or `imported <id>` for a VPC outside the app. */
  readonly vpc: string;
  readonly cidr: string;
  readonly subnets: readonly SubnetEntry[];
  readonly internetGateway: boolean;
  readonly natGateways: number;
  readonly flowLogs: readonly { readonly trafficType: string; readonly destination: string }[];
  readonly securityGroups: number;
  readonly endpoints: readonly EndpointEntry[];
}

export interface NetworkSegment {
  readonly stack: string;
  readonly environment?: string;
  readonly vpcs: readonly VpcEntry[];
}

export interface HumanRole extends ResourceLocation {
  readonly environment?: string;
  readonly persona?: string;
  /** The principals that may assume the role, as written. */
  readonly trustedBy: readonly string[];
  /** Whether every statement that lets people assume the role requires MFA. */
  readonly mfaRequired: boolean;
  /** Each trust statement's conditions, as `Operator key = value`. */
  readonly conditions: readonly string[];
  readonly maxSessionSeconds?: number;
  readonly managedPolicies: readonly string[];
}

export interface Variant {
  readonly name: string;
  readonly model: string;
  readonly instanceType?: string;
  readonly initialInstanceCount?: number;
  readonly serverless?: string;
  readonly weight?: number;
  readonly shadow: boolean;
}

export interface ModelEndpoint extends ResourceLocation {
  readonly environment?: string;
  readonly endpointConfig: string;
  readonly variants: readonly Variant[];
  readonly storageKey?: KeyUse;
  readonly dataCapture?: { readonly destination: string; readonly key: KeyUse; readonly samplingPercentage?: number };
  /** The alarms that roll a deployment back (`DeploymentConfig.AutoRollbackConfiguration`). */
  readonly rollbackAlarms: readonly string[];
  readonly deployment?: string;
  /** Monitoring schedules and job definitions reading the endpoint. */
  readonly monitoring: readonly string[];
  /** Alarms on the endpoint's metrics. */
  readonly alarms: readonly string[];
}

export interface Inventory {
  readonly dataStores: readonly DataStore[];
  readonly keys: readonly KeyEntry[];
  readonly network: readonly NetworkSegment[];
  readonly humanRoles: readonly HumanRole[];
  readonly modelEndpoints: readonly ModelEndpoint[];
}

export function buildInventory(model: AppModel, access: ReadonlyMap<ModelResource, readonly RoleAccess[]> = roleAccess(model)): Inventory {
  const keys = new KeyNamer(model);
  return {
    dataStores: dataStores(model, access, keys),
    keys: keyEntries(model, access, keys),
    network: networkSegments(model),
    humanRoles: humanRoles(model),
    modelEndpoints: modelEndpoints(model, keys),
  };
}

// ---------------------------------------------------------------------------------------------
// Data stores

interface StoreKind {
  readonly kind: string;
  readonly encryption: (r: ModelResource, keys: KeyNamer) => (KeyUse & { part?: string })[];
  readonly retention: (r: ModelResource, model: AppModel) => string;
  readonly versioning: (r: ModelResource) => string;
}

const STORE_KINDS: Readonly<Record<string, StoreKind>> = {
  'AWS::S3::Bucket': {
    kind: 'S3 bucket',
    encryption: (r, keys) => {
      const rules = asArray(get(r.properties, 'BucketEncryption', 'ServerSideEncryptionConfiguration'));
      const byDefault = isObject(rules[0]) ? get(rules[0], 'ServerSideEncryptionByDefault') : undefined;
      const algorithm = flatten(get(byDefault, 'SSEAlgorithm'));
      if (algorithm.startsWith('aws:kms')) {
        return [keys.use(r, get(byDefault, 'KMSMasterKeyID'), 'alias/aws/s3')];
      }
      return [{ kind: 'aws-owned', value: algorithm || 'AES256 (S3 default)' }];
    },
    retention: (r) => {
      const parts: string[] = [];
      for (const rule of asArray(get(r.properties, 'LifecycleConfiguration', 'Rules'))) {
        if (!isObject(rule) || rule.Status === 'Disabled') {
          continue;
        }
        const scope = rule.Prefix ? ` under ${flatten(rule.Prefix)}` : '';
        const days = asNumber(rule.ExpirationInDays);
        if (days !== undefined) {
          parts.push(`objects expire after ${days} days${scope}`);
        }
        const noncurrent = asNumber(get(rule, 'NoncurrentVersionExpiration', 'NoncurrentDays') ?? rule.NoncurrentVersionExpirationInDays);
        if (noncurrent !== undefined) {
          parts.push(`noncurrent versions kept ${noncurrent} days${scope}`);
        }
      }
      return parts.length ? unique(parts).join('; ') : 'kept until deleted (no expiration rule)';
    },
    versioning: (r) => {
      const status = flatten(get(r.properties, 'VersioningConfiguration', 'Status')) || 'off';
      const parts = [`versioning ${status.toLowerCase()}`];
      if (asBoolean(r.properties.ObjectLockEnabled) === true || get(r.properties, 'ObjectLockConfiguration', 'ObjectLockEnabled') === 'Enabled') {
        const retention = get(r.properties, 'ObjectLockConfiguration', 'Rule', 'DefaultRetention');
        const period = get(retention, 'Days') !== undefined ? `${flatten(get(retention, 'Days'))} days` : get(retention, 'Years') !== undefined ? `${flatten(get(retention, 'Years'))} years` : undefined;
        parts.push(retention ? `Object Lock ${flatten(get(retention, 'Mode')).toLowerCase()} ${period}` : 'Object Lock enabled, no default retention');
      } else {
        parts.push('no Object Lock');
      }
      return parts.join(', ');
    },
  },
  'AWS::SageMaker::FeatureGroup': {
    kind: 'Feature group',
    encryption: (r, keys) => {
      const out: (KeyUse & { part?: string })[] = [];
      if (get(r.properties, 'OnlineStoreConfig') !== undefined && asBoolean(get(r.properties, 'OnlineStoreConfig', 'EnableOnlineStore')) !== false) {
        out.push({ ...keys.use(r, get(r.properties, 'OnlineStoreConfig', 'SecurityConfig', 'KmsKeyId'), 'alias/aws/sagemaker'), part: 'online store' });
      }
      if (get(r.properties, 'OfflineStoreConfig') !== undefined) {
        out.push({ ...keys.use(r, get(r.properties, 'OfflineStoreConfig', 'S3StorageConfig', 'KmsKeyId'), 'alias/aws/s3'), part: 'offline store' });
      }
      return out;
    },
    retention: (r, model) => {
      const ttl = get(r.properties, 'OnlineStoreConfig', 'TtlDuration');
      const parts = [ttl ? `online records expire after ${flatten(get(ttl, 'Value'))} ${flatten(get(ttl, 'Unit')).toLowerCase()}` : 'online records kept until overwritten or deleted'];
      const uri = get(r.properties, 'OfflineStoreConfig', 'S3StorageConfig', 'S3Uri');
      if (uri !== undefined) {
        parts.push(`offline store in ${model.describe(r.stack, uri)} (the bucket's rules apply)`);
      }
      return parts.join('; ');
    },
    versioning: (r) => (get(r.properties, 'OfflineStoreConfig') !== undefined ? 'offline store keeps every record version' : 'online store only'),
  },
  'AWS::Logs::LogGroup': {
    kind: 'Log group',
    encryption: (r, keys) => [keys.use(r, r.properties.KmsKeyId, undefined, 'aws-owned')],
    retention: (r) => (r.properties.RetentionInDays === undefined ? 'never expires' : `${flatten(r.properties.RetentionInDays)} days`),
    versioning: () => 'append-only',
  },
  'AWS::ECR::Repository': {
    kind: 'Container repository',
    encryption: (r, keys) => {
      const type = flatten(get(r.properties, 'EncryptionConfiguration', 'EncryptionType'));
      return type.startsWith('KMS') ? [keys.use(r, get(r.properties, 'EncryptionConfiguration', 'KmsKey'), 'alias/aws/ecr')] : [{ kind: 'aws-owned', value: type || 'AES256 (ECR default)' }];
    },
    retention: (r) => {
      const text = get(r.properties, 'LifecyclePolicy', 'LifecyclePolicyText');
      if (typeof text !== 'string') {
        return text === undefined ? 'images kept until deleted (no lifecycle policy)' : 'lifecycle policy (not literal)';
      }
      try {
        const rules = asArray((JSON.parse(text) as JsonObject).rules as Json);
        return `lifecycle policy with ${rules.length} rule${rules.length === 1 ? '' : 's'}`;
      } catch {
        return 'lifecycle policy (unreadable)';
      }
    },
    versioning: (r) => `image tags ${flatten(r.properties.ImageTagMutability).toLowerCase() || 'mutable'}`,
  },
  'AWS::DynamoDB::Table': {
    kind: 'DynamoDB table',
    encryption: (r, keys) => (asBoolean(get(r.properties, 'SSESpecification', 'SSEEnabled')) === true
      ? [keys.use(r, get(r.properties, 'SSESpecification', 'KMSMasterKeyId'), undefined, 'aws-managed', 'alias/aws/dynamodb')]
      : [{ kind: 'aws-owned', value: 'DynamoDB default' }]),
    retention: (r) => (get(r.properties, 'TimeToLiveSpecification', 'Enabled') === true ? `items expire by ${flatten(get(r.properties, 'TimeToLiveSpecification', 'AttributeName'))}` : 'items kept until deleted'),
    versioning: (r) => (asBoolean(get(r.properties, 'PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled')) === true ? 'point-in-time recovery on' : 'point-in-time recovery off'),
  },
  'AWS::RDS::DBCluster': rdsKind('RDS cluster'),
  'AWS::RDS::DBInstance': rdsKind('RDS instance'),
  'AWS::EFS::FileSystem': {
    kind: 'EFS file system',
    encryption: (r, keys) => (asBoolean(r.properties.Encrypted) === true ? [keys.use(r, r.properties.KmsKeyId, undefined, 'aws-managed', 'alias/aws/elasticfilesystem')] : [{ kind: 'none' }]),
    retention: () => 'kept until deleted',
    versioning: (r) => (flatten(get(r.properties, 'BackupPolicy', 'Status')) === 'ENABLED' ? 'automatic backups on' : 'automatic backups off'),
  },
};

function rdsKind(kind: string): StoreKind {
  return {
    kind,
    encryption: (r, keys) => (asBoolean(r.properties.StorageEncrypted) === true ? [keys.use(r, r.properties.KmsKeyId, undefined, 'aws-managed', 'alias/aws/rds')] : [{ kind: 'none' }]),
    retention: () => 'kept until deleted',
    versioning: (r) => (r.properties.BackupRetentionPeriod === undefined ? 'automated backups (default retention)' : `automated backups kept ${flatten(r.properties.BackupRetentionPeriod)} days`),
  };
}

function dataStores(model: AppModel, access: ReadonlyMap<ModelResource, readonly RoleAccess[]>, keys: KeyNamer): DataStore[] {
  const out: DataStore[] = [];
  for (const r of model.resources) {
    const kind = STORE_KINDS[r.type];
    if (!kind) {
      continue;
    }
    const personal = model.tag(r, TagKeys.PERSONAL_DATA);
    out.push({
      ...model.location(r),
      kind: kind.kind,
      environment: model.environmentOf(r),
      classification: model.tag(r, TagKeys.DATA_CLASSIFICATION),
      personalData: personal === undefined ? undefined : personal.toLowerCase() === 'true',
      encryption: kind.encryption(r, keys),
      retention: kind.retention(r, model),
      versioning: kind.versioning(r),
      retainedOnDelete: retained(r),
      access: access.get(r) ?? [],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Keys

/** Names keys the way people know them: by alias, else by construct path. */
class KeyNamer {
  private readonly aliases = new Map<ModelResource, string[]>();

  constructor(private readonly model: AppModel) {
    for (const alias of model.ofType('AWS::KMS::Alias')) {
      const key = model.target(alias.stack, alias.properties.TargetKeyId);
      if (key && typeof alias.properties.AliasName === 'string') {
        this.aliases.set(key, [...(this.aliases.get(key) ?? []), alias.properties.AliasName].sort());
      }
    }
  }

  public aliasesOf(key: ModelResource): string[] {
    return this.aliases.get(key) ?? [];
  }

  /**
   * The key a store names. `awsManagedAlias` is the alias that means an AWS-managed key; `unset`
   * and `unsetAlias` say what an absent value means for this service.
   */
  public use(r: ModelResource, value: Json | undefined, awsManagedAlias?: string, unset: KeyUse['kind'] = 'aws-managed', unsetAlias = awsManagedAlias): KeyUse {
    if (isUnset(value)) {
      return unset === 'aws-managed' ? { kind: unset, value: unsetAlias ?? 'AWS-managed key' } : { kind: unset };
    }
    const key = this.model.target(r.stack, value);
    if (key && key.type === 'AWS::KMS::Key') {
      return { kind: 'customer-managed', key: key.constructPath, aliases: this.aliasesOf(key) };
    }
    if (key && key.type === 'AWS::KMS::Alias') {
      const target = this.model.target(key.stack, key.properties.TargetKeyId);
      return { kind: 'customer-managed', key: target?.constructPath ?? key.constructPath, aliases: [flatten(key.properties.AliasName)] };
    }
    const text = flatten(value);
    return /(^|:)alias\/aws\//.test(text) ? { kind: 'aws-managed', value: text } : { kind: 'customer-managed', value: text };
  }
}

/** Types whose reference to a key grants or names it rather than encrypting with it (and any `…Policy`). */
const NOT_PROTECTED_BY_REFERENCE = new Set(['AWS::KMS::Alias', 'AWS::KMS::Key', 'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group', 'AWS::KMS::ReplicaKey', 'AWS::KMS::Grant']);

function protectedByReference(type: string): boolean {
  return !NOT_PROTECTED_BY_REFERENCE.has(type) && !/Policy$/.test(type);
}

function keyEntries(model: AppModel, access: ReadonlyMap<ModelResource, readonly RoleAccess[]>, keys: KeyNamer): KeyEntry[] {
  return model.ofType('AWS::KMS::Key').map((k) => {
    const protects = model.referencesTo(k)
      .map((ref) => ref.source)
      .filter((s, i, all) => protectedByReference(s.type) && all.indexOf(s) === i)
      .map((s) => model.location(s))
      .sort((a, b) => cmp(a.stack, b.stack) || cmp(a.constructPath, b.constructPath));
    return {
      ...model.location(k),
      environment: model.environmentOf(k),
      aliases: keys.aliasesOf(k),
      rotation: asBoolean(k.properties.EnableKeyRotation) === true,
      keySpec: flatten(k.properties.KeySpec) || 'SYMMETRIC_DEFAULT',
      retainedOnDelete: retained(k),
      protects,
      access: access.get(k) ?? [],
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Network

function networkSegments(model: AppModel): NetworkSegment[] {
  const segments: NetworkSegment[] = [];
  for (const stack of model.stacks) {
    const inStack = (types: string[]) => model.ofType(...types).filter((r) => r.stack === stack);
    const vpcs = new Map<string, { vpc?: ModelResource; label: string }>();
    const vpcKey = (holder: ModelResource, value: Json | undefined): string => {
      const t = model.target(holder.stack, value);
      const key = t ? t.constructPath : `imported ${flatten(value)}`;
      if (!vpcs.has(key)) {
        vpcs.set(key, { vpc: t?.type === 'AWS::EC2::VPC' ? t : undefined, label: key });
      }
      return key;
    };
    for (const v of inStack(['AWS::EC2::VPC'])) {
      vpcKey(v, { Ref: v.logicalId });
    }
    const subnetsByVpc = new Map<string, ModelResource[]>();
    for (const s of inStack(['AWS::EC2::Subnet'])) {
      push(subnetsByVpc, vpcKey(s, s.properties.VpcId), s);
    }
    const endpointsByVpc = new Map<string, ModelResource[]>();
    for (const e of inStack(['AWS::EC2::VPCEndpoint'])) {
      push(endpointsByVpc, vpcKey(e, e.properties.VpcId), e);
    }
    if (vpcs.size === 0) {
      continue;
    }
    const routeTablesOf = routeTables(model, stack);
    const entries: VpcEntry[] = [...vpcs.entries()].sort((a, b) => cmp(a[0], b[0])).map(([key, { vpc }]) => {
      const refersToVpc = (r: ModelResource, prop: string) => vpc !== undefined && model.target(r.stack, r.properties[prop]) === vpc;
      return {
        vpc: key,
        cidr: vpc ? flatten(vpc.properties.CidrBlock) || 'IPAM' : 'outside the app',
        subnets: (subnetsByVpc.get(key) ?? []).map((s) => ({
          constructPath: s.constructPath,
          kind: subnetKind(model, s, routeTablesOf),
          cidr: flatten(s.properties.CidrBlock),
          availabilityZone: s.properties.AvailabilityZone === undefined ? 'chosen by EC2' : model.describe(s.stack, s.properties.AvailabilityZone),
        })),
        internetGateway: inStack(['AWS::EC2::VPCGatewayAttachment']).some((a) => refersToVpc(a, 'VpcId') && a.properties.InternetGatewayId !== undefined),
        natGateways: inStack(['AWS::EC2::NatGateway']).filter((n) => (subnetsByVpc.get(key) ?? []).includes(model.target(n.stack, n.properties.SubnetId) as ModelResource)).length,
        flowLogs: inStack(['AWS::EC2::FlowLog']).filter((f) => refersToVpc(f, 'ResourceId')).map((f) => ({
          trafficType: flatten(f.properties.TrafficType) || 'ALL',
          destination: f.properties.LogGroupName !== undefined ? `log group ${model.describe(f.stack, f.properties.LogGroupName)}` : `${flatten(f.properties.LogDestinationType) || 'cloud-watch-logs'} ${model.describe(f.stack, f.properties.LogDestination)}`,
        })),
        securityGroups: inStack(['AWS::EC2::SecurityGroup']).filter((g) => refersToVpc(g, 'VpcId')).length,
        endpoints: (endpointsByVpc.get(key) ?? []).map((e) => ({
          constructPath: e.constructPath,
          service: flatten(e.properties.ServiceName).replace(/\$\{AWS::Region\}/g, '<region>'),
          endpointType: flatten(e.properties.VpcEndpointType) || 'Gateway',
          policy: e.properties.PolicyDocument !== undefined,
          privateDns: asBoolean(e.properties.PrivateDnsEnabled) === true,
        })).sort((a, b) => cmp(a.service, b.service) || cmp(a.constructPath, b.constructPath)),
      };
    });
    segments.push({ stack: stack.stackPath, environment: model.stackEnvironment(stack), vpcs: entries });
  }
  return segments;
}

function routeTables(model: AppModel, stack: ModelResource['stack']): (subnet: ModelResource) => ModelResource[] {
  const bySubnet = new Map<ModelResource, ModelResource[]>();
  for (const a of model.ofType('AWS::EC2::SubnetRouteTableAssociation').filter((r) => r.stack === stack)) {
    const subnet = model.target(stack, a.properties.SubnetId);
    const table = model.target(stack, a.properties.RouteTableId);
    if (subnet && table) {
      push(bySubnet, subnet, table);
    }
  }
  return (subnet) => bySubnet.get(subnet) ?? [];
}

function subnetKind(model: AppModel, subnet: ModelResource, tablesOf: (s: ModelResource) => ModelResource[]): SubnetEntry['kind'] {
  if (asBoolean(subnet.properties.MapPublicIpOnLaunch) === true) {
    return 'public';
  }
  const tables = tablesOf(subnet);
  const routes = model.ofType('AWS::EC2::Route').filter((r) => r.stack === subnet.stack && tables.includes(model.target(r.stack, r.properties.RouteTableId) as ModelResource));
  if (routes.some((r) => model.target(r.stack, r.properties.GatewayId)?.type === 'AWS::EC2::InternetGateway' || /^igw-/.test(flatten(r.properties.GatewayId)))) {
    return 'public';
  }
  if (routes.some((r) => ['NatGatewayId', 'TransitGatewayId', 'NetworkInterfaceId', 'InstanceId', 'VpcPeeringConnectionId'].some((p) => r.properties[p] !== undefined))) {
    return 'private';
  }
  return 'isolated';
}

// ---------------------------------------------------------------------------------------------
// Human roles

/** Whether an AWS principal is people: an account (root or id), an IAM user, or anyone. */
function isHumanPrincipal(model: AppModel, holder: ModelResource, raw: Json, text: string): boolean {
  const target = model.target(holder.stack, raw);
  if (target) {
    return target.type === 'AWS::IAM::User' || target.type === 'AWS::IAM::Group';
  }
  return text === '*' || /:root$/.test(text) || /^\d{12}$/.test(text) || text === '${AWS::AccountId}' || /:user\//.test(text);
}

function humanRoles(model: AppModel): HumanRole[] {
  const out: HumanRole[] = [];
  for (const role of model.ofType('AWS::IAM::Role')) {
    const persona = model.tag(role, TagKeys.PERSONA);
    const statements = statementsOf(role.properties.AssumeRolePolicyDocument).filter((s) => s.effect === 'Allow');
    const human = statements.filter((s) => {
      const p = principalsOf(s.principal);
      return p.awsRaw.some((raw, i) => isHumanPrincipal(model, role, raw, p.aws[i])) || (persona !== undefined && (p.federated.length > 0 || p.aws.length > 0));
    });
    if (human.length === 0 && persona === undefined) {
      continue;
    }
    const trustedBy = unique(human.flatMap((s) => {
      const p = principalsOf(s.principal);
      return [...p.awsRaw.map((raw) => model.describe(role.stack, raw)), ...p.federated.map((f) => `federated ${f}`)];
    })).sort();
    const conditions = unique(human.flatMap((s) => describeConditions(s.condition))).sort();
    out.push({
      ...model.location(role),
      environment: model.environmentOf(role),
      persona,
      trustedBy,
      mfaRequired: human.length > 0 && human.every((s) => requiresMfa(s.condition)),
      conditions,
      maxSessionSeconds: asNumber(role.properties.MaxSessionDuration),
      managedPolicies: asArray(role.properties.ManagedPolicyArns).map((v) => model.describe(role.stack, v)).sort(),
    });
  }
  return out.sort((a, b) => cmp(a.persona ?? '\uffff', b.persona ?? '\uffff') || cmp(a.stack, b.stack) || cmp(a.constructPath, b.constructPath));
}

function requiresMfa(condition: JsonObject): boolean {
  const bool = Object.entries(condition).find(([op]) => op === 'Bool')?.[1];
  if (!isObject(bool)) {
    return false;
  }
  const value = Object.entries(bool).find(([k]) => k.toLowerCase() === 'aws:multifactorauthpresent')?.[1];
  return asArray(value).length > 0 && asArray(value).every((v) => asBoolean(v) === true);
}

function describeConditions(condition: JsonObject): string[] {
  const out: string[] = [];
  for (const [op, keys] of Object.entries(condition)) {
    if (!isObject(keys)) {
      continue;
    }
    for (const [k, v] of Object.entries(keys)) {
      out.push(`${op} ${k} = ${asArray(v).map(flatten).join(' | ')}`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Model endpoints

function modelEndpoints(model: AppModel, keys: KeyNamer): ModelEndpoint[] {
  const out: ModelEndpoint[] = [];
  for (const endpoint of model.ofType('AWS::SageMaker::Endpoint')) {
    const config = model.target(endpoint.stack, endpoint.properties.EndpointConfigName);
    const cp = config?.properties ?? {};
    const variant = (v: Json, shadow: boolean): Variant | undefined => {
      if (!isObject(v)) {
        return undefined;
      }
      const serverless = isObject(v.ServerlessConfig) ? `serverless ${flatten(v.ServerlessConfig.MemorySizeInMB)} MB, max ${flatten(v.ServerlessConfig.MaxConcurrency)} concurrent` : undefined;
      return {
        name: flatten(v.VariantName),
        model: config ? model.describe(config.stack, v.ModelName) : flatten(v.ModelName),
        instanceType: v.InstanceType === undefined ? undefined : flatten(v.InstanceType),
        initialInstanceCount: asNumber(v.InitialInstanceCount),
        serverless,
        weight: asNumber(v.InitialVariantWeight),
        shadow,
      };
    };
    const variants = [
      ...asArray(cp.ProductionVariants).map((v) => variant(v, false)),
      ...asArray(cp.ShadowProductionVariants).map((v) => variant(v, true)),
    ].filter((v): v is Variant => v !== undefined);
    const capture = isObject(cp.DataCaptureConfig) && asBoolean(cp.DataCaptureConfig.EnableCapture) !== false ? cp.DataCaptureConfig : undefined;
    const rollback = asArray(get(endpoint.properties, 'DeploymentConfig', 'AutoRollbackConfiguration', 'Alarms'))
      .map((a) => (isObject(a) ? alarmName(model, endpoint, a.AlarmName) : flatten(a)))
      .sort();
    const policy = get(endpoint.properties, 'DeploymentConfig', 'BlueGreenUpdatePolicy');
    const shifting = get(policy, 'TrafficRoutingConfiguration', 'Type');
    const readers = model.referencesTo(endpoint).map((ref) => ref.source);
    out.push({
      ...model.location(endpoint),
      environment: model.environmentOf(endpoint),
      endpointConfig: config ? config.constructPath : flatten(endpoint.properties.EndpointConfigName),
      variants,
      storageKey: config ? keys.use(config, cp.KmsKeyId, 'alias/aws/sagemaker') : undefined,
      dataCapture: capture && config ? {
        destination: model.describe(config.stack, capture.DestinationS3Uri),
        key: keys.use(config, capture.KmsKeyId, 'alias/aws/s3'),
        samplingPercentage: asNumber(capture.InitialSamplingPercentage),
      } : undefined,
      rollbackAlarms: rollback,
      deployment: shifting !== undefined ? `blue/green, ${flatten(shifting).toLowerCase()} traffic shifting` : get(endpoint.properties, 'DeploymentConfig', 'RollingUpdatePolicy') !== undefined ? 'rolling update' : undefined,
      monitoring: unique(readers.filter((s) => /Monitoring|JobDefinition/.test(s.type)).map((s) => s.constructPath)).sort(),
      alarms: unique(readers.filter((s) => s.type === 'AWS::CloudWatch::Alarm').map((s) => s.constructPath)).sort(),
    });
  }
  return out;
}

/** An alarm named in a rollback configuration: the alarm of the app it refers to, else the name. */
function alarmName(model: AppModel, holder: ModelResource, value: Json | undefined): string {
  const t = model.target(holder.stack, value);
  return t ? t.constructPath : flatten(value);
}

// ---------------------------------------------------------------------------------------------

function retained(r: ModelResource): boolean {
  return typeof r.resource.deletionPolicy === 'string' && RETAINING_DELETION_POLICIES.includes(r.resource.deletionPolicy);
}

/** A nested property by CloudFormation names, through objects only. */
function get(value: Json | undefined, ...names: string[]): Json | undefined {
  let v = value;
  for (const n of names) {
    if (!isObject(v)) {
      return undefined;
    }
    v = v[n];
  }
  return v;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/** A key use in words: the key's aliases, or what kind of key it is. */
export function describeKey(k: KeyUse): string {
  switch (k.kind) {
    case 'customer-managed':
      return k.aliases?.length ? k.aliases.join(', ') : k.key ?? k.value ?? 'customer-managed key';
    case 'aws-managed':
      return `AWS-managed key${k.value ? ` (${k.value})` : ''}`;
    case 'aws-owned':
      return `AWS-owned key${k.value ? ` (${k.value})` : ''}`;
    default:
      return 'not encrypted';
  }
}
