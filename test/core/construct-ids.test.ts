import { constructIdOf } from '../../core/construct-ids';

describe('constructIdOf', () => {
  test.each([
    ['customer-churn', 'CustomerChurn'],
    ['customer_churn', 'CustomerChurn'],
    ['ml-engineer', 'MlEngineer'],
    ['a--b', 'AB'],
    ['churn', 'Churn'],
    ['aws-foundational-security-best-practices/v/1.0.0', 'AwsFoundationalSecurityBestPracticesV100'],
    ['s3_default_encryption_kms', 'S3DefaultEncryptionKms'],
    ['Current', 'Current'],
  ])('%s becomes %s', (name, id) => {
    expect(constructIdOf(name)).toBe(id);
  });

  test('keeps the case of letters after the first of each word (ids already deployed depend on it)', () => {
    expect(constructIdOf('myModel-v2')).toBe('MyModelV2');
  });
});
