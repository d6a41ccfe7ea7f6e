import { isObject, Json } from './json';
import { CrossStackResolver, StackTemplate, TemplateResource } from './template';
import { flatten } from './values';

/*
 * The pack judges the app, not one template: a value in one stack may name a resource of another
 * through an export (`Fn::ImportValue`), a stack output (`Fn::GetStackOutput`, which CDK writes for
 * weak cross-stack references), a nested stack's output (`Fn::GetAtt [Nested, Outputs.X]`) or, in a
 * nested stack, a parameter its parent passes. The index follows those to the resource, so a flow
 * log in a network stack counts for the VPC it names, and a role trusted through another stack's
 * output is a role, not a person.
 */

/** How deep a chain of outputs, exports and parameters is followed before giving up. */
const MAX_HOPS = 8;

export class AppIndex implements CrossStackResolver {
  private readonly byName = new Map<string, StackTemplate>();
  private readonly exports = new Map<string, { stack: StackTemplate; value: Json }>();
  private readonly children = new Map<StackTemplate, Map<string, StackTemplate>>();
  private readonly referenceIndexes = new Map<string, Map<TemplateResource, TemplateResource[]>>();

  constructor(public readonly stacks: readonly StackTemplate[]) {
    for (const stack of stacks) {
      this.byName.set(stack.stackName, stack);
      for (const output of Object.values(stack.outputs)) {
        if (isObject(output) && isObject(output.Export) && output.Value !== undefined) {
          const name = flatten(output.Export.Name);
          if (name !== '' && !name.includes('${')) {
            this.exports.set(name, { stack, value: output.Value });
          }
        }
      }
      if (stack.nestedIn) {
        const siblings = this.children.get(stack.nestedIn.parent) ?? new Map<string, StackTemplate>();
        siblings.set(stack.nestedIn.logicalId, stack);
        this.children.set(stack.nestedIn.parent, siblings);
      }
    }
  }

  /** Attach the index to every stack it was built from. */
  public attach(): this {
    for (const stack of this.stacks) {
      stack.app = this;
    }
    return this;
  }

  public resolve(from: StackTemplate, value: Json, hops = 0): TemplateResource | undefined {
    if (hops > MAX_HOPS || !isObject(value)) {
      return undefined;
    }
    const next = this.step(from, value);
    if (!next) {
      return undefined;
    }
    return this.local(next.stack, next.value) ?? this.resolve(next.stack, next.value, hops + 1);
  }

  /**
   * Resources of `type`, in any stack of the app, whose `property` refers (directly, in a list, or
   * across stacks) to `resource`. Indexed on first use.
   */
  public referencing(type: string, property: string, resource: TemplateResource): readonly TemplateResource[] {
    const key = `${type}\u0000${property}`;
    let index = this.referenceIndexes.get(key);
    if (!index) {
      index = new Map();
      for (const stack of this.stacks) {
        for (const r of stack.ofType(type)) {
          const value = r.properties[property];
          for (const v of Array.isArray(value) ? value : [value]) {
            const target = stack.target(v);
            if (target) {
              index.set(target, [...(index.get(target) ?? []), r]);
            }
          }
        }
      }
      this.referenceIndexes.set(key, index);
    }
    return index.get(resource) ?? [];
  }

  /** A value's resource when it is a plain reference in its own stack. */
  private local(stack: StackTemplate, value: Json): TemplateResource | undefined {
    if (!isObject(value)) {
      return undefined;
    }
    const id = typeof value.Ref === 'string' ? value.Ref
      : Array.isArray(value['Fn::GetAtt']) && typeof value['Fn::GetAtt'][0] === 'string' ? value['Fn::GetAtt'][0]
        : typeof value['Fn::GetAtt'] === 'string' ? value['Fn::GetAtt'].split('.')[0] : undefined;
    const found = id === undefined ? undefined : stack.resources.get(id);
    return found && found.type !== 'AWS::CloudFormation::Stack' ? found : undefined;
  }

  /** Where a cross-stack value leads: the stack and the value it stands for there. */
  private step(from: StackTemplate, value: Record<string, Json>): { stack: StackTemplate; value: Json } | undefined {
    const imported = value['Fn::ImportValue'];
    if (imported !== undefined) {
      return this.exports.get(flatten(imported));
    }
    const output = value['Fn::GetStackOutput'];
    if (isObject(output)) {
      const stack = this.byName.get(flatten(output.StackName));
      const o = stack?.outputs[flatten(output.OutputName)];
      return stack && isObject(o) && o.Value !== undefined ? { stack, value: o.Value } : undefined;
    }
    const getAtt = value['Fn::GetAtt'];
    const [id, attribute] = Array.isArray(getAtt) ? getAtt.map((x) => flatten(x)) : typeof getAtt === 'string' ? [getAtt.slice(0, getAtt.indexOf('.')), getAtt.slice(getAtt.indexOf('.') + 1)] : [];
    if (id !== undefined && attribute?.startsWith('Outputs.')) {
      const child = this.children.get(from)?.get(id);
      const o = child?.outputs[attribute.slice('Outputs.'.length)];
      return child && isObject(o) && o.Value !== undefined ? { stack: child, value: o.Value } : undefined;
    }
    if (typeof value.Ref === 'string' && from.nestedIn && from.parameters[value.Ref] !== undefined) {
      const { parent, logicalId } = from.nestedIn;
      const parameters = parent.resources.get(logicalId)?.properties.Parameters;
      const passed = isObject(parameters) ? parameters[value.Ref] : undefined;
      return passed === undefined ? undefined : { stack: parent, value: passed };
    }
    return undefined;
  }
}
