import { credentialIn, isSecretByName } from '../../pack/secrets';

describe('credentialIn', () => {
  test.each([
    ['export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE', 'an AWS access key id'],
    ['session ASIAY34FZKBOKMUTVV7A', 'an AWS access key id'],
    ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'an AWS secret access key'],
    ['{"aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}', 'an AWS secret access key'],
    ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA', 'a private key'],
    ['-----BEGIN PRIVATE KEY-----', 'a private key'],
    ['git clone https://ghp_0123456789abcdefghijklmnopqrstuvwxyz@github.com/o/r', 'a GitHub token'],
    ['GH=github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', 'a GitHub token'],
    ['huggingface-cli login --token hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789', 'a Hugging Face token'],
    ['export WANDB_API_KEY=0123456789abcdef0123456789abcdef01234567', 'a Weights & Biases API key'],
    ['SLACK=xoxb-123456789012-abcdefghijkl', 'a Slack token'],
  ])('finds %s', (text, what) => {
    expect(credentialIn(text)).toBe(what);
  });

  test.each([
    ['#!/bin/bash\npip install torch==2.4.0\naws s3 cp s3://models/churn/model.tar.gz .'],
    ['TOKEN=$(aws secretsmanager get-secret-value --secret-id hf-token --query SecretString --output text)'],
    ['export HF_HOME=/opt/hf; export AWS_DEFAULT_REGION=eu-west-1'],
    ['-----BEGIN PUBLIC KEY-----'],
    ['arn:aws:secretsmanager:eu-west-1:111111111111:secret:hf-token-AbCdEf'],
    // A key id must stand alone: inside a longer run of letters it is not one.
    ['XAKIAIOSFODNN7EXAMPLEX'],
  ])('finds nothing in %s', (text) => {
    expect(credentialIn(text)).toBeUndefined();
  });
});

describe('isSecretByName', () => {
  test('a literal value of a setting named for a secret', () => {
    expect(isSecretByName('DB_PASSWORD', 'Tr0ub4dor-and-3')).toBe(true);
    expect(isSecretByName('oauth_client_secret', 'a8f5f167f44f4964e6c998dee827110c')).toBe(true);
    expect(isSecretByName('STRIPE_API_KEY', 'sk_live_0123456789')).toBe(true);
    expect(isSecretByName('GITLAB_ACCESS_TOKEN', 'glpat-0123456789abcdef')).toBe(true);
  });

  test('not a pointer to a secret, a placeholder, or a name that only mentions one', () => {
    expect(isSecretByName('DB_PASSWORD', 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:db')).toBe(false);
    expect(isSecretByName('API_KEY', '/ml/prod/api-key')).toBe(false);
    expect(isSecretByName('API_TOKEN', '${Token[TOKEN.123]}')).toBe(false);
    expect(isSecretByName('DB_PASSWORD', '{{resolve:secretsmanager:db:SecretString:password}}')).toBe(false);
    expect(isSecretByName('NPM_TOKEN', 'none')).toBe(false);
    expect(isSecretByName('SECRET_ARN', 'correct-horse-battery')).toBe(false);
    expect(isSecretByName('TOKEN_TABLE', 'tokens-table-prod')).toBe(false);
    expect(isSecretByName('PASSWORD_POLICY', 'strict-password-policy')).toBe(false);
    // A bare _SECRET names a secret as often as it holds one; a value with a path is a secret's name.
    expect(isSecretByName('DB_SECRET', 'prod-db-credentials')).toBe(false);
    expect(isSecretByName('DB_PASSWORD', 'prod/db/credentials')).toBe(false);
    // Words alone read as the name of where a secret is kept.
    expect(isSecretByName('STRIPE_API_KEY', 'prod-stripe-api-key')).toBe(false);
  });
});
