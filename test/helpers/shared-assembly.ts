/*
 * Expensive fixtures synthesized once per test run and shared by every test file that only reads
 * them: the first file that asks builds the fixture (in its own worker) while holding a lock;
 * the others wait for it and read the cloud assembly it wrote.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const WAIT_MS = 240_000;
const POLL_MS = 200;

function runDirectory(): string {
  let dir = process.env.SOC2ML_TEST_RUN_DIR;
  if (!dir) {
    // A file run outside `vitest` (or without global setup) shares nothing.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2ml-test-run-'));
    process.env.SOC2ML_TEST_RUN_DIR = dir;
  }
  return dir;
}

/**
 * The assembly directory of a shared fixture, built by `build` (into the directory it is given)
 * if no other test file has built it in this run. `build` runs at most once per run.
 */
export async function sharedAssembly(name: string, build: (outdir: string) => Promise<void>): Promise<string> {
  const dir = path.join(runDirectory(), name);
  const done = path.join(runDirectory(), `${name}.done`);
  const failed = path.join(runDirectory(), `${name}.failed`);
  let owner = false;
  try {
    fs.mkdirSync(`${dir}.lock`);
    owner = true;
  } catch {
    // Another file builds it.
  }
  if (owner) {
    try {
      fs.mkdirSync(dir, { recursive: true });
      await build(dir);
      fs.writeFileSync(done, '');
    } catch (e) {
      fs.writeFileSync(failed, String((e as Error).stack ?? e));
      throw e;
    }
    return dir;
  }
  const start = Date.now();
  while (!fs.existsSync(done)) {
    if (fs.existsSync(failed)) {
      throw new Error(`The shared fixture ${name} failed to build in another test file:\n${fs.readFileSync(failed, 'utf-8')}`);
    }
    if (Date.now() - start > WAIT_MS) {
      throw new Error(`The shared fixture ${name} was not built within ${WAIT_MS / 1000} s.`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return dir;
}

/**
 * Offer a fixture this file built anyway (for its own in-memory checks) to the other files, if
 * none has claimed it yet: its assembly is copied into the shared place.
 */
export function offerSharedAssembly(name: string, outdir: string): void {
  const dir = path.join(runDirectory(), name);
  try {
    fs.mkdirSync(`${dir}.lock`);
  } catch {
    return;
  }
  fs.cpSync(outdir, dir, { recursive: true });
  fs.writeFileSync(path.join(runDirectory(), `${name}.done`), '');
}
