import * as fs from 'fs';
import * as path from 'path';
import { App, CloudFormationValidatePlugin, IPolicyValidationPlugin, Stage, Validations } from 'aws-cdk-lib';
import { NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { readVerdictDocument, VerdictDocument } from '../pack/verdicts';
import { StackTemplate } from '../pack/template';
import { isObject, Json, JsonObject } from '../pack/json';
import { readTemplateFile } from '../pack/template-files';

/*
 * Everything the evidence is made of, read from the cloud assembly (and, when given, the app's
 * construct tree): the templates, the pack's verdicts, CDK's validation report and every
 * acknowledgement. Nothing here keeps an absolute path, a stack trace or a time.
 */

/** The name CDK gives its built-in template validation in the report. */
export const CLOUDFORMATION_VALIDATE = 'CloudFormation Validate';

/** One stack of the assembly (nested stacks included). */
export interface StackInput {
  /** The stack's construct path (CDK's hierarchical id), e.g. `soc2ml-dev` or `Stage/Stack`. */
  readonly stackPath: string;
  /** The template file, relative to the assembly directory. */
  readonly templateFile: string;
  readonly template: StackTemplate;
  /** The template as written, for line numbers. */
  readonly text: string;
  /** The template's `Outputs` (for cross-stack references). */
  readonly outputs: JsonObject;
  /** The construct path of each resource, by logical id. */
  readonly constructPaths: ReadonlyMap<string, string>;
}

/** One violating resource, as CDK's validation report lists it. */
export interface ReportedConstruct {
  readonly constructPath?: string;
  readonly constructFqn?: string;
}

/** One violation (or acknowledged violation) of CDK's validation report. */
export interface ReportedViolation {
  readonly ruleName: string;
  readonly description: string;
  readonly suggestedFix?: string;
  readonly severity?: string;
  readonly ruleMetadata?: Record<string, string>;
  readonly violatingConstructs: readonly ReportedConstruct[];
  /** Set on acknowledged violations. */
  readonly acknowledgedId?: string;
  readonly reason?: string;
  readonly acknowledgedAt?: string;
}

/** One plugin's part of the validation report. */
export interface PluginReport {
  readonly pluginName: string;
  readonly pluginVersion?: string;
  readonly conclusion: string;
  readonly violations: readonly ReportedViolation[];
  readonly suppressedViolations?: readonly ReportedViolation[];
}

/** An acknowledgement recorded with `Validations.of(construct).acknowledge(...)`. */
export interface Acknowledgement {
  /** The full id, `Namespace::Rule`. */
  readonly id: string;
  /** The plugin namespace (the plugin's name with spaces as dashes, e.g. `CloudFormation-Validate`). */
  readonly namespace: string;
  /** The rule, without the namespace. */
  readonly rule: string;
  readonly reason: string;
  /** The construct path it was made on. */
  readonly at: string;
}

/** A validation plugin registered on the app (or on one of its stages). */
export interface RegisteredPlugin {
  readonly name: string;
  readonly version?: string;
  readonly ruleCount?: number;
}

export interface EvidenceInputs {
  readonly stacks: readonly StackInput[];
  readonly verdicts?: VerdictDocument;
  readonly reports: readonly PluginReport[];
  readonly acknowledgements: readonly Acknowledgement[];
  /** The plugins the app registered; undefined when only the assembly was read. */
  readonly plugins?: readonly RegisteredPlugin[];
  /** Whether `app.synth()` threw (validation failed, in a process that throws). */
  readonly synthFailed: boolean;
}

export interface ReadOptions {
  /** The app, to read acknowledgements and plugins from its construct tree. */
  readonly app?: IConstruct;
  readonly synthFailed?: boolean;
}

/** Read the evidence inputs from an assembly directory (and the app, when given). */
export function readEvidenceInputs(outdir: string, options: ReadOptions = {}): EvidenceInputs {
  const artifacts: StackArtifact[] = [];
  collectStackArtifacts(outdir, '', artifacts);
  const constructs = options.app?.node.findAll();
  const appPaths = constructs ? new Set(constructs.map((c) => c.node.path)) : undefined;

  const stacks: StackInput[] = [];
  const manifestStacks: ManifestStack[] = [];
  for (const artifact of artifacts) {
    const top = readStack(outdir, artifact.templateFile, artifact.stackPath);
    // A template whose every resource names, in its path metadata, a construct of the app, and
    // that has no nested stack, needs nothing from the manifest's metadata (the largest file of
    // the assembly). Otherwise the metadata maps logical ids to paths (CfnInclude keeps the paths
    // of the template it imported) and lists the nested stacks' templates.
    if (top && appPaths && selfDescribing(top.template, appPaths)) {
      stacks.push(withConstructPaths(top, new Map()));
      continue;
    }
    const manifestStack = readManifestStack(outdir, artifact);
    manifestStacks.push(manifestStack);
    for (const t of manifestStack.templates) {
      const stack = t.templateFile === artifact.templateFile ? top : readStack(outdir, t.templateFile, t.stackPath);
      if (stack) {
        stacks.push(withConstructPaths(stack, t.logicalIdPaths));
      }
    }
  }
  stacks.sort((a, b) => cmp(a.stackPath, b.stackPath));

  const verdicts = readVerdictDocument(outdir);
  const report = readJson(path.join(outdir, 'validation-report.json'));
  const reports = isObject(report) && Array.isArray(report.pluginReports) ? (report.pluginReports as unknown as PluginReport[]) : [];

  const acknowledgements = constructs ? acknowledgementsOfTree(constructs) : acknowledgementsOfManifest(manifestStacks);

  return {
    stacks,
    verdicts: verdicts && Array.isArray(verdicts.resources) ? verdicts : undefined,
    reports,
    acknowledgements,
    plugins: options.app && constructs ? registeredPlugins(options.app, constructs) : undefined,
    synthFailed: options.synthFailed ?? false,
  };
}

function selfDescribing(template: StackTemplate, appPaths: ReadonlySet<string>): boolean {
  for (const r of template.resources.values()) {
    const p = r.cdkPath;
    if (r.type === 'AWS::CloudFormation::Stack' || p === undefined || !appPaths.has(p)) {
      return false;
    }
  }
  return true;
}

/** A stack artifact of the assembly (or of a nested assembly), as its manifest lists it. */
interface StackArtifact {
  readonly stackPath: string;
  /** Relative to the assembly directory. */
  readonly templateFile: string;
  /** The directory of its manifest, relative to the assembly directory. */
  readonly subdir: string;
  readonly artifact: JsonObject;
}

interface ManifestStack {
  /** Construct path → metadata entries, from the manifest (and its additional metadata files). */
  readonly metadata: Record<string, readonly { type: string; data?: unknown }[]>;
  /** The stack's template and its nested stacks' templates. */
  readonly templates: readonly ManifestTemplate[];
}

interface ManifestTemplate {
  readonly stackPath: string;
  /** Relative to the assembly directory. */
  readonly templateFile: string;
  /** Logical id → construct path, for the resources of this template. */
  readonly logicalIdPaths: Map<string, string>;
}

function collectStackArtifacts(outdir: string, subdir: string, out: StackArtifact[]): void {
  const manifest = readJson(path.join(outdir, subdir, 'manifest.json'));
  if (!isObject(manifest) || !isObject(manifest.artifacts)) {
    return;
  }
  for (const [id, artifact] of Object.entries(manifest.artifacts)) {
    if (!isObject(artifact)) {
      continue;
    }
    const props = isObject(artifact.properties) ? artifact.properties : {};
    if (artifact.type === 'cdk:cloud-assembly' && typeof props.directoryName === 'string') {
      collectStackArtifacts(outdir, path.join(subdir, props.directoryName), out);
      continue;
    }
    if (artifact.type !== 'aws:cloudformation:stack' || typeof props.templateFile !== 'string') {
      continue;
    }
    const stackPath = typeof artifact.displayName === 'string' ? artifact.displayName : id;
    out.push({ stackPath, templateFile: toPosix(path.join(subdir, props.templateFile)), subdir, artifact });
  }
}

function readManifestStack(outdir: string, { stackPath, templateFile, subdir, artifact }: StackArtifact): ManifestStack {
  const metadata: Record<string, { type: string; data?: unknown }[]> = {};
  const merge = (m: Json | undefined) => {
    if (isObject(m)) {
      for (const [p, entries] of Object.entries(m)) {
        if (Array.isArray(entries)) {
          metadata[p] = [...(metadata[p] ?? []), ...(entries as unknown as { type: string; data?: unknown }[])];
        }
      }
    }
  };
  merge(artifact.metadata);
  if (typeof artifact.additionalMetadataFile === 'string') {
    merge(readJson(path.join(outdir, subdir, artifact.additionalMetadataFile)));
  }
  // The stack and each nested stack record their template file; each resource its logical id.
  const templates: ManifestTemplate[] = [{ stackPath, templateFile, logicalIdPaths: new Map() }];
  for (const [constructPath, file] of metadataOfType(metadata, 'aws:cdk:templateFile')) {
    if (constructPath !== stackPath) {
      templates.push({ stackPath: constructPath, templateFile: toPosix(path.join(subdir, file)), logicalIdPaths: new Map() });
    }
  }
  // A resource belongs to the deepest stack whose path is a prefix of its own.
  const deepestFirst = [...templates].sort((a, b) => b.stackPath.length - a.stackPath.length);
  const owner = (constructPath: string) =>
    deepestFirst.find((t) => constructPath === t.stackPath || constructPath.startsWith(`${t.stackPath}/`)) ?? templates[0];
  for (const [constructPath, logicalId] of metadataOfType(metadata, 'aws:cdk:logicalId')) {
    owner(constructPath).logicalIdPaths.set(logicalId, constructPath);
  }
  return { metadata, templates };
}

/** The string entries of one metadata type, with the construct path (without its leading `/`) they were recorded on. */
function* metadataOfType(metadata: Record<string, { type: string; data?: unknown }[]>, type: string): Generator<[string, string]> {
  for (const [p, entries] of Object.entries(metadata)) {
    for (const e of entries) {
      if (e.type === type && typeof e.data === 'string') {
        yield [p.replace(/^\//, ''), e.data];
      }
    }
  }
}

/** A stack's template as read, before its resources are given construct paths. */
type ReadStack = Omit<StackInput, 'constructPaths'>;

function readStack(outdir: string, templateFile: string, stackPath: string): ReadStack | undefined {
  const file = path.resolve(outdir, templateFile);
  if (!fs.existsSync(file)) {
    return undefined;
  }
  const { text, json: raw } = readTemplateFile(file);
  const template = new StackTemplate(stackPath, templateFile, isObject(raw) ? raw : {});
  const outputs = isObject(raw) && isObject(raw.Outputs) ? raw.Outputs : {};
  return { stackPath, templateFile, template, text, outputs };
}

function withConstructPaths(stack: ReadStack, logicalIdPaths: ReadonlyMap<string, string>): StackInput {
  const constructPaths = new Map<string, string>();
  for (const r of stack.template.resources.values()) {
    // The manifest's logical-id entries are always written; path metadata in the template only
    // when the app turns it on.
    const p = logicalIdPaths.get(r.logicalId) ?? r.cdkPath;
    constructPaths.set(r.logicalId, p ?? `${stack.stackPath}/${r.logicalId}`);
  }
  return { ...stack, constructPaths };
}

function acknowledgementsOfTree(constructs: readonly IConstruct[]): Acknowledgement[] {
  const byKey = new Map<string, Acknowledgement>();
  for (const c of constructs) {
    for (const entry of c.node.metadata) {
      if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) {
        addAcknowledgements(byKey, entry.data, c.node.path);
      }
    }
  }
  return sortAcknowledgements(byKey);
}

function acknowledgementsOfManifest(stacks: readonly ManifestStack[]): Acknowledgement[] {
  const byKey = new Map<string, Acknowledgement>();
  for (const s of stacks) {
    for (const [p, entries] of Object.entries(s.metadata)) {
      for (const entry of entries) {
        if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) {
          addAcknowledgements(byKey, entry.data, p.replace(/^\//, ''));
        }
      }
    }
  }
  return sortAcknowledgements(byKey);
}

function addAcknowledgements(byKey: Map<string, Acknowledgement>, data: unknown, at: string): void {
  if (!data || typeof data !== 'object') {
    return;
  }
  for (const [id, reason] of Object.entries(data as Record<string, unknown>)) {
    if (typeof reason !== 'string') {
      continue;
    }
    const { namespace, rule } = splitRuleId(id);
    // As CDK does: a later acknowledgement of the same rule on the same construct wins.
    byKey.set(`${at}\u0000${id}`, { id, namespace, rule, reason, at });
  }
}

function sortAcknowledgements(byKey: Map<string, Acknowledgement>): Acknowledgement[] {
  return [...byKey.values()].sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.rule, b.rule) || cmp(a.at, b.at));
}

/** `Ns::Rule[arg::x]` → namespace `Ns`, rule `Rule[arg::x]`: the first `::` outside brackets. */
export function splitRuleId(id: string): { namespace: string; rule: string } {
  let depth = 0;
  for (let i = 0; i < id.length - 1; i++) {
    const c = id[i];
    if (c === '[' || c === '(' || c === '{') {
      depth++;
    } else if (c === ']' || c === ')' || c === '}') {
      depth--;
    } else if (c === ':' && id[i + 1] === ':' && depth === 0) {
      return { namespace: id.slice(0, i), rule: id.slice(i + 2) };
    }
  }
  return { namespace: 'annotation', rule: id };
}

/** The namespace acknowledgements of a plugin use: its name with spaces as dashes. */
export function namespaceOf(pluginName: string): string {
  return pluginName === 'Construct Annotations' ? 'annotation' : pluginName.replace(/ /g, '-');
}

function registeredPlugins(root: IConstruct, constructs: readonly IConstruct[]): RegisteredPlugin[] {
  const stages = [root, ...constructs].filter((c): c is Stage => Stage.isStage(c));
  const plugins: IPolicyValidationPlugin[] = [];
  for (const stage of stages) {
    // CDK keeps the plugins on the stage without a public reader; the report alone would miss
    // every plugin that found nothing.
    const registered = (stage as unknown as { _validationPlugins?: IPolicyValidationPlugin[] })._validationPlugins;
    for (const p of Array.isArray(registered) ? registered : []) {
      if (!plugins.includes(p)) {
        plugins.push(p);
      }
    }
  }
  const out: RegisteredPlugin[] = plugins.map((p) => ({
    name: p.name,
    version: p.version ?? (p instanceof NagPack ? cdkNagVersion() : undefined),
    ruleCount: p.ruleIds?.length,
  }));
  if (App.isApp(root) && builtInValidationEnabled(root) && !out.some((p) => p.name === CLOUDFORMATION_VALIDATE)) {
    out.push({ name: CLOUDFORMATION_VALIDATE, version: new CloudFormationValidatePlugin().version });
  }
  return out;
}

/** Mirrors CDK's own switch for its built-in CloudFormation Validate plugin. */
function builtInValidationEnabled(app: App): boolean {
  const builtIn = (app as unknown as { _builtinCloudFormationValidation?: boolean })._builtinCloudFormationValidation;
  return builtIn !== false && process.env.CDK_VALIDATION !== 'false';
}

let nagVersion: { value?: string } | undefined;

/** cdk-nag's packs report no version; they are the cdk-nag this package depends on. */
function cdkNagVersion(): string | undefined {
  if (!nagVersion) {
    try {
      nagVersion = { value: (JSON.parse(fs.readFileSync(require.resolve('cdk-nag/package.json'), 'utf-8')) as { version?: string }).version };
    } catch {
      nagVersion = {};
    }
  }
  return nagVersion.value;
}

function readJson(file: string): Json | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf-8')) as Json;
  } catch {
    return undefined;
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
