import { failed, notApplicable, passed, ResourceRule } from '../../rule';
import { asBoolean } from '../../values';
import { valuesAt } from '../../readers';
import { allCustomerManagedKeys, keyProblem, objectsAt } from './private';

/**
 * Captured inference requests and responses (often personal or confidential data) are written to
 * S3 under a customer-managed key. `EnableCapture` absent means capture is on; a value that is not
 * literally false may be on, so it is judged.
 */
export const SageMakerEndpointConfigCaptureKms: ResourceRule = {
  id: 'SageMakerEndpointConfigCaptureKms',
  resourceTypes: ['AWS::SageMaker::EndpointConfig'],
  passes: 'When `DataCaptureConfig` is present and capture is not literally disabled, `DataCaptureConfig.KmsKeyId` names a customer-managed key; without data capture it is not applicable.',
  check: (config) => {
    const captures = objectsAt(config.properties.DataCaptureConfig).filter((c) => valuesAt(c.EnableCapture, []).some((v) => asBoolean(v) !== false));
    if (captures.length === 0) {
      return notApplicable();
    }
    for (const capture of captures) {
      const keys = valuesAt(capture, ['KmsKeyId']);
      if (!allCustomerManagedKeys(keys)) {
        return failed(`Its captured inference data is not encrypted with a customer-managed key: ${keyProblem(keys)}.`, 'Properties/DataCaptureConfig/KmsKeyId');
      }
    }
    return passed();
  },
};
