import * as fs from 'fs';
import * as path from 'path';

export const PACKAGE_NAME = 'cdk-soc2-ml';

let version: string | undefined;

/**
 * The package's version, from its package.json: found by walking up from this file, which sits
 * in `core/` in the source tree and in `dist/core/` in the published package.
 */
export function packageVersion(): string {
  if (version === undefined) {
    version = '0.0.0';
    for (let dir = __dirname; ; dir = path.dirname(dir)) {
      const file = path.join(dir, 'package.json');
      if (fs.existsSync(file)) {
        const pkg = JSON.parse(fs.readFileSync(file, 'utf-8')) as { name?: string; version?: string };
        if (pkg.name === PACKAGE_NAME && pkg.version) {
          version = pkg.version;
          break;
        }
      }
      if (path.dirname(dir) === dir) {
        break;
      }
    }
  }
  return version;
}
