import * as fs from 'fs';
import * as path from 'path';
import { Soc2MlError } from '../../core/errors';

describe('Soc2MlError', () => {
  test('is recognised, prints as its message alone, and keeps a cause', () => {
    const cause = new Error('inner');
    const e = new Soc2MlError('soc2ml:prod:account is "1": pass 12 digits.', { cause });
    expect(Soc2MlError.isSoc2MlError(e)).toBe(true);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('Soc2MlError');
    expect(e.stack).toBe('Soc2MlError: soc2ml:prod:account is "1": pass 12 digits.');
    expect(e.cause).toBe(cause);
  });

  test('is not any other error', () => {
    expect(Soc2MlError.isSoc2MlError(new TypeError('x is undefined'))).toBe(false);
    expect(Soc2MlError.isSoc2MlError('text')).toBe(false);
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
