import { PackRule, Severity } from '../../rule';
import { EcrImmutableTags } from './EcrImmutableTags';
import { EcrKmsEncryption } from './EcrKmsEncryption';
import { EcrLifecyclePolicy } from './EcrLifecyclePolicy';
import { EcrPolicyNotPublic } from './EcrPolicyNotPublic';
import { EcrRetained } from './EcrRetained';
import { EcrScanOnPush } from './EcrScanOnPush';

/** The ECR rules, with the criteria, words and severity the pack gives them. */
export const ECR_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: EcrScanOnPush,
    criteria: ['CC7.1', 'CC6.8'],
    rationale: 'Every pushed image is scanned for known vulnerabilities (CC7.1) and malicious packages (CC6.8).',
    reference: { check: 'config:ECR_PRIVATE_IMAGE_SCANNING_ENABLED', criteria: ['CC6.8', 'CC7.1'] },
    severity: Severity.ERROR,
    finding: 'ECR repository does not scan images for vulnerabilities on push.',
    fix: 'Set imageScanOnPush: true on the Repository (ImageScanningConfiguration.ScanOnPush: true), or scan on push at registry level with an AWS::ECR::RegistryScanningConfiguration in the same stack whose filter covers the repository.',
  },
  {
    kind: 'resource',
    rule: EcrImmutableTags,
    criteria: ['CC8.1', 'PI1.5'],
    rationale: 'A tag always names the image that was tested and approved (CC8.1 point of focus: deploys only approved changes) and images are stored as pushed (PI1.5). It shows no approval, so CC8.1 stays operating evidence.',
    reference: { check: 'config:ECR_PRIVATE_TAG_IMMUTABILITY_ENABLED', criteria: ['CC8.1', 'PI1.5'] },
    severity: Severity.ERROR,
    finding: 'ECR repository lets image tags be overwritten.',
    fix: 'Set imageTagMutability: TagMutability.IMMUTABLE on the Repository (ImageTagMutability: IMMUTABLE). If you deploy only by image digest and need a mutable tag, acknowledge the rule with that reason.',
  },
  {
    kind: 'resource',
    rule: EcrKmsEncryption,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Images, which may contain model weights, are encrypted under a customer-managed key (CC6.1, C1.1).',
    reference: { check: 'config:ECR_REPOSITORY_CMK_ENCRYPTION_ENABLED', criteria: ['CC6.1'] },
    severity: Severity.ERROR,
    finding: 'ECR repository is not encrypted with a customer-managed KMS key.',
    fix: 'Set encryption: RepositoryEncryption.KMS (or KMS_DSSE) and encryptionKey: your key on the Repository (EncryptionConfiguration.EncryptionType KMS with KmsKey). The encryption of a repository cannot change after creation: this replaces it.',
  },
  {
    kind: 'resource',
    rule: EcrPolicyNotPublic,
    criteria: ['CC6.1', 'CC6.6'],
    rationale: 'No repository policy lets anyone pull or push (CC6.1), from outside the boundary (CC6.6).',
    reference: { check: 'prowler:ecr_repositories_not_publicly_accessible', criteria: ['CC6.1', 'CC6.6'] },
    severity: Severity.ERROR,
    finding: 'ECR repository policy allows anyone to use the repository.',
    fix: 'Grant named principals (repository.grantPull(role)) or, for a principal of *, add a condition such as aws:PrincipalOrgID or aws:SourceAccount (iam.OrganizationPrincipal does). Acknowledge the rule only for images that are meant to be public.',
  },
  {
    kind: 'resource',
    rule: EcrRetained,
    criteria: ['A1.2', 'PI1.5'],
    rationale: 'Deleting a stack cannot delete the images deployed models run on (A1.2, PI1.5).',
    severity: Severity.ERROR,
    finding: 'ECR repository is deleted, with its images, when the stack is.',
    fix: 'Keep the Repository default removalPolicy: RemovalPolicy.RETAIN (DeletionPolicy: Retain) and do not set emptyOnDelete; for a scratch repository, acknowledge the rule with a reason.',
  },
  {
    kind: 'resource',
    rule: EcrLifecyclePolicy,
    criteria: ['C1.2'],
    rationale: 'Old images are expired by rule (C1.2 disposes of information at the end of its retention); the expirations themselves are operating evidence.',
    reference: { check: 'config:ECR_PRIVATE_LIFECYCLE_POLICY_CONFIGURED', criteria: ['C1.2'] },
    severity: Severity.WARNING,
    finding: 'ECR repository has no lifecycle policy, so images are never expired.',
    fix: 'Add lifecycleRules to the Repository (e.g. { maxImageCount: 100 } or tagStatus UNTAGGED with maxImageAge), which sets LifecyclePolicy.LifecyclePolicyText.',
  },
];
