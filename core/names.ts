import { Token } from 'aws-cdk-lib';
import { Soc2MlError } from './errors';

/*
 * The names and ids the platform checks, one definition each: the constructs validate their
 * props with these, and the settings parser calls the same validators with the context key as
 * the label, so an error names the key, the value and the fix wherever it comes from.
 */

/** A name or id the platform checks: its pattern and what a valid one looks like. */
export interface NameRule {
  readonly pattern: RegExp;
  /** The fix, completing "<label> is <value>: …". */
  readonly expected: string;
}

/** Every name rule of the platform. */
export const NameRules = {
  /** An environment's name, used in aliases, resource names and stack names. */
  ENVIRONMENT: {
    pattern: /^[a-z][a-z0-9-]{0,31}$/,
    expected: 'use 1 to 32 lowercase letters, digits or hyphens, starting with a letter (for example "prod")',
  },
  /** An AWS account id. */
  ACCOUNT_ID: {
    pattern: /^\d{12}$/,
    expected: 'an AWS account id is 12 digits, for example "111111111111"',
  },
  /** An AWS region code. */
  REGION: {
    pattern: /^[a-z]{2}(-[a-z]+)+-\d$/,
    expected: 'pass a region code such as eu-west-1',
  },
  /** An AWS Organizations organization id. */
  ORGANIZATION_ID: {
    pattern: /^o-[a-z0-9]{10,32}$/,
    expected: 'that is not an AWS Organizations id: pass one such as "o-a1b2c3d4e5" ("o-" and 10 to 32 lowercase letters or digits), or leave it out to keep the perimeter to the account',
  },
  /**
   * A short name that follows the environment's in a SageMaker name (`<environment>-<name>`): an
   * endpoint or a model family (model package group).
   */
  SHORT_NAME: {
    pattern: /^[a-z0-9]+(-[a-z0-9]+)*$/,
    expected: 'use lowercase letters, digits and single hyphens (for example "churn")',
  },
  /** A production variant's name. */
  VARIANT_NAME: {
    pattern: /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/,
    expected: 'a variant name is 1 to 63 letters, digits and hyphens, starting and ending with a letter or digit (for example "primary")',
  },
} as const satisfies Record<string, NameRule>;

/**
 * The longest endpoint name (`<environment>-<name>`): SageMaker allows 63 characters, and the
 * monitoring schedules named after the endpoint need room for their suffixes.
 */
export const MAX_ENDPOINT_NAME = 48;
/** SageMaker's limit on a model package group name (`<environment>-<family>`). */
export const MAX_MODEL_PACKAGE_GROUP_NAME = 63;

/** Whether a value, which may come from JavaScript or JSON, is a string the rule accepts. */
export function matchesName(rule: NameRule, value: unknown): value is string {
  return typeof value === 'string' && rule.pattern.test(value);
}

/**
 * Check a name against a rule; a token passes (it is known only at deploy time). `label` is the
 * prop or context key the value came from; `fix` replaces the rule's own words where the caller
 * knows a better example.
 */
export function checkName(rule: NameRule, value: unknown, label: string, fix: string = rule.expected): asserts value is string {
  if (typeof value === 'string' && Token.isUnresolved(value)) {
    return;
  }
  if (!matchesName(rule, value)) {
    throw new Soc2MlError(`${label} is ${JSON.stringify(value)}: ${fix}.`);
  }
}

/** Check an environment name used in aliases and names. */
export function validateEnvironmentName(value: unknown, label: string): asserts value is string {
  checkName(NameRules.ENVIRONMENT, value, label);
}

/**
 * Check a name that SageMaker writes as `<environment>-<name>`, within `max` characters (endpoint
 * names, model package group names).
 */
export function validateEnvironmentScopedName(value: unknown, label: string, environmentName: string, max: number, placeholder = 'name'): asserts value is string {
  if (!matchesName(NameRules.SHORT_NAME, value) || `${environmentName}-${value}`.length > max) {
    throw new Soc2MlError(`${label} is ${JSON.stringify(value)}: use lowercase letters, digits and single hyphens, so that "${environmentName}-<${placeholder}>" has at most ${max} characters (for example "churn").`);
  }
}

/** The parts of a SageMaker model package version's ARN. */
export interface ModelPackageArnParts {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** The model package group. */
  readonly group: string;
  readonly version: number;
}

const MODEL_PACKAGE_ARN = /^arn:(aws[a-z-]*):sagemaker:([a-z0-9-]+):(\d{12}):model-package\/([a-zA-Z0-9](?:-*[a-zA-Z0-9]){0,62})\/(\d+)$/;

/**
 * Refuse a model package version of another account or region than the environment's, where the
 * environment is pinned: an endpoint serves only what its own registry approved, and SageMaker
 * would fail the deployment anyway. `account` and `region` are undefined when not known at synth.
 */
export function checkModelPackagePlacement(arn: string, label: string, account: string | undefined, region: string | undefined): void {
  const parts = parseModelPackageArn(arn);
  if (parts === undefined) {
    return;
  }
  const wrong = [
    account !== undefined && parts.account !== account ? `account ${parts.account}, not ${account}` : undefined,
    region !== undefined && parts.region !== region ? `region ${parts.region}, not ${region}` : undefined,
  ].filter((w): w is string => w !== undefined);
  if (wrong.length > 0) {
    const fixed = `arn:${parts.partition}:sagemaker:${region ?? parts.region}:${account ?? parts.account}:model-package/${parts.group}/${parts.version}`;
    throw new Soc2MlError(`${label} is ${arn}, a model package of ${wrong.join(' and ')} where the endpoint is deployed: serve a version registered in the environment's own registry (${fixed}).`);
  }
}

/** The parts of a model package version's ARN; undefined when the value is not one. */
export function parseModelPackageArn(value: unknown): ModelPackageArnParts | undefined {
  const m = typeof value === 'string' ? MODEL_PACKAGE_ARN.exec(value) : null;
  return m ? { partition: m[1], region: m[2], account: m[3], group: m[4], version: Number(m[5]) } : undefined;
}

/*
 * An existing SNS topic alerts are forwarded to: the construct's prop and the settings key check it alike.
 */

/** `arn:<partition>:sns:<region>:<account>:<name>`. */
const TOPIC_ARN = /^arn:aws(-[a-z]+)*:sns:[a-z]{2}(-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;

/** Check a topic ARN given to forward alerts to, naming `label` (a prop or a context key). */
export function validateAlertTopicArn(arn: unknown, label: string): void {
  if (typeof arn === 'string' && Token.isUnresolved(arn)) {
    return;
  }
  if (typeof arn !== 'string' || !TOPIC_ARN.test(arn)) {
    throw new Soc2MlError(`${label} is ${JSON.stringify(arn)}, which is not an SNS topic ARN: pass one such as "arn:aws:sns:eu-west-1:111111111111:security-alerts".`);
  }
  if (arn.endsWith('.fifo')) {
    throw new Soc2MlError(`${label} is ${JSON.stringify(arn)}, a FIFO topic: alerts are forwarded without a message group id, which a FIFO topic refuses. Pass a standard topic.`);
  }
}
