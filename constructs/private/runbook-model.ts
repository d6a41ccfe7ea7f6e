/*
 * The shape of an SSM Automation runbook (schema 0.3) as the platform writes it, and what can be
 * read from one: the AWS API calls each step makes (from `aws:executeAwsApi` inputs and from the
 * boto3 calls of `aws:executeScript` code), the IAM actions those calls need, which steps change
 * something, and which steps a dry run reaches. The construct refuses a runbook whose dry run
 * reaches a step that changes something; the tests read the same functions over the template.
 */

/** The parameter every runbook takes: true (the default) plans and changes nothing. */
export const DRY_RUN_PARAMETER = 'DryRun';
import { Soc2MlError } from '../../core/errors';

/** One step of `mainSteps` (or of an `aws:loop`'s `Steps`). */
export interface RunbookStep {
  readonly name: string;
  readonly action: string;
  readonly inputs: Record<string, unknown>;
  readonly outputs?: readonly { Name: string; Selector: string; Type: string }[];
  readonly nextStep?: string;
  readonly isEnd?: boolean;
  readonly timeoutSeconds?: number;
  readonly description?: string;
}

/** A runbook's content: what `AWS::SSM::Document` takes as `Content` (type Automation). */
export interface RunbookContent {
  readonly schemaVersion: string;
  readonly description: string;
  readonly assumeRole: string;
  readonly parameters: Record<string, { type: string; description: string; default?: unknown; allowedPattern?: string; allowedValues?: unknown[] }>;
  readonly mainSteps: readonly RunbookStep[];
  readonly outputs?: readonly string[];
}

/** An AWS API call: the service as IAM names it and the operation as the API names it. */
export interface ApiCall {
  readonly service: string;
  readonly api: string;
}

/** The read-only verbs: an operation starting with one of these changes nothing. */
const READ_VERBS = ['Describe', 'Get', 'List', 'Lookup', 'Head'];

/** Whether an API operation changes something. */
export function isMutatingApi(api: string): boolean {
  return !READ_VERBS.some((verb) => api.startsWith(verb));
}

/**
 * The IAM actions an API operation needs where they differ from `<service>:<Operation>` (S3's
 * bucket and object operations, boto3's managed copy).
 */
const IAM_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  's3:ListObjectsV2': ['s3:ListBucket'],
  's3:ListObjectVersions': ['s3:ListBucketVersions'],
  's3:GetObjectLockConfiguration': ['s3:GetBucketObjectLockConfiguration'],
  's3:HeadObject': ['s3:GetObject'],
  // boto3's managed copy: HeadObject, then CopyObject or a multipart UploadPartCopy.
  's3:Copy': ['s3:GetObject', 's3:PutObject'],
};

/** The IAM actions a call needs. */
export function iamActionsOf(call: ApiCall): string[] {
  return [...(IAM_ACTIONS[`${call.service}:${call.api}`] ?? [`${call.service}:${call.api}`])];
}

/** boto3's client names that differ from IAM's service prefixes. */
const BOTO3_SERVICES: Readonly<Record<string, string>> = { sagemaker: 'sagemaker', s3: 's3', iam: 'iam', cloudtrail: 'cloudtrail', kms: 'kms' };

/**
 * The calls of a Python script: every `x = boto3.client('<service>')` names a client, and every
 * `x.<snake_method>(` (or `x.get_paginator('<snake_method>')`) is a call of that service.
 */
export function scriptCalls(script: string): ApiCall[] {
  const calls = new Map<string, ApiCall>();
  const clients = [...script.matchAll(/(\w+)\s*=\s*boto3\.client\(\s*'([\w-]+)'/g)];
  for (const [, variable, service] of clients) {
    const iamService = BOTO3_SERVICES[service];
    if (iamService === undefined) {
      throw new Soc2MlError(`A runbook script uses boto3 client '${service}', which the runbook model does not know: add it to BOTO3_SERVICES.`);
    }
    const methods = [
      ...[...script.matchAll(new RegExp(`\\b${variable}\\.(?!get_paginator\\b)(\\w+)\\(`, 'g'))].map((m) => m[1]),
      ...[...script.matchAll(new RegExp(`\\b${variable}\\.get_paginator\\(\\s*'(\\w+)'`, 'g'))].map((m) => m[1]),
    ];
    for (const method of methods) {
      // boto3's snake_case method is the operation's name: list_objects_v2 is ListObjectsV2.
      const api = method.split('_').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
      calls.set(`${iamService}:${api}`, { service: iamService, api });
    }
  }
  return [...calls.values()];
}

/** The calls one step makes (an `aws:loop` makes its inner steps' calls). */
export function stepCalls(step: RunbookStep): ApiCall[] {
  switch (step.action) {
    case 'aws:executeAwsApi':
    case 'aws:waitForAwsResourceProperty':
    case 'aws:assertAwsResourceProperty':
      return [{ service: String(step.inputs.Service), api: String(step.inputs.Api) }];
    case 'aws:executeScript':
      return scriptCalls(String(step.inputs.Script));
    case 'aws:loop':
      return (step.inputs.Steps as RunbookStep[]).flatMap(stepCalls);
    case 'aws:branch':
    case 'aws:sleep':
      return [];
    default:
      throw new Soc2MlError(`Runbook step ${step.name} uses ${step.action}, which the runbook model does not read: use aws:executeAwsApi, aws:executeScript, aws:waitForAwsResourceProperty, aws:loop, aws:branch or aws:sleep.`);
  }
}

/** Every call of a runbook. */
export function runbookCalls(content: RunbookContent): ApiCall[] {
  const seen = new Map<string, ApiCall>();
  for (const call of content.mainSteps.flatMap(stepCalls)) {
    seen.set(`${call.service}:${call.api}`, call);
  }
  return [...seen.values()];
}

/** The IAM actions every call of a runbook needs, sorted and distinct. */
export function runbookActions(content: RunbookContent): string[] {
  return [...new Set(runbookCalls(content).flatMap(iamActionsOf))].sort();
}

/** Whether a step changes something. */
export function isMutatingStep(step: RunbookStep): boolean {
  return stepCalls(step).some((call) => isMutatingApi(call.api));
}

interface BranchChoice {
  readonly NextStep: string;
  readonly Variable?: string;
  readonly BooleanEquals?: boolean;
}

/** Whether a branch choice is taken only when the dry run is off (`{{DryRun}}` equals false). */
function onlyWhenApplying(choice: BranchChoice): boolean {
  return choice.Variable === `{{${DRY_RUN_PARAMETER}}}` && choice.BooleanEquals === false;
}

/**
 * The steps a run with `DryRun` true reaches, in `mainSteps` order: from the first step, along
 * each step's `nextStep` (or the next step, unless `isEnd`), and along every choice of a branch
 * except the ones taken only when the dry run is off.
 */
export function dryRunSteps(content: RunbookContent): RunbookStep[] {
  const steps = content.mainSteps;
  const index = new Map(steps.map((s, i) => [s.name, i]));
  const reached = new Set<number>();
  const visit = (i: number | undefined): void => {
    if (i === undefined || i >= steps.length || reached.has(i)) {
      return;
    }
    reached.add(i);
    const step = steps[i];
    if (step.action === 'aws:branch') {
      const choices = (step.inputs.Choices ?? []) as BranchChoice[];
      choices.filter((c) => !onlyWhenApplying(c)).forEach((c) => visit(index.get(c.NextStep)));
      const fallback = step.inputs.Default as string | undefined;
      visit(fallback !== undefined ? index.get(fallback) : i + 1);
      return;
    }
    if (step.isEnd) {
      return;
    }
    visit(step.nextStep !== undefined ? index.get(step.nextStep) : i + 1);
  };
  visit(0);
  return [...reached].sort((a, b) => a - b).map((i) => steps[i]);
}

/** Refuse a runbook whose dry run reaches a step that changes something, or that names an unknown step. */
export function assertDryRunChangesNothing(name: string, content: RunbookContent): void {
  const names = new Set(content.mainSteps.map((s) => s.name));
  for (const step of content.mainSteps) {
    const targets = [step.nextStep, step.inputs.Default as string | undefined, ...((step.inputs.Choices ?? []) as BranchChoice[]).map((c) => c.NextStep)];
    const unknown = targets.find((t) => t !== undefined && !names.has(t));
    if (unknown !== undefined) {
      throw new Soc2MlError(`Runbook ${name}: step ${step.name} goes to "${unknown}", which is not a step of the runbook.`);
    }
  }
  if (!(DRY_RUN_PARAMETER in content.parameters) || content.parameters[DRY_RUN_PARAMETER].default !== true) {
    throw new Soc2MlError(`Runbook ${name} has no ${DRY_RUN_PARAMETER} parameter defaulting to true: every runbook plans without changing anything unless told otherwise.`);
  }
  const mutating = dryRunSteps(content).filter(isMutatingStep);
  if (mutating.length > 0) {
    throw new Soc2MlError(`Runbook ${name}: a dry run reaches ${mutating.map((s) => s.name).join(', ')}, which change something. Put every changing step behind an aws:branch choice on {{${DRY_RUN_PARAMETER}}} BooleanEquals false.`);
  }
}
