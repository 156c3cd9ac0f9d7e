/**
 * The page's side of the sun-hours worker: one worker per page, started on the first
 * run, given the scene once; each run is a promise (a newer run does not cancel an older
 * one: the tool ignores stale answers), with progress.
 */
import type { BuildingPickIndex } from '../../../core/building-pick-index.ts';
import type { ElevationGrid } from '../../../core/elevation-grid.ts';
import type { Problem } from '../../../core/problem.ts';
import type { SunHoursAnswer, SunHoursRequest } from './sun-hours-job.ts';

export type WorkerRequest = { kind: 'scene'; index: BuildingPickIndex; terrain: ElevationGrid | null } | { kind: 'run'; id: number; request: SunHoursRequest };
export type WorkerReply =
  | { kind: 'progress'; id: number; done: number; total: number }
  | { kind: 'done'; id: number; answer: SunHoursAnswer }
  | { kind: 'failed'; id: number; problems: Problem[] };

export class SunHoursError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => p.message).join('; '));
  }
}

interface Pending {
  resolve(answer: SunHoursAnswer): void;
  reject(error: Error): void;
  onProgress?: (done: number, total: number) => void;
}

export class SunHoursClient {
  private worker: Worker | null = null;
  private next = 1;
  private readonly pending = new Map<number, Pending>();
  private sceneSent: { index: BuildingPickIndex; terrain: ElevationGrid | null } | null = null;
  /** The latest run: the panel and window.yz.analysis.sun asking for the same building and day share it. */
  private last: { key: string; answer: Promise<SunHoursAnswer> } | null = null;

  run(scene: { index: BuildingPickIndex; terrain: ElevationGrid | null }, request: SunHoursRequest, onProgress?: (done: number, total: number) => void): Promise<SunHoursAnswer> {
    const worker = this.start();
    if (this.sceneSent?.index !== scene.index || this.sceneSent.terrain !== scene.terrain) {
      worker.postMessage({ kind: 'scene', index: scene.index, terrain: scene.terrain } satisfies WorkerRequest);
      this.sceneSent = scene;
      this.last = null;
    }
    const key = JSON.stringify(request);
    if (this.last?.key === key) return this.last.answer;
    const id = this.next++;
    const answer = new Promise<SunHoursAnswer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...(onProgress ? { onProgress } : {}) });
      worker.postMessage({ kind: 'run', id, request } satisfies WorkerRequest);
    });
    this.last = { key, answer };
    answer.catch(() => {
      if (this.last?.answer === answer) this.last = null;
    });
    return answer;
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.sceneSent = null;
    this.last = null;
    for (const p of this.pending.values()) p.reject(new Error('sun-hours worker stopped'));
    this.pending.clear();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./sun-hours-worker.ts', import.meta.url), { type: 'module', name: 'sun-hours' });
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      const p = this.pending.get(reply.id);
      if (!p) return;
      if (reply.kind === 'progress') p.onProgress?.(reply.done, reply.total);
      else {
        this.pending.delete(reply.id);
        if (reply.kind === 'done') p.resolve(reply.answer);
        else p.reject(new SunHoursError(reply.problems));
      }
    };
    worker.onerror = (event) => {
      for (const p of this.pending.values()) p.reject(new Error(`日照计算线程出错 / sun-hours worker failed: ${event.message}`));
      this.pending.clear();
    };
    this.worker = worker;
    return worker;
  }
}

/** The page's one client. */
export const sunHoursClient = new SunHoursClient();
