import * as fs from 'fs';
import * as path from 'path';
import { IPolicyValidationContext, NestedStack, Stack, Stage, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { isObject } from './json';
import { StackTemplate } from './template';
import { TemplateFile } from './template-files';

/** A template the pack reads, with what the app says of its stack. Plain data: it crosses threads. */
export interface StackSource {
  /** The stack's construct path. */
  readonly stackPath: string;
  /** The template file, absolute. */
  readonly templatePath: string;
  readonly account?: string;
  readonly region?: string;
  /** The stack's name, as CloudFormation knows it (when the app's construct is known). */
  readonly stackName?: string;
  /** For a nested stack: its parent's construct path and the logical id of the parent's `AWS::CloudFormation::Stack`. */
  readonly nestedIn?: { readonly parentPath: string; readonly logicalId: string };
}

function literal(value: string): string | undefined {
  return Token.isUnresolved(value) ? undefined : value;
}

function nestedSources(tree: readonly IConstruct[], exists: (file: string) => boolean): StackSource[] {
  const out: StackSource[] = [];
  // Nested stacks are assets of their parents, not stacks of the assembly: found in the tree.
  for (const nested of tree.filter((c): c is NestedStack => NestedStack.isNestedStack(c))) {
    const file = path.resolve(Stage.of(nested)?.outdir ?? '', nested.templateFile);
    if (!exists(file)) {
      continue;
    }
    const resource = nested.nestedStackResource;
    out.push({
      stackPath: nested.node.path,
      templatePath: file,
      account: literal(nested.account),
      region: literal(nested.region),
      ...(resource ? { nestedIn: { parentPath: Stack.of(resource).node.path, logicalId: Stack.of(resource).resolve(resource.logicalId) as string } } : {}),
    });
  }
  return out;
}

/**
 * The templates of a validation: the assembly's stacks (as CDK hands them to the plugin) and the
 * nested stacks of the tree, in one order whatever the assembly's (by construct path).
 */
export function sourcesOf(context: IPolicyValidationContext, tree: readonly IConstruct[]): StackSource[] {
  const constructs = new Map(tree.filter((c) => Stack.isStack(c)).map((c) => [c.node.path, c]));
  const top = context.stackTemplates.map((s): StackSource => {
    const construct = constructs.get(s.stackConstructPath);
    return {
      stackPath: s.stackConstructPath,
      templatePath: path.resolve(s.templatePath),
      ...(s.accountId !== undefined ? { account: s.accountId } : {}),
      ...(s.region !== undefined ? { region: s.region } : {}),
      ...(construct && Stack.isStack(construct) ? { stackName: construct.stackName } : {}),
    };
  });
  return ordered([...top, ...nestedSources(tree, fs.existsSync)]);
}

/**
 * The templates a synth of `root` will hand the pack, as the tree says before any is written: every
 * stack and nested stack under it. A guess that `sourcesOf` confirms or refutes at validation.
 */
export function expectedSources(root: IConstruct): StackSource[] {
  const tree = root.node.findAll();
  const top = tree.filter((c): c is Stack => Stack.isStack(c) && !NestedStack.isNestedStack(c)).map((s): StackSource => {
    const account = literal(s.account);
    const region = literal(s.region);
    return {
      stackPath: s.node.path,
      templatePath: path.resolve(Stage.of(s)?.outdir ?? '', s.templateFile),
      ...(account !== undefined ? { account } : {}),
      ...(region !== undefined ? { region } : {}),
      stackName: s.stackName,
    };
  });
  return ordered([...top, ...nestedSources(tree, () => true)]);
}

function ordered(sources: StackSource[]): StackSource[] {
  return sources.sort((a, b) => (a.stackPath < b.stackPath ? -1 : a.stackPath > b.stackPath ? 1 : 0));
}

/** Whether two lists name the same templates with the same facts, in the same order. */
export function sameSources(a: readonly StackSource[], b: readonly StackSource[]): boolean {
  return a.length === b.length && a.every((s, i) => JSON.stringify(canonical(s)) === JSON.stringify(canonical(b[i])));
}

function canonical(s: StackSource): unknown[] {
  return [s.stackPath, s.templatePath, s.account ?? null, s.region ?? null, s.stackName ?? null, s.nestedIn?.parentPath ?? null, s.nestedIn?.logicalId ?? null];
}

/** Read the templates of the sources (with `read`) into the stacks the rules judge, nested stacks linked to their parents. */
export function readStacks(sources: readonly StackSource[], read: (file: string) => TemplateFile): StackTemplate[] {
  const byPath = new Map<string, StackTemplate>();
  const stacks = sources.map((s) => {
    const { text, json: raw } = read(s.templatePath);
    const template = new StackTemplate(s.stackPath, s.templatePath, isObject(raw) ? raw : {}, s.account, s.region, text.includes('"Fn::If"'));
    if (s.stackName !== undefined) {
      template.stackName = s.stackName;
    }
    byPath.set(s.stackPath, template);
    return template;
  });
  sources.forEach((s, i) => {
    const parent = s.nestedIn ? byPath.get(s.nestedIn.parentPath) : undefined;
    if (s.nestedIn && parent) {
      stacks[i].nestedIn = { parent, logicalId: s.nestedIn.logicalId };
    }
  });
  return stacks;
}
