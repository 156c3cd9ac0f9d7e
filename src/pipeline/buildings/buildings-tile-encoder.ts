/**
 * The buildings' tile encoder, as the tile worker pool runs it (tiles3d/tile-encoder.ts):
 * a packed tile job (tile-job.ts) → its buildings extruded → glb (buildings-glb.ts).
 * build-buildings-tileset.ts passes BUILDINGS_TILE_ENCODER when it creates the pool;
 * the workers load this module by its URL.
 */
import { createEnuFrame } from '../tiles3d/enu-frame.ts';
import { tileEncoderHandler, type TileEncoder } from '../tiles3d/tile-encoder.ts';
import { writeBuildingsGlb } from './buildings-glb.ts';
import { unpackShapes, type TileJob } from './tile-job.ts';

export function createWorkerHandler() {
  return tileEncoderHandler((job: TileJob) => writeBuildingsGlb(createEnuFrame(...job.frameOrigin), unpackShapes(job), job.columns, job.schema, job.glb));
}

export const BUILDINGS_TILE_ENCODER: TileEncoder<TileJob> = { url: import.meta.url, createWorkerHandler };
