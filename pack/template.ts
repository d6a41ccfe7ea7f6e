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

/** One stack's template, indexed for the cross-resource lookups rules make. */
export class StackTemplate {
  public readonly resources: ReadonlyMap<string, TemplateResource>;
  public readonly parameters: JsonObject;
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
  ) {
    const resources = new Map<string, TemplateResource>();
    const rawResources = isObject(raw.Resources) ? raw.Resources : {};
    for (const [logicalId, r] of Object.entries(rawResources)) {
      if (!isObject(r) || typeof r.Type !== 'string') {
        continue;
      }
      const resource = new TemplateResource(this, logicalId, r.Type, r);
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
  }

  /** Every resource of a type, in template order. */
  public ofType(type: string): readonly TemplateResource[] {
    return this.byType.get(type) ?? [];
  }

  /** The resource a `Ref` or `Fn::GetAtt` points at, in this template. */
  public target(value: Json | undefined): TemplateResource | undefined {
    if (!isObject(value)) {
      return undefined;
    }
    if (typeof value.Ref === 'string') {
      return this.resources.get(value.Ref);
    }
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
      return this.resources.get(getAtt[0]);
    }
    if (typeof getAtt === 'string') {
      return this.resources.get(getAtt.split('.')[0]);
    }
    return undefined;
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
