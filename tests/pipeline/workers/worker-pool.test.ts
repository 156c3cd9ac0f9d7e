/**
 * The shared worker pool (src/pipeline/workers/worker-pool.ts) on real threads: the
 * module it is given runs there (bundled by esbuild), `runOn` keeps a lane's state,
 * buffers move both ways, a handler's error names the pool and keeps its stack, and a
 * crashed or exited worker fails what waits and what comes after instead of hanging.
 */
import { threadId } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkerPool, type WorkerPool } from '../../../src/pipeline/workers/worker-pool.ts';
import { COUNTER_WORKER, type CounterRequest } from './counter-worker.ts';

let pool: WorkerPool<CounterRequest, unknown> | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

const counted = (r: unknown) => r as { count: number; threadId: number };

describe('worker pool', () => {
  it('runs in this thread with 0 workers, one lane, state kept', async () => {
    pool = createWorkerPool({ module: COUNTER_WORKER, workers: 0, name: 'test' });
    expect(pool.lanes).toBe(1);
    const a = counted(await pool.runOn(0, { op: 'count' }));
    const b = counted(await pool.run({ op: 'count' }));
    expect([a.count, b.count]).toEqual([1, 2]);
    expect(a.threadId).toBe(threadId);
  });

  it('keeps each lane on its own worker thread, with its own state', async () => {
    pool = createWorkerPool({ module: COUNTER_WORKER, workers: 2, name: 'test' });
    expect(pool.lanes).toBe(2);
    const lane0 = await Promise.all([0, 1, 2].map(() => pool!.runOn(0, { op: 'count' }).then(counted)));
    const lane1 = counted(await pool.runOn(1, { op: 'count' }));
    expect(lane0.map((r) => r.count)).toEqual([1, 2, 3]);
    expect(lane1.count).toBe(1);
    expect(new Set([...lane0.map((r) => r.threadId), lane1.threadId, threadId]).size).toBe(3);
  });

  it('starts its workers through tsx when not bundled (the fallback), with the same answers', async () => {
    pool = createWorkerPool({ module: COUNTER_WORKER, workers: 1, name: 'test', bundle: false });
    const first = counted(await pool.runOn(0, { op: 'count' }));
    expect(first.count).toBe(1);
    expect(first.threadId).not.toBe(threadId);
    const error = await pool.runOn(0, { op: 'fail', message: 'bad tile' }).catch((e: Error) => e);
    expect((error as Error).stack).toMatch(/counter-worker\.ts/);
  });

  it('runs requests in this thread until a worker is ready, on the workers after', async () => {
    pool = createWorkerPool({ module: COUNTER_WORKER, workers: 1, name: 'test' });
    const early = counted(await pool.run({ op: 'count' }));
    expect(early.threadId).toBe(threadId);
    const pinned = counted(await pool.runOn(0, { op: 'count' }));
    const later = counted(await pool.run({ op: 'count' }));
    expect(pinned.threadId).not.toBe(threadId);
    expect(later.threadId).toBe(pinned.threadId);
  });

  it('moves buffers to the worker and back', async () => {
    pool = createWorkerPool({ module: COUNTER_WORKER, workers: 1, name: 'test' });
    const values = Float64Array.from([1, 2, 3]);
    const doubled = await pool.runOn(0, { op: 'double', values }, [values.buffer]);
    expect(values.byteLength).toBe(0); // transferred, not copied
    expect([...(doubled as Float64Array)]).toEqual([2, 4, 6]);
  });

  it("names the pool in a handler's error and keeps the worker's stack; the worker stays usable", async () => {
    pool = createWorkerPool({ module: COUNTER_WORKER, workers: 1, name: 'test' });
    const error = await pool.runOn(0, { op: 'fail', message: 'bad tile' }).catch((e: Error) => e);
    expect((error as Error).message).toBe('test worker: bad tile');
    // The worker's own frames (its bundle, or the module under tsx), not this thread's.
    expect((error as Error).stack).toMatch(/^test worker: Error: bad tile\n\s+at .*(worker\.mjs|counter-worker\.ts)/);
    expect((error as Error).stack).not.toMatch(/worker-pool\.ts/);
    expect(counted(await pool.runOn(0, { op: 'count' })).count).toBe(1);
  });

  it('fails the waiting and the later requests when a worker crashes', async () => {
    pool = createWorkerPool({ module: COUNTER_WORKER, workers: 1, name: 'test' });
    await pool.runOn(0, { op: 'count' });
    const crashed = pool.runOn(0, { op: 'crash' });
    const queued = pool.runOn(0, { op: 'count' });
    await expect(crashed).rejects.toThrow(/test worker: boom/);
    await expect(queued).rejects.toThrow(/test worker: boom/);
    await expect(pool.run({ op: 'count' })).rejects.toThrow(/test worker: boom/);
  });

  it('fails what waits when a worker exits, with the exit code', async () => {
    pool = createWorkerPool({ module: COUNTER_WORKER, workers: 1, name: 'test' });
    await pool.runOn(0, { op: 'count' });
    await expect(pool.runOn(0, { op: 'exit' })).rejects.toThrow('test worker exited (3)');
  });
});
