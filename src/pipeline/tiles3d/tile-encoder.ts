/**
 * What a feature tileset's tile encoder is: a worker module (../workers/worker-module.ts)
 * that turns the pipeline's own tile job (meshes and property columns, packed as it
 * likes) into a glb. tiles3d knows no job kind: the buildings and lifelines pipelines
 * each pass their encoder (buildings/buildings-tile-encoder.ts,
 * lifelines/lifelines-tile-encoder.ts) when they create the pool, and the pool's
 * workers load it by URL. Before issue 16 this module switched on a job `kind` and
 * imported both pipelines.
 */
import { createWorkerPool, defaultWorkerCount, type WorkerPool } from '../workers/worker-pool.ts';
import type { WorkerHandler, WorkerModule } from '../workers/worker-module.ts';
import type { GlbStats } from './glb-writer.ts';

export interface TileResult {
  glb: Uint8Array;
  stats: GlbStats;
}

/** A tile encoder as the pool takes it; `J` is the pipeline's job. */
export type TileEncoder<J> = WorkerModule<J, TileResult>;

/** The tile worker pool the feature tileset writer sends jobs to. */
export type TileWorkerPool = Pick<WorkerPool<unknown, TileResult>, 'run' | 'close'>;

/** A worker handler from an encode function: the glb's bytes move back, not copied. */
export function tileEncoderHandler<J>(encode: (job: J) => Promise<TileResult>): WorkerHandler<J, TileResult> {
  return async (job) => {
    const result = await encode(job);
    return { result, transfer: [result.glb.buffer as ArrayBuffer] };
  };
}

/**
 * A pool of `workers` threads (default one per core, 0 encodes inline) running
 * `encoder`. A roomier young generation per worker: encoding allocates many
 * short-lived arrays per tile.
 */
export function createTileWorkerPool<J>(encoder: TileEncoder<J>, workers: number = defaultWorkerCount()): TileWorkerPool {
  return createWorkerPool({ module: encoder as TileEncoder<unknown>, workers, name: 'tile', resourceLimits: { maxYoungGenerationSizeMb: 64 } });
}
