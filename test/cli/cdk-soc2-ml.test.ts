import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../cli/cdk-soc2-ml';
import { REPO_ROOT } from '../helpers/app-context';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, () => {
    throw new Error('no AWS call expected');
  }, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

describe('the command line', () => {
  test('friction 10: prints the package\'s version, also after a command (not a parse error)', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf-8')) as { version: string };
    expect(await run('--version')).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
    expect(await run('sign-model', '--version')).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
  });

  test('lists every command in its usage', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    for (const command of ['check', 'sign-model', 'verify-model']) {
      expect(out).toContain(`cdk-soc2-ml ${command} `);
    }
    expect((await run()).code).toBe(2);
  });

  test('gives each command its own help', async () => {
    const { code, out } = await run('check', '--help');
    expect(code).toBe(0);
    expect(out).toMatch(/cdk-soc2-ml check <cdk\.out>/);
    expect(out).not.toMatch(/sign-model/);
  });

  test('names the commands when given an unknown one', async () => {
    const { code, err } = await run('deploy-model');
    expect(code).toBe(2);
    expect(err).toMatch(/Unknown command "deploy-model": the commands are check, sign-model, verify-model/);
  });
});

describe('the package\'s command', () => {
  test('is a bin entry of the package, compiled from cli/cdk-soc2-ml.ts, with a node shebang', () => {
    const pkgJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf-8'));
    expect(pkgJson.bin).toEqual({ 'cdk-soc2-ml': 'dist/cli/cdk-soc2-ml.js' });
    expect(fs.readFileSync(path.join(REPO_ROOT, 'cli', 'cdk-soc2-ml.ts'), 'utf-8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    for (const dep of ['@aws-sdk/client-kms', '@aws-sdk/client-s3', '@aws-sdk/client-sagemaker']) {
      expect(pkgJson.dependencies[dep]).toBeDefined();
    }
  });
});
