import { failed, passed, ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { someBranchNote } from '../../values';
import { settingState } from './private';

/**
 * A notebook instance reaches the internet only through the customer's VPC. SageMaker's default
 * (`DirectInternetAccess` absent) is `Enabled`, so the property must say `Disabled`.
 */
export const SageMakerNotebookNoDirectInternet: ResourceRule = {
  id: 'SageMakerNotebookNoDirectInternet',
  resourceTypes: ['AWS::SageMaker::NotebookInstance'],
  passes: '`DirectInternetAccess: Disabled` (in every `Fn::If` branch); absent means `Enabled`.',
  check: (notebook) => {
    const values = valuesAt(notebook.properties.DirectInternetAccess, []);
    switch (settingState(values, 'Disabled')) {
      case 'expected':
        return passed();
      case 'absent':
        return failed('It does not set DirectInternetAccess, so SageMaker gives it direct internet access (the default, Enabled).', 'Properties/DirectInternetAccess');
      case 'other':
        return failed(`Its DirectInternetAccess is Enabled${someBranchNote(values)}.`, 'Properties/DirectInternetAccess');
      default:
        return failed('Its DirectInternetAccess is not a literal Disabled (a parameter or import can be Enabled at deploy time).', 'Properties/DirectInternetAccess');
    }
  },
};
