/**
 * The terrain worker module (run by ../workers/worker-pool.ts, in a worker thread or
 * in this one): holds a TileJobs and answers terrain-workers.ts's calls, so a
 * worker's tiles stay with it between the meshing steps.
 */
import type { WorkerHandler, WorkerModule } from '../workers/worker-module.ts';
import type { TileKey } from './geographic-tiling.ts';
import type { EdgeLists, LevelPlan } from './terrain-pyramid.ts';
import { TileJobs, type TileJobSetup } from './terrain-tile-job.ts';

export type TerrainWorkerRequest =
  | { op: 'init'; setup: TileJobSetup }
  | { op: 'start'; level: LevelPlan; keys: TileKey[] }
  | { op: 'pin'; level: LevelPlan; forced: Array<[string, EdgeLists]> }
  | { op: 'finish'; ids: string[] };

export function createWorkerHandler(): WorkerHandler<TerrainWorkerRequest, unknown> {
  let jobs: TileJobs | undefined;
  return (request) => {
    if (request.op === 'init') {
      jobs = new TileJobs(request.setup);
      return { result: true };
    }
    if (request.op === 'start') return { result: jobs!.start(request.level, request.keys) };
    if (request.op === 'pin') return { result: jobs!.pin(request.level, request.forced) };
    return { result: jobs!.finish(request.ids) };
  };
}

export const TERRAIN_WORKER: WorkerModule<TerrainWorkerRequest, unknown> = { url: import.meta.url, createWorkerHandler };
