import { Aws, CfnCondition, Fn, Stack } from 'aws-cdk-lib';
import * as bedrock from 'aws-cdk-lib/aws-bedrock';
import * as kms from 'aws-cdk-lib/aws-kms';
import { PackRun, runPackOnStack } from '../../helpers';

const AGENT = 'BedrockAgentKms';
const GUARDRAIL = 'BedrockGuardrailKms';
const DATA_SOURCE = 'BedrockDataSourceKms';

let run: PackRun;
beforeAll(() => {
  run = runPackOnStack((stack: Stack) => {
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const awsManaged = Stack.of(stack).formatArn({ service: 'kms', resource: 'alias', resourceName: 'aws/bedrock' });
    const region = new CfnCondition(stack, 'InIreland', { expression: Fn.conditionEquals(Aws.REGION, 'eu-west-1') });
    const role = Stack.of(stack).formatArn({ service: 'iam', region: '', resource: 'role', resourceName: 'bedrock-agent' });

    // Each trio differs only in the key.
    const agent = (id: string, customerEncryptionKeyArn?: string) => new bedrock.CfnAgent(stack, id, {
      agentName: id, foundationModel: 'anthropic.claude-3-haiku-20240307-v1:0', agentResourceRoleArn: role, customerEncryptionKeyArn,
    });
    agent('Agent', key.keyArn);
    agent('AgentNoKey');
    agent('AgentAwsKey', awsManaged);
    agent('AgentConditional', key.keyArn).addPropertyOverride('CustomerEncryptionKeyArn', Fn.conditionIf(region.logicalId, key.keyArn, Fn.ref('AWS::NoValue')));

    const guardrail = (id: string, kmsKeyArn?: string) => new bedrock.CfnGuardrail(stack, id, {
      name: id, blockedInputMessaging: 'Blocked.', blockedOutputsMessaging: 'Blocked.', kmsKeyArn,
      contentPolicyConfig: { filtersConfig: [{ type: 'HATE', inputStrength: 'HIGH', outputStrength: 'HIGH' }] },
    });
    guardrail('Guardrail', key.keyArn);
    guardrail('GuardrailNoKey');
    guardrail('GuardrailImportedKey', Fn.importValue('SharedKeyArn'));

    const dataSource = (id: string, serverSideEncryptionConfiguration?: bedrock.CfnDataSource.ServerSideEncryptionConfigurationProperty) => new bedrock.CfnDataSource(stack, id, {
      name: id, knowledgeBaseId: 'KB12345678',
      dataSourceConfiguration: { type: 'S3', s3Configuration: { bucketArn: 'arn:aws:s3:::documents' } },
      serverSideEncryptionConfiguration,
    });
    dataSource('DataSource', { kmsKeyArn: key.keyArn });
    dataSource('DataSourceNoKey');
    dataSource('DataSourceEmptyConfiguration', {});
  });
});

test.each([
  [AGENT, 'Test/Agent', 'Test/AgentNoKey'],
  [GUARDRAIL, 'Test/Guardrail', 'Test/GuardrailNoKey'],
  [DATA_SOURCE, 'Test/DataSource', 'Test/DataSourceNoKey'],
])('%s passes a customer-managed key and fails none (an AWS-owned key)', (rule, withKey, withoutKey) => {
  expect(run.verdict(withKey, rule)).toBe('passed');
  expect(run.verdict(withoutKey, rule)).toBe('failed');
  expect(run.detail(withoutKey, rule)).toMatch(/no key is set, so Bedrock encrypts .* with a key AWS owns/);
});

test('an AWS-managed alias fails; an imported key counts as customer-managed', () => {
  expect(run.detail('Test/AgentAwsKey', AGENT)).toMatch(/AWS-managed key/);
  expect(run.verdict('Test/GuardrailImportedKey', GUARDRAIL)).toBe('passed');
});

test('an Fn::If with a branch without a key fails', () => {
  expect(run.verdict('Test/AgentConditional', AGENT)).toBe('failed');
});

test('an encryption configuration without a key fails', () => {
  expect(run.verdict('Test/DataSourceEmptyConfiguration', DATA_SOURCE)).toBe('failed');
});
