/**
 * Runs the per-tile terrain jobs of a level on worker threads (or in this thread when
 * `workers` is 0): pass 1 everywhere, then pinning rounds of the shared-edge unions
 * until neighbours agree, then encoding. Each worker keeps its own tiles between the
 * steps, so only edge lists cross threads; the DEM is shared memory. The threads are
 * the shared worker pool's (../workers/worker-pool.ts), one lane per worker.
 */
import type { ElevationGrid } from '../../core/elevation-grid.ts';
import { createWorkerPool, type WorkerPool } from '../workers/worker-pool.ts';
import type { TileKey } from './geographic-tiling.ts';
import { type EdgeLists, type LevelPlan, settleEdges, tileId } from './terrain-pyramid.ts';
import type { TileJobSetup, TileStat } from './terrain-tile-job.ts';
import { TERRAIN_WORKER, type TerrainWorkerRequest } from './terrain-tile-worker.ts';

/** Copies the DEM into shared memory so every worker reads the same bytes. */
function sharedGrid(grid: ElevationGrid): ElevationGrid {
  const shared = new Float32Array(new SharedArrayBuffer(grid.data.byteLength));
  shared.set(grid.data);
  return { ...grid, data: shared };
}

/** One worker's part of a level: its calls go to its own lane of the pool. */
interface Lane {
  start(level: LevelPlan, keys: TileKey[]): Promise<Array<[string, EdgeLists]>>;
  pin(level: LevelPlan, forced: Array<[string, EdgeLists]>): Promise<Array<[string, EdgeLists]>>;
  finish(ids: string[]): Promise<TileStat[]>;
}

export class TerrainWorkers {
  private readonly pool: WorkerPool<TerrainWorkerRequest, unknown>;
  private readonly lanes: Lane[];

  /** `workers`: threads; 0 runs the tile jobs in this thread. */
  constructor(setup: TileJobSetup, workers: number) {
    this.pool = createWorkerPool({ module: TERRAIN_WORKER, workers, name: 'terrain' });
    const init = { op: 'init' as const, setup: workers > 0 ? { ...setup, grid: sharedGrid(setup.grid) } : setup };
    this.lanes = Array.from({ length: this.pool.lanes }, (_, lane) => {
      const call = <T>(request: TerrainWorkerRequest) => this.pool.runOn(lane, request) as Promise<T>;
      // Sent first, so every later call of this lane finds its TileJobs.
      const ready = call<boolean>(init);
      ready.catch(() => {}); // its failure reaches the first call that awaits it
      return {
        start: async (level, keys) => (await ready, call({ op: 'start', level, keys })),
        pin: async (level, forced) => (await ready, call({ op: 'pin', level, forced })),
        finish: async (ids) => (await ready, call({ op: 'finish', ids })),
      };
    });
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
    await this.pool.close();
  }
}
