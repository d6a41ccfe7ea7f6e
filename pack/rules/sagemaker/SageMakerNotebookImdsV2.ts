import { failed, passed, ResourceRule } from '../../rule';
import { isUnset, someBranchNote } from '../../values';
import { unknownAtSynth } from './private';
import { literalValuesAt } from '../../readers';

const LOCATION = 'Properties/InstanceMetadataServiceConfiguration/MinimumInstanceMetadataServiceVersion';

/**
 * The notebook instance answers only IMDSv2 (session-token) metadata requests, so a server-side
 * request forgery in a notebook's code or packages cannot read the execution role's credentials
 * with a plain GET. SageMaker creates an instance with IMDSv1 (both versions accepted) when the
 * setting is absent, so it must say "2".
 */
export const SageMakerNotebookImdsV2: ResourceRule = {
  id: 'SageMakerNotebookImdsV2',
  resourceTypes: ['AWS::SageMaker::NotebookInstance'],
  passes: '`InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion: "2"` in every `Fn::If` branch (a parameter counts by its `AllowedValues`); absent means IMDSv1, which accepts both versions.',
  check: (notebook) => {
    const versions = literalValuesAt(notebook.properties.InstanceMetadataServiceConfiguration, ['MinimumInstanceMetadataServiceVersion'], notebook.template);
    if (versions === undefined) {
      return unknownAtSynth(LOCATION, 'be 1 (IMDSv1)');
    }
    if (versions.some((v) => isUnset(v))) {
      return failed(`It does not set InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion${someBranchNote(versions)}, so SageMaker defaults to IMDSv1 and the instance answers metadata requests that carry no session token.`, LOCATION);
    }
    const other = versions.find((v) => v !== '2' && v !== 2);
    if (other !== undefined) {
      return failed(`Its MinimumInstanceMetadataServiceVersion is ${JSON.stringify(other)}${someBranchNote(versions)}, so the instance still answers IMDSv1 requests, which carry no session token.`, LOCATION);
    }
    return passed();
  },
};
