import { PackRule, Severity } from '../../rule';
import { BedrockAgentKms } from './BedrockAgentKms';
import { BedrockDataSourceKms } from './BedrockDataSourceKms';
import { BedrockGuardrailKms } from './BedrockGuardrailKms';

const AT_REST = 'CC6.1 point of focus "uses encryption to protect data": a customer-managed key puts who may decrypt under the customer\'s key policy and logs each use in CloudTrail; C1.1 protects the confidential information generative features hold.';

/** The bedrock rules, with the criteria, words and severity the pack gives them. */
export const BEDROCK_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: BedrockAgentKms,
    criteria: ['CC6.1', 'C1.1'],
    rationale: AT_REST,
    severity: Severity.ERROR,
    finding: 'Bedrock agent is not encrypted with a customer-managed KMS key.',
    fix: 'Set customerEncryptionKeyArn on the CfnAgent (CustomerEncryptionKeyArn) to your own key (key.keyArn), whose policy lets the agent\'s role and bedrock.amazonaws.com use it.',
  },
  {
    kind: 'resource',
    rule: BedrockGuardrailKms,
    criteria: ['CC6.1', 'C1.1'],
    rationale: AT_REST,
    severity: Severity.ERROR,
    finding: 'Bedrock guardrail is not encrypted with a customer-managed KMS key.',
    fix: 'Set kmsKeyArn on the CfnGuardrail (KmsKeyArn) to your own key (key.keyArn).',
  },
  {
    kind: 'resource',
    rule: BedrockDataSourceKms,
    criteria: ['CC6.1', 'C1.1'],
    rationale: AT_REST,
    severity: Severity.ERROR,
    finding: 'Bedrock knowledge-base data source does not encrypt its ingestion data with a customer-managed KMS key.',
    fix: 'Set serverSideEncryptionConfiguration: { kmsKeyArn: key.keyArn } on the CfnDataSource (ServerSideEncryptionConfiguration.KmsKeyArn), with a key the knowledge base\'s role may use.',
  },
];
