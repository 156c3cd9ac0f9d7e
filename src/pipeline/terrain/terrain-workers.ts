/**
 * Runs the per-tile terrain jobs of a level on worker threads (or in this thread when
 * `workers` is 0): pass 1 everywhere, then pinning rounds of the shared-edge unions
 * until neighbours agree, then encoding. Each worker keeps its own tiles between the
 * steps, so only edge lists cross threads; the DEM is shared memory.
 */
import { Worker } from 'node:worker_threads';
import type { ElevationGrid } from '../../core/elevation-grid.ts';
import type { TileKey } from './geographic-tiling.ts';
import { type EdgeLists, type LevelPlan, settleEdges, tileId } from './terrain-pyramid.ts';
import { TileJobs, type TileJobSetup, type TileStat } from './terrain-tile-job.ts';
import type { WorkerRequest } from './terrain-tile-worker.ts';

interface Lane {
  start(level: LevelPlan, keys: TileKey[]): Promise<Array<[string, EdgeLists]>>;
  pin(level: LevelPlan, forced: Array<[string, EdgeLists]>): Promise<Array<[string, EdgeLists]>>;
  finish(ids: string[]): Promise<TileStat[]>;
  close(): Promise<void>;
}

function inProcessLane(setup: TileJobSetup): Lane {
  const jobs = new TileJobs(setup);
  return {
    start: async (level, keys) => jobs.start(level, keys),
    pin: async (level, forced) => jobs.pin(level, forced),
    finish: async (ids) => jobs.finish(ids),
    close: async () => {},
  };
}

type WorkerPayload = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

function workerLane(setup: TileJobSetup): Lane {
  const worker = new Worker(new URL('./terrain-worker-boot.mjs', import.meta.url), {
    workerData: { entry: new URL('./terrain-tile-worker.ts', import.meta.url).href },
  });
  let next = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const failAll = (error: Error) => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  worker.on('message', (m: { id: number; result?: unknown; error?: { message: string; stack?: string } }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (!w) return;
    if (m.error) w.reject(Object.assign(new Error(m.error.message), { stack: m.error.stack }));
    else w.resolve(m.result);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`terrain worker exited (${code})`)));
  const call = <T>(request: WorkerPayload): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, ...request });
    });
  const ready = call<boolean>({ op: 'init', setup });
  return {
    start: async (level, keys) => (await ready, call({ op: 'start', level, keys })),
    pin: async (level, forced) => (await ready, call({ op: 'pin', level, forced })),
    finish: async (ids) => (await ready, call({ op: 'finish', ids })),
    close: async () => {
      await worker.terminate();
    },
  };
}

/** Copies the DEM into shared memory so every worker reads the same bytes. */
function sharedGrid(grid: ElevationGrid): ElevationGrid {
  const shared = new Float32Array(new SharedArrayBuffer(grid.data.byteLength));
  shared.set(grid.data);
  return { ...grid, data: shared };
}

export class TerrainWorkers {
  private readonly lanes: Lane[];

  constructor(setup: TileJobSetup, workers: number) {
    if (workers > 0) {
      const shared = { ...setup, grid: sharedGrid(setup.grid) };
      this.lanes = Array.from({ length: workers }, () => workerLane(shared));
    } else {
      this.lanes = [inProcessLane(setup)];
    }
  }

  /** Meshes, encodes and writes a level; `edgeRounds`: pinning rounds its shared edges took. */
  async runLevel(level: LevelPlan, keys: TileKey[]): Promise<{ tiles: TileStat[]; edgeRounds: number }> {
    // Contiguous runs of tiles per lane (rows are adjacent in `keys`).
    const per = Math.ceil(keys.length / this.lanes.length);
    const parts = this.lanes.map((_, i) => keys.slice(i * per, (i + 1) * per));
    const started = await Promise.all(this.lanes.map((lane, i) => (parts[i]!.length ? lane.start(level, parts[i]!) : Promise.resolve([]))));
    const edges = new Map<string, EdgeLists>(started.flat());
    const laneOf = new Map(parts.flatMap((keysOfLane, i) => keysOfLane.map((key) => [tileId(key), i] as const)));
    const edgeRounds = await settleEdges(keys, edges, async (forced) => {
      const perLane = this.lanes.map((): Array<[string, EdgeLists]> => []);
      for (const f of forced) perLane[laneOf.get(f[0])!]!.push(f);
      const after = await Promise.all(this.lanes.map((lane, i) => (perLane[i]!.length ? lane.pin(level, perLane[i]!) : Promise.resolve([]))));
      return after.flat();
    });
    const stats = await Promise.all(this.lanes.map((lane, i) => (parts[i]!.length ? lane.finish(parts[i]!.map(tileId)) : Promise.resolve([]))));
    return { tiles: stats.flat(), edgeRounds };
  }

  async close(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.close()));
  }
}
