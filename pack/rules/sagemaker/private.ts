import { Outcome, failed, notApplicable, passed } from '../../rule';
import { TemplateResource } from '../../template';
import { isObject, Json, JsonObject } from '../../json';
import { valuesAt } from '../../readers';
import { asBoolean, branches, flatten, isCustomerManagedKey, isIntrinsic, isNoValue, isUnset } from '../../values';

/*
 * Readers for SageMaker's nested CloudFormation properties. Every value at a path is read through
 * `Fn::If` at each level, so a rule passes only if every branch of every level passes.
 */

/**
 * The objects a property can be, through `Fn::If`: branches that are absent are dropped, and a
 * branch the pack cannot read is returned as an empty object so its settings count as unset.
 */
export function objectsAt(value: Json | undefined, path: readonly string[] = []): JsonObject[] {
  return valuesAt(value, path)
    .filter((v) => v !== undefined)
    .map((v) => (isObject(v) && !isIntrinsic(v) ? v : {}));
}

/** The elements a list property can hold, through `Fn::If` on the list and on each element. */
export function elementsOf(value: Json | undefined): (Json | undefined)[] {
  const out: (Json | undefined)[] = [];
  for (const list of branches(value)) {
    if (Array.isArray(list)) {
      for (const item of list) {
        out.push(...branches(item).filter((v) => !isNoValue(v)));
      }
    } else if (list !== undefined && !isNoValue(list)) {
      out.push(null);
    }
  }
  return out;
}

/**
 * Whether a list property is set in every branch: a non-empty literal list, or a reference
 * (a `List<AWS::EC2::Subnet::Id>` parameter, `Fn::Split`, an import), which is how a real list of
 * subnets or security groups is written.
 */
export function hasEntries(value: Json | undefined): boolean {
  return branches(value).every((v) => {
    if (isUnset(v)) {
      return false;
    }
    if (Array.isArray(v)) {
      return v.some((item) => branches(item).some((x) => !isUnset(x)));
    }
    return isIntrinsic(v);
  });
}

/** What an enumerated string setting (`Enabled`/`Disabled`, `VpcOnly`) is in its worst branch. */
export type SettingState = 'expected' | 'absent' | 'other' | 'unknown';

/**
 * The worst state of a string setting across its branches: any branch absent or set to another
 * value beats an unreadable one, which beats the expected value. Compared case-insensitively; a
 * spelling CloudFormation rejects cannot deploy anyway.
 */
export function settingState(values: readonly (Json | undefined)[], expected: string): SettingState {
  let worst: SettingState = 'expected';
  const rank: Record<SettingState, number> = { expected: 0, unknown: 1, other: 2, absent: 3 };
  for (const v of values) {
    let state: SettingState;
    if (v === undefined || v === null || v === '') {
      state = 'absent';
    } else if (typeof v === 'string') {
      state = v.toLowerCase() === expected.toLowerCase() ? 'expected' : 'other';
    } else {
      state = 'unknown';
    }
    if (rank[state] > rank[worst]) {
      worst = state;
    }
  }
  return worst;
}

/** The failure of a setting synth cannot see through; `risk` completes "so it may …". */
export function unknownAtSynth(location: string, risk: string): Outcome {
  const property = location.split('/').slice(1).join('.');
  return failed(`Its ${property} comes from a value that cannot be known at synth (an import, or a parameter without AllowedValues), so it may ${risk} once deployed; make it literal (or give the parameter AllowedValues) or acknowledge the rule with a reason.`, location);
}

/** Whether every branch of a boolean setting is literally true (`true` or `"true"`). */
export function allTrue(values: readonly (Json | undefined)[]): boolean {
  return values.length > 0 && values.every((v) => asBoolean(v) === true);
}

/** Whether every value names a customer-managed key (see `isCustomerManagedKey`). */
export function allCustomerManagedKeys(values: readonly (Json | undefined)[]): boolean {
  return values.length > 0 && values.every((v) => v !== null && isCustomerManagedKey(v));
}

/** Why a key setting fails: absent, or an AWS-managed alias. */
export function keyProblem(values: readonly (Json | undefined)[]): string {
  const aws = values.find((v) => !isUnset(v) && v !== null && /(^|:)alias\/aws\//.test(flatten(v)));
  return aws !== undefined ? `it names the AWS-managed key ${flatten(aws)}` : 'no key is set, so an AWS-managed or AWS-owned key is used';
}

// ---------------------------------------------------------------------------------------------
// Model Monitor jobs: the four job-definition types and a monitoring schedule's inline definition

/** The job-definition types, with the name of each one's output-config property. */
const JOB_DEFINITION_OUTPUT: Readonly<Record<string, string>> = {
  'AWS::SageMaker::DataQualityJobDefinition': 'DataQualityJobOutputConfig',
  'AWS::SageMaker::ModelQualityJobDefinition': 'ModelQualityJobOutputConfig',
  'AWS::SageMaker::ModelBiasJobDefinition': 'ModelBiasJobOutputConfig',
  'AWS::SageMaker::ModelExplainabilityJobDefinition': 'ModelExplainabilityJobOutputConfig',
};

const MONITORING_SCHEDULE = 'AWS::SageMaker::MonitoringSchedule';

/** The types the monitoring rules read. */
export const MONITORING_JOB_TYPES: readonly string[] = [MONITORING_SCHEDULE, ...Object.keys(JOB_DEFINITION_OUTPUT)];

/** One monitoring job's settings, with the property names its resource type uses. */
export interface MonitoringJob {
  readonly job: JsonObject;
  /** Location of the job object, e.g. `Properties` or `Properties/MonitoringScheduleConfig/MonitoringJobDefinition`. */
  readonly at: string;
  readonly outputConfig: string;
  readonly resources: string;
}

/**
 * The monitoring jobs a resource defines: a job definition is one; a monitoring schedule has one
 * per branch of its inline `MonitoringJobDefinition`, and none when it names a job definition
 * (`MonitoringJobDefinitionName`), which is judged as its own resource.
 */
export function monitoringJobsOf(resource: TemplateResource): MonitoringJob[] {
  const output = JOB_DEFINITION_OUTPUT[resource.type];
  if (output !== undefined) {
    return [{ job: resource.properties, at: 'Properties', outputConfig: output, resources: 'JobResources' }];
  }
  if (resource.type !== MONITORING_SCHEDULE) {
    return [];
  }
  return objectsAt(resource.properties.MonitoringScheduleConfig, ['MonitoringJobDefinition']).map((job) => ({
    job,
    at: 'Properties/MonitoringScheduleConfig/MonitoringJobDefinition',
    outputConfig: 'MonitoringOutputConfig',
    resources: 'MonitoringResources',
  }));
}

/**
 * Judge every monitoring job of a resource with `problem` (which returns what is wrong and where,
 * relative to the job, or undefined). Not applicable when the resource defines no job inline.
 */
export function checkMonitoringJobs(resource: TemplateResource, problem: (job: MonitoringJob) => { detail: string; path: string } | undefined): Outcome {
  const jobs = monitoringJobsOf(resource);
  if (jobs.length === 0) {
    return notApplicable();
  }
  for (const job of jobs) {
    const p = problem(job);
    if (p) {
      return failed(p.detail, `${job.at}/${p.path}`);
    }
  }
  return passed();
}
