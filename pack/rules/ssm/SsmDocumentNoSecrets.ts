import { failed, passed, ResourceRule } from '../../rule';
import { isObject, Json } from '../../json';
import { readableObject, valuesAt } from '../../readers';
import { credentialIn, secretInSetting } from '../../secrets';
import { flatten, isIntrinsic } from '../../values';

/**
 * No credentials in a Systems Manager document: its content (the commands and scripts of a Run
 * Command document, the steps of an Automation runbook) is readable by anyone who can get the
 * document (`ssm:GetDocument`, and other accounts it is shared with), and the commands run with the
 * instance's or the automation's role. A document reads a secret at run time (a SecureString
 * parameter or Secrets Manager). Every `Fn::If` branch counts; a content given as a string (YAML or
 * JSON) is scanned as text, an object as its JSON; references become placeholders. A parameter of
 * the document whose name says it holds a secret may not default to one. Content synth cannot read
 * at all (a parameter, an import) fails closed.
 */
export const SsmDocumentNoSecrets: ResourceRule = {
  id: 'SsmDocumentNoSecrets',
  resourceTypes: ['AWS::SSM::Document'],
  passes: 'No branch of `Content` (an object, or a JSON or YAML string) holds an AWS access key id or secret key, a private key, or a GitHub, Hugging Face, Weights & Biases or Slack token, and no document parameter named like a secret (`…Password`, `…ApiKey`, `…AccessToken`) defaults to a literal one. Content synth cannot read fails.',
  check: (document) => {
    for (const content of valuesAt(document.properties.Content, [])) {
      if (content === undefined) {
        continue;
      }
      const text = content === null ? undefined : textOf(content);
      if (text === undefined) {
        return failed('Its Content cannot be read at synth (a parameter, an import or another intrinsic), so that it holds no credentials cannot be shown.', 'Properties/Content');
      }
      const found = credentialIn(text) ?? secretDefault(content);
      if (found) {
        return failed(`Its content holds ${found}, readable by anyone who can get the document (and by the accounts it is shared with).`, 'Properties/Content');
      }
    }
    return passed();
  },
};

/** A content as text: a string as it is, an object as JSON with references as placeholders; undefined for a bare intrinsic. */
function textOf(content: Json): string | undefined {
  if (typeof content === 'string') {
    return content;
  }
  if (isIntrinsic(content)) {
    return 'Fn::Join' in content || 'Fn::Sub' in content ? flatten(content) : undefined;
  }
  return JSON.stringify(content);
}

/** A document parameter (object content) whose name says it holds a secret and whose default is one. */
function secretDefault(content: Json): string | undefined {
  const parameters = readableObject(isObject(content) ? content.parameters ?? content.Parameters : undefined);
  for (const [name, parameter] of Object.entries(parameters ?? {})) {
    const fallback = isObject(parameter) ? parameter.default ?? parameter.Default : undefined;
    if (typeof fallback === 'string') {
      const found = secretInSetting(snakeCase(name), fallback);
      if (found) {
        return `${found} as the default of its parameter ${name}`;
      }
    }
  }
  return undefined;
}

/** `DbPassword` as `Db_Password`, so a parameter's name reads as the setting names the secret test knows. */
function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
}
