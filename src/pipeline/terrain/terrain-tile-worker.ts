/** Worker thread side of terrain-workers.ts: holds a TileJobs and answers its calls. */
import { parentPort } from 'node:worker_threads';
import type { TileKey } from './geographic-tiling.ts';
import type { EdgeLists, LevelPlan } from './terrain-pyramid.ts';
import { TileJobs, type TileJobSetup } from './terrain-tile-job.ts';

export type WorkerRequest =
  | { id: number; op: 'init'; setup: TileJobSetup }
  | { id: number; op: 'start'; level: LevelPlan; keys: TileKey[] }
  | { id: number; op: 'pin'; level: LevelPlan; forced: Array<[string, EdgeLists]> }
  | { id: number; op: 'finish'; ids: string[] };

let jobs: TileJobs | undefined;

parentPort!.on('message', (request: WorkerRequest) => {
  try {
    let result: unknown;
    if (request.op === 'init') {
      jobs = new TileJobs(request.setup);
      result = true;
    } else if (request.op === 'start') {
      result = jobs!.start(request.level, request.keys);
    } else if (request.op === 'pin') {
      result = jobs!.pin(request.level, request.forced);
    } else {
      result = jobs!.finish(request.ids);
    }
    parentPort!.postMessage({ id: request.id, result });
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) } });
  }
});
