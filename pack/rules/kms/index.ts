import { PackRule, Severity } from '../../rule';
import { KmsKeyPolicyNotPublic } from './KmsKeyPolicyNotPublic';
import { KmsKeyRetained } from './KmsKeyRetained';
import { KmsKeyRotation } from './KmsKeyRotation';

export const KMS_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: KmsKeyRotation,
    criteria: ['CC6.1'],
    rationale: 'Key material is rotated yearly (CC6.1 point of focus: manages cryptographic keys); rotation keeps no data complete, so PI1.5 is not cited.',
    reference: { check: 'prowler:kms_cmk_rotation_enabled', criteria: ['PI1.5'] },
    severity: Severity.ERROR,
    finding: 'KMS key does not rotate its key material.',
    fix: 'Set enableKeyRotation: true on the key (PlatformKey does). Only symmetric encryption keys can rotate; asymmetric keys are exempt.',
  },
  {
    kind: 'resource',
    rule: KmsKeyRetained,
    criteria: ['A1.2'],
    rationale: 'A retained key keeps the data it encrypts recoverable when a stack is deleted (A1.2 recovery); it restricts no access, so CC6.1/CC6.2 are not cited.',
    reference: { check: 'steampipe:kms_key_not_pending_deletion', criteria: ['CC6.1', 'CC6.2'] },
    severity: Severity.ERROR,
    finding: 'KMS key is scheduled for deletion when its stack is deleted.',
    fix: 'Keep removalPolicy: RemovalPolicy.RETAIN on the L2 Key (its default; PlatformKey sets it), or DeletionPolicy Retain on CfnKey (cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN).',
  },
  {
    kind: 'resource',
    rule: KmsKeyPolicyNotPublic,
    criteria: ['CC6.1', 'CC6.6'],
    rationale: 'No key policy lets any principal use the key (CC6.1), so no one outside the boundary can decrypt (CC6.6).',
    reference: { check: 'checkov:CKV_AWS_33', criteria: ['CC6.1'] },
    severity: Severity.ERROR,
    finding: 'KMS key policy allows any principal.',
    fix: 'Grant named principals (key.grant*(role)), or narrow statements to * with a condition on the caller such as aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceAccount or kms:CallerAccount (AnyPrincipal().withConditions(...)); kms:ViaService may be added, but it does not narrow the caller on its own.',
  },
];
