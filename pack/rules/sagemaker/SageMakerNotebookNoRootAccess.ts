import { failed, passed, ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { someBranchNote } from '../../values';
import { settingState } from './private';

/**
 * Notebook users do not get root on the instance. SageMaker's default (`RootAccess` absent) is
 * `Enabled`. Lifecycle configurations still run as root, which is how administrators customize.
 */
export const SageMakerNotebookNoRootAccess: ResourceRule = {
  id: 'SageMakerNotebookNoRootAccess',
  resourceTypes: ['AWS::SageMaker::NotebookInstance'],
  passes: '`RootAccess: Disabled` (in every `Fn::If` branch); absent means `Enabled`.',
  check: (notebook) => {
    const values = valuesAt(notebook.properties.RootAccess, []);
    switch (settingState(values, 'Disabled')) {
      case 'expected':
        return passed();
      case 'absent':
        return failed('It does not set RootAccess, so its users get root access (the default, Enabled).', 'Properties/RootAccess');
      case 'other':
        return failed(`Its RootAccess is Enabled${someBranchNote(values)}.`, 'Properties/RootAccess');
      default:
        return failed('Its RootAccess is not a literal Disabled (a parameter or import can be Enabled at deploy time).', 'Properties/RootAccess');
    }
  },
};
