import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * One directory per test run, shared by its workers (the variables reach them: workers start
 * after global setup), where the expensive fixtures are synthesized once
 * (test/helpers/shared-assembly.ts) and where every temporary directory of the run goes: TMPDIR
 * points into it, so the cloud assemblies of the tests (CDK's own `cdk.out` folders of apps without
 * an outdir, the tests' `soc2ml-*` folders, the packed tarball) are removed with it when the run
 * ends. Without it a run left about 200 MB of folders in the system's temporary directory.
 * `SOC2ML_KEEP_TEST_OUTPUT=1` keeps the directory (its path is printed) to read a failure's output.
 */
export default function globalSetup(): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2ml-test-run-'));
  const tmp = path.join(dir, 'tmp');
  fs.mkdirSync(tmp);
  process.env.SOC2ML_TEST_RUN_DIR = dir;
  process.env.TMPDIR = tmp;
  return () => {
    if (process.env.SOC2ML_KEEP_TEST_OUTPUT) {
      console.log(`Test output kept in ${dir}`);
      return;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
