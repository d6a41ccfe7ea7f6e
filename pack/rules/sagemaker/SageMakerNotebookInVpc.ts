import { failed, passed, ResourceRule } from '../../rule';
import { isUnset } from '../../values';
import { valuesAt } from '../../readers';

/**
 * The notebook instance has a network interface in a customer subnet (`SubnetId`), so its traffic
 * is subject to the VPC's security groups, routes and flow logs.
 */
export const SageMakerNotebookInVpc: ResourceRule = {
  id: 'SageMakerNotebookInVpc',
  resourceTypes: ['AWS::SageMaker::NotebookInstance'],
  passes: '`SubnetId` is set (a literal id or a reference) in every `Fn::If` branch.',
  check: (notebook) => {
    if (valuesAt(notebook.properties.SubnetId, []).some((v) => isUnset(v))) {
      return failed('It sets no SubnetId, so it runs outside the customer VPC.', 'Properties/SubnetId');
    }
    return passed();
  },
};
