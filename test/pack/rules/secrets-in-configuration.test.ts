/*
 * Credentials in configuration beyond CodeBuild and SageMaker (their own suites): Lambda environment
 * variables, ECS container environments, EC2 user data (instances, launch templates, launch
 * configurations).
 */
import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { PackRun, runPackOnStack } from '../helpers';

const LAMBDA = 'LambdaNoSecretsInEnvironment';
const ECS = 'EcsNoSecretsInEnvironment';
const USER_DATA = 'Ec2UserDataNoSecrets';

const HF_TOKEN = 'hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
const FETCH = 'TOKEN=$(aws secretsmanager get-secret-value --secret-id hub-token --query SecretString --output text)';

let run: PackRun;
beforeAll(() => {
  run = runPackOnStack((stack: Stack) => {
    const secret = new secretsmanager.Secret(stack, 'HubToken');
    const fn = (id: string, environment: Record<string, string>) => new lambda.Function(stack, id, {
      runtime: lambda.Runtime.PYTHON_3_13, handler: 'index.handler', code: lambda.Code.fromInline('def handler(e, c): return 1'), environment,
    });
    fn('FnClean', { HUB_TOKEN_SECRET_ARN: secret.secretArn, MODEL_NAME: 'churn', API_KEY: '/ml/prod/api-key' });
    fn('FnHubToken', { HUB: HF_TOKEN });
    fn('FnPasswordByName', { DB_PASSWORD: 'Tr0ub4dor-and-3' });
    const variables = new CfnParameter(stack, 'Variables', { type: 'String' });
    (fn('FnUnreadable', {}).node.defaultChild as lambda.CfnFunction).addPropertyOverride('Environment.Variables', Fn.ref(variables.logicalId));

    const task = (id: string, environment: Record<string, string>, secrets?: Record<string, ecs.Secret>) => {
      const definition = new ecs.FargateTaskDefinition(stack, id, { cpu: 256, memoryLimitMiB: 512 });
      definition.addContainer('Model', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/python:3.13'), environment, secrets });
      return definition;
    };
    task('TaskClean', { MODEL_NAME: 'churn' }, { HUB_TOKEN: ecs.Secret.fromSecretsManager(secret) });
    task('TaskKeyId', { DEPLOY: 'AKIAIOSFODNN7EXAMPLE' });
    task('TaskPasswordByName', { OAUTH_CLIENT_SECRET: 'a8f5f167f44f4964e6c998dee827110c', DB_SECRET: 'prod-db-credentials' });

    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'I', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const instance = (id: string, lines: string[]) => {
      const userData = ec2.UserData.forLinux();
      userData.addCommands(...lines);
      return new ec2.Instance(stack, id, { vpc, instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.latestAmazonLinux2023(), userData, requireImdsv2: true });
    };
    instance('InstanceClean', [FETCH, 'huggingface-cli login --token "$TOKEN"']);
    instance('InstanceToken', [`huggingface-cli login --token ${HF_TOKEN}`]);
    const launchData = ec2.UserData.forLinux();
    launchData.addCommands('cat > /root/.ssh/id_rsa <<EOF', '-----BEGIN RSA PRIVATE KEY-----', 'EOF');
    new ec2.LaunchTemplate(stack, 'TemplateKey', { userData: launchData, requireImdsv2: true });
    new autoscaling.CfnLaunchConfiguration(stack, 'LaunchConfigKeyId', {
      imageId: 'ami-0123456789abcdef0', instanceType: 't3.micro',
      userData: Buffer.from('#!/bin/bash\naws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE\n').toString('base64'),
    });
    const script = new CfnParameter(stack, 'Script', { type: 'String' });
    new ec2.CfnInstance(stack, 'InstanceUnreadable', { imageId: 'ami-0123456789abcdef0', userData: Fn.ref(script.logicalId) });
  });
});

describe(LAMBDA, () => {
  test('passes pointers to secrets and ordinary settings', () => {
    expect(run.verdict('Test/FnClean/Resource', LAMBDA)).toBe('passed');
  });

  test('fails a credential by its shape or a literal value named for a secret, and variables synth cannot read', () => {
    expect(run.detail('Test/FnHubToken/Resource', LAMBDA)).toMatch(/variable HUB holds a Hugging Face token/);
    expect(run.detail('Test/FnPasswordByName/Resource', LAMBDA)).toMatch(/DB_PASSWORD holds a literal secret/);
    expect(run.detail('Test/FnUnreadable/Resource', LAMBDA)).toMatch(/cannot be read at synth/);
  });
});

describe(ECS, () => {
  test('passes a secret passed as a secret, and fails one in the environment', () => {
    expect(run.verdict('Test/TaskClean/Resource', ECS)).toBe('passed');
    expect(run.detail('Test/TaskKeyId/Resource', ECS)).toMatch(/container Model has DEPLOY in its environment holding an AWS access key id/);
    expect(run.detail('Test/TaskPasswordByName/Resource', ECS)).toMatch(/OAUTH_CLIENT_SECRET .* a literal secret/);
  });
});

describe(USER_DATA, () => {
  test('passes a script that reads its secret at boot', () => {
    expect(run.verdict('Test/InstanceClean/Resource', USER_DATA)).toBe('passed');
  });

  test('fails a credential in an instance\'s, a launch template\'s or a launch configuration\'s user data', () => {
    expect(run.detail('Test/InstanceToken/Resource', USER_DATA)).toMatch(/holds a Hugging Face token/);
    expect(run.detail('Test/TemplateKey/Resource', USER_DATA)).toMatch(/holds a private key/);
    expect(run.detail('Test/LaunchConfigKeyId', USER_DATA)).toMatch(/holds an AWS access key id/);
  });

  test('fails user data synth cannot read', () => {
    expect(run.detail('Test/InstanceUnreadable', USER_DATA)).toMatch(/cannot be read at synth/);
  });
});
