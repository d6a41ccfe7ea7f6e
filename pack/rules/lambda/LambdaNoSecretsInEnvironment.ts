import { failed, passed, ResourceRule } from '../../rule';
import { objectsAt } from '../../readers';
import { secretInSetting } from '../../secrets';
import { flatten } from '../../values';

const LOCATION = 'Properties/Environment/Variables';

/**
 * No credentials in a function's environment variables: they are readable by anyone who can read
 * the function's configuration (`lambda:GetFunctionConfiguration`), and kept in every published
 * version. A function reads a secret from Secrets Manager or Parameter Store at run time, with its
 * role.
 */
export const LambdaNoSecretsInEnvironment: ResourceRule = {
  id: 'LambdaNoSecretsInEnvironment',
  resourceTypes: ['AWS::Lambda::Function'],
  passes: 'No `Environment.Variables` value (in any branch) has a credential\'s shape (an AWS key, a private key, a GitHub, Hugging Face, Weights & Biases or Slack token), and no variable named for a secret (`…_PASSWORD`, `…_CLIENT_SECRET`, `…_API_KEY`, `…_ACCESS_TOKEN`) has a literal value of letters and digits that is not a pointer (an ARN, a name with a path). Variables synth cannot read fail.',
  check: (fn) => {
    for (const variables of objectsAt(fn.properties, ['Environment', 'Variables'])) {
      if (variables === null) {
        return failed('Its environment variables cannot be read at synth, so credentials in them cannot be ruled out.', LOCATION);
      }
      for (const [name, value] of Object.entries(variables)) {
        const found = secretInSetting(name, flatten(value));
        if (found) {
          return failed(`Its environment variable ${name} holds ${found}, readable by anyone who can read the function's configuration.`, LOCATION);
        }
      }
    }
    return passed();
  },
};
