import { ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { secretInSetting } from '../../secrets';
import { flatten } from '../../values';
import { itemsOf } from '../bedrock/private';
import { checkContainers } from './private';

/**
 * No credentials in a container's environment: `Environment` values are plain text in the task
 * definition, readable by anyone who can describe it (`ecs:DescribeTaskDefinition`) and kept in
 * every revision. A secret goes in `Secrets` (Secrets Manager or Parameter Store), which ECS
 * injects at start. A task definition with no container is not applicable.
 */
export const EcsNoSecretsInEnvironment: ResourceRule = {
  id: 'EcsNoSecretsInEnvironment',
  resourceTypes: ['AWS::ECS::TaskDefinition'],
  passes: 'No `ContainerDefinitions[].Environment[]` value has a credential\'s shape (an AWS key, a private key, a GitHub, Hugging Face, Weights & Biases or Slack token), and no variable named for a secret (`…_PASSWORD`, `…_CLIENT_SECRET`, `…_API_KEY`, `…_ACCESS_TOKEN`) has a literal value of letters and digits that is not a pointer (an ARN, a name with a path); `Secrets` entries are the way.',
  check: (task) => checkContainers(task, (c) => {
    for (const variable of itemsOf(valuesAt(c.definition, ['Environment']))) {
      if (variable === null) {
        return { detail: `The environment of its ${c.label} cannot be read at synth, so credentials in it cannot be ruled out.`, property: 'Environment' };
      }
      const name = flatten(variable.Name);
      const value = flatten(variable.Value);
      const found = secretInSetting(name, value);
      if (found) {
        return { detail: `Its ${c.label} has ${name} in its environment holding ${found}, in plain text in the task definition.`, property: 'Environment' };
      }
    }
    return undefined;
  }),
};
