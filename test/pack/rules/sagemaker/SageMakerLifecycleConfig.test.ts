import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { PackRun, runPackOnStack } from '../../helpers';

const RULE = 'SageMakerLifecycleConfigNoSecrets';

const CLEAN = '#!/bin/bash\nset -e\nsudo -u ec2-user -i pip install --quiet xgboost==2.1.0\nTOKEN=$(aws secretsmanager get-secret-value --secret-id hf-token --query SecretString --output text)\n';
const base64 = (text: string) => Buffer.from(text).toString('base64');

let run: PackRun;
beforeAll(() => {
  run = runPackOnStack((stack: Stack) => {
    const notebook = (id: string, onStart: string | object, onCreate?: string) => new sagemaker.CfnNotebookInstanceLifecycleConfig(stack, id, {
      onStart: [{ content: onStart as string }],
      onCreate: onCreate === undefined ? undefined : [{ content: onCreate }],
    });
    notebook('Clean', base64(CLEAN), base64('#!/bin/bash\necho ready\n'));
    notebook('CleanInFnBase64', Fn.base64(CLEAN));
    notebook('AccessKeyInOnCreate', base64(CLEAN), base64('#!/bin/bash\naws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE\n'));
    notebook('SecretKey', base64('export AWS_SECRET_ACCESS_KEY=x\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n'));
    notebook('HuggingFaceInFnBase64', Fn.base64('huggingface-cli login --token hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789\n'));
    notebook('WandbKey', base64('export WANDB_API_KEY=0123456789abcdef0123456789abcdef01234567\n'));
    const script = new CfnParameter(stack, 'Script', { type: 'String' });
    notebook('FromParameter', Fn.ref(script.logicalId));
    const studio = (id: string, content: string) => new sagemaker.CfnStudioLifecycleConfig(stack, id, {
      studioLifecycleConfigName: id.toLowerCase(), studioLifecycleConfigAppType: 'JupyterLab', studioLifecycleConfigContent: content,
    });
    studio('StudioClean', base64(CLEAN));
    studio('StudioPrivateKey', base64('cat > ~/.ssh/id_rsa <<EOF\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow...\nEOF\n'));
  });
});

test('passes scripts that fetch their secrets at run time, base64 or in Fn::Base64, notebook or Studio', () => {
  for (const id of ['Clean', 'CleanInFnBase64', 'StudioClean']) {
    expect({ id, verdict: run.verdict(`Test/${id}`, RULE) }).toEqual({ id, verdict: 'passed' });
  }
});

test('fails a script holding a credential, saying which kind', () => {
  expect(run.detail('Test/AccessKeyInOnCreate', RULE)).toMatch(/holds an AWS access key id/);
  expect(run.detail('Test/SecretKey', RULE)).toMatch(/holds an AWS secret access key/);
  expect(run.detail('Test/HuggingFaceInFnBase64', RULE)).toMatch(/holds a Hugging Face token/);
  expect(run.detail('Test/WandbKey', RULE)).toMatch(/holds a Weights & Biases API key/);
  expect(run.detail('Test/StudioPrivateKey', RULE)).toMatch(/holds a private key/);
});

test('fails a script synth cannot read', () => {
  expect(run.detail('Test/FromParameter', RULE)).toMatch(/cannot be read at synth/);
});
