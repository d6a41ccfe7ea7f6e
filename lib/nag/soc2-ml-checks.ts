import * as fs from 'fs';
import * as path from 'path';
import {
  CfnElement, CfnResource, IPolicyValidationContext, IPolicyValidationPlugin, NestedStack, PolicyValidationPluginReport, PolicyViolation,
  Stack, Stage, StageSynthesisOptions, Token, Validations,
} from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { IConstruct } from 'constructs';
import { synthWithEvidence } from '../evidence/writer';
import { ALL_RULES } from './rules';
import { Outcome, PackRule, Severity, Verdict } from './rule';
import { isObject, StackTemplate, TemplateResource } from './template';
import { forgetTemplateFiles, readTemplateFile } from './template-files';

/** The plugin's name: acknowledgements read `Soc2Ml::<rule id>`. */
export const PLUGIN_NAME = 'Soc2Ml';
/** The file, in the cloud assembly, holding every resource × rule verdict. */
export const VERDICTS_FILE = 'soc2ml-verdicts.json';

export interface Soc2MlChecksProps {
  /**
   * Whether to write every verdict to `soc2ml-verdicts.json` in the cloud assembly (the audit
   * evidence reads it).
   *
   * @default true
   */
  readonly recordVerdicts?: boolean;
}

/** One resource's (or one stack's) verdicts, as recorded for the evidence report. */
export interface ResourceVerdicts {
  readonly stack: string;
  readonly constructPath: string;
  readonly logicalId?: string;
  readonly type: string;
  readonly passed: string[];
  readonly notApplicable: string[];
  readonly failed: { rule: string; severity: Severity; detail: string; acknowledged?: { reason: string; at: string } }[];
}

interface Evaluated {
  readonly packRule: PackRule;
  readonly stack: StackTemplate;
  readonly resource?: TemplateResource;
  readonly outcome: Outcome;
}

/**
 * The SOC 2 rule pack for ML platforms, as a CDK policy-validation plugin:
 * `Validations.of(app).addPlugins(new Soc2MlChecks(app))`.
 *
 * It judges the synthesized templates (so escape hatches, property overrides and `CfnInclude`
 * are judged as deployed) of every stack in the app, ours or not. Errors fail synth unless
 * acknowledged with `Validations.of(construct).acknowledge({ id: 'Soc2Ml::<rule>', reason })`;
 * warnings are reported and never fail synth.
 */
export class Soc2MlChecks implements IPolicyValidationPlugin {
  /**
   * Synthesize the app and write its SOC 2 audit evidence into the cloud assembly, in
   * `soc2-evidence/`: the control matrix, the inventory, the exceptions, the checks that ran, the
   * data-flow diagram, `index.html` and `findings.sarif`. The evidence is written even when synth
   * fails validation (failures are evidence too); the synth error is then rethrown.
   *
   * ```ts
   * const app = new App();
   * Validations.of(app).addPlugins(new Soc2MlChecks(app));
   * // ... your stacks
   * void Soc2MlChecks.synthWithEvidence(app);
   * ```
   */
  public static synthWithEvidence(app: Stage, options?: StageSynthesisOptions): Promise<CloudAssembly> {
    return synthWithEvidence(app, options);
  }

  public readonly name = PLUGIN_NAME;
  public readonly version: string = packageVersion();
  public readonly ruleIds: string[] = ALL_RULES.map((r) => r.rule.id);
  private readonly recordVerdicts: boolean;

  // The scope is taken for symmetry with cdk-nag's packs; the plugin reads the app it is given.
  constructor(_scope?: IConstruct, props: Soc2MlChecksProps = {}) {
    this.recordVerdicts = props.recordVerdicts ?? true;
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const stacks = loadTemplates(context);
    const evaluated = evaluate(stacks);
    const paths = new ConstructPaths(context.appConstruct);

    const violations: PolicyViolation[] = [];
    for (const e of evaluated) {
      if (e.outcome.verdict !== Verdict.FAILED) {
        continue;
      }
      const doc = e.packRule;
      violations.push({
        ruleName: doc.rule.id,
        description: `${doc.finding} ${e.outcome.detail ?? ''}`.trim() + ` (SOC 2 ${doc.criteria.join(', ')})`,
        fix: doc.fix,
        severity: doc.severity,
        ruleMetadata: { criteria: doc.criteria.join(', ') },
        violatingResources: [{
          resourceLogicalId: e.resource?.logicalId,
          templatePath: e.stack.templatePath,
          constructPath: paths.of(e.stack, e.resource, true),
          locations: [e.outcome.location ?? (e.resource ? 'Properties' : 'Resources')],
        }],
      });
    }

    if (this.recordVerdicts) {
      writeVerdicts(context, evaluated, paths, this.version);
    }
    return {
      success: !violations.some((v) => v.severity === Severity.ERROR),
      violations,
      pluginVersion: this.version,
    };
  }
}

function loadTemplates(context: IPolicyValidationContext): StackTemplate[] {
  const stacks: StackTemplate[] = [];
  forgetTemplateFiles();
  const load = (stackPath: string, templatePath: string, account?: string, region?: string) => {
    const raw = readTemplateFile(path.resolve(templatePath), true).json;
    stacks.push(new StackTemplate(stackPath, templatePath, isObject(raw) ? raw : {}, account, region));
  };
  for (const s of context.stackTemplates) {
    load(s.stackConstructPath, s.templatePath, s.accountId, s.region);
  }
  // Nested stacks are assets of their parents, not stacks of the assembly: find them in the tree.
  for (const nested of nestedStacks(context.appConstruct)) {
    const file = path.resolve(Stage.of(nested)?.outdir ?? '', nested.templateFile);
    if (fs.existsSync(file)) {
      load(nested.node.path, file, Token.isUnresolved(nested.account) ? undefined : nested.account, Token.isUnresolved(nested.region) ? undefined : nested.region);
    }
  }
  return stacks;
}

function nestedStacks(root: IConstruct | undefined): NestedStack[] {
  return root ? root.node.findAll().filter((c): c is NestedStack => NestedStack.isNestedStack(c)) : [];
}

const RULES_BY_TYPE: ReadonlyMap<string, readonly PackRule[]> = (() => {
  const map = new Map<string, PackRule[]>();
  for (const r of ALL_RULES) {
    if (r.kind !== 'resource') {
      continue;
    }
    for (const type of r.rule.resourceTypes) {
      map.set(type, [...(map.get(type) ?? []), r]);
    }
  }
  return map;
})();

const STACK_RULES = ALL_RULES.filter((r) => r.kind === 'stack');

function evaluate(stacks: readonly StackTemplate[]): Evaluated[] {
  const out: Evaluated[] = [];
  for (const stack of stacks) {
    for (const resource of stack.resources.values()) {
      for (const packRule of RULES_BY_TYPE.get(resource.type) ?? []) {
        if (packRule.kind === 'resource') {
          out.push({ packRule, stack, resource, outcome: safely(() => packRule.rule.check(resource)) });
        }
      }
    }
    for (const packRule of STACK_RULES) {
      if (packRule.kind === 'stack') {
        out.push({ packRule, stack, outcome: safely(() => packRule.rule.check(stack, stacks)) });
      }
    }
  }
  return out;
}

/** A rule that cannot read a resource fails closed, saying why. */
function safely(check: () => Outcome): Outcome {
  try {
    return check();
  } catch (e) {
    return { verdict: Verdict.FAILED, detail: `The rule could not evaluate this resource (${(e as Error).message}); make the value literal or acknowledge the rule with a reason.` };
  }
}

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
class ConstructPaths {
  private index?: Map<string, Map<string, IConstruct>>;
  private readonly templateFiles = new Map<Stack, string>();
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
    const templateFile = path.resolve(stack.templatePath);
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

  /** The nearest acknowledgement of a rule on a construct or its ancestors. */
  public acknowledgement(construct: IConstruct | undefined, ruleId: string): { reason: string; at: string } | undefined {
    const id = `${PLUGIN_NAME}::${ruleId}`;
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

function writeVerdicts(context: IPolicyValidationContext, evaluated: readonly Evaluated[], paths: ConstructPaths, version: string): void {
  const byResource = new Map<string, { e: Evaluated; verdicts: Omit<ResourceVerdicts, 'constructPath'> }>();
  for (const e of evaluated) {
    const key = `${e.stack.stackPath}\u0000${e.resource?.logicalId ?? ''}`;
    let entry = byResource.get(key)?.verdicts;
    if (!entry) {
      entry = {
        stack: e.stack.stackPath,
        logicalId: e.resource?.logicalId,
        type: e.resource?.type ?? 'AWS::CloudFormation::Stack',
        passed: [],
        notApplicable: [],
        failed: [],
      };
      byResource.set(key, { e, verdicts: entry });
    }
    const id = e.packRule.rule.id;
    if (e.outcome.verdict === Verdict.PASSED) {
      entry.passed.push(id);
    } else if (e.outcome.verdict === Verdict.NOT_APPLICABLE) {
      entry.notApplicable.push(id);
    } else {
      const acknowledged = paths.acknowledgement(paths.construct(e.stack, e.resource, true), id);
      entry.failed.push({ rule: id, severity: e.packRule.severity, detail: e.outcome.detail ?? '', ...(acknowledged ? { acknowledged } : {}) });
    }
  }
  // A resource that failed a rule was matched to its construct exactly; the path is the same one.
  const resources: ResourceVerdicts[] = [...byResource.values()].map(({ e, verdicts: { stack, ...rest } }) => ({
    stack,
    constructPath: paths.of(e.stack, e.resource, rest.failed.length > 0),
    ...rest,
  }));
  resources.sort((a, b) => cmp(a.stack, b.stack) || cmp(a.constructPath, b.constructPath) || cmp(a.logicalId ?? '', b.logicalId ?? ''));
  for (const r of resources) {
    r.passed.sort();
    r.notApplicable.sort();
    r.failed.sort((a, b) => cmp(a.rule, b.rule));
  }
  const document = {
    plugin: PLUGIN_NAME,
    version,
    rules: ALL_RULES.map((r) => ({ id: r.rule.id, criteria: r.criteria, severity: r.severity, resourceTypes: r.rule.resourceTypes })),
    resources,
  };
  fs.writeFileSync(path.join(assemblyDirectory(context), VERDICTS_FILE), JSON.stringify(document, undefined, 1));
}

function assemblyDirectory(context: IPolicyValidationContext): string {
  const root = context.appConstruct;
  if (root && Stage.isStage(root)) {
    return root.outdir;
  }
  return path.dirname(context.stackTemplates[0]?.templatePath ?? context.templatePaths[0]);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function packageVersion(): string {
  // Resolved from the compiled location (dist/lib/nag) and the source location (lib/nag).
  for (const candidate of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, candidate), 'utf-8')) as { name?: string; version?: string };
      if (pkg.name === 'cdk-soc2-ml' && pkg.version) {
        return pkg.version;
      }
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0';
}
