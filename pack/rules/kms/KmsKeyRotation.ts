import { failed, notApplicable, passed, ResourceRule } from '../../rule';
import { branches, flatten, isTrue } from '../../values';

/** Symmetric encryption keys rotate their key material yearly. Asymmetric and HMAC keys cannot. */
export const KmsKeyRotation: ResourceRule = {
  id: 'KmsKeyRotation',
  resourceTypes: ['AWS::KMS::Key'],
  passes: '`EnableKeyRotation: true` on symmetric encryption keys (`KeySpec` absent or `SYMMETRIC_DEFAULT`); asymmetric and HMAC keys are not applicable.',
  check: (key) => {
    const specs = branches(key.properties.KeySpec).map((v) => (v === undefined ? 'SYMMETRIC_DEFAULT' : flatten(v)));
    if (specs.every((s) => s !== 'SYMMETRIC_DEFAULT' && !s.startsWith('${'))) {
      return notApplicable();
    }
    if (!isTrue(key.properties.EnableKeyRotation)) {
      return failed('Automatic key rotation is not enabled.', 'Properties/EnableKeyRotation');
    }
    return passed();
  },
};
