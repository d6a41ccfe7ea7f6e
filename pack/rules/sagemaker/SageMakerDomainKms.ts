import { failed, passed, ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { allCustomerManagedKeys, keyProblem } from './private';

/** The domain's home EFS volume (users' notebooks and data) is encrypted with a customer-managed key. */
export const SageMakerDomainKms: ResourceRule = {
  id: 'SageMakerDomainKms',
  resourceTypes: ['AWS::SageMaker::Domain'],
  passes: '`KmsKeyId` names a customer-managed key (a reference, key id or ARN; not `alias/aws/...`).',
  check: (domain) => {
    const keys = valuesAt(domain.properties.KmsKeyId, []);
    if (!allCustomerManagedKeys(keys)) {
      return failed(`Its EFS volume is not encrypted with a customer-managed key: ${keyProblem(keys)}.`, 'Properties/KmsKeyId');
    }
    return passed();
  },
};
