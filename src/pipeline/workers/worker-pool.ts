/**
 * Worker threads for the tile builds (buildings, lifelines, terrain): one pool, given
 * the module its workers run (worker-module.ts), so it knows no layer. Merged from
 * tiles3d/tile-worker-pool.ts and terrain/terrain-workers.ts (issue 16); kept of each:
 *
 * - from tiles3d: workers start from an esbuild bundle (worker-bundle.ts, a fraction
 *   of a second instead of ~1 s of tsx transpiling per worker), falling back to tsx
 *   (worker-bootstrap.mjs) when bundling fails, so they start the same under tsx,
 *   vitest or node; until the first worker is ready `run()` encodes in this thread,
 *   so small builds do not wait for workers they barely need; buffers can be
 *   transferred both ways; once a worker crashed, later requests fail at once.
 * - from terrain: requests can go to one given worker (`runOn`), whose handler keeps
 *   its state between them (terrain keeps its tiles there, so only edge lists cross
 *   threads); a worker's error keeps its own stack; a crashed or exited worker fails
 *   every request still waiting, with the exit code, instead of leaving it hanging.
 *
 * `workers: 0` runs every request in this thread (tests, debugging, one core).
 */
import { availableParallelism } from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { bundleWorker, type WorkerBundle } from './worker-bundle.ts';
import type { WorkerHandler, WorkerModule } from './worker-module.ts';
import type { WorkerAnswerMessage } from './worker-serve.ts';

export interface WorkerPoolOptions<Q, R> {
  /** The handler module every worker runs. */
  module: WorkerModule<Q, R>;
  /** Worker threads; 0 runs every request in this thread. */
  workers: number;
  /** Names the workers in errors: `<name> worker: …`. */
  name: string;
  /** Limits of each worker's heap (e.g. a roomier young generation); default Node's. */
  resourceLimits?: ResourceLimits;
  /**
   * Start workers from an esbuild bundle (default true); false loads the TypeScript
   * through tsx, as when bundling fails (debugging, and the tests of that path).
   */
  bundle?: boolean;
}

export interface WorkerPool<Q, R> {
  /** How many lanes `runOn` takes: the worker count, or 1 when running in this thread. */
  readonly lanes: number;
  /** Runs a request on any free worker; the buffers in `transfer` move to it (unusable here after). */
  run(request: Q, transfer?: ArrayBuffer[]): Promise<R>;
  /** Runs a request on worker `lane` (0 ≤ lane < lanes), after the ones sent to it before. */
  runOn(lane: number, request: Q, transfer?: ArrayBuffer[]): Promise<R>;
  /** Stops the workers; requests still waiting fail. */
  close(): Promise<void>;
}

/** One worker per core: the tile encoders' default. */
export function defaultWorkerCount(): number {
  return availableParallelism();
}

interface Queued {
  id: number;
  request: unknown;
  transfer: ArrayBuffer[];
}

interface Thread {
  worker: Worker;
  ready: boolean;
  /** The request it is running, if any. */
  busy: number | null;
  /** Requests for this worker only (runOn), in order. */
  pinned: Queued[];
}

type Pending = { resolve: (result: unknown) => void; reject: (error: Error) => void };

function inThisThread<Q, R>(module: WorkerModule<Q, R>): WorkerPool<Q, R> {
  let handler: WorkerHandler<Q, R> | null = null;
  const run = async (request: Q) => (await (handler ??= module.createWorkerHandler())(request)).result;
  return { lanes: 1, run, runOn: (_lane, request) => run(request), close: async () => {} };
}

export function createWorkerPool<Q, R>(options: WorkerPoolOptions<Q, R>): WorkerPool<Q, R> {
  const { module, name } = options;
  const size = Math.max(0, Math.floor(options.workers));
  if (size === 0) return inThisThread(module);

  const pending = new Map<number, Pending>();
  const shared: Queued[] = [];
  // Lanes exist before their workers do (bundling takes a moment): queued per lane.
  const early = new Map<number, Queued[]>();
  const threads: Thread[] = [];
  let mainHandler: WorkerHandler<Q, R> | null = null;
  let mainBusy = false;
  let nextId = 0;
  let failure: Error | null = null;
  let closed = false;

  const settle = (id: number, result: unknown, error: Error | undefined) => {
    const p = pending.get(id);
    pending.delete(id);
    if (!p) return;
    if (error) p.reject(error);
    else p.resolve(result);
  };

  /** Fails every waiting request: a worker died, or the pool closed. */
  const failAll = (error: Error) => {
    failure ??= error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    shared.length = 0;
    for (const t of threads) t.pinned.length = 0;
    early.clear();
  };

  const send = (thread: Thread, message: Queued) => {
    thread.busy = message.id;
    thread.worker.postMessage({ id: message.id, request: message.request }, message.transfer);
  };

  const dispatch = () => {
    for (const thread of threads) {
      if (!thread.ready || thread.busy !== null) continue;
      const next = thread.pinned.shift() ?? shared.shift();
      if (next) send(thread, next);
    }
    if (shared.length && !mainBusy && !threads.some((t) => t.ready)) {
      const message = shared.shift()!;
      mainBusy = true;
      Promise.resolve()
        .then(() => (mainHandler ??= module.createWorkerHandler())(message.request as Q))
        .then(
          (reply) => settle(message.id, reply.result, undefined),
          (error: Error) => settle(message.id, undefined, error),
        )
        .finally(() => {
          mainBusy = false;
          dispatch();
        });
    }
  };

  const spawn = (entry: string | URL, workerData: unknown) => {
    const worker = new Worker(entry, { execArgv: [], workerData, ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}) });
    const thread: Thread = { worker, ready: false, busy: null, pinned: [] };
    threads.push(thread);
    worker.on('message', (message: WorkerAnswerMessage) => {
      if ('ready' in message) {
        thread.ready = true;
      } else {
        thread.busy = null;
        if ('error' in message) {
          const error = new Error(`${name} worker: ${message.error.message}`);
          if (message.error.stack) error.stack = `${name} worker: ${message.error.stack}`;
          settle(message.id, undefined, error);
        } else settle(message.id, message.result, undefined);
      }
      dispatch();
    });
    worker.on('error', (error) => {
      if (!closed) failAll(Object.assign(new Error(`${name} worker: ${error.message}`), { stack: error.stack, cause: error }));
    });
    worker.on('exit', (code) => {
      if (!closed) failAll(new Error(`${name} worker exited (${code})`));
    });
  };

  let bundle: WorkerBundle | null = null;
  const bundled = options.bundle === false ? Promise.reject(new Error('not bundled')) : bundleWorker(module.url);
  const started = bundled.then(
    (b) => {
      bundle = b;
      if (!closed) for (let i = 0; i < size; i++) spawn(b.path, null);
    },
    () => {
      const boot = new URL('./worker-bootstrap.mjs', import.meta.url);
      if (!closed) for (let i = 0; i < size; i++) spawn(boot, { handler: module.url });
    },
  ).then(dispatch, (error: Error) => {
    // A worker that cannot even be created (a bad module URL): fail, do not hang.
    failAll(Object.assign(new Error(`${name} worker: ${error.message}`), { cause: error }));
  });

  const enqueue = (lane: number | null, request: Q, transfer: ArrayBuffer[]): Promise<R> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<R>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
      const message = { id, request, transfer };
      if (lane === null) shared.push(message);
      else pinnedQueue(lane).push(message);
      dispatch();
    });
  };

  const pinnedQueue = (lane: number): Queued[] => {
    if (!Number.isInteger(lane) || lane < 0 || lane >= size) throw new RangeError(`${name} worker lane ${lane}: 0–${size - 1}`);
    const thread = threads[lane];
    if (thread) {
      const waiting = early.get(lane);
      if (waiting) {
        thread.pinned.unshift(...waiting);
        early.delete(lane);
      }
      return thread.pinned;
    }
    let list = early.get(lane);
    if (!list) early.set(lane, (list = []));
    return list;
  };
  void started.then(() => {
    for (const lane of [...early.keys()]) pinnedQueue(lane);
    dispatch();
  });

  return {
    lanes: size,
    run: (request, transfer = []) => enqueue(null, request, transfer),
    runOn: (lane, request, transfer = []) => enqueue(lane, request, transfer),
    async close() {
      // A build that finished before the bundle was ready does not wait for it.
      closed = true;
      failAll(new Error(`${name} worker pool closed`));
      await Promise.all(threads.map((t) => t.worker.terminate()));
      void started.then(() => (bundle as WorkerBundle | null)?.dispose());
    },
  };
}
