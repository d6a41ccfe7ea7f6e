import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { ValidationError } from 'aws-cdk-lib/core/lib/errors';
import { describeError, Soc2MlError } from '../../core/errors';

describe('Soc2MlError', () => {
  test('is recognised, prints as its message alone, and keeps a cause', () => {
    const cause = new Error('inner');
    const e = new Soc2MlError('soc2ml:prod:account is "1": pass 12 digits.', { cause });
    expect(Soc2MlError.isSoc2MlError(e)).toBe(true);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('Soc2MlError');
    expect(e.stack).toBe('Soc2MlError: soc2ml:prod:account is "1": pass 12 digits.');
    expect(e.cause).toBe(cause);
    expect(describeError(e)).toBe(e.message);
  });

  test('anything else is described with its stack: a bug to report', () => {
    const bug = new TypeError('x is undefined');
    expect(describeError(bug)).toBe(bug.stack);
    expect(describeError('text')).toBe('text');
    expect(Soc2MlError.isSoc2MlError(bug)).toBe(false);
  });

  test('a CDK validation error (a failed check\'s report) is its message alone', () => {
    expect(describeError(new ValidationError('ValidationFailed' as ConstructorParameters<typeof ValidationError>[0], 'Validation failed: the report', new App()))).toBe('Validation failed: the report');
  });
});

test('friction 3: every error thrown by the settings, the constructs and the platform is the package\'s own', () => {
  const root = path.join(__dirname, '..', '..');
  const offenders: string[] = [];
  for (const dir of ['core', 'constructs', 'settings', 'platform']) {
    for (const file of fs.readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf-8' }).filter((f) => f.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(root, dir, file), 'utf-8');
      if (/throw new (?:Type|Range)?Error\(/.test(text)) {
        offenders.push(`${dir}/${file}`);
      }
    }
  }
  // A person reads these: throw Soc2MlError (core/errors.ts), naming the key or prop, the value and the fix.
  expect(offenders).toEqual([]);
});
