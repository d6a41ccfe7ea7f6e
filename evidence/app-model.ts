import { TemplateResource } from '../pack/template';
import { isObject, Json, JsonObject } from '../pack/json';
import { flatten, statementsOf } from '../pack/values';
import { cmp, StackInput } from './inputs';
import { TagKeys } from '../core/tags';

/*
 * The app as the evidence sees it: every resource of every template, its construct path, its
 * tags, and the references between resources (`Ref`, `Fn::GetAtt`, `Fn::Sub`, and
 * `Fn::ImportValue` resolved to the exporting stack). Built only from the templates, so it
 * describes users' own resources as well as ours.
 */

/** One resource of the app. */
export interface ModelResource {
  readonly stack: StackInput;
  readonly logicalId: string;
  readonly type: string;
  readonly constructPath: string;
  readonly resource: TemplateResource;
  readonly properties: JsonObject;
}

/** A reference from one resource's properties to another resource. */
export interface Reference {
  readonly target: ModelResource;
  /** Where in the referring resource's properties, e.g. `['DataCaptureConfig', 'KmsKeyId']`. */
  readonly path: readonly string[];
}

/** Where a resource is, as every evidence file names it. */
export interface ResourceLocation {
  readonly stack: string;
  readonly constructPath: string;
  readonly logicalId: string;
  readonly type: string;
}

export class AppModel {
  /** Every resource, by stack then construct path. */
  public readonly resources: readonly ModelResource[];
  private readonly byStack = new Map<string, Map<string, ModelResource>>();
  private readonly byType = new Map<string, ModelResource[]>();
  private readonly exports = new Map<string, ModelResource>();
  private readonly referenceCache = new Map<ModelResource, Reference[]>();
  private incoming?: Map<ModelResource, { source: ModelResource; path: readonly string[] }[]>;
  private readonly stackEnvironments = new Map<string, string | undefined>();

  constructor(public readonly stacks: readonly StackInput[]) {
    const all: ModelResource[] = [];
    for (const stack of stacks) {
      const map = new Map<string, ModelResource>();
      for (const r of stack.template.resources.values()) {
        const m: ModelResource = {
          stack,
          logicalId: r.logicalId,
          type: r.type,
          constructPath: stack.constructPaths.get(r.logicalId) ?? `${stack.stackPath}/${r.logicalId}`,
          resource: r,
          properties: r.properties,
        };
        map.set(r.logicalId, m);
        all.push(m);
      }
      this.byStack.set(stack.stackPath, map);
    }
    all.sort((a, b) => cmp(a.stack.stackPath, b.stack.stackPath) || cmp(a.constructPath, b.constructPath) || cmp(a.logicalId, b.logicalId));
    this.resources = all;
    for (const r of all) {
      const list = this.byType.get(r.type) ?? [];
      list.push(r);
      this.byType.set(r.type, list);
    }
    for (const stack of stacks) {
      for (const output of Object.values(stack.outputs)) {
        if (isObject(output) && isObject(output.Export)) {
          const name = output.Export.Name;
          const target = this.directTarget(stack, output.Value);
          if (typeof name === 'string' && target) {
            this.exports.set(name, target);
          }
        }
      }
    }
  }

  /** Every resource of a type, in the model's order. */
  public ofType(...types: string[]): readonly ModelResource[] {
    return types.length === 1 ? this.byType.get(types[0]) ?? [] : this.resources.filter((r) => types.includes(r.type));
  }

  /** The resources a resource's properties refer to (deduplicated per target and path). */
  public references(r: ModelResource): readonly Reference[] {
    let refs = this.referenceCache.get(r);
    if (!refs) {
      refs = [];
      this.collect(r.stack, r.properties, [], refs, new Set());
      this.referenceCache.set(r, refs);
    }
    return refs;
  }

  /** The references found in one value of a resource (a statement, a property). */
  public referencesIn(stack: StackInput, value: Json | undefined): readonly Reference[] {
    const refs: Reference[] = [];
    this.collect(stack, value, [], refs, new Set());
    return refs;
  }

  /** The resources referring to a resource, with where in their properties. */
  public referencesTo(target: ModelResource): readonly { source: ModelResource; path: readonly string[] }[] {
    if (!this.incoming) {
      this.incoming = new Map();
      for (const source of this.resources) {
        for (const ref of this.references(source)) {
          const list = this.incoming.get(ref.target) ?? [];
          list.push({ source, path: ref.path });
          this.incoming.set(ref.target, list);
        }
      }
    }
    return this.incoming.get(target) ?? [];
  }

  /** The resource a single `Ref`/`Fn::GetAtt`/`Fn::ImportValue` value points at. */
  public target(stack: StackInput, value: Json | undefined): ModelResource | undefined {
    const direct = this.directTarget(stack, value);
    if (direct) {
      return direct;
    }
    if (isObject(value) && value['Fn::ImportValue'] !== undefined) {
      return this.exports.get(flatten(value['Fn::ImportValue']));
    }
    return undefined;
  }

  /** A tag's literal value, if the resource carries it. */
  public tag(r: ModelResource, key: string): string | undefined {
    const v = r.resource.tag(key);
    return typeof v === 'string' ? v : typeof v === 'boolean' || typeof v === 'number' ? String(v) : undefined;
  }

  /** The resource's `Environment` tag, else the one most of its stack's resources carry. */
  public environmentOf(r: ModelResource): string | undefined {
    return this.tag(r, TagKeys.ENVIRONMENT) ?? this.stackEnvironment(r.stack);
  }

  /** The `Environment` most of a stack's tagged resources carry (ties: the first in order). */
  public stackEnvironment(stack: StackInput): string | undefined {
    if (!this.stackEnvironments.has(stack.stackPath)) {
      const counts = new Map<string, number>();
      for (const r of this.byStack.get(stack.stackPath)?.values() ?? []) {
        const env = this.tag(r, TagKeys.ENVIRONMENT);
        if (env) {
          counts.set(env, (counts.get(env) ?? 0) + 1);
        }
      }
      const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))[0];
      this.stackEnvironments.set(stack.stackPath, best?.[0]);
    }
    return this.stackEnvironments.get(stack.stackPath);
  }

  public location(r: ModelResource): ResourceLocation {
    return { stack: r.stack.stackPath, constructPath: r.constructPath, logicalId: r.logicalId, type: r.type };
  }

  /**
   * A short name for people: the construct path inside the stack, without the L1's `Resource`
   * (or `Default`) leaf: `Platform/TrainingData/Bucket`.
   */
  public shortName(r: ModelResource): string {
    const prefix = `${r.stack.stackPath}/`;
    let p = r.constructPath.startsWith(prefix) ? r.constructPath.slice(prefix.length) : r.constructPath;
    p = p.replace(/\/(Resource|Default)$/, '');
    return p || r.logicalId;
  }

  /**
   * A value for people: a referenced resource by its short name; otherwise the value flattened,
   * with each `${LogicalId}` or `${LogicalId.Attribute}` of a resource written `<ShortName>`
   * (`s3://<CapturedData>/capture`).
   */
  public describe(stack: StackInput, value: Json | undefined): string {
    const t = this.target(stack, value);
    if (t) {
      return t.stack === stack ? this.shortName(t) : `${t.stack.stackPath}/${this.shortName(t)}`;
    }
    if (isObject(value) && Array.isArray(value['Fn::Select']) && isObject(value['Fn::Select'][1]) && value['Fn::Select'][1]['Fn::GetAZs'] !== undefined) {
      return `zone ${flatten(value['Fn::Select'][0])} of the region (Fn::GetAZs)`;
    }
    const resources = this.byStack.get(stack.stackPath);
    return flatten(value).replace(/\$\{([^}.]+)(\.[^}]*)?\}/g, (whole, id: string) => {
      const r = resources?.get(id);
      return r ? `<${this.shortName(r)}>` : whole;
    });
  }

  private directTarget(stack: StackInput, value: Json | undefined): ModelResource | undefined {
    if (!isObject(value)) {
      return undefined;
    }
    const resources = this.byStack.get(stack.stackPath);
    if (typeof value.Ref === 'string') {
      return resources?.get(value.Ref);
    }
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
      return resources?.get(getAtt[0]);
    }
    if (typeof getAtt === 'string') {
      return resources?.get(getAtt.split('.')[0]);
    }
    return undefined;
  }

  /** Walks a value once; `at` is the current property path, pushed and popped in place. */
  private collect(stack: StackInput, value: Json | undefined, at: string[], out: Reference[], seen: Set<string>): void {
    if (Array.isArray(value)) {
      for (const v of value) {
        this.collect(stack, v, at, out, seen);
      }
      return;
    }
    if (typeof value !== 'object' || value === null) {
      return;
    }
    if (typeof value.Ref === 'string' || value['Fn::GetAtt'] !== undefined || value['Fn::ImportValue'] !== undefined) {
      addReference(this.target(stack, value), at, out, seen);
      return;
    }
    const sub = value['Fn::Sub'];
    if (sub !== undefined) {
      const text = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : '';
      const resources = this.byStack.get(stack.stackPath);
      for (const m of text.matchAll(/\$\{([^}!][^}]*)\}/g)) {
        addReference(resources?.get(m[1].split('.')[0]), at, out, seen);
      }
      if (Array.isArray(sub) && sub[1] !== undefined) {
        this.collect(stack, sub[1], at, out, seen);
      }
      return;
    }
    for (const k in value) {
      if (k.startsWith('Fn::')) {
        this.collect(stack, value[k], at, out, seen);
      } else {
        at.push(k);
        this.collect(stack, value[k], at, out, seen);
        at.pop();
      }
    }
  }
}

function addReference(target: ModelResource | undefined, at: readonly string[], out: Reference[], seen: Set<string>): void {
  if (target) {
    const key = `${target.stack.stackPath}\u0000${target.logicalId}\u0000${at.join('\u0001')}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ target, path: [...at] });
    }
  }
}

/** How a role reaches a resource. */
export enum AccessVia {
  /** The role's own (inline or managed) IAM policy names the resource. */
  IAM_POLICY = 'iam-policy',
  /** The resource's policy names the role. */
  RESOURCE_POLICY = 'resource-policy',
}

/** A role whose policies reference a resource. */
export interface RoleAccess {
  readonly role: string;
  readonly persona?: string;
  readonly via: AccessVia;
  readonly actions: readonly string[];
}

/** Resource policies held by a separate resource: its type, the targets it governs and its document. */
const ATTACHED_RESOURCE_POLICIES: readonly { type: string; targets: string; document: string }[] = [
  { type: 'AWS::S3::BucketPolicy', targets: 'Bucket', document: 'PolicyDocument' },
  { type: 'AWS::SNS::TopicPolicy', targets: 'Topics', document: 'PolicyDocument' },
  { type: 'AWS::SQS::QueuePolicy', targets: 'Queues', document: 'PolicyDocument' },
  { type: 'AWS::SecretsManager::ResourcePolicy', targets: 'SecretId', document: 'ResourcePolicy' },
];

/** Resource policies held by the resource itself. */
const OWN_RESOURCE_POLICIES: Readonly<Record<string, string>> = {
  'AWS::KMS::Key': 'KeyPolicy',
  'AWS::ECR::Repository': 'RepositoryPolicyText',
  'AWS::SageMaker::ModelPackageGroup': 'ModelPackageGroupPolicy',
};

/**
 * For every resource, the roles whose IAM policies (inline, attached `AWS::IAM::Policy`, or
 * customer-managed) name it in an Allow statement's `Resource`, and the roles an Allow statement
 * of its resource policy names as principal.
 */
export function roleAccess(model: AppModel): Map<ModelResource, RoleAccess[]> {
  const grants: Grants = new Map();
  grantIdentityPolicies(model, grants);
  grantResourcePolicies(model, grants);
  return accessByResource(model, grants);
}

/** What each role may do to a resource, gathered by resource, then by role and how. */
type Grants = Map<ModelResource, Map<string, { role: ModelResource; via: AccessVia; actions: Set<string> }>>;

function grant(grants: Grants, target: ModelResource, role: ModelResource, via: AccessVia, actions: readonly string[]): void {
  if (target === role) {
    return;
  }
  let byRole = grants.get(target);
  if (!byRole) {
    byRole = new Map();
    grants.set(target, byRole);
  }
  const key = `${role.constructPath}\u0000${via}`;
  const entry = byRole.get(key) ?? { role, via, actions: new Set<string>() };
  actions.forEach((a) => entry.actions.add(a));
  byRole.set(key, entry);
}

/** The roles' inline policies, the managed policies they attach, and the policies naming them in `Roles`. */
function grantIdentityPolicies(model: AppModel, grants: Grants): void {
  for (const role of model.ofType('AWS::IAM::Role')) {
    const policies = role.properties.Policies;
    for (const p of Array.isArray(policies) ? policies : []) {
      if (isObject(p)) {
        grantIdentityPolicy(model, grants, role, p.PolicyDocument, [role]);
      }
    }
    for (const ref of model.referencesIn(role.stack, role.properties.ManagedPolicyArns)) {
      if (ref.target.type === 'AWS::IAM::ManagedPolicy') {
        grantIdentityPolicy(model, grants, ref.target, ref.target.properties.PolicyDocument, [role]);
      }
    }
  }
  for (const policy of model.ofType('AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy')) {
    grantIdentityPolicy(model, grants, policy, policy.properties.PolicyDocument, rolesIn(model, policy, policy.properties.Roles));
  }
}

/** Every resource an Allow statement of the document names, to each of the roles. */
function grantIdentityPolicy(model: AppModel, grants: Grants, holder: ModelResource, document: Json | undefined, roles: readonly ModelResource[]): void {
  for (const s of statementsOf(document)) {
    if (s.effect !== 'Allow') {
      continue;
    }
    for (const ref of model.referencesIn(holder.stack, s.raw.Resource)) {
      for (const role of roles) {
        grant(grants, ref.target, role, AccessVia.IAM_POLICY, s.actions ?? (s.notActions ? s.notActions.map((a) => `NOT ${a}`) : []));
      }
    }
  }
}

/** The resource policies, held by a policy resource of their own or by the resource itself. */
function grantResourcePolicies(model: AppModel, grants: Grants): void {
  for (const spec of ATTACHED_RESOURCE_POLICIES) {
    for (const holder of model.ofType(spec.type)) {
      const targets = model.referencesIn(holder.stack, holder.properties[spec.targets]).map((r) => r.target);
      grantResourcePolicy(model, grants, holder, holder.properties[spec.document], targets);
    }
  }
  for (const [type, property] of Object.entries(OWN_RESOURCE_POLICIES)) {
    for (const holder of model.ofType(type)) {
      grantResourcePolicy(model, grants, holder, holder.properties[property], [holder]);
    }
  }
}

/** Every role an Allow statement of the document names as principal, on each of the targets. */
function grantResourcePolicy(model: AppModel, grants: Grants, holder: ModelResource, document: Json | undefined, targets: readonly ModelResource[]): void {
  for (const s of statementsOf(document)) {
    if (s.effect !== 'Allow') {
      continue;
    }
    for (const role of rolesIn(model, holder, s.principal ?? null)) {
      for (const target of targets) {
        grant(grants, target, role, AccessVia.RESOURCE_POLICY, s.actions ?? []);
      }
    }
  }
}

/** The roles of the app a value refers to. */
function rolesIn(model: AppModel, holder: ModelResource, value: Json | undefined): ModelResource[] {
  return model.referencesIn(holder.stack, value).map((r) => r.target).filter((t) => t.type === 'AWS::IAM::Role');
}

/** Each resource's access in a stable order: by persona (roles without one last), role, then how. */
function accessByResource(model: AppModel, grants: Grants): Map<ModelResource, RoleAccess[]> {
  const out = new Map<ModelResource, RoleAccess[]>();
  for (const [target, byRole] of grants) {
    out.set(target, [...byRole.values()]
      .map((e) => ({ role: e.role.constructPath, persona: model.tag(e.role, TagKeys.PERSONA), via: e.via, actions: [...e.actions].sort() }))
      .sort((a, b) => cmp(a.persona ?? '\uffff', b.persona ?? '\uffff') || cmp(a.role, b.role) || cmp(a.via, b.via)));
  }
  return out;
}
