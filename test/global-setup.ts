import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * One directory per test run, shared by its workers (the variable reaches them: workers start
 * after global setup), where the expensive fixtures are synthesized once (test/helpers/shared-assembly.ts).
 */
export default function globalSetup(): void {
  process.env.SOC2ML_TEST_RUN_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2ml-test-run-'));
}
