/**
 * A worker module for worker-pool.test.ts: keeps a per-thread count (state kept
 * between requests), doubles numbers, fails or crashes its thread on demand.
 */
import { threadId } from 'node:worker_threads';
import type { WorkerHandler, WorkerModule } from '../../../src/pipeline/workers/worker-module.ts';

export type CounterRequest = { op: 'count' } | { op: 'double'; values: Float64Array } | { op: 'fail'; message: string } | { op: 'crash' } | { op: 'exit' };

export function createWorkerHandler(): WorkerHandler<CounterRequest, unknown> {
  let count = 0;
  return async (request) => {
    if (request.op === 'count') return { result: { count: ++count, threadId } };
    if (request.op === 'double') {
      const doubled = request.values.map((v) => 2 * v);
      return { result: doubled, transfer: [doubled.buffer as ArrayBuffer] };
    }
    if (request.op === 'fail') throw new Error(request.message);
    if (request.op === 'crash') {
      // Uncaught, outside the request: the thread dies with an error.
      setTimeout(() => {
        throw new Error('boom');
      });
      return new Promise(() => {});
    }
    process.exit(3);
  };
}

export const COUNTER_WORKER: WorkerModule<CounterRequest, unknown> = { url: import.meta.url, createWorkerHandler };
