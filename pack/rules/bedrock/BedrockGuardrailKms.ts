import { failed, passed, ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { customerKeyProblem } from './private';

/**
 * A guardrail's configuration (denied topics, word lists, sensitive-information patterns, which
 * describe the data it protects) is encrypted with a customer-managed key. Without `KmsKeyArn`,
 * Bedrock uses a key AWS owns.
 */
export const BedrockGuardrailKms: ResourceRule = {
  id: 'BedrockGuardrailKms',
  resourceTypes: ['AWS::Bedrock::Guardrail'],
  passes: '`KmsKeyArn` names a customer-managed key (a reference or key ARN, not `alias/aws/…`); absent means an AWS-owned key.',
  check: (guardrail) => {
    const problem = customerKeyProblem(valuesAt(guardrail.properties.KmsKeyArn, []), 'Bedrock encrypts the guardrail with a key AWS owns');
    return problem ? failed(`The guardrail is not encrypted with a customer-managed key: ${problem}.`, 'Properties/KmsKeyArn') : passed();
  },
};
