import { PackRule, Severity } from '../../rule';
import { CodePipelineArtifactsCustomerKey } from './CodePipelineArtifactsCustomerKey';

/** The CodePipeline rules, with the criteria, words and severity the pack gives them. */
export const CODEPIPELINE_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: CodePipelineArtifactsCustomerKey,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Pipeline artifacts (source and build outputs on their way to production) are encrypted under a key whose use the customer controls and logs (CC6.1), and may embed confidential code and models (C1.1).',
    severity: Severity.ERROR,
    finding: 'CodePipeline pipeline does not encrypt its artifacts with a customer-managed KMS key.',
    fix: 'Give the pipeline an artifact bucket encrypted with your key (artifactBucket: a bucket with encryptionKey), or crossAccountKeys: true; on the L1, ArtifactStore.EncryptionKey: { id: key.keyArn, type: \'KMS\' } (and on each ArtifactStores entry).',
  },
];
