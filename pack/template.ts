import { decideCondition, withDecidedBranches } from './conditions';
import { isObject, Json, JsonObject } from './json';
import { isRefOrGetAtt } from './values';


/** One resource of a synthesized template, as it will be deployed. */
export class TemplateResource {
  public readonly properties: JsonObject;
  public readonly deletionPolicy?: Json;
  public readonly updateReplacePolicy?: Json;
  public readonly metadata: JsonObject;
  public readonly condition?: string;

  constructor(
    public readonly template: StackTemplate,
    public readonly logicalId: string,
    public readonly type: string,
    raw: JsonObject,
  ) {
    this.properties = isObject(raw.Properties) ? raw.Properties : {};
    this.deletionPolicy = raw.DeletionPolicy;
    this.updateReplacePolicy = raw.UpdateReplacePolicy;
    this.metadata = isObject(raw.Metadata) ? raw.Metadata : {};
    this.condition = typeof raw.Condition === 'string' ? raw.Condition : undefined;
  }

  /** The construct path CDK recorded, when path metadata is on. */
  public get cdkPath(): string | undefined {
    const p = this.metadata['aws:cdk:path'];
    return typeof p === 'string' ? p : undefined;
  }

  /** A tag's value from the `Tags` property (list or map form), if literally present. */
  public tag(key: string): Json | undefined {
    const tags = this.properties.Tags;
    if (Array.isArray(tags)) {
      for (const t of tags) {
        if (isObject(t) && t.Key === key) {
          return t.Value;
        }
      }
      return undefined;
    }
    if (isObject(tags) && !isRefOrGetAtt(tags) && key in tags) {
      return tags[key];
    }
    return undefined;
  }
}

/** How a stack refers to values of other stacks of its app (see pack/app-index.ts). */
export interface CrossStackResolver {
  /** Every stack of the app, the same array for each of them. */
  readonly stacks: readonly StackTemplate[];
  /** The resource a value of `from` refers to in another stack of the app, if any. */
  resolve(from: StackTemplate, value: Json): TemplateResource | undefined;
  /** Resources of `type`, in any stack of the app, whose `property` refers to `resource`. */
  referencing(type: string, property: string, resource: TemplateResource): readonly TemplateResource[];
}

/** One stack's template, indexed for the cross-resource lookups rules make. */
export class StackTemplate {
  public readonly resources: ReadonlyMap<string, TemplateResource>;
  public readonly parameters: JsonObject;
  /** The template's `Outputs` (what other stacks import). */
  public readonly outputs: JsonObject;
  /** The stack's name, as CloudFormation and `Fn::GetStackOutput` know it (by default its id). */
  public stackName: string;
  /** The other stacks of the app, once the pack has read them all. */
  public app?: CrossStackResolver;
  /** For a nested stack: its parent, and the logical id of the parent's `AWS::CloudFormation::Stack`. */
  public nestedIn?: { readonly parent: StackTemplate; readonly logicalId: string };
  private readonly byType = new Map<string, TemplateResource[]>();
  private readonly referenceIndexes = new Map<string, Map<string, TemplateResource[]>>();

  constructor(
    /** The stack's construct path (hierarchical id). */
    public readonly stackPath: string,
    /** Absolute path of the template file. */
    public readonly templatePath: string,
    raw: JsonObject,
    public readonly account?: string,
    public readonly region?: string,
    /** False when the template is known to hold no `Fn::If` (its text says so): no branch to decide. */
    mayHoldIf = true,
  ) {
    const conditions = isObject(raw.Conditions) ? raw.Conditions : {};
    const decided = new Map<string, boolean | undefined>();
    const resources = new Map<string, TemplateResource>();
    const rawResources = isObject(raw.Resources) ? raw.Resources : {};
    for (const [logicalId, r] of Object.entries(rawResources)) {
      if (!isObject(r) || typeof r.Type !== 'string') {
        continue;
      }
      // A resource under a condition decided false is never created: it is not judged.
      if (typeof r.Condition === 'string' && decideCondition(r.Condition, conditions) === false) {
        continue;
      }
      const deployed = mayHoldIf && Object.keys(conditions).length > 0 ? withDecidedBranches(r, conditions, decided) as JsonObject : r;
      const resource = new TemplateResource(this, logicalId, r.Type, deployed);
      resources.set(logicalId, resource);
      let list = this.byType.get(r.Type);
      if (!list) {
        list = [];
        this.byType.set(r.Type, list);
      }
      list.push(resource);
    }
    this.resources = resources;
    this.parameters = isObject(raw.Parameters) ? raw.Parameters : {};
    this.outputs = isObject(raw.Outputs) ? raw.Outputs : {};
    this.stackName = stackPath.split('/').pop() ?? stackPath;
  }

  /** Every resource of a type, in template order. */
  public ofType(type: string): readonly TemplateResource[] {
    return this.byType.get(type) ?? [];
  }

  /**
   * The resource a value points at: a `Ref` or `Fn::GetAtt` in this template, or, once the app is
   * known, a resource of another stack of the app reached through an export (`Fn::ImportValue`), a
   * stack output (`Fn::GetStackOutput`, CDK's weak references), a nested stack's output or a nested
   * stack's parameter.
   */
  public target(value: Json | undefined): TemplateResource | undefined {
    if (!isObject(value)) {
      return undefined;
    }
    if (typeof value.Ref === 'string') {
      return this.resources.get(value.Ref) ?? this.app?.resolve(this, value);
    }
    const getAtt = value['Fn::GetAtt'];
    const id = Array.isArray(getAtt) && typeof getAtt[0] === 'string' ? getAtt[0] : typeof getAtt === 'string' ? getAtt.split('.')[0] : undefined;
    const local = id === undefined ? undefined : this.resources.get(id);
    if (local && local.type !== 'AWS::CloudFormation::Stack') {
      return local;
    }
    return this.app?.resolve(this, value) ?? local;
  }

  /**
   * Resources of `type` whose property `property` refers (by `Ref`/`Fn::GetAtt`, directly or in
   * a list) to the resource `logicalId`. Indexed on first use, so each lookup is O(1).
   */
  public referencing(type: string, property: string, logicalId: string): readonly TemplateResource[] {
    const indexKey = `${type}\u0000${property}`;
    let index = this.referenceIndexes.get(indexKey);
    if (!index) {
      index = new Map();
      for (const r of this.ofType(type)) {
        const value = r.properties[property];
        for (const v of Array.isArray(value) ? value : [value]) {
          const target = this.target(v);
          if (target) {
            const list = index.get(target.logicalId) ?? [];
            list.push(r);
            index.set(target.logicalId, list);
          }
        }
      }
      this.referenceIndexes.set(indexKey, index);
    }
    return index.get(logicalId) ?? [];
  }
}
