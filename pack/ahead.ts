import * as fs from 'fs';
import { availableParallelism } from 'os';
import * as path from 'path';
import { MessageChannel, MessagePort, receiveMessageOnPort, SHARE_ENV, Worker, WorkerOptions } from 'worker_threads';
import { Aspects, IAspect } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { Analysis, analysisInputs, ANALYSIS_WORKER, fingerprint, fromWire, WORKER_READY, WorkerReply, WorkerRequest } from './analysis';
import { PackRule } from './rule';
import { expectedSources, sameSources, StackSource } from './stack-sources';

/*
 * Judging an app ahead of its validation. CDK writes each stack's template well before it calls the
 * validation plugins (for the default app, the last one about 150 ms before; tree.json and the
 * manifest come after). When synthesis begins, an aspect on the app tells a worker thread which
 * templates the tree says the synth will write; the worker reads each as it is written and judges
 * the app, on another core, while CDK finishes. At validation the plugin takes the worker's result
 * only if the templates validation names are those the worker was told of, with the same facts
 * (paths, names, accounts, nesting), and every file's bytes hash to what the worker parsed;
 * otherwise, or if the worker is not ready, failed or does not answer, it judges the templates
 * itself. Either way the outcomes are those of the same function (pack/analysis.ts) on the same bytes.
 *
 * One worker serves the process (every plugin and every synth), started by the first plugin that
 * can use it and never keeping the process alive. It does not speed up a machine with one core,
 * where it is not started.
 */

/** How long validation waits for the worker's answer before judging the templates itself. */
const ANSWER_TIMEOUT_MS = 120_000;

interface Shared {
  readonly worker: Worker;
  readonly replies: MessagePort;
  readonly state: Int32Array;
  broken: boolean;
}

let shared: Shared | undefined;
let unavailable = false;
let nextJob = 1;

/** The source tree runs TypeScript through tsx (a development dependency); the published package, its JavaScript. */
function spawn(replyPort: MessagePort, state: Int32Array): Worker {
  // The environment is shared: what the rules read of it (SOC2ML_SYNTH_DATE) is the validating thread's.
  const options: WorkerOptions = { workerData: { [ANALYSIS_WORKER]: true, port: replyPort, state }, transferList: [replyPort], env: SHARE_ENV };
  const js = path.join(__dirname, 'analysis-worker.js');
  if (fs.existsSync(js)) {
    return new Worker(js, options);
  }
  const tsx = require.resolve('tsx/cjs/api');
  const ts = path.join(__dirname, 'analysis-worker.ts');
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(ts)});`, { ...options, eval: true });
}

function sharedWorker(): Shared | undefined {
  if (unavailable) {
    return undefined;
  }
  if (shared && !shared.broken) {
    return shared;
  }
  try {
    const { port1, port2 } = new MessageChannel();
    const state = new Int32Array(new SharedArrayBuffer(4));
    const worker = spawn(port2, state);
    const s: Shared = { worker, replies: port1, state, broken: false };
    worker.on('error', () => {
      s.broken = true;
    });
    worker.on('exit', () => {
      s.broken = true;
    });
    worker.unref();
    port1.unref();
    shared = s;
    return s;
  } catch {
    unavailable = true; // no worker threads here, or no worker script: every validation judges in its own thread
    return undefined;
  }
}

/** Whether judging ahead can help here: a second core to run on. */
export function aheadPossible(): boolean {
  return availableParallelism() > 1;
}

/**
 * Start the worker, if it can help here, and wait up to `timeoutMs` for it to take jobs; whether it
 * can. (Validation never waits for a worker that is not ready: it judges the templates itself.)
 */
export function workerReady(timeoutMs: number): boolean {
  const worker = aheadPossible() ? sharedWorker() : undefined;
  if (!worker) {
    return false;
  }
  Atomics.wait(worker.state, 0, 0, timeoutMs);
  return !worker.broken && Atomics.load(worker.state, 0) === WORKER_READY;
}

/** An app's analysis requested ahead of its validation. */
export class AnalysisAhead implements IAspect {
  /** Start the worker (if it can help here) and have the app's synth tell it what to judge; undefined when it cannot. */
  public static start(scope: IConstruct, auditLogRetentionDays: number): AnalysisAhead | undefined {
    if (!aheadPossible() || !sharedWorker()) {
      return undefined;
    }
    const ahead = new AnalysisAhead(scope.node.root, auditLogRetentionDays);
    Aspects.of(scope.node.root).add(ahead);
    return ahead;
  }

  private job?: { readonly id: number; readonly sources: readonly StackSource[]; readonly worker: Shared };

  private constructor(private readonly root: IConstruct, private readonly auditLogRetentionDays: number) {}

  /** Synthesis has begun (aspects run first): send the worker the templates the tree says will be written. */
  public visit(node: IConstruct): void {
    if (node !== this.root || this.job) {
      return;
    }
    const worker = sharedWorker();
    if (!worker) {
      return;
    }
    const sources = expectedSources(this.root);
    const id = nextJob++;
    post(worker, { type: 'job', id, sources, auditLogRetentionDays: this.auditLogRetentionDays });
    this.job = { id, sources, worker };
  }

  /**
   * The worker's analysis of exactly these templates (as validation names them, their bytes as now
   * on disk), judged with `rules`; undefined when there is none to trust, and the caller judges.
   */
  public collect(sources: readonly StackSource[], rules: readonly PackRule[]): Analysis | undefined {
    const job = this.job;
    this.job = undefined;
    if (!job) {
      return undefined;
    }
    const { worker } = job;
    if (worker.broken || Atomics.load(worker.state, 0) !== WORKER_READY || !sameSources(job.sources, sources)) {
      post(worker, { type: 'drop', id: job.id });
      return undefined;
    }
    const signal = new Int32Array(new SharedArrayBuffer(4));
    post(worker, { type: 'collect', id: job.id, signal });
    if (Atomics.wait(signal, 0, 0, ANSWER_TIMEOUT_MS) === 'timed-out') {
      worker.broken = true;
      void worker.worker.terminate();
      return undefined;
    }
    let reply: WorkerReply | undefined;
    // Answers to earlier collects that timed out may be queued first.
    while (reply?.id !== job.id) {
      const m = receiveMessageOnPort(worker.replies);
      if (!m) {
        return undefined;
      }
      reply = m.message as WorkerReply;
    }
    if (!('analysis' in reply) || reply.analysis.inputs !== analysisInputs()) {
      return undefined;
    }
    for (const s of sources) {
      if (reply.analysis.fingerprints[s.templatePath] !== fingerprint(fs.readFileSync(s.templatePath))) {
        return undefined;
      }
    }
    return fromWire(reply.analysis, rules);
  }
}

function post(worker: Shared, request: WorkerRequest): void {
  try {
    worker.worker.postMessage(request);
  } catch {
    worker.broken = true;
  }
}
