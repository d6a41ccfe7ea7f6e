import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { isObject, Json } from './json';
import { StackTemplate } from './template';

/*
 * Plain CloudFormation templates, in JSON or YAML, for `cdk-soc2-ml check <template files…>`. YAML
 * is read as CloudFormation reads it: YAML 1.1 (with timestamps left as text: a policy's
 * `Version: 2012-10-17` stays a string), and the short forms of the intrinsic functions
 * (`!Ref`, `!GetAtt A.B`, `!Sub`, `!If`, …) in their scalar, sequence and mapping spellings.
 * SAM templates (`Transform: AWS::Serverless-…`) are out of scope: their resources are expanded
 * by CloudFormation, not written in the template.
 */

/** Intrinsic functions with a short form, by tag name; `Ref` and `Condition` keep their names. */
const SHORT_FORMS = [
  'Ref', 'Condition', 'Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub',
  'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'ToJsonString', 'Length',
] as const;

function longForm(name: string, value: unknown): Record<string, unknown> {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
  if (name === 'GetAtt' && typeof value === 'string') {
    // `!GetAtt Resource.Attribute.Path`: the resource, then the rest as the attribute.
    const dot = value.indexOf('.');
    return { [key]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [key]: value };
}

const CFN_TAGS: YAML.Tags = SHORT_FORMS.flatMap((name): YAML.Tags => [
  { tag: `!${name}`, resolve: (text: string) => longForm(name, text) },
  { tag: `!${name}`, collection: 'seq', resolve: (seq) => longForm(name, seq.toJSON()) },
  { tag: `!${name}`, collection: 'map', resolve: (map) => longForm(name, map.toJSON()) },
] as YAML.Tags);

/** Parse a template's text; JSON first (YAML is a superset, but JSON's parser is exact and fast). */
export function parseTemplateText(text: string, file: string): Json {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(text) as Json;
    } catch (e) {
      throw new Error(`${file} is not valid JSON: ${(e as Error).message}`, { cause: e });
    }
  }
  try {
    return YAML.parse(text, {
      version: '1.1',
      customTags: (tags) => [...tags.filter((t) => typeof t === 'string' ? t !== 'timestamp' : t.tag !== 'tag:yaml.org,2002:timestamp'), ...CFN_TAGS],
      prettyErrors: true,
    }) as Json;
  } catch (e) {
    throw new Error(`${file} is not valid YAML: ${(e as Error).message}`, { cause: e });
  }
}

/** A plain template file as a stack of its own, named after the file (`network.yaml`). */
export function readTemplateSource(file: string): { readonly template: StackTemplate; readonly text: string } {
  const text = fs.readFileSync(file, 'utf-8');
  const raw = parseTemplateText(text, file);
  if (!isObject(raw) || !isObject(raw.Resources)) {
    throw new Error(`${file} has no Resources section: pass CloudFormation templates (JSON or YAML) or a cloud assembly directory (cdk.out).`);
  }
  const transform = raw.Transform;
  const transforms = (Array.isArray(transform) ? transform : [transform]).filter((t): t is string => typeof t === 'string');
  if (transforms.some((t) => t.startsWith('AWS::Serverless'))) {
    throw new Error(`${file} is a SAM template (Transform: ${transforms.join(', ')}): its resources exist only after CloudFormation expands it. Run sam build and check the expanded template (.aws-sam/build/template.yaml), or synthesize the app with CDK.`);
  }
  const stackPath = path.basename(file);
  return { template: new StackTemplate(stackPath, path.resolve(file), raw), text };
}
