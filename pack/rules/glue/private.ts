import { failed, Outcome, passed } from '../../rule';
import { TemplateResource } from '../../template';
import { Json, JsonObject } from '../../json';
import { valuesAt } from '../../readers';
import { branches, flatten, isUnset } from '../../values';
import { customerKeyProblem, itemsOf, literalState, resourceNamed } from '../bedrock/private';

/*
 * Glue names its security configuration (`AWS::Glue::SecurityConfiguration`) on a job or crawler;
 * the rules judge the configuration the name refers to in the same template. A name that refers
 * to nothing there (a configuration made by hand, in another stack, or imported) cannot be proven
 * at synth and fails closed.
 */

const SECURITY_CONFIGURATION = 'AWS::Glue::SecurityConfiguration';

/** One kind of data a security configuration encrypts, with its CloudFormation names. */
export interface EncryptedData {
  /** As a user reads it: `S3 data`. */
  readonly name: string;
  /** The property of `EncryptionConfiguration`. */
  readonly property: string;
  readonly modeProperty: string;
  /** The mode that encrypts with a KMS key. */
  readonly mode: string;
  /** Whether the property is a list of settings (each must encrypt). */
  readonly list?: boolean;
}

/** What jobs write to S3 (targets, temporary files); a list of one in CloudFormation. */
export const S3_DATA: EncryptedData = { name: 'S3 data', property: 'S3Encryptions', modeProperty: 'S3EncryptionMode', mode: 'SSE-KMS', list: true };
/** What jobs and crawlers log to CloudWatch Logs. */
export const CLOUDWATCH_LOGS: EncryptedData = { name: 'CloudWatch logs', property: 'CloudWatchEncryption', modeProperty: 'CloudWatchEncryptionMode', mode: 'SSE-KMS' };
/** A job's bookmarks (which source data it has processed), kept by Glue in S3. */
export const JOB_BOOKMARKS: EncryptedData = { name: 'job bookmarks', property: 'JobBookmarksEncryption', modeProperty: 'JobBookmarksEncryptionMode', mode: 'CSE-KMS' };

/**
 * A job's or crawler's security configuration (named by `property`) encrypts each of `data` with a
 * customer-managed key, in every `Fn::If` branch of the name.
 */
export function checkSecurityConfiguration(resource: TemplateResource, property: string, data: readonly EncryptedData[]): Outcome {
  const location = `Properties/${property}`;
  const names = data.map((d) => d.name).join(', ').replace(/, ([^,]*)$/, ' and $1');
  for (const name of branches(resource.properties[property])) {
    if (isUnset(name)) {
      return failed(`It names no security configuration, so Glue does not encrypt its ${names} with a key of yours.`, location);
    }
    const config = resourceNamed(resource.template, SECURITY_CONFIGURATION, 'Name', name);
    if (!config) {
      return failed(`Its security configuration ${flatten(name)} is not defined in this stack (an import, a parameter or a configuration made elsewhere), so what it encrypts cannot be proven at synth.`, location);
    }
    if (config.condition !== undefined && config.condition !== resource.condition) {
      return failed(`Its security configuration ${config.logicalId} exists only when condition ${config.condition} holds, so its encryption cannot be proven.`, location);
    }
    for (const d of data) {
      const problem = encryptionProblem(config, d);
      if (problem) {
        return failed(`Its security configuration ${config.logicalId} ${problem}.`, location);
      }
    }
  }
  return passed();
}

/** What is wrong with how a security configuration encrypts one kind of data, or undefined. */
function encryptionProblem(config: TemplateResource, data: EncryptedData): string | undefined {
  const values = valuesAt(config.properties.EncryptionConfiguration, [data.property]);
  const entries = data.list ? itemsOf(values) : values.map(asEntry);
  if (values.includes(undefined) || entries.length === 0) {
    return `does not encrypt ${data.name} (${data.property} is absent)`;
  }
  for (const entry of entries) {
    if (entry === null) {
      return `sets ${data.property} to a value that cannot be read at synth`;
    }
    const mode = literalState(valuesAt(entry, [data.modeProperty]), config.template, [data.mode]);
    if (mode.state === 'absent') {
      return `does not encrypt ${data.name} (no ${data.modeProperty}, so DISABLED)`;
    }
    if (mode.state === 'other') {
      return `encrypts ${data.name} with ${data.modeProperty} ${mode.value}, not ${data.mode}`;
    }
    if (mode.state === 'unknown') {
      return `sets ${data.modeProperty} to a value that cannot be known at synth`;
    }
    const key = customerKeyProblem(valuesAt(entry, ['KmsKeyArn']), 'no key of yours protects them');
    if (key) {
      return `does not encrypt ${data.name} with a customer-managed key: ${key}`;
    }
  }
  return undefined;
}

/** A single-object setting as an entry; one the pack cannot read becomes null. */
function asEntry(value: Json | undefined): JsonObject | null {
  return itemsOf([[value ?? null]])[0] ?? null;
}
