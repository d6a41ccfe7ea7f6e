import { failed, passed, ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { someBranchNote } from '../../values';
import { settingState } from './private';

/**
 * Studio apps send all traffic through the customer VPC. The default, `PublicInternetOnly`, routes
 * non-EFS traffic through a SageMaker-managed VPC with direct internet access.
 */
export const SageMakerDomainVpcOnly: ResourceRule = {
  id: 'SageMakerDomainVpcOnly',
  resourceTypes: ['AWS::SageMaker::Domain'],
  passes: '`AppNetworkAccessType: VpcOnly` (in every `Fn::If` branch); absent means `PublicInternetOnly`.',
  check: (domain) => {
    const values = valuesAt(domain.properties.AppNetworkAccessType, []);
    switch (settingState(values, 'VpcOnly')) {
      case 'expected':
        return passed();
      case 'absent':
        return failed('It does not set AppNetworkAccessType, so Studio apps reach the internet directly (the default, PublicInternetOnly).', 'Properties/AppNetworkAccessType');
      case 'other':
        return failed(`Its AppNetworkAccessType is PublicInternetOnly${someBranchNote(values)}, so Studio apps reach the internet directly.`, 'Properties/AppNetworkAccessType');
      default:
        return failed('Its AppNetworkAccessType is not a literal VpcOnly (a parameter or import can be PublicInternetOnly at deploy time).', 'Properties/AppNetworkAccessType');
    }
  },
};
