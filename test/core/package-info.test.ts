import * as fs from 'fs';
import * as path from 'path';
import { PACKAGE_NAME, packageVersion } from '../../core/package-info';

test('the version is package.json\'s, found from the source tree', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf-8')) as { name: string; version: string };
  expect(PACKAGE_NAME).toBe(pkg.name);
  expect(packageVersion()).toBe(pkg.version);
});
