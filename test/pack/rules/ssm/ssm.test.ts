import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { PackRun, runPackOnStack } from '../../helpers';

/*
 * SsmDocumentNoSecrets over Command and Automation documents: content as an object and as a YAML
 * string, a token in a command, a parameter defaulting to a password, a condition, and content
 * synth cannot read.
 */

const RULE = 'SsmDocumentNoSecrets';
const TOKEN = `ghp_${'a1B2c3D4e5'.repeat(3)}a1B2c3`;

function command(commands: string[], parameters: Record<string, unknown> = {}) {
  return {
    schemaVersion: '2.2', description: 'Refresh the feature cache', parameters,
    mainSteps: [{ action: 'aws:runShellScript', name: 'refresh', inputs: { runCommand: commands } }],
  };
}

describe(RULE, () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const doc = (id: string, content: unknown, documentFormat?: string) => new ssm.CfnDocument(stack, id, { documentType: 'Command', content, documentFormat });
      // Pair: differ only in how the script gets its token.
      doc('FetchesToken', command(['TOKEN=$(aws secretsmanager get-secret-value --secret-id feature-cache --query SecretString --output text)', 'refresh --token "$TOKEN"']));
      doc('TokenInScript', command([`refresh --token ${TOKEN}`]));
      // Pair: differ only in the parameter's default.
      doc('PasswordParameter', command(['connect --password {{ DbPassword }}'], { DbPassword: { type: 'String', description: 'given at run time' } }));
      doc('PasswordDefault', command(['connect --password {{ DbPassword }}'], { DbPassword: { type: 'String', default: 'Winter2026x' } }));
      // CDK types Content as an object; a template written by hand may give YAML as a string.
      doc('YamlWithKey', {}, 'YAML').addPropertyOverride('Content', `schemaVersion: '2.2'\nmainSteps:\n  - action: aws:runShellScript\n    name: sync\n    inputs:\n      runCommand:\n        - export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n`);
      const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });
      doc('TokenInBranch', Fn.conditionIf(useFeature.logicalId, command(['refresh']), command([`refresh --token ${TOKEN}`])));
      const content = new CfnParameter(stack, 'DocumentContent', { type: 'String' });
      doc('FromParameter', {}, 'YAML').addPropertyOverride('Content', content.valueAsString);
    });
  });

  test('passes a document that fetches its credential at run time, or takes it as a parameter', () => {
    expect(run.verdict('Test/FetchesToken', RULE)).toBe('passed');
    expect(run.verdict('Test/PasswordParameter', RULE)).toBe('passed');
  });

  test('fails a credential in a command, in JSON or YAML content', () => {
    expect(run.detail('Test/TokenInScript', RULE)).toBe('Its content holds a GitHub token, readable by anyone who can get the document (and by the accounts it is shared with).');
    expect(run.detail('Test/YamlWithKey', RULE)).toMatch(/holds an AWS access key id/);
  });

  test('fails a parameter named like a secret that defaults to one', () => {
    expect(run.detail('Test/PasswordDefault', RULE)).toMatch(/holds a literal secret \(its name says so\) as the default of its parameter DbPassword/);
  });

  test('judges every branch; fails closed on content synth cannot read', () => {
    expect(run.verdict('Test/TokenInBranch', RULE)).toBe('failed');
    expect(run.detail('Test/FromParameter', RULE)).toMatch(/cannot be read at synth/);
  });
});
