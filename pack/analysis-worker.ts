import * as fs from 'fs';
import { MessagePort, parentPort, workerData } from 'worker_threads';
import { analysisInputs, analyze, ANALYSIS_WORKER, packRules, readFingerprinted, toWire, WireAnalysis, WORKER_READY, WorkerRequest, WorkerReply } from './analysis';
import { StackSource } from './stack-sources';
import { TemplateFile } from './template-files';

/*
 * The worker thread that judges an app's templates while CDK is still synthesizing it: a job names
 * the templates the tree says the synth will write; each is read as soon as it is complete, and the
 * app is judged once all are. At validation the plugin collects the result (pack/ahead.ts), which it
 * uses only if the templates and their bytes are those validation names.
 */

/**
 * A job not collected within this time was abandoned (its synth failed before validation, or wrote
 * elsewhere); should its validation come later, the plugin judges the templates itself.
 */
const ABANDONED_AFTER_MS = 60_000;
/** Templates are looked for this often while a synth is young, then less often. */
const POLL_MS = 2;
const SLOW_POLL_MS = 50;
const YOUNG_MS = 5_000;

interface Read extends TemplateFile {
  readonly fingerprint: string;
}

interface Job {
  readonly sources: readonly StackSource[];
  readonly auditLogRetentionDays: number;
  readonly created: number;
  readonly read: Map<string, Read>;
  outcome?: { readonly analysis: WireAnalysis } | { readonly missing: string };
}

const jobs = new Map<number, Job>();
let polling: NodeJS.Timeout | undefined;

/** A template file, once completely written: unchanged in size and time across the read, and whole JSON. */
function readComplete(file: string): Read | undefined {
  if (!fs.existsSync(file)) {
    return undefined;
  }
  try {
    const before = fs.statSync(file);
    if (before.size === 0) {
      return undefined;
    }
    const read = readFingerprinted(file);
    const after = fs.statSync(file);
    return before.size === after.size && before.mtimeMs === after.mtimeMs ? read : undefined;
  } catch {
    return undefined; // not there yet, or half written
  }
}

/** Read what has been written of a job's templates; judge the app once all are read. */
function advance(job: Job, final: boolean): void {
  if (job.outcome) {
    return;
  }
  for (const s of job.sources) {
    if (!job.read.has(s.templatePath)) {
      const read = readComplete(s.templatePath);
      if (!read) {
        if (final) {
          job.outcome = { missing: `${s.templatePath} could not be read whole` };
        }
        return;
      }
      job.read.set(s.templatePath, read);
    }
  }
  try {
    const rules = packRules(job.auditLogRetentionDays);
    const inputs = analysisInputs();
    const analysis = analyze(job.sources, rules, (file) => job.read.get(file)!);
    const fingerprints = Object.fromEntries([...job.read].map(([file, r]) => [file, r.fingerprint]));
    job.outcome = { analysis: toWire(job.sources, fingerprints, inputs, analysis, rules) };
  } catch (e) {
    job.outcome = { missing: `the analysis failed: ${(e as Error).message}` };
  }
  job.read.clear();
}

function poll(): void {
  polling = undefined;
  const now = Date.now();
  let next: number | undefined;
  for (const [id, job] of jobs) {
    const age = now - job.created;
    if (age > ABANDONED_AFTER_MS) {
      jobs.delete(id);
      continue;
    }
    advance(job, false);
    if (!job.outcome) {
      next = Math.min(next ?? Infinity, age < YOUNG_MS ? POLL_MS : SLOW_POLL_MS);
    }
  }
  if (next !== undefined) {
    polling = setTimeout(poll, next);
  }
}

// Only as the pack's worker: a module loaded in someone else's worker thread stays inert.
if (parentPort && workerData?.[ANALYSIS_WORKER] === true) {
  const port = workerData.port as MessagePort;
  const state = workerData.state as Int32Array;
  parentPort.on('message', (m: WorkerRequest) => {
    if (m.type === 'job') {
      jobs.set(m.id, { sources: m.sources, auditLogRetentionDays: m.auditLogRetentionDays, created: Date.now(), read: new Map() });
      polling ??= setTimeout(poll, 0);
    } else if (m.type === 'drop') {
      jobs.delete(m.id);
    } else {
      const job = jobs.get(m.id);
      jobs.delete(m.id);
      if (job) {
        advance(job, true);
      }
      const reply: WorkerReply = { id: m.id, ...(job?.outcome ?? { missing: 'no such job' }) };
      port.postMessage(reply);
      Atomics.store(m.signal, 0, 1);
      Atomics.notify(m.signal, 0);
    }
  });
  Atomics.store(state, 0, WORKER_READY);
  Atomics.notify(state, 0);
}
