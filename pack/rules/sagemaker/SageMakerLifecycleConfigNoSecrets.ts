import { failed, passed, ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { base64Script, credentialIn } from '../../secrets';
import { itemsOf } from '../bedrock/private';

/**
 * No credentials in a SageMaker lifecycle configuration: its scripts (notebook instance `OnCreate`
 * and `OnStart`, a Studio app's content) are readable by anyone who can describe the configuration
 * (`sagemaker:DescribeNotebookInstanceLifecycleConfig`, `DescribeStudioLifecycleConfig`), and run
 * as root. A script fetches a secret at run time (Secrets Manager, with the execution role).
 */
export const SageMakerLifecycleConfigNoSecrets: ResourceRule = {
  id: 'SageMakerLifecycleConfigNoSecrets',
  resourceTypes: ['AWS::SageMaker::NotebookInstanceLifecycleConfig', 'AWS::SageMaker::StudioLifecycleConfig'],
  passes: 'No script of the configuration (`OnCreate`/`OnStart` contents, `StudioLifecycleConfigContent`; base64, or inside `Fn::Base64`) holds an AWS access key id or secret key, a private key, or a GitHub, Hugging Face, Weights & Biases or Slack token. A script synth cannot read fails.',
  check: (config) => {
    const contents = config.type === 'AWS::SageMaker::StudioLifecycleConfig'
      ? valuesAt(config.properties, ['StudioLifecycleConfigContent'])
      : ['OnCreate', 'OnStart'].flatMap((hook) => itemsOf(valuesAt(config.properties, [hook])).flatMap((item) => (item === null ? [null] : valuesAt(item, ['Content']))));
    for (const content of contents) {
      const script = content === null ? undefined : content === undefined ? '' : base64Script(content);
      if (script === undefined) {
        return failed('A script of it cannot be read at synth, so that it holds no credentials cannot be shown.', 'Properties');
      }
      const found = credentialIn(script);
      if (found) {
        return failed(`A script of it holds ${found}, readable by anyone who can describe the lifecycle configuration.`, 'Properties');
      }
    }
    return passed();
  },
};
