import { failed, passed, ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { allCustomerManagedKeys, keyProblem } from './private';

/**
 * The storage volumes of the endpoint's instances (and, for serverless endpoints, the model image
 * copy) are encrypted with a customer-managed key.
 */
export const SageMakerEndpointConfigKms: ResourceRule = {
  id: 'SageMakerEndpointConfigKms',
  resourceTypes: ['AWS::SageMaker::EndpointConfig'],
  passes: '`KmsKeyId` names a customer-managed key (a reference, key id or ARN; not `alias/aws/...`).',
  check: (config) => {
    const keys = valuesAt(config.properties.KmsKeyId, []);
    if (!allCustomerManagedKeys(keys)) {
      return failed(`Its endpoint storage is not encrypted with a customer-managed key: ${keyProblem(keys)}.`, 'Properties/KmsKeyId');
    }
    return passed();
  },
};
