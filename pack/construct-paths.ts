import * as path from 'path';
import { CfnElement, CfnResource, Stack, Stage, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { soc2mlRuleId } from '../core/nag-packs';
import { VerdictLocator } from './evaluate';
import { AcknowledgedVerdict } from './verdicts';
import { StackTemplate, TemplateResource } from './template';

/**
 * Maps template resources to construct paths and finds acknowledgements on them.
 *
 * A resource's `aws:cdk:path` metadata (written when path metadata is on, as `cdk synth` does)
 * names its construct, found by walking the tree; it is trusted when that construct renders a
 * resource of the same type into the same template, and, for a failed verdict (whose path decides
 * which acknowledgement applies), when its logical id resolves to the resource's. Otherwise, and
 * only then, every element's logical id in the app is resolved, once: that is most of the cost of
 * mapping (CDK hashes each construct path), and most synths never need it.
 */
export class ConstructPaths implements VerdictLocator {
  private index?: Map<string, Map<string, IConstruct>>;
  private readonly templateFiles = new Map<Stack, string>();
  private readonly resolvedTemplates = new Map<StackTemplate, string>();
  private readonly found = new Map<TemplateResource, { construct?: IConstruct; exact: boolean }>();

  constructor(private readonly root: IConstruct | undefined) {}

  /**
   * The construct of a resource (the stack's construct, without one). With `exact`, the match is
   * proven by the resource's logical id; without, the path metadata's type and template suffice.
   */
  public construct(stack: StackTemplate, resource?: TemplateResource, exact = false): IConstruct | undefined {
    if (!this.root) {
      return undefined;
    }
    if (!resource) {
      const c = this.byPath(stack.stackPath);
      return c && Stack.isStack(c) ? c : undefined;
    }
    const known = this.found.get(resource);
    if (known && (known.exact || !exact)) {
      return known.construct;
    }
    const templateFile = this.resolvedTemplate(stack);
    const hinted = known?.construct ?? (resource.cdkPath ? this.byPath(resource.cdkPath) : undefined);
    let result: { construct?: IConstruct; exact: boolean } | undefined;
    if (hinted && CfnResource.isCfnResource(hinted) && hinted.cfnResourceType === resource.type && this.templateFile(Stack.of(hinted)) === templateFile) {
      if (!exact) {
        result = { construct: hinted, exact: false };
      } else if (Stack.of(hinted).resolve(hinted.logicalId) === resource.logicalId) {
        result = { construct: hinted, exact: true };
      }
    }
    result ??= { construct: this.indexed().get(templateFile)?.get(resource.logicalId), exact: true };
    this.found.set(resource, result);
    return result.construct;
  }

  public of(stack: StackTemplate, resource?: TemplateResource, exact = false): string {
    return this.construct(stack, resource, exact)?.node.path ?? resource?.cdkPath ?? (resource ? `${stack.stackPath}/${resource.logicalId}` : stack.stackPath);
  }

  private resolvedTemplate(stack: StackTemplate): string {
    let file = this.resolvedTemplates.get(stack);
    if (file === undefined) {
      file = path.resolve(stack.templatePath);
      this.resolvedTemplates.set(stack, file);
    }
    return file;
  }

  private byPath(constructPath: string): IConstruct | undefined {
    let c: IConstruct | undefined = this.root;
    for (const id of constructPath.split('/')) {
      c = c?.node.tryFindChild(id);
    }
    return c;
  }

  private templateFile(stack: Stack): string {
    let file = this.templateFiles.get(stack);
    if (file === undefined) {
      file = path.resolve(Stage.of(stack)?.outdir ?? '', stack.templateFile);
      this.templateFiles.set(stack, file);
    }
    return file;
  }

  private indexed(): Map<string, Map<string, IConstruct>> {
    if (this.index) {
      return this.index;
    }
    const index = new Map<string, Map<string, IConstruct>>();
    const visit = (c: IConstruct) => {
      if (CfnElement.isCfnElement(c)) {
        const stack = Stack.of(c);
        const file = this.templateFile(stack);
        let map = index.get(file);
        if (!map) {
          map = new Map();
          index.set(file, map);
        }
        map.set(stack.resolve(c.logicalId) as string, c);
      }
      for (const child of c.node.children) {
        visit(child);
      }
    };
    if (this.root) {
      visit(this.root);
    }
    this.index = index;
    return index;
  }

  /** The acknowledgement of a rule covering a resource (on its construct or an ancestor). */
  public acknowledgementOf(stack: StackTemplate, resource: TemplateResource | undefined, ruleId: string): AcknowledgedVerdict | undefined {
    return this.acknowledgement(this.construct(stack, resource, true), ruleId);
  }

  /** The nearest acknowledgement of a rule on a construct or its ancestors. */
  public acknowledgement(construct: IConstruct | undefined, ruleId: string): AcknowledgedVerdict | undefined {
    const id = soc2mlRuleId(ruleId);
    for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
      for (const entry of c.node.metadata) {
        if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY && entry.data && typeof entry.data === 'object') {
          const reason = (entry.data as Record<string, unknown>)[id];
          if (typeof reason === 'string') {
            return { reason, at: c.node.path };
          }
        }
      }
    }
    return undefined;
  }
}
