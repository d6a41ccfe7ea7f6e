import { Duration } from 'aws-cdk-lib';
import { EndpointDeployment } from '../constructs/guarded-endpoint';
import { checkVariants, DEFAULT_INSTANCE_COUNT } from '../constructs/private/variant-checks';
import { checkModelPackagePlacement, MAX_ENDPOINT_NAME, parseModelPackageArn, validateEnvironmentScopedName } from '../core/names';
import { ModelProblemType, MonitoringFrequency, MonitoringImage } from '../constructs/model-monitoring';
import { SageMakerInstanceType } from '../constructs/sagemaker-instance-type';
import { ServedModelDefinition, ServedVariantDefinition } from '../constructs/model-serving';
import { ContextObject, parseJson, readJsonList, readObject, readString, rejectUnknownFields, requiredString, wrap } from './context-values';
import { ModelQualityMinimums } from '../constructs/model-signature-gate';
import { validateFamilyMinimums } from '../constructs/private/quality-minimums';
import { Soc2MlError } from '../core/errors';

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
  /** The environment's account and region, when it is pinned: a model package must be of them. */
  readonly account?: string;
  readonly region?: string;
}

const EXAMPLE = '{"name": "churn", "modelPackage": "arn:aws:sagemaker:eu-west-1:111111111111:model-package/<env>-churn/3", "baseline": "monitoring/churn/3/data-quality"}';
const FIELDS = ['name', 'modelPackage', 'image', 'artifact', 'instanceType', 'instanceCount', 'maxInstanceCount', 'variants', 'deployment', 'rollbackAlarms',
  'baseline', 'schedule', 'monitorImage', 'clarifyImage', 'modelQuality', 'bias', 'explainability', 'captureSamplingPercentage', 'captureRetentionDays'];
const VARIANT_FIELDS = ['name', 'modelPackage', 'image', 'artifact', 'weight', 'instanceType', 'instanceCount', 'maxInstanceCount'];
const DEFAULT_VARIANT = 'primary';


/** The served model of `soc2ml:<env>:model`, checked; undefined when the key is not set. */
export function readModel(value: unknown, ctx: ModelContext): ServedModelDefinition | undefined {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  const key = ctx.key;
  const o = readObject(typeof value === 'string' ? parseJson(value, key, `a JSON object such as ${EXAMPLE}`) : value, key, `describe the model as ${EXAMPLE}`);
  rejectUnknownFields(o, FIELDS, key);

  // The steps run in the order of the fields, so a value with several mistakes reports the first.
  const name = o.name;
  validateEnvironmentScopedName(name, `${key}.name`, ctx.environment, MAX_ENDPOINT_NAME);
  const variants = readVariants(o, key, ctx);
  const deployment = readDeployment(o.deployment, `${key}.deployment`);
  const rollbackAlarmNames = readRollbackAlarms(o.rollbackAlarms, `${key}.rollbackAlarms`);

  const baselinePrefix = requiredString(o.baseline, `${key}.baseline`, 'the prefix in the model-artifacts bucket holding the baselining job\'s statistics.json and constraints.json (every endpoint is monitored for drift), for example "monitoring/churn/3/data-quality"');
  const schedule = o.schedule === undefined ? undefined : readSchedule(o.schedule, `${key}.schedule`);
  const monitorImage = o.monitorImage === undefined ? undefined : wrap(`${key}.monitorImage`, () => MonitoringImage.fromUri(o.monitorImage as string));
  const clarifyImage = o.clarifyImage === undefined ? undefined : wrap(`${key}.clarifyImage`, () => MonitoringImage.fromUri(o.clarifyImage as string));
  const modelQuality = o.modelQuality === undefined ? undefined : readModelQuality(o.modelQuality, `${key}.modelQuality`);
  const bias = o.bias === undefined ? undefined : readBias(o.bias, `${key}.bias`);
  const explainability = o.explainability === undefined ? undefined : readExplainability(o.explainability, `${key}.explainability`);
  const captureSamplingPercentage = readWholeNumber(o.captureSamplingPercentage, `${key}.captureSamplingPercentage`, 1, 100, 'the share of requests the endpoint captures, from 1 to 100 (default 20)');
  const retentionDays = readWholeNumber(o.captureRetentionDays, `${key}.captureRetentionDays`, 1, 3650, 'how many days captured requests are kept, from 1 to 3650 (default 90)');

  return {
    name, variants, deployment, rollbackAlarmNames, baselinePrefix, schedule, monitorImage, clarifyImage,
    modelQuality, bias, explainability, captureSamplingPercentage,
    captureExpiration: retentionDays === undefined ? undefined : Duration.days(retentionDays),
  };
}

/**
 * The variants: either the `variants` list, or one variant made of the model's own source fields.
 * The model's instance fields are every variant's defaults.
 */
function readVariants(o: ContextObject, key: string, ctx: ModelContext): ServedVariantDefinition[] {
  const defaults = { instanceType: o.instanceType, instanceCount: o.instanceCount, maxInstanceCount: o.maxInstanceCount };
  let variants: ServedVariantDefinition[];
  if (o.variants !== undefined) {
    const source = ['modelPackage', 'image', 'artifact'].find((f) => o[f] !== undefined);
    if (source !== undefined) {
      throw new Soc2MlError(`${key} sets both variants and ${source}: with variants, give each variant its modelPackage (or image and artifact).`);
    }
    if (!Array.isArray(o.variants) || o.variants.length === 0) {
      throw new Soc2MlError(`${key}.variants is ${JSON.stringify(o.variants)}: pass a list of variants such as [{"name": "current", "modelPackage": "…", "weight": 90}, {"name": "challenger", "modelPackage": "…", "weight": 10}].`);
    }
    variants = o.variants.map((v, i) => {
      const at = `${key}.variants[${i}]`;
      const vo = readObject(v, at, 'describe a variant as {"name": "current", "modelPackage": "…", "weight": 90}');
      rejectUnknownFields(vo, VARIANT_FIELDS, at);
      return readVariant({ ...defaults, ...vo }, at, ctx);
    });
  } else {
    variants = [readVariant({ ...defaults, name: DEFAULT_VARIANT, modelPackage: o.modelPackage, image: o.image, artifact: o.artifact }, key, ctx)];
  }
  checkVariants(variants, (i) => (o.variants === undefined ? key : `${key}.variants[${i}]`), ctx.production, `${key}.variants`);
  return variants;
}

/** A whole number from `min` to `max` (or its string, as -c passes it); undefined when absent. */
function readWholeNumber(value: unknown, key: string, min: number, max: number, what: string): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw new Soc2MlError(`${key} is ${JSON.stringify(value)}: pass ${what}.`);
  }
  return n;
}

function readDeployment(value: unknown, key: string): EndpointDeployment {
  const deploymentName = readString(value, key) ?? 'canary';
  const deployments: Record<string, EndpointDeployment> = { canary: EndpointDeployment.CANARY, linear: EndpointDeployment.LINEAR };
  if (!Object.prototype.hasOwnProperty.call(deployments, deploymentName)) {
    throw new Soc2MlError(`${key} is ${JSON.stringify(value)}: pass canary (10% of capacity first) or linear (20% at a time); both are blue/green with rollback on alarms.`);
  }
  return deployments[deploymentName];
}

function readRollbackAlarms(value: unknown, key: string): string[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!Array.isArray(value) || value.length === 0 || !value.every((a) => typeof a === 'string' && a.trim() !== '')) {
    throw new Soc2MlError(`${key} is ${JSON.stringify(value)}: a rollback configuration needs alarms. Name the CloudWatch alarms of the account that also roll a deployment back, as a list of names, or leave the field out to roll back on the endpoint's own server-error and latency alarms.`);
  }
  return value as string[];
}

function readModelQuality(value: unknown, at: string): ServedModelDefinition['modelQuality'] {
  const mq = readObject(value, at, 'describe it as {"problemType": "BinaryClassification", "groundTruth": "ground-truth/churn", "baseline": "monitoring/churn/3/model-quality"}');
  rejectUnknownFields(mq, ['problemType', 'groundTruth', 'baseline', 'inferenceAttribute', 'probabilityAttribute', 'probabilityThreshold'], at);
  const types = Object.values(ModelProblemType) as string[];
  if (!types.includes(mq.problemType as string)) {
    throw new Soc2MlError(`${at}.problemType is ${JSON.stringify(mq.problemType)}: pass ${types.join(', ')}.`);
  }
  const threshold = mq.probabilityThreshold;
  if (threshold !== undefined && !(typeof threshold === 'number' && threshold >= 0 && threshold <= 1)) {
    throw new Soc2MlError(`${at}.probabilityThreshold is ${JSON.stringify(threshold)}: pass a probability from 0 to 1.`);
  }
  return {
    problemType: mq.problemType as ModelProblemType,
    groundTruthPrefix: requiredString(mq.groundTruth, `${at}.groundTruth`, 'the prefix in the training-data bucket where ground-truth labels arrive'),
    baselinePrefix: requiredString(mq.baseline, `${at}.baseline`, 'the prefix in the model-artifacts bucket holding the baseline\'s constraints.json'),
    inferenceAttribute: readString(mq.inferenceAttribute, `${at}.inferenceAttribute`),
    probabilityAttribute: readString(mq.probabilityAttribute, `${at}.probabilityAttribute`),
    probabilityThreshold: threshold as number | undefined,
  };
}

function readBias(value: unknown, at: string): ServedModelDefinition['bias'] {
  const b = readObject(value, at, 'describe it as {"config": "monitoring/churn/3/bias/analysis_config.json", "groundTruth": "ground-truth/churn", "baseline": "monitoring/churn/3/bias"}');
  rejectUnknownFields(b, ['config', 'groundTruth', 'baseline'], at);
  return {
    analysisConfigKey: requiredString(b.config, `${at}.config`, 'the key of the Clarify analysis configuration in the model-artifacts bucket'),
    groundTruthPrefix: requiredString(b.groundTruth, `${at}.groundTruth`, 'the prefix in the training-data bucket where ground-truth labels arrive'),
    baselinePrefix: requiredString(b.baseline, `${at}.baseline`, 'the prefix in the model-artifacts bucket holding the bias baselining job\'s analysis.json'),
  };
}

function readExplainability(value: unknown, at: string): ServedModelDefinition['explainability'] {
  const x = readObject(value, at, 'describe it as {"config": "monitoring/churn/3/explainability/analysis_config.json", "baseline": "monitoring/churn/3/explainability"}');
  rejectUnknownFields(x, ['config', 'baseline'], at);
  return {
    analysisConfigKey: requiredString(x.config, `${at}.config`, 'the key of the Clarify analysis configuration in the model-artifacts bucket'),
    baselinePrefix: requiredString(x.baseline, `${at}.baseline`, 'the prefix in the model-artifacts bucket holding the explainability baselining job\'s analysis.json'),
  };
}

function readVariant(v: ContextObject, at: string, ctx: ModelContext): ServedVariantDefinition {
  // Names, weights and instance counts are checked with the endpoint's own checks (checkVariants).
  const name = v.name as string;
  const hasPackage = v.modelPackage !== undefined;
  const hasImage = v.image !== undefined || v.artifact !== undefined;
  if (hasPackage === hasImage) {
    throw new Soc2MlError(`${at} gives ${hasPackage ? 'both modelPackage and image/artifact' : 'no model'}: give modelPackage (an approved model package version of the ${ctx.environment} registry), or image (a tag of soc2ml/${ctx.environment}/serving) with artifact (its key in the model-artifacts bucket).`);
  }
  let modelPackageArn: string | undefined;
  if (hasPackage) {
    const arn = v.modelPackage;
    const group = parseModelPackageArn(arn)?.group;
    if (group === undefined) {
      throw new Soc2MlError(`${at}.modelPackage is ${JSON.stringify(arn)}: pass the ARN of an approved model package version, arn:aws:sagemaker:<region>:<account>:model-package/${ctx.environment}-<family>/<version>.`);
    }
    const family = group.startsWith(`${ctx.environment}-`) ? group.slice(ctx.environment.length + 1) : undefined;
    if (family === undefined || (ctx.modelFamilies.length > 0 && !ctx.modelFamilies.includes(family))) {
      throw new Soc2MlError(`${at}.modelPackage names group "${group}", which is not a model package group of the ${ctx.environment} registry (${ctx.modelFamilies.map((f) => `${ctx.environment}-${f}`).join(', ') || 'none'}): an environment serves only models approved in its own registry.`);
    }
    checkModelPackagePlacement(arn as string, `${at}.modelPackage`, ctx.account, ctx.region);
    modelPackageArn = arn as string;
  } else {
    if (typeof v.image !== 'string' || v.image.trim() === '' || typeof v.artifact !== 'string' || v.artifact.trim() === '') {
      throw new Soc2MlError(`${at} gives image ${JSON.stringify(v.image)} and artifact ${JSON.stringify(v.artifact)}: pass both, a tag of soc2ml/${ctx.environment}/serving and the artifact's key in the model-artifacts bucket (for example "churn/3/model.tar.gz").`);
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


/** `soc2ml:modelFamilies`: the families' names, and the quality minimums of those that set some. */
export interface ModelFamilySettings {
  readonly names: string[];
  /** Minimum model-quality metrics by family (the production release gate applies them). */
  readonly qualityMinimums: ModelQualityMinimums;
}

const FAMILY_EXAMPLE = '["churn", {"name": "fraud", "minimums": {"auc": 0.8}}]';

/**
 * `soc2ml:modelFamilies`: a list whose entries are a family's name (`"churn"`) or an object with its
 * release minimums (`{"name": "churn", "minimums": {"auc": 0.8}}`); in cdk.json a JSON array, with
 * -c a JSON array string or a comma-separated list of names.
 */
export function readModelFamilies(value: unknown, key: string): ModelFamilySettings {
  const text = typeof value === 'string' ? value.trim() : undefined;
  const entries = text !== undefined && !text.startsWith('[')
    ? (text === '' ? [] : text.split(',').map((s) => s.trim()).filter((s) => s !== ''))
    : readJsonList(value, key);
  const names: string[] = [];
  const qualityMinimums: Record<string, Readonly<Record<string, number>>> = {};
  entries.forEach((entry, i) => {
    const at = `${key}[${i}]`;
    if (typeof entry === 'string') {
      names.push(entry.trim());
      return;
    }
    const o = readObject(entry, at, `name a family as "churn" or {"name": "churn", "minimums": {"auc": 0.8}} (for example ${FAMILY_EXAMPLE})`);
    rejectUnknownFields(o, ['name', 'minimums'], at);
    const name = requiredString(o.name, `${at}.name`, 'the family\'s name, for example "churn"');
    if (o.minimums !== undefined) {
      validateFamilyMinimums(o.minimums, `${at}.minimums`);
      qualityMinimums[name] = o.minimums;
    }
    names.push(name);
  });
  return { names, qualityMinimums };
}
