import { failed, passed, ResourceRule } from '../../rule';
import { StackTemplate } from '../../template';
import { isObject, JsonObject } from '../../json';
import { valuesAt } from '../../readers';
import { asBoolean, isIntrinsic } from '../../values';
import { customerKeyProblem, literalState, literalValues } from '../bedrock/private';

const CONFIGURATION = 'Properties/WorkGroupConfiguration';
const RESULTS = `${CONFIGURATION}/ResultConfiguration/EncryptionConfiguration`;
const MANAGED = `${CONFIGURATION}/ManagedQueryResultsConfiguration/EncryptionConfiguration/KmsKey`;

interface Problem {
  readonly detail: string;
  readonly location: string;
}

/**
 * Query results (copies of whatever the queries read) are encrypted with a customer-managed key,
 * in S3 (`ResultConfiguration.EncryptionConfiguration`: `SSE_KMS` or `CSE_KMS` with `KmsKey`) or
 * in Athena-managed storage (`ManagedQueryResultsConfiguration.EncryptionConfiguration.KmsKey`).
 *
 * `SSE_S3` is not accepted: S3-managed keys leave who may read results to bucket permissions
 * alone and log no key use, the same standard S3BucketKmsEncryption holds data buckets to.
 * Without an encryption configuration the workgroup sets none, and each client chooses (or not).
 */
export const AthenaWorkGroupResultsEncrypted: ResourceRule = {
  id: 'AthenaWorkGroupResultsEncrypted',
  resourceTypes: ['AWS::Athena::WorkGroup'],
  passes: '`WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration` has `EncryptionOption` `SSE_KMS` or `CSE_KMS` and a customer-managed `KmsKey` (`SSE_S3` fails); with `ManagedQueryResultsConfiguration.Enabled` true, its `EncryptionConfiguration.KmsKey` names a customer-managed key instead (absent means a key Athena owns).',
  check: (workgroup) => {
    const configs = valuesAt(workgroup.properties.WorkGroupConfiguration, []);
    if (configs.includes(undefined)) {
      return failed('It has no WorkGroupConfiguration, so the workgroup encrypts no query results: each client chooses, and may choose none.', CONFIGURATION);
    }
    for (const config of configs) {
      if (!isObject(config) || isIntrinsic(config)) {
        return failed('Its WorkGroupConfiguration cannot be read at synth, so encryption of query results cannot be proven.', CONFIGURATION);
      }
      const problem = resultsProblem(config, workgroup.template);
      if (problem) {
        return failed(problem.detail, problem.location);
      }
    }
    return passed();
  },
};

/** What is wrong with the encryption of one configuration's query results, or undefined. */
function resultsProblem(config: JsonObject, template: StackTemplate): Problem | undefined {
  // Managed results are off by default; a value synth cannot know may be either.
  const enabled = literalValues(valuesAt(config, ['ManagedQueryResultsConfiguration', 'Enabled']), template);
  const mayBeManaged = enabled === undefined || enabled.some((v) => v !== undefined && asBoolean(v) !== false);
  const mayBeInS3 = enabled === undefined || enabled.some((v) => asBoolean(v) !== true);
  if (mayBeManaged) {
    const key = customerKeyProblem(valuesAt(config, ['ManagedQueryResultsConfiguration', 'EncryptionConfiguration', 'KmsKey']), 'Athena encrypts them with a key it owns');
    if (key) {
      return { detail: `Its query results in Athena-managed storage are not encrypted with a customer-managed key: ${key}.`, location: MANAGED };
    }
  }
  return mayBeInS3 ? s3ResultsProblem(config, template) : undefined;
}

function s3ResultsProblem(config: JsonObject, template: StackTemplate): Problem | undefined {
  const option = literalState(valuesAt(config, ['ResultConfiguration', 'EncryptionConfiguration', 'EncryptionOption']), template, ['SSE_KMS', 'CSE_KMS']);
  switch (option.state) {
    case 'absent':
      return { detail: 'It sets no ResultConfiguration.EncryptionConfiguration, so the workgroup does not encrypt query results: each client chooses, and may choose none.', location: RESULTS };
    case 'other':
      return { detail: `It encrypts query results with ${option.value}, not SSE_KMS or CSE_KMS: S3-managed keys leave who may read results to bucket permissions alone, and no key use is logged.`, location: `${RESULTS}/EncryptionOption` };
    case 'unknown':
      return { detail: 'Its EncryptionOption cannot be known at synth, so it may be SSE_S3 or absent once deployed.', location: `${RESULTS}/EncryptionOption` };
    default: {
      const key = customerKeyProblem(valuesAt(config, ['ResultConfiguration', 'EncryptionConfiguration', 'KmsKey']), 'no key of yours protects them');
      return key ? { detail: `Its query results are not encrypted with a customer-managed key: ${key}.`, location: `${RESULTS}/KmsKey` } : undefined;
    }
  }
}
