import { App } from 'aws-cdk-lib';
import { ValidationError } from 'aws-cdk-lib/core/lib/errors';
import { describeError } from '../../core/describe-error';
import { Soc2MlError } from '../../core/errors';

describe('describeError', () => {
  test('the package\'s own error is its message alone', () => {
    const e = new Soc2MlError('soc2ml:prod:account is "1": pass 12 digits.');
    expect(describeError(e)).toBe(e.message);
  });

  test('anything else is described with its stack: a bug to report', () => {
    const bug = new TypeError('x is undefined');
    expect(describeError(bug)).toBe(bug.stack);
    expect(describeError('text')).toBe('text');
  });

  test('a CDK validation error (a failed check\'s report) is its message alone', () => {
    expect(describeError(new ValidationError('ValidationFailed' as ConstructorParameters<typeof ValidationError>[0], 'Validation failed: the report', new App()))).toBe('Validation failed: the report');
  });
});
