import { Token } from 'aws-cdk-lib';
import {
  checkName, MAX_ENDPOINT_NAME, MAX_MODEL_PACKAGE_GROUP_NAME, matchesName, NameRules, parseModelPackageArn, validateEnvironmentName,
  validateEnvironmentScopedName,
} from '../../core/names';

describe('name rules', () => {
  test.each([
    ['ENVIRONMENT', ['dev', 'prod', 'team-a2', 'a'], ['Prod', '2dev', '', 'a'.repeat(33), 'dev_1']],
    ['ACCOUNT_ID', ['111111111111'], ['11111111111', '1111111111111', 'abcdefghijkl']],
    ['REGION', ['eu-west-1', 'us-gov-west-1', 'ap-southeast-2'], ['eu-west', 'EU-WEST-1', 'euwest1']],
    ['ORGANIZATION_ID', ['o-a1b2c3d4e5', `o-${'a'.repeat(32)}`], ['o-abc', 'acme', `o-${'a'.repeat(33)}`, 'O-A1B2C3D4E5']],
    ['SHORT_NAME', ['churn', 'churn-v2', 'a1'], ['Churn', 'churn--v2', '-churn', 'churn_', '']],
    ['VARIANT_NAME', ['primary', 'Current-2', 'a--b'], ['-a', 'a-', 'a_b', 'a'.repeat(64)]],
  ] as const)('%s accepts what AWS accepts and refuses the rest', (rule, valid, invalid) => {
    for (const v of valid) {
      expect({ v, ok: matchesName(NameRules[rule], v) }).toEqual({ v, ok: true });
    }
    for (const v of invalid) {
      expect({ v, ok: matchesName(NameRules[rule], v) }).toEqual({ v, ok: false });
    }
  });

  test('a value from JavaScript that is not a string never matches', () => {
    expect(matchesName(NameRules.ENVIRONMENT, 42)).toBe(false);
    expect(matchesName(NameRules.ENVIRONMENT, undefined)).toBe(false);
  });
});

describe('checkName', () => {
  test('names the label, the value and the fix', () => {
    expect(() => checkName(NameRules.REGION, 'europe', 'soc2ml:prod:region')).toThrow('soc2ml:prod:region is "europe": pass a region code such as eu-west-1.');
  });

  test('takes a caller\'s own fix', () => {
    expect(() => checkName(NameRules.ACCOUNT_ID, '12', 'accountId', 'pass the 12 digits of the tooling account')).toThrow('accountId is "12": pass the 12 digits of the tooling account.');
  });

  test('lets a token through: it is known only at deploy time', () => {
    expect(() => checkName(NameRules.ACCOUNT_ID, Token.asString({ Ref: 'AccountParameter' }), 'accountId')).not.toThrow();
  });
});

describe('validateEnvironmentName', () => {
  test('refuses an uppercase name, naming the prop and the fix', () => {
    expect(() => validateEnvironmentName('Prod', 'environmentName')).toThrow(/environmentName is "Prod": use 1 to 32 lowercase letters, digits or hyphens, starting with a letter/);
  });

  test('refuses a missing name from JavaScript', () => {
    expect(() => validateEnvironmentName(undefined, 'environmentName')).toThrow(/environmentName is undefined/);
  });
});

describe('validateEnvironmentScopedName', () => {
  test('counts the environment\'s prefix against the limit', () => {
    const longest = 'a'.repeat(MAX_ENDPOINT_NAME - 'prod-'.length);
    expect(() => validateEnvironmentScopedName(longest, 'name', 'prod', MAX_ENDPOINT_NAME)).not.toThrow();
    expect(() => validateEnvironmentScopedName(`${longest}a`, 'name', 'prod', MAX_ENDPOINT_NAME))
      .toThrow(`name is "${longest}a": use lowercase letters, digits and single hyphens, so that "prod-<name>" has at most ${MAX_ENDPOINT_NAME} characters (for example "churn").`);
  });

  test('names the placeholder the caller uses', () => {
    expect(() => validateEnvironmentScopedName('Churn', 'modelFamilies[0]', 'dev', MAX_MODEL_PACKAGE_GROUP_NAME, 'family')).toThrow(/"dev-<family>" has at most 63 characters/);
  });
});

describe('parseModelPackageArn', () => {
  test('reads partition, region, account, group and version', () => {
    expect(parseModelPackageArn('arn:aws:sagemaker:eu-west-1:111111111111:model-package/prod-churn/3')).toEqual({
      partition: 'aws', region: 'eu-west-1', account: '111111111111', group: 'prod-churn', version: 3,
    });
    expect(parseModelPackageArn('arn:aws-cn:sagemaker:cn-north-1:111111111111:model-package/g/12')?.partition).toBe('aws-cn');
  });

  test.each([
    'arn:aws:sagemaker:eu-west-1:111111111111:model-package-group/prod-churn',
    'arn:aws:sagemaker:eu-west-1:111111111111:model-package/prod-churn',
    'arn:aws:sagemaker:eu-west-1:1111:model-package/prod-churn/3',
    'arn:aws:sagemaker:eu-west-1:111111111111:model-package/-churn/3',
    'prod-churn/3',
  ])('is undefined for %s', (arn) => {
    expect(parseModelPackageArn(arn)).toBeUndefined();
  });
});
