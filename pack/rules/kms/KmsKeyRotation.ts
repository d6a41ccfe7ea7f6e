import { failed, notApplicable, passed, ResourceRule } from '../../rule';
import { literalAlternatives } from '../../readers';
import { asBoolean, branches, flatten } from '../../values';

/** Symmetric encryption keys rotate their key material yearly. Asymmetric and HMAC keys cannot. */
export const KmsKeyRotation: ResourceRule = {
  id: 'KmsKeyRotation',
  resourceTypes: ['AWS::KMS::Key'],
  passes: '`EnableKeyRotation: true` (literally, or a parameter whose only allowed value is `true`) on symmetric encryption keys (`KeySpec` absent or `SYMMETRIC_DEFAULT`); asymmetric and HMAC keys are not applicable.',
  check: (key) => {
    const specs = branches(key.properties.KeySpec).map((v) => (v === undefined ? 'SYMMETRIC_DEFAULT' : flatten(v)));
    if (specs.every((s) => s !== 'SYMMETRIC_DEFAULT' && !s.startsWith('${'))) {
      return notApplicable();
    }
    // A parameter counts by the values it allows: one whose only allowed value is true is on.
    const values = literalAlternatives(key.properties.EnableKeyRotation, key.template);
    if (values !== undefined && values.length > 0 && values.every((v) => asBoolean(v) === true)) {
      return passed();
    }
    if (values === undefined) {
      return failed('EnableKeyRotation comes from a value that cannot be known at synth (a parameter without AllowedValues, or an import), so it may be false once deployed; make it literal or acknowledge the rule with a reason.', 'Properties/EnableKeyRotation');
    }
    return failed('Automatic key rotation is not enabled.', 'Properties/EnableKeyRotation');
  },
};
