import * as fs from 'fs';
import * as path from 'path';
import { Validations } from 'aws-cdk-lib';
import { isObject, Json, JsonObject } from './json';
import { StackTemplate } from './template';
import { readTemplateFile } from './template-files';
import { EXCEPTION_METADATA_TYPE } from '../core/acknowledgements';

/*
 * A cloud assembly as CDK writes it (`cdk.out`), read without the app that wrote it: its stacks
 * (stages' nested assemblies and nested stacks included), the construct path of each resource
 * (from the logical-id metadata CDK always writes) and every acknowledgement CDK recorded in the
 * stacks' metadata. The pack judges such an assembly with `cdk-soc2-ml check`, for apps written in
 * any CDK language; the evidence reads the same.
 */

/** One stack of the assembly (nested stacks included). */
export interface AssemblyStack {
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
  /** Whose exception it is, where recorded (`platform` or `user`, see `core/acknowledgements.ts`). */
  readonly origin?: string;
  /** Who owns the exception, where given. */
  readonly owner?: string;
  /** When it must be reviewed again (`YYYY-MM-DD`), where given. */
  readonly reviewBy?: string;
}

/** A stack's account and region, when the assembly pins them. */
interface StackEnvironment {
  readonly account?: string;
  readonly region?: string;
}

/** What an assembly holds for the pack and the evidence. */
export interface Assembly {
  readonly stacks: readonly AssemblyStack[];
  /** The acknowledgements recorded in the stacks' metadata (none on the app or a stage: CDK writes those nowhere). */
  readonly acknowledgements: readonly Acknowledgement[];
}

/** Whether a directory is a cloud assembly (it has a manifest). */
export function isAssemblyDirectory(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'manifest.json'));
}

/**
 * Read an assembly directory. With `appPaths` (the construct paths of the app that wrote it), a
 * template whose every resource's path metadata names a construct of the app is read without the
 * manifest's metadata (the largest file of the assembly).
 */
export function readAssembly(outdir: string, appPaths?: ReadonlySet<string>): Assembly {
  const artifacts: StackArtifact[] = [];
  collectStackArtifacts(outdir, '', artifacts);
  const stacks: AssemblyStack[] = [];
  const manifestStacks: ManifestStack[] = [];
  for (const artifact of artifacts) {
    const environment = environmentOf(artifact.artifact);
    const top = readStack(outdir, artifact.templateFile, artifact.stackPath, environment);
    // A template whose every resource names, in its path metadata, a construct of the app, and
    // that has no nested stack, needs nothing from the manifest's metadata. Otherwise the metadata
    // maps logical ids to paths (CfnInclude keeps the paths of the template it imported) and lists
    // the nested stacks' templates.
    if (top && appPaths && selfDescribing(top.template, appPaths)) {
      stacks.push(withConstructPaths(top, new Map()));
      continue;
    }
    const manifestStack = readManifestStack(outdir, artifact);
    manifestStacks.push(manifestStack);
    const read: AssemblyStack[] = [];
    for (const t of manifestStack.templates) {
      const stack = t.templateFile === artifact.templateFile ? top : readStack(outdir, t.templateFile, t.stackPath, environment);
      if (stack) {
        read.push(withConstructPaths(stack, t.logicalIdPaths));
      }
    }
    linkNestedStacks(read);
    stacks.push(...read);
  }
  for (const s of stacks.filter((x) => !x.template.nestedIn)) {
    s.template.stackName = stackNameOf(artifacts.find((a) => a.stackPath === s.stackPath)) ?? s.template.stackName;
  }
  stacks.sort((a, b) => cmp(a.stackPath, b.stackPath));
  return { stacks, acknowledgements: acknowledgementsOfManifest(manifestStacks) };
}

/**
 * Tell each nested stack its parent and the parent's `AWS::CloudFormation::Stack` resource, which
 * CDK names `<parent>/<id>.NestedStack/<id>.NestedStackResource` for the nested stack `<parent>/<id>`.
 */
function linkNestedStacks(stacks: readonly AssemblyStack[]): void {
  for (const nested of stacks) {
    const slash = nested.stackPath.lastIndexOf('/');
    const id = nested.stackPath.slice(slash + 1);
    const resourcePath = `${nested.stackPath}.NestedStack/${id}.NestedStackResource`;
    for (const parent of stacks) {
      const logicalId = [...parent.constructPaths].find(([, p]) => p === resourcePath)?.[0];
      if (parent !== nested && logicalId !== undefined) {
        nested.template.nestedIn = { parent: parent.template, logicalId };
      }
    }
  }
}

/** The name CloudFormation knows a stack by: its `stackName` property, else the artifact id. */
function stackNameOf(artifact: StackArtifact | undefined): string | undefined {
  const props = artifact && isObject(artifact.artifact.properties) ? artifact.artifact.properties : {};
  return typeof props.stackName === 'string' ? props.stackName : artifact?.id;
}

/** `aws://<account>/<region>`, with CDK's `unknown-…` placeholders for an environment-agnostic stack. */
function environmentOf(artifact: JsonObject): StackEnvironment {
  const m = typeof artifact.environment === 'string' ? /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment) : null;
  return {
    account: m && m[1] !== 'unknown-account' ? m[1] : undefined,
    region: m && m[2] !== 'unknown-region' ? m[2] : undefined,
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
  /** The artifact's id in its manifest. */
  readonly id: string;
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
    out.push({ id, stackPath, templateFile: toPosix(path.join(subdir, props.templateFile)), subdir, artifact });
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
type ReadStack = Omit<AssemblyStack, 'constructPaths'>;

function readStack(outdir: string, templateFile: string, stackPath: string, environment: StackEnvironment): ReadStack | undefined {
  const file = path.resolve(outdir, templateFile);
  if (!fs.existsSync(file)) {
    return undefined;
  }
  const { text, json: raw } = readTemplateFile(file);
  const template = new StackTemplate(stackPath, templateFile, isObject(raw) ? raw : {}, environment.account, environment.region);
  const outputs = isObject(raw) && isObject(raw.Outputs) ? raw.Outputs : {};
  return { stackPath, templateFile, template, text, outputs };
}

function withConstructPaths(stack: ReadStack, logicalIdPaths: ReadonlyMap<string, string>): AssemblyStack {
  const constructPaths = new Map<string, string>();
  for (const r of stack.template.resources.values()) {
    // The manifest's logical-id entries are always written; path metadata in the template only
    // when the app turns it on.
    const p = logicalIdPaths.get(r.logicalId) ?? r.cdkPath;
    constructPaths.set(r.logicalId, p ?? `${stack.stackPath}/${r.logicalId}`);
  }
  return { ...stack, constructPaths };
}

function acknowledgementsOfManifest(stacks: readonly ManifestStack[]): Acknowledgement[] {
  return collectAcknowledgements(stacks.flatMap((s) => Object.entries(s.metadata).map(([p, entries]) => ({ at: p.replace(/^\//, ''), entries }))));
}

/** Whether a construct metadata entry is part of an acknowledgement: CDK's, or the register entry beside it. */
export function isAcknowledgementMetadata(type: string): boolean {
  return type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY || type === EXCEPTION_METADATA_TYPE;
}

/**
 * The acknowledgements among metadata entries (CDK's `aws:cdk:acknowledged-rules`), each with the
 * construct path it was made on, sorted. As CDK does, a later acknowledgement of the same rule on
 * the same construct wins.
 */
export function collectAcknowledgements(places: Iterable<AcknowledgementPlace>): Acknowledgement[] {
  const registered: { at: string; data: unknown }[] = [];
  const byKey = acknowledgementsByKey(places, (at, data) => registered.push({ at, data }));
  for (const { at, data } of registered) {
    addRegisterEntry(byKey, data, at);
  }
  return sortAcknowledgements(byKey);
}

/** A construct's path and its metadata entries, where acknowledgements are read from. */
export interface AcknowledgementPlace {
  readonly at: string;
  readonly entries: readonly { type: string; data?: unknown }[];
}

/**
 * The acknowledgements among metadata entries in the order the places give them, without their
 * register entries: what checking them needs (the register and the sorting are for the evidence).
 * A later acknowledgement of the same rule on the same construct wins, as in `collectAcknowledgements`.
 */
export function latestAcknowledgements(places: Iterable<AcknowledgementPlace>): Acknowledgement[] {
  return [...acknowledgementsByKey(places).values()];
}

function acknowledgementsByKey(places: Iterable<AcknowledgementPlace>, onRegisterEntry?: (at: string, data: unknown) => void): Map<string, Acknowledgement> {
  const byKey = new Map<string, Acknowledgement>();
  for (const { at, entries } of places) {
    for (const entry of entries) {
      if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) {
        addAcknowledgements(byKey, entry.data, at);
      } else if (entry.type === EXCEPTION_METADATA_TYPE) {
        onRegisterEntry?.(at, entry.data);
      }
    }
  }
  return byKey;
}

/** The register entry recorded beside acknowledgements: origin, owner, review date. */
function addRegisterEntry(byKey: Map<string, Acknowledgement>, data: unknown, at: string): void {
  if (!isObject(data as Json) || !Array.isArray((data as JsonObject).ids)) {
    return;
  }
  const entry = data as JsonObject;
  const text = (key: string) => (typeof entry[key] === 'string' ? { [key]: entry[key] as string } : {});
  for (const id of entry.ids as Json[]) {
    const ack = typeof id === 'string' ? byKey.get(`${at}\u0000${id}`) : undefined;
    if (ack) {
      byKey.set(`${at}\u0000${ack.id}`, { ...ack, ...text('origin'), ...text('owner'), ...text('reviewBy') });
    }
  }
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

export function readJson(file: string): Json | undefined {
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
