import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { PackRun, runPackOnStack } from '../../helpers';

const PLAINTEXT = 'CodeBuildNoPlaintextSecrets';
const SOURCE = 'CodeBuildSourceNoCredentials';
const LOGS = 'CodeBuildLogsEnabled';
const PRIVILEGED = 'CodeBuildNotPrivileged';
const ENCRYPTED = 'CodeBuildEncrypted';
const RULES = [PLAINTEXT, SOURCE, LOGS, PRIVILEGED, ENCRYPTED];

const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';

let run: PackRun;
beforeAll(() => {
  run = runPackOnStack((stack: Stack) => {
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const bucket = new s3.Bucket(stack, 'Bucket', { encryptionKey: key });
    const logGroup = new logs.LogGroup(stack, 'Logs', { encryptionKey: key });
    const secret = new secretsmanager.Secret(stack, 'Token');
    const project = (id: string, props: Partial<codebuild.ProjectProps> = {}) => new codebuild.Project(stack, id, {
      buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', phases: { build: { commands: ['make'] } } }),
      encryptionKey: key,
      logging: { cloudWatch: { logGroup } },
      artifacts: codebuild.Artifacts.s3({ bucket, name: id.toLowerCase() }),
      ...props,
    });
    const cfn = (p: codebuild.Project) => p.node.defaultChild as codebuild.CfnProject;

    project('Hardened', {
      environmentVariables: {
        STAGE: { value: 'prod' },
        TOKEN: { type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER, value: secret.secretArn },
        AWS_SECRET_ACCESS_KEY: { type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER, value: secret.secretArn },
      },
    });

    // Credentials in clear text: the L2 prop (default type PLAINTEXT), an override, a value that is a key id, the buildspec.
    project('PlaintextSecretKey', { environmentVariables: { AWS_SECRET_ACCESS_KEY: { value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } } });
    cfn(project('PlaintextOverride')).addPropertyOverride('Environment.EnvironmentVariables', [{ Name: 'aws_access_key_id', Type: 'PLAINTEXT', Value: ACCESS_KEY }]);
    cfn(project('TypeLeftOut')).addPropertyOverride('Environment.EnvironmentVariables', [{ Name: 'AWS_SECRET_ACCESS_KEY', Value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }]);
    project('KeyIdUnderOtherName', { environmentVariables: { DEPLOY_USER_KEY: { value: ACCESS_KEY } } });
    project('HubToken', { environmentVariables: { HF_HOME: { value: '/cache/hf' }, HUB: { value: 'hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789' } } });
    project('PasswordByName', { environmentVariables: { DB_PASSWORD: { value: 'Tr0ub4dor-and-3' } } });
    // Named for a secret, but pointers to one, or a placeholder: not secrets.
    project('SecretPointers', {
      environmentVariables: {
        DB_SECRET: { value: secret.secretArn },
        API_KEY: { value: '/ml/prod/api-key' },
        NPM_TOKEN: { value: 'none' },
        SIGNING_SECRET: { value: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:signing' },
      },
    });
    project('BuildSpecCredentials', { buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', env: { variables: { AWS_ACCESS_KEY_ID: ACCESS_KEY } }, phases: { build: { commands: ['make'] } } }) });
    project('BuildSpecStored', { buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', env: { 'secrets-manager': { AWS_SECRET_ACCESS_KEY: 'deploy:secret' } }, phases: { build: { commands: ['make'] } } }) });
    const typeParameter = new CfnParameter(stack, 'VariableType', { type: 'String', allowedValues: ['PLAINTEXT', 'SECRETS_MANAGER'] });
    cfn(project('TypeParameter')).addPropertyOverride('Environment.EnvironmentVariables', [{ Name: 'AWS_SESSION_TOKEN', Type: typeParameter.valueAsString, Value: secret.secretArn }]);

    // Source locations.
    const github = (id: string, location: string) => new codebuild.CfnProject(stack, id, {
      source: { type: 'GITHUB', location },
      artifacts: { type: 'NO_ARTIFACTS' },
      environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' },
      serviceRole: 'arn:aws:iam::111111111111:role/build',
    });
    github('PlainUrl', 'https://github.com/org/models.git');
    github('TokenAsUser', 'https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/org/models.git');
    github('UserAndPassword', 'https://deploy:s3cret@bitbucket.org/team/models.git');
    github('UserOnly', 'https://team@bitbucket.org/team/models.git');
    // Resolved by CloudFormation into the URL CodeBuild stores, and shows to whoever reads the project.
    github('DynamicReference', 'https://{{resolve:secretsmanager:repo-token}}@github.com/org/models.git');

    // Logs.
    project('CloudWatchOff', { logging: { cloudWatch: { enabled: false } } });
    project('S3LogsInstead', { logging: { cloudWatch: { enabled: false }, s3: { bucket } } });
    cfn(project('LogsOverride')).addPropertyOverride('LogsConfig.CloudWatchLogs.Status', 'DISABLED');
    const region = new CfnCondition(stack, 'InIreland', { expression: Fn.conditionEquals(stack.region, 'eu-west-1') });
    cfn(project('LogsConditional')).addPropertyOverride('LogsConfig.CloudWatchLogs.Status', Fn.conditionIf(region.logicalId, 'ENABLED', 'DISABLED'));

    // Privileged mode.
    project('Privileged', { environment: { privileged: true } });
    cfn(project('PrivilegedOverride')).addPropertyOverride('Environment.PrivilegedMode', true);
    const open = new CfnParameter(stack, 'Privilege', { type: 'String' });
    cfn(project('PrivilegedParameter')).addPropertyOverride('Environment.PrivilegedMode', open.valueAsString);

    // Encryption.
    // The L2 writes alias/aws/s3 when given no key; the L1 may leave the key out.
    project('L2WithoutKey', { encryptionKey: undefined });
    cfn(project('NoKey')).addPropertyDeletionOverride('EncryptionKey');
    cfn(project('AwsManagedKey')).addPropertyOverride('EncryptionKey', 'alias/aws/s3');
    cfn(project('ArtifactsUnencrypted')).addPropertyOverride('Artifacts.EncryptionDisabled', true);
    project('S3LogsUnencrypted', { logging: { s3: { bucket, encrypted: false } } });
    project('NothingWritten', { encryptionKey: undefined, artifacts: undefined });
  });
});

describe(PLAINTEXT, () => {
  test('passes plain settings and credentials kept in Secrets Manager', () => {
    expect(run.verdict('Test/Hardened/Resource', PLAINTEXT)).toBe('passed');
    expect(run.verdict('Test/BuildSpecStored/Resource', PLAINTEXT)).toBe('passed');
  });

  test('fails a credential variable left PLAINTEXT by default, by override in any case, or whose type a parameter may make PLAINTEXT', () => {
    expect(run.detail('Test/PlaintextSecretKey/Resource', PLAINTEXT)).toMatch(/AWS_SECRET_ACCESS_KEY is PLAINTEXT:/);
    expect(run.detail('Test/TypeLeftOut/Resource', PLAINTEXT)).toMatch(/AWS_SECRET_ACCESS_KEY is PLAINTEXT \(no Type is set/);
    expect(run.detail('Test/PlaintextOverride/Resource', PLAINTEXT)).toMatch(/AWS_ACCESS_KEY_ID is PLAINTEXT:/);
    expect(run.detail('Test/TypeParameter/Resource', PLAINTEXT)).toMatch(/AWS_SESSION_TOKEN is PLAINTEXT/);
  });

  test('fails a credential by its shape under any name, and a literal value of a variable named for a secret', () => {
    expect(run.detail('Test/HubToken/Resource', PLAINTEXT)).toMatch(/HUB is PLAINTEXT and holds a Hugging Face token/);
    expect(run.detail('Test/PasswordByName/Resource', PLAINTEXT)).toMatch(/DB_PASSWORD is PLAINTEXT and holds a literal secret \(its name says so\)/);
  });

  test('passes variables named for a secret that point at one (an ARN, a parameter path) or hold a placeholder', () => {
    expect(run.verdict('Test/SecretPointers/Resource', PLAINTEXT)).toBe('passed');
  });

  test('fails an access key id under another name, and credentials in an inline buildspec', () => {
    expect(run.detail('Test/KeyIdUnderOtherName/Resource', PLAINTEXT)).toMatch(/DEPLOY_USER_KEY .* holds an AWS access key id/);
    expect(run.detail('Test/BuildSpecCredentials/Resource', PLAINTEXT)).toMatch(/inline buildspec sets AWS_ACCESS_KEY_ID under env.variables/);
  });
});

describe(SOURCE, () => {
  test('passes a plain URL and a plain user name', () => {
    expect(run.verdict('Test/PlainUrl', SOURCE)).toBe('passed');
    expect(run.verdict('Test/UserOnly', SOURCE)).toBe('passed');
  });

  test('fails a token as the user, a user with a password, and a secret resolved into the URL', () => {
    expect(run.detail('Test/TokenAsUser', SOURCE)).toMatch(/carries an access token/);
    expect(run.detail('Test/UserAndPassword', SOURCE)).toMatch(/carries a user name and password/);
    expect(run.verdict('Test/DynamicReference', SOURCE)).toBe('failed');
  });
});

describe(LOGS, () => {
  test('passes CloudWatch Logs on, and S3 logs in its place', () => {
    expect(run.verdict('Test/Hardened/Resource', LOGS)).toBe('passed');
    expect(run.verdict('Test/S3LogsInstead/Resource', LOGS)).toBe('passed');
    expect(run.verdict('Test/PlainUrl', LOGS)).toBe('passed');
  });

  test('fails CloudWatch Logs switched off with nothing else, by prop, override or in one branch', () => {
    for (const id of ['CloudWatchOff', 'LogsOverride', 'LogsConditional']) {
      expect({ id, detail: run.detail(`Test/${id}/Resource`, LOGS) }).toEqual({ id, detail: expect.stringMatching(/not logged/) });
    }
  });
});

describe(PRIVILEGED, () => {
  test('passes the default and fails privileged mode set by prop, by override or by a parameter', () => {
    expect(run.verdict('Test/Hardened/Resource', PRIVILEGED)).toBe('passed');
    expect(run.detail('Test/Privileged/Resource', PRIVILEGED)).toMatch(/privileged mode/);
    expect(run.verdict('Test/PrivilegedOverride/Resource', PRIVILEGED)).toBe('failed');
    expect(run.detail('Test/PrivilegedParameter/Resource', PRIVILEGED)).toMatch(/cannot be known at synth/);
  });
});

describe(ENCRYPTED, () => {
  test('passes artifacts under a customer-managed key', () => {
    expect(run.verdict('Test/Hardened/Resource', ENCRYPTED)).toBe('passed');
  });

  test('fails no key, the AWS-managed key, and the L2 given no key (which names aws/s3)', () => {
    expect(run.detail('Test/L2WithoutKey/Resource', ENCRYPTED)).toMatch(/AWS-managed key alias\/aws\/s3/);
    expect(run.detail('Test/NoKey/Resource', ENCRYPTED)).toMatch(/no key is set, so CodeBuild encrypts .* aws\/s3/);
    expect(run.detail('Test/AwsManagedKey/Resource', ENCRYPTED)).toMatch(/AWS-managed key alias\/aws\/s3/);
  });

  test('fails artifacts or S3 logs written unencrypted', () => {
    expect(run.detail('Test/ArtifactsUnencrypted/Resource', ENCRYPTED)).toMatch(/artifacts .*written unencrypted/);
    expect(run.detail('Test/S3LogsUnencrypted/Resource', ENCRYPTED)).toMatch(/S3 build logs are written unencrypted/);
  });

  test('is not applicable to a project that writes nothing a key would encrypt', () => {
    expect(run.verdict('Test/NothingWritten/Resource', ENCRYPTED)).toBe('not-applicable');
    expect(run.verdict('Test/PlainUrl', ENCRYPTED)).toBe('not-applicable');
  });
});

test('the hardened project raises no CodeBuild finding', () => {
  expect(RULES.map((r) => `${r} ${run.verdict('Test/Hardened/Resource', r)}`)).toEqual(RULES.map((r) => `${r} passed`));
});
