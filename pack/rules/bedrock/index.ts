import { PackRule, Severity } from '../../rule';
import { BedrockAgentKms } from './BedrockAgentKms';
import { BedrockDataSourceKms } from './BedrockDataSourceKms';
import { BedrockGuardrailKms } from './BedrockGuardrailKms';


/** The bedrock rules, with the criteria, words and severity the pack gives them. */
export const BEDROCK_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: BedrockAgentKms,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Agent sessions are encrypted under a customer-managed key (CC6.1, C1.1).',
    severity: Severity.ERROR,
    finding: 'Bedrock agent is not encrypted with a customer-managed KMS key.',
    fix: 'Set customerEncryptionKeyArn on the CfnAgent (CustomerEncryptionKeyArn) to your own key (key.keyArn), whose policy lets the agent\'s role and bedrock.amazonaws.com use it.',
  },
  {
    kind: 'resource',
    rule: BedrockGuardrailKms,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'The guardrail\'s configuration is encrypted under a customer-managed key (CC6.1, C1.1).',
    severity: Severity.ERROR,
    finding: 'Bedrock guardrail is not encrypted with a customer-managed KMS key.',
    fix: 'Set kmsKeyArn on the CfnGuardrail (KmsKeyArn) to your own key (key.keyArn).',
  },
  {
    kind: 'resource',
    rule: BedrockDataSourceKms,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Knowledge-base data in transit through ingestion is encrypted under a customer-managed key (CC6.1, C1.1).',
    severity: Severity.ERROR,
    finding: 'Bedrock knowledge-base data source does not encrypt its ingestion data with a customer-managed KMS key.',
    fix: 'Set serverSideEncryptionConfiguration: { kmsKeyArn: key.keyArn } on the CfnDataSource (ServerSideEncryptionConfiguration.KmsKeyArn), with a key the knowledge base\'s role may use.',
  },
];
