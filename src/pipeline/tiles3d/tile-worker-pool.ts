/**
 * Runs tile jobs on worker threads (one per core by default), or inline when asked
 * for 0 workers (tests, debugging). Workers run an esbuild bundle of tile-worker.ts
 * (tile-worker-bundle.ts); should bundling fail they load the TypeScript through
 * tsx's API instead (tile-worker-bootstrap.mjs). Either way they start the same
 * under tsx, vitest or node.
 *
 * Until the first worker is ready the main thread encodes jobs itself, so small
 * builds do not wait for workers they barely need.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { encodeTile, type TileJob, type TileResult } from './tile-encoder.ts';
import { bundleTileWorker, type WorkerBundle } from './tile-worker-bundle.ts';

export interface TileWorkerPool {
  /** Encodes a job; the buffers in `transfer` move to the worker (unusable here after). */
  run(job: TileJob, transfer?: ArrayBuffer[]): Promise<TileResult>;
  close(): Promise<void>;
}

export function defaultWorkerCount(): number {
  return availableParallelism();
}

type Queued = { id: number; job: TileJob; transfer: ArrayBuffer[] };
type Pending = { resolve: (r: TileResult) => void; reject: (e: Error) => void };

export function createTileWorkerPool(size: number): TileWorkerPool {
  if (size <= 0) return { run: (job) => encodeTile(job), close: async () => {} };

  const pending = new Map<number, Pending>();
  const queue: Queued[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, number>();
  let anyReady = false;
  let mainBusy = false;
  let nextId = 0;
  let failure: Error | null = null;

  const settle = (id: number, result: TileResult | undefined, error: Error | undefined) => {
    const p = pending.get(id);
    pending.delete(id);
    if (error) p?.reject(error);
    else p?.resolve(result!);
  };

  const dispatch = () => {
    while (queue.length) {
      if (idle.length) {
        const worker = idle.pop()!;
        const msg = queue.shift()!;
        busy.set(worker, msg.id);
        worker.postMessage({ id: msg.id, job: msg.job }, msg.transfer);
      } else if (!anyReady && !mainBusy) {
        const msg = queue.shift()!;
        mainBusy = true;
        encodeTile(msg.job).then(
          (result) => settle(msg.id, result, undefined),
          (error: Error) => settle(msg.id, undefined, error),
        ).finally(() => {
          mainBusy = false;
          dispatch();
        });
      } else break;
    }
  };

  const workers: Worker[] = [];
  let closed = false;
  let bundle: WorkerBundle | null = null;
  const spawn = (entry: URL | string) => {
    // A roomier young generation: encoding allocates many short-lived arrays per tile.
    const worker = new Worker(entry, { execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    workers.push(worker);
    worker.on('message', (msg: { ready?: true; id: number; result?: TileResult; error?: string }) => {
      if (msg.ready) {
        anyReady = true;
      } else {
        busy.delete(worker);
        settle(msg.id, msg.result, msg.error !== undefined ? new Error(`tile worker: ${msg.error}`) : undefined);
      }
      idle.push(worker);
      dispatch();
    });
    worker.on('error', (error) => {
      failure = error;
      const id = busy.get(worker);
      if (id !== undefined) settle(id, undefined, error);
    });
  };
  const started = bundleTileWorker().then(
    (b) => {
      bundle = b;
      if (!closed) for (let i = 0; i < size; i++) spawn(b.path);
    },
    () => {
      if (!closed) for (let i = 0; i < size; i++) spawn(new URL('./tile-worker-bootstrap.mjs', import.meta.url));
    },
  );

  return {
    run(job, transfer = []) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise<TileResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        queue.push({ id, job, transfer });
        dispatch();
      });
    },
    async close() {
      // A build that finished before the bundle was ready does not wait for it.
      closed = true;
      await Promise.all(workers.map((w) => w.terminate()));
      void started.then(() => (bundle as WorkerBundle | null)?.dispose());
    },
  };
}
