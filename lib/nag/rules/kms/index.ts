import { PackRule, Severity } from '../../rule';
import { KmsKeyRotation } from './KmsKeyRotation';

export const KMS_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: KmsKeyRotation,
    criteria: ['CC6.1', 'PI1.5'],
    severity: Severity.ERROR,
    finding: 'KMS key does not rotate its key material.',
    fix: 'Set enableKeyRotation: true on the key (PlatformKey does). Only symmetric encryption keys can rotate; asymmetric keys are exempt.',
  },
];
