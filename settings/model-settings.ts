import { EndpointDeployment } from '../constructs/guarded-endpoint';
import { checkVariants, DEFAULT_INSTANCE_COUNT } from '../constructs/private/variant-checks';
import { MAX_ENDPOINT_NAME, parseModelPackageArn, validateEnvironmentScopedName } from '../core/names';
import { ModelProblemType, MonitoringFrequency, MonitoringImage } from '../constructs/model-monitoring';
import { SageMakerInstanceType } from '../constructs/sagemaker-instance-type';
import { ServedModelDefinition, ServedVariantDefinition } from '../constructs/model-serving';

/*
 * `soc2ml:<env>:model`: the model an environment serves, as a JSON object (in cdk.json) or a JSON
 * string (with -c). Read by lib/settings.ts; errors name the key, the value and the fix.
 */

/** What the environment needs to know to check the model. */
export interface ModelContext {
  /** The context key, for error messages (`soc2ml:prod:model`). */
  readonly key: string;
  readonly environment: string;
  readonly production: boolean;
  /** The registry's model families: a model package must be of one of them. */
  readonly modelFamilies: string[];
}

const EXAMPLE = '{"name": "churn", "modelPackage": "arn:aws:sagemaker:eu-west-1:111111111111:model-package/<env>-churn/3", "baseline": "monitoring/churn/3/data-quality"}';
const FIELDS = ['name', 'modelPackage', 'image', 'artifact', 'instanceType', 'instanceCount', 'maxInstanceCount', 'variants', 'deployment', 'rollbackAlarms',
  'baseline', 'schedule', 'monitorImage', 'clarifyImage', 'modelQuality', 'bias', 'explainability'];
const VARIANT_FIELDS = ['name', 'modelPackage', 'image', 'artifact', 'weight', 'instanceType', 'instanceCount', 'maxInstanceCount'];
const DEFAULT_VARIANT = 'primary';

type Json = Record<string, unknown>;

/** The served model of `soc2ml:<env>:model`, checked; undefined when the key is not set. */
export function readModel(value: unknown, ctx: ModelContext): ServedModelDefinition | undefined {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  const key = ctx.key;
  const o = object(typeof value === 'string' ? parse(value, key) : value, key, `describe the model as ${EXAMPLE}`);
  unknownFields(o, FIELDS, key);

  const name = o.name;
  validateEnvironmentScopedName(name, `${key}.name`, ctx.environment, MAX_ENDPOINT_NAME);

  const defaults = { instanceType: o.instanceType, instanceCount: o.instanceCount, maxInstanceCount: o.maxInstanceCount };
  let variants: ServedVariantDefinition[];
  if (o.variants !== undefined) {
    const source = ['modelPackage', 'image', 'artifact'].find((f) => o[f] !== undefined);
    if (source !== undefined) {
      throw new Error(`${key} sets both variants and ${source}: with variants, give each variant its modelPackage (or image and artifact).`);
    }
    if (!Array.isArray(o.variants) || o.variants.length === 0) {
      throw new Error(`${key}.variants is ${JSON.stringify(o.variants)}: pass a list of variants such as [{"name": "current", "modelPackage": "…", "weight": 90}, {"name": "challenger", "modelPackage": "…", "weight": 10}].`);
    }
    variants = o.variants.map((v, i) => {
      const at = `${key}.variants[${i}]`;
      const vo = object(v, at, 'describe a variant as {"name": "current", "modelPackage": "…", "weight": 90}');
      unknownFields(vo, VARIANT_FIELDS, at);
      return readVariant({ ...defaults, ...vo }, at, ctx);
    });
  } else {
    variants = [readVariant({ ...defaults, name: DEFAULT_VARIANT, modelPackage: o.modelPackage, image: o.image, artifact: o.artifact }, key, ctx)];
  }
  checkVariants(variants, (i) => (o.variants === undefined ? key : `${key}.variants[${i}]`), ctx.production, `${key}.variants`);

  const deploymentName = optionalString(o.deployment, `${key}.deployment`) ?? 'canary';
  const deployments: Record<string, EndpointDeployment> = { canary: EndpointDeployment.CANARY, linear: EndpointDeployment.LINEAR };
  if (!Object.prototype.hasOwnProperty.call(deployments, deploymentName)) {
    throw new Error(`${key}.deployment is ${JSON.stringify(o.deployment)}: pass canary (10% of capacity first) or linear (20% at a time); both are blue/green with rollback on alarms.`);
  }

  let rollbackAlarmNames: string[] | undefined;
  if (o.rollbackAlarms !== undefined) {
    if (!Array.isArray(o.rollbackAlarms) || o.rollbackAlarms.length === 0 || !o.rollbackAlarms.every((a) => typeof a === 'string' && a.trim() !== '')) {
      throw new Error(`${key}.rollbackAlarms is ${JSON.stringify(o.rollbackAlarms)}: a rollback configuration needs alarms. Name the CloudWatch alarms of the account that also roll a deployment back, as a list of names, or leave the field out to roll back on the endpoint's own server-error and latency alarms.`);
    }
    rollbackAlarmNames = o.rollbackAlarms as string[];
  }

  const baselinePrefix = requiredString(o.baseline, `${key}.baseline`, 'the prefix in the model-artifacts bucket holding the baselining job\'s statistics.json and constraints.json (every endpoint is monitored for drift), for example "monitoring/churn/3/data-quality"');
  const schedule = o.schedule === undefined ? undefined : readSchedule(o.schedule, `${key}.schedule`);
  const monitorImage = o.monitorImage === undefined ? undefined : wrap(`${key}.monitorImage`, () => MonitoringImage.fromUri(o.monitorImage as string));
  const clarifyImage = o.clarifyImage === undefined ? undefined : wrap(`${key}.clarifyImage`, () => MonitoringImage.fromUri(o.clarifyImage as string));

  let modelQuality: ServedModelDefinition['modelQuality'];
  if (o.modelQuality !== undefined) {
    const at = `${key}.modelQuality`;
    const mq = object(o.modelQuality, at, 'describe it as {"problemType": "BinaryClassification", "groundTruth": "ground-truth/churn", "baseline": "monitoring/churn/3/model-quality"}');
    unknownFields(mq, ['problemType', 'groundTruth', 'baseline', 'inferenceAttribute', 'probabilityAttribute', 'probabilityThreshold'], at);
    const types = Object.values(ModelProblemType) as string[];
    if (!types.includes(mq.problemType as string)) {
      throw new Error(`${at}.problemType is ${JSON.stringify(mq.problemType)}: pass ${types.join(', ')}.`);
    }
    const threshold = mq.probabilityThreshold;
    if (threshold !== undefined && !(typeof threshold === 'number' && threshold >= 0 && threshold <= 1)) {
      throw new Error(`${at}.probabilityThreshold is ${JSON.stringify(threshold)}: pass a probability from 0 to 1.`);
    }
    modelQuality = {
      problemType: mq.problemType as ModelProblemType,
      groundTruthPrefix: requiredString(mq.groundTruth, `${at}.groundTruth`, 'the prefix in the training-data bucket where ground-truth labels arrive'),
      baselinePrefix: requiredString(mq.baseline, `${at}.baseline`, 'the prefix in the model-artifacts bucket holding the baseline\'s constraints.json'),
      inferenceAttribute: optionalString(mq.inferenceAttribute, `${at}.inferenceAttribute`),
      probabilityAttribute: optionalString(mq.probabilityAttribute, `${at}.probabilityAttribute`),
      probabilityThreshold: threshold as number | undefined,
    };
  }
  let bias: ServedModelDefinition['bias'];
  if (o.bias !== undefined) {
    const at = `${key}.bias`;
    const b = object(o.bias, at, 'describe it as {"config": "monitoring/churn/3/bias/analysis_config.json", "groundTruth": "ground-truth/churn", "baseline": "monitoring/churn/3/bias"}');
    unknownFields(b, ['config', 'groundTruth', 'baseline'], at);
    bias = {
      analysisConfigKey: requiredString(b.config, `${at}.config`, 'the key of the Clarify analysis configuration in the model-artifacts bucket'),
      groundTruthPrefix: requiredString(b.groundTruth, `${at}.groundTruth`, 'the prefix in the training-data bucket where ground-truth labels arrive'),
      baselinePrefix: requiredString(b.baseline, `${at}.baseline`, 'the prefix in the model-artifacts bucket holding the bias baselining job\'s analysis.json'),
    };
  }
  let explainability: ServedModelDefinition['explainability'];
  if (o.explainability !== undefined) {
    const at = `${key}.explainability`;
    const x = object(o.explainability, at, 'describe it as {"config": "monitoring/churn/3/explainability/analysis_config.json", "baseline": "monitoring/churn/3/explainability"}');
    unknownFields(x, ['config', 'baseline'], at);
    explainability = {
      analysisConfigKey: requiredString(x.config, `${at}.config`, 'the key of the Clarify analysis configuration in the model-artifacts bucket'),
      baselinePrefix: requiredString(x.baseline, `${at}.baseline`, 'the prefix in the model-artifacts bucket holding the explainability baselining job\'s analysis.json'),
    };
  }

  return {
    name, variants, deployment: deployments[deploymentName], rollbackAlarmNames, baselinePrefix, schedule, monitorImage, clarifyImage,
    modelQuality, bias, explainability,
  };
}

function readVariant(v: Json, at: string, ctx: ModelContext): ServedVariantDefinition {
  // Names, weights and instance counts are checked with the endpoint's own checks (checkVariants).
  const name = v.name as string;
  const hasPackage = v.modelPackage !== undefined;
  const hasImage = v.image !== undefined || v.artifact !== undefined;
  if (hasPackage === hasImage) {
    throw new Error(`${at} gives ${hasPackage ? 'both modelPackage and image/artifact' : 'no model'}: give modelPackage (an approved model package version of the ${ctx.environment} registry), or image (a tag of soc2ml/${ctx.environment}/serving) with artifact (its key in the model-artifacts bucket).`);
  }
  let modelPackageArn: string | undefined;
  if (hasPackage) {
    const arn = v.modelPackage;
    const group = parseModelPackageArn(arn)?.group;
    if (group === undefined) {
      throw new Error(`${at}.modelPackage is ${JSON.stringify(arn)}: pass the ARN of an approved model package version, arn:aws:sagemaker:<region>:<account>:model-package/${ctx.environment}-<family>/<version>.`);
    }
    const family = group.startsWith(`${ctx.environment}-`) ? group.slice(ctx.environment.length + 1) : undefined;
    if (family === undefined || (ctx.modelFamilies.length > 0 && !ctx.modelFamilies.includes(family))) {
      throw new Error(`${at}.modelPackage names group "${group}", which is not a model package group of the ${ctx.environment} registry (${ctx.modelFamilies.map((f) => `${ctx.environment}-${f}`).join(', ') || 'none'}): an environment serves only models approved in its own registry.`);
    }
    modelPackageArn = arn as string;
  } else {
    if (typeof v.image !== 'string' || v.image.trim() === '' || typeof v.artifact !== 'string' || v.artifact.trim() === '') {
      throw new Error(`${at} gives image ${JSON.stringify(v.image)} and artifact ${JSON.stringify(v.artifact)}: pass both, a tag of soc2ml/${ctx.environment}/serving and the artifact's key in the model-artifacts bucket (for example "churn/3/model.tar.gz").`);
    }
  }
  const weight = v.weight;
  const instanceType = v.instanceType === undefined ? undefined : wrap(`${at}.instanceType`, () => SageMakerInstanceType.of(v.instanceType as string));
  const count = (v.instanceCount ?? DEFAULT_INSTANCE_COUNT) as number;
  const max = v.maxInstanceCount;
  return {
    name,
    modelPackageArn,
    imageTag: hasPackage ? undefined : v.image as string,
    artifactKey: hasPackage ? undefined : v.artifact as string,
    weight: weight as number | undefined,
    instanceType,
    instanceCount: count,
    maxInstanceCount: max as number | undefined,
  };
}

function readSchedule(value: unknown, key: string): MonitoringFrequency {
  if (value === 'hourly') {
    return MonitoringFrequency.HOURLY;
  }
  if (value === 'daily') {
    return MonitoringFrequency.DAILY;
  }
  return wrap(key, () => MonitoringFrequency.cron(value as string));
}

/** `make()`, with its error prefixed by the key (or entry) whose value it was given. */
export function wrap<T>(key: string, make: () => T): T {
  try {
    return make();
  } catch (e) {
    throw new Error(`${key}: ${(e as Error).message}`, { cause: e });
  }
}

function object(value: unknown, key: string, fix: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${key} is ${JSON.stringify(value)}: ${fix}.`);
  }
  return value as Json;
}

function unknownFields(o: Json, known: string[], key: string): void {
  const unknown = Object.keys(o).find((k) => !known.includes(k));
  if (unknown !== undefined) {
    throw new Error(`${key} has an unknown field "${unknown}": the fields are ${known.join(', ')}.`);
  }
}

function requiredString(value: unknown, key: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`${key} is ${JSON.stringify(value)}: pass ${what}.`);
  }
  return value.trim();
}

function optionalString(value: unknown, key: string): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new Error(`${key} is ${JSON.stringify(value)}: pass a string.`);
  }
  return value;
}

function parse(text: string, key: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${key} is ${JSON.stringify(text)}, which does not parse as JSON: pass a JSON object such as ${EXAMPLE}.`);
  }
}
