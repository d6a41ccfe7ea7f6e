import { failed, notApplicable, passed, ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { allCustomerManagedKeys, keyProblem } from './private';

const LOCATION = 'Properties/AsyncInferenceConfig/OutputConfig/KmsKeyId';

/**
 * The results an asynchronous endpoint writes to S3 (predictions on the requests' data, and the
 * failures, which echo it) are encrypted with a customer-managed key. Without a key, SageMaker
 * uses the account's AWS-managed key for S3, whose use the entity cannot restrict or revoke. An
 * endpoint configuration without `AsyncInferenceConfig` writes no such output: not applicable.
 */
export const SageMakerEndpointConfigAsyncKms: ResourceRule = {
  id: 'SageMakerEndpointConfigAsyncKms',
  resourceTypes: ['AWS::SageMaker::EndpointConfig'],
  passes: 'When `AsyncInferenceConfig` is present (in any `Fn::If` branch), `AsyncInferenceConfig.OutputConfig.KmsKeyId` names a customer-managed key (a reference, key id or ARN; not `alias/aws/...`); without async inference it is not applicable.',
  check: (config) => {
    const asyncConfigs = valuesAt(config.properties.AsyncInferenceConfig, []).filter((c) => c !== undefined);
    if (asyncConfigs.length === 0) {
      return notApplicable();
    }
    for (const asyncConfig of asyncConfigs) {
      const keys = valuesAt(asyncConfig, ['OutputConfig', 'KmsKeyId']);
      if (keys.includes(null)) {
        return failed('Its AsyncInferenceConfig cannot be read at synth (a parameter, import or other token), so its output key cannot be shown to be customer-managed; write the configuration literally or acknowledge the rule with a reason.', 'Properties/AsyncInferenceConfig');
      }
      if (!allCustomerManagedKeys(keys)) {
        return failed(`Its asynchronous inference output is not encrypted with a customer-managed key: ${keyProblem(keys)}.`, LOCATION);
      }
    }
    return passed();
  },
};
