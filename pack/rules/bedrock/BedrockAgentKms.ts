import { failed, passed, ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { customerKeyProblem } from './private';

/**
 * An agent's data (its instructions, action groups and session state) is encrypted with a
 * customer-managed key. Without `CustomerEncryptionKeyArn`, Bedrock uses a key AWS owns, whose
 * use the customer can neither restrict nor see in CloudTrail.
 */
export const BedrockAgentKms: ResourceRule = {
  id: 'BedrockAgentKms',
  resourceTypes: ['AWS::Bedrock::Agent'],
  passes: '`CustomerEncryptionKeyArn` names a customer-managed key (a reference or key ARN, not `alias/aws/…`); absent means an AWS-owned key.',
  check: (agent) => {
    const problem = customerKeyProblem(valuesAt(agent.properties.CustomerEncryptionKeyArn, []), 'Bedrock encrypts the agent with a key AWS owns');
    return problem ? failed(`The agent is not encrypted with a customer-managed key: ${problem}.`, 'Properties/CustomerEncryptionKeyArn') : passed();
  },
};
