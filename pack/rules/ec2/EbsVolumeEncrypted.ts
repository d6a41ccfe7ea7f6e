import { ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { requireLiteralTrue } from '../bedrock/private';

/**
 * An EBS volume is encrypted. `Encrypted` absent leaves it to the account's EBS encryption by
 * default (or the snapshot it is created from), which synth cannot see, so only a literal true
 * proves it.
 */
export const EbsVolumeEncrypted: ResourceRule = {
  id: 'EbsVolumeEncrypted',
  resourceTypes: ['AWS::EC2::Volume'],
  passes: '`Encrypted: true` in every branch (a parameter counts by its `AllowedValues`); absent fails, since encryption by default is an account setting synth cannot see.',
  check: (volume) => requireLiteralTrue(valuesAt(volume.properties.Encrypted, []), volume.template, 'Properties/Encrypted', {
    absent: 'It does not set Encrypted, so it is encrypted only if the account encrypts new volumes by default (or its snapshot is encrypted), which synth cannot see.',
    off: 'Its Encrypted is false.',
  }),
};
