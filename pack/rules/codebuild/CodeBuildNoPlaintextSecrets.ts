import * as YAML from 'yaml';
import { failed, passed, ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';
import { isObject, Json } from '../../json';
import { literalAlternatives, valuesAt } from '../../readers';
import { flatten, isUnset } from '../../values';
import { secretInSetting } from '../../secrets';
import { itemsOf } from '../bedrock/private';
import { sourcesOf } from './private';

/** The variables the AWS SDKs and CLI read credentials from. */
const CREDENTIAL_NAMES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];
/** The types that keep a variable's value out of the project (a reference to where it is stored). */
const STORED = ['PARAMETER_STORE', 'SECRETS_MANAGER'];

const ENVIRONMENT = 'Properties/Environment/EnvironmentVariables';

/**
 * No credentials in clear text in a build project: not as `PLAINTEXT` environment variables (the
 * default type), whose values anyone who can read the project (`codebuild:BatchGetProjects`) or
 * its builds sees, and not in the `env.variables` of an inline buildspec, which are plaintext too.
 * AWS credentials by name (`AWS_SECRET_ACCESS_KEY`, whatever the value), any credential by its
 * shape (see pack/secrets.ts), and a literal value of a variable named for a secret
 * (`…_PASSWORD`, `…_API_KEY`, `…_TOKEN`). A build gets its AWS permissions from its service role;
 * a secret it needs is a `PARAMETER_STORE` or `SECRETS_MANAGER` variable.
 */
export const CodeBuildNoPlaintextSecrets: ResourceRule = {
  id: 'CodeBuildNoPlaintextSecrets',
  resourceTypes: ['AWS::CodeBuild::Project'],
  passes: 'No `PLAINTEXT` environment variable (the default type, in any branch) is named `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` or `AWS_SESSION_TOKEN`, holds a value of a credential\'s shape (an AWS key, a private key, a GitHub, Hugging Face, Weights & Biases or Slack token), or is named for a secret (`…_PASSWORD`, `…_CLIENT_SECRET`, `…_API_KEY`, `…_ACCESS_TOKEN`) with a literal value of letters and digits that is not a pointer (an ARN, a name with a path); nor does an inline buildspec set such a variable under `env.variables`. A variable list synth cannot read fails.',
  check: (project) => {
    for (const variable of itemsOf(valuesAt(project.properties, ['Environment', 'EnvironmentVariables']))) {
      if (variable === null) {
        return failed('Its environment variables cannot be read at synth, so AWS credentials in clear text cannot be ruled out.', ENVIRONMENT);
      }
      const problem = variableProblem(project, variable.Name, variable.Type, variable.Value);
      if (problem) {
        return failed(problem, ENVIRONMENT);
      }
    }
    for (const source of sourcesOf(project)) {
      const problem = source === null ? undefined : buildSpecProblem(source.BuildSpec);
      if (problem) {
        return failed(problem, 'Properties/Source/BuildSpec');
      }
    }
    return passed();
  },
};

/** Why one environment variable exposes AWS credentials, or undefined. */
function variableProblem(project: TemplateResource, name: Json | undefined, type: Json | undefined, value: Json | undefined): string | undefined {
  const types = literalAlternatives(type, project.template);
  const mayBePlaintext = types === undefined || types.some((t) => isUnset(t) || typeof t !== 'string' || !STORED.includes(t.toUpperCase()));
  if (!mayBePlaintext) {
    return undefined;
  }
  const spelled = flatten(name).toUpperCase();
  const how = isUnset(type) ? 'PLAINTEXT (no Type is set, and PLAINTEXT is the default)' : types === undefined ? 'of a type synth cannot know, so possibly PLAINTEXT' : 'PLAINTEXT';
  if (CREDENTIAL_NAMES.includes(spelled)) {
    return `Its environment variable ${spelled} is ${how}: its value is readable by anyone who can read the project or its builds. Builds get AWS permissions from the project's service role.`;
  }
  const found = secretInSetting(flatten(name), flatten(value));
  return found ? `Its environment variable ${flatten(name)} is ${how} and holds ${found}, readable by anyone who can read the project or its builds.` : undefined;
}

/** Why an inline buildspec sets AWS credentials as plain variables, or undefined (a buildspec file in the source is not in the template). */
function buildSpecProblem(buildSpec: Json | undefined): string | undefined {
  const text = typeof buildSpec === 'string' || isObject(buildSpec) ? flatten(buildSpec) : '';
  if (!/\benv\b/.test(text)) {
    return undefined;
  }
  let spec: Json;
  try {
    spec = YAML.parse(text) as Json;
  } catch {
    // A buildspec file name (`buildspec.yml`) or text CodeBuild would reject itself.
    return undefined;
  }
  const env = isObject(spec) ? spec.env : undefined;
  const variables = env !== undefined && isObject(env) ? env.variables : undefined;
  if (variables === undefined || !isObject(variables)) {
    return undefined;
  }
  const entries = Object.entries(variables);
  const named = entries.find(([k]) => CREDENTIAL_NAMES.includes(k.toUpperCase()));
  if (named) {
    return `Its inline buildspec sets ${named[0]} under env.variables, which are plaintext: readable by anyone who can read the project.`;
  }
  for (const [k, v] of entries) {
    const found = secretInSetting(k, flatten(v));
    if (found) {
      return `Its inline buildspec sets ${k} under env.variables to ${found}, in plaintext.`;
    }
  }
  return undefined;
}
