import { Worker } from 'worker_threads';

/*
 * DOT → SVG with Graphviz compiled to WebAssembly (@viz-js/viz), in a worker thread: layout is the
 * costliest step of the evidence, and in a worker it runs while the rest is computed. The worker
 * starts once per process (`startGraphviz`, called before synth so that loading the WebAssembly
 * overlaps synth) and never keeps the process alive while idle. Where a worker cannot start, the
 * same module renders in-process.
 */

/** The part of @viz-js/viz used here (its types are ESM-only; this package is CommonJS). */
interface Viz {
  renderString(dot: string, options: { format: string; engine: string }): string;
}

const OPTIONS = { format: 'svg', engine: 'dot' };

// Plain JavaScript, evaluated as the worker: the package's own modules may be TypeScript run by a
// loader the worker does not have; @viz-js/viz is required by its resolved path.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('worker_threads');
const viz = require(workerData.vizPath).instance();
parentPort.on('message', ({ id, dot }) => {
  viz.then((v) => parentPort.postMessage({ id, svg: v.renderString(dot, workerData.options) }))
    .catch((e) => parentPort.postMessage({ id, error: String((e && e.message) || e) }));
});
`;

interface Pending {
  readonly resolve: (svg: string) => void;
  readonly reject: (error: Error) => void;
}

let worker: Worker | undefined;
let workerFailed = false;
const pending = new Map<number, Pending>();
let nextId = 0;
let inProcess: Promise<Viz> | undefined;

/** Start the renderer ahead of use (idempotent). */
export function startGraphviz(): void {
  if (worker || workerFailed) {
    return;
  }
  try {
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { vizPath: require.resolve('@viz-js/viz'), options: OPTIONS } });
  } catch {
    workerFailed = true;
    return;
  }
  worker.unref();
  worker.on('message', (m: { id: number; svg?: string; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (pending.size === 0) {
      worker?.unref();
    }
    if (m.svg !== undefined) {
      p?.resolve(m.svg);
    } else {
      p?.reject(new Error(m.error ?? 'Graphviz failed'));
    }
  });
  worker.on('error', (e) => {
    // Renders in flight fail; later ones run in-process.
    workerFailed = true;
    worker = undefined;
    for (const p of pending.values()) {
      p.reject(e instanceof Error ? e : new Error(String(e)));
    }
    pending.clear();
  });
}

/** Render DOT to SVG. */
export function renderSvg(dot: string): Promise<string> {
  startGraphviz();
  const w = worker;
  if (!w) {
    if (!inProcess) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      inProcess = (require('@viz-js/viz') as { instance(): Promise<Viz> }).instance();
    }
    return inProcess.then((viz) => viz.renderString(dot, OPTIONS));
  }
  const id = nextId++;
  // Held while a render is in flight, so a process with nothing else to do waits for it.
  w.ref();
  return new Promise<string>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ id, dot });
  });
}
