import { failed, notApplicable, Outcome, passed } from '../../rule';
import { TemplateResource } from '../../template';
import { isObject, Json, JsonObject } from '../../json';
import { prop, valuesAt } from '../../readers';
import { isIntrinsic } from '../../values';

/*
 * SageMaker Pipelines definitions, read from `AWS::SageMaker::Pipeline`'s
 * `PipelineDefinition.PipelineDefinitionBody`: a JSON string, usually an `Fn::Join` (or `Fn::Sub`)
 * whose parts are CloudFormation references (subnets, keys, roles) inside the JSON's strings. The
 * references are replaced by markers, the text parsed, and the markers put back as the references
 * they stand for, so the job steps' settings can be judged like any resource's. A body the pack
 * cannot parse fails every pipeline rule (fail closed); a definition held only in S3
 * (`PipelineDefinitionS3Location`) is not applicable here and reported as not judged.
 */

export const PIPELINE_TYPE = 'AWS::SageMaker::Pipeline';

const BODY_LOCATION = 'Properties/PipelineDefinition/PipelineDefinitionBody';

/** A definition as the pack could read it, per `Fn::If` branch. */
export type PipelineDefinition =
  | { readonly kind: 'parsed'; readonly definition: JsonObject }
  | { readonly kind: 'unparsable'; readonly reason: string }
  | { readonly kind: 's3' };

/** Marker characters from Unicode's private use area: valid, unescaped, inside JSON strings. */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKER = new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g');

const definitionsOf = new WeakMap<TemplateResource, readonly PipelineDefinition[]>();

/** Every branch of a pipeline's definition, parsed once per resource (each pipeline rule reads them). */
export function pipelineDefinitions(resource: TemplateResource): readonly PipelineDefinition[] {
  let out = definitionsOf.get(resource);
  if (!out) {
    out = parseDefinitions(resource);
    definitionsOf.set(resource, out);
  }
  return out;
}

function parseDefinitions(resource: TemplateResource): PipelineDefinition[] {
  const out: PipelineDefinition[] = [];
  for (const definition of valuesAt(resource.properties.PipelineDefinition, [])) {
    if (!isObject(definition) || isIntrinsic(definition)) {
      out.push({ kind: 'unparsable', reason: 'its PipelineDefinition is not an object the pack can read' });
      continue;
    }
    const bodies = valuesAt(definition, ['PipelineDefinitionBody']);
    if (bodies.every((b) => b === undefined) && prop(definition, 'PipelineDefinitionS3Location') !== undefined) {
      out.push({ kind: 's3' });
      continue;
    }
    out.push(...bodies.map(parseBody));
  }
  return out;
}

/** Whether a pipeline's definition is held only in S3, outside the template. */
export function isDefinedInS3(resource: TemplateResource): boolean {
  return resource.type === PIPELINE_TYPE && pipelineDefinitions(resource).some((d) => d.kind === 's3');
}

/** Parse one body: a string, or an `Fn::Join`/`Fn::Sub` whose references sit inside the JSON. */
export function parseBody(body: Json | undefined): PipelineDefinition {
  const text = bodyText(body);
  if ('reason' in text) {
    return { kind: 'unparsable', reason: text.reason };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.text);
  } catch (e) {
    return { kind: 'unparsable', reason: `its PipelineDefinitionBody does not parse as JSON once its references are set aside (${(e as Error).message}); a reference outside a JSON string (a number or boolean from a parameter) cannot be read at synth` };
  }
  if (!isObject(parsed as Json)) {
    return { kind: 'unparsable', reason: 'its PipelineDefinitionBody is not a JSON object' };
  }
  // A plain string body holds no reference: nothing to put back.
  return { kind: 'parsed', definition: (text.references.length === 0 ? parsed : restore(parsed as Json, text.references)) as JsonObject };
}

/** The body's text with a marker for each reference, and the references; or why it cannot be read. */
function bodyText(body: Json | undefined): { text: string; references: Json[] } | { reason: string } {
  if (typeof body === 'string') {
    return { text: body, references: [] };
  }
  const join = prop(body, 'Fn::Join');
  if (isIntrinsic(body) && Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const references: Json[] = [];
    const parts = join[1].map((part) => (typeof part === 'string' ? part : marker(references, part)));
    return { text: parts.join(join[0]), references };
  }
  const sub = prop(body, 'Fn::Sub');
  if (isIntrinsic(body) && typeof sub === 'string') {
    const references: Json[] = [];
    const text = sub.replace(/\$\{([^}!][^}]*)\}/g, (_, name: string) => marker(references, name.includes('.')
      ? { 'Fn::GetAtt': [name.slice(0, name.indexOf('.')), name.slice(name.indexOf('.') + 1)] }
      : { Ref: name }));
    return { text, references };
  }
  return { reason: body === undefined ? 'it has no PipelineDefinitionBody' : 'its PipelineDefinitionBody is a value the pack cannot read at synth (not a string, an Fn::Join of strings and references, or an Fn::Sub string)' };
}

function marker(references: Json[], reference: Json): string {
  references.push(reference);
  return `${OPEN}${references.length - 1}${CLOSE}`;
}

/**
 * Put the references back: a string that is one marker becomes the reference, a mixed one an
 * `Fn::Join`. In place: the value is the pack's own, just parsed, and most of its strings hold no
 * marker.
 */
function restore(value: Json, references: readonly Json[]): Json {
  if (typeof value === 'string') {
    if (!value.includes(OPEN)) {
      return value;
    }
    const pieces = value.split(MARKER);
    if (pieces.length === 1) {
      return value;
    }
    const parts = pieces.map((piece, i) => (i % 2 === 1 ? references[Number(piece)] : piece)).filter((p) => p !== '');
    return parts.length === 1 ? parts[0] : { 'Fn::Join': ['', parts] };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      value[i] = restore(value[i], references);
    }
  } else if (isObject(value)) {
    // Each key is an own property (JSON.parse defines them, __proto__ included): assigning keeps it one.
    for (const key of Object.keys(value)) {
      value[key] = restore(value[key], references);
    }
  }
  return value;
}

/** One job a step runs, with where its settings are, by the property names of its kind of job. */
export interface PipelineJob {
  /** The step's name (and its Tuning job definition's index). */
  readonly step: string;
  readonly job: JsonObject;
  readonly isolation: readonly string[];
  readonly trafficEncryption: readonly string[];
  readonly vpc: readonly string[];
  readonly volumeKey: readonly string[];
  readonly outputKey: readonly string[];
}

const TRAINING = { isolation: ['EnableNetworkIsolation'], trafficEncryption: ['EnableInterContainerTrafficEncryption'], vpc: ['VpcConfig'], volumeKey: ['ResourceConfig', 'VolumeKmsKeyId'], outputKey: ['OutputDataConfig', 'KmsKeyId'] };
const PROCESSING = {
  isolation: ['NetworkConfig', 'EnableNetworkIsolation'],
  trafficEncryption: ['NetworkConfig', 'EnableInterContainerTrafficEncryption'],
  vpc: ['NetworkConfig', 'VpcConfig'],
  volumeKey: ['ProcessingResources', 'ClusterConfig', 'VolumeKmsKeyId'],
  outputKey: ['ProcessingOutputConfig', 'KmsKeyId'],
};
/** The step types that run a processing job (a quality or Clarify check is one, with its check settings beside). */
const PROCESSING_STEPS = ['Processing', 'QualityCheck', 'ClarifyCheck'];

/** The training and processing jobs of a definition's steps, those inside Condition steps included. */
export function pipelineJobs(definition: JsonObject): PipelineJob[] {
  return stepsOf(prop(definition, 'Steps')).flatMap((step) => {
    const name = String(prop(step, 'Name') ?? '(unnamed)');
    const type = prop(step, 'Type');
    const args = prop(step, 'Arguments');
    const job = isObject(args) ? args : {};
    if (type === 'Training') {
      return [{ step: name, job, ...TRAINING }];
    }
    if (typeof type === 'string' && PROCESSING_STEPS.includes(type)) {
      return [{ step: name, job, ...PROCESSING }];
    }
    if (type === 'Tuning') {
      const definitions = [prop(job, 'TrainingJobDefinition'), ...asList(prop(job, 'TrainingJobDefinitions'))].filter(isObject);
      return definitions.map((d, i) => ({ step: definitions.length > 1 ? `${name} (training job definition ${i + 1})` : name, job: d as JsonObject, ...TRAINING }));
    }
    return [];
  });
}

/** Every step, descending into Condition steps' `IfSteps` and `ElseSteps`. */
function stepsOf(steps: Json | undefined): JsonObject[] {
  return asList(steps).filter(isObject).flatMap((step) => {
    const args = prop(step, 'Arguments');
    return prop(step, 'Type') === 'Condition'
      ? [step, ...stepsOf(prop(args, 'IfSteps')), ...stepsOf(prop(args, 'ElseSteps'))]
      : [step];
  });
}

function asList(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}

/** Whether a value is a pipeline expression (a parameter or a step's property), decided at execution. */
export function isPipelineExpression(value: Json | undefined): boolean {
  return isObject(value) && ['Get', 'Std:Join', 'Std:JsonGet'].some((k) => k in value);
}

/**
 * Judge every job of every readable branch of a pipeline's definition with `problem`, which says
 * what is wrong with one job, or undefined. Fails when a branch cannot be parsed; not applicable
 * when the definition is in S3 only or runs no job.
 */
export function checkPipelineJobs(resource: TemplateResource, problem: (job: PipelineJob) => string | undefined): Outcome {
  const definitions = pipelineDefinitions(resource);
  const unparsable = definitions.find((d) => d.kind === 'unparsable');
  if (unparsable && unparsable.kind === 'unparsable') {
    return failed(`Its steps cannot be judged: ${unparsable.reason}.`, BODY_LOCATION);
  }
  const jobs = definitions.flatMap((d) => (d.kind === 'parsed' ? pipelineJobs(d.definition) : []));
  if (jobs.length === 0) {
    return notApplicable();
  }
  const failures = jobs.flatMap((job) => {
    const p = problem(job);
    return p === undefined ? [] : [`step ${job.step}: ${p}`];
  });
  return failures.length === 0 ? passed() : failed(`${failures.join('; ')}.`, BODY_LOCATION);
}
