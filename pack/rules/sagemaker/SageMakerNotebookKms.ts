import { failed, passed, ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { allCustomerManagedKeys, keyProblem } from './private';

/** The notebook's ML storage volume is encrypted with a customer-managed KMS key. */
export const SageMakerNotebookKms: ResourceRule = {
  id: 'SageMakerNotebookKms',
  resourceTypes: ['AWS::SageMaker::NotebookInstance'],
  passes: '`KmsKeyId` names a customer-managed key (a reference, key id or ARN; not `alias/aws/...`).',
  check: (notebook) => {
    const keys = valuesAt(notebook.properties.KmsKeyId, []);
    if (!allCustomerManagedKeys(keys)) {
      return failed(`Its storage volume is not encrypted with a customer-managed key: ${keyProblem(keys)}.`, 'Properties/KmsKeyId');
    }
    return passed();
  },
};
