/**
 * The lifelines' tile encoder, as the tile worker pool runs it (tiles3d/tile-encoder.ts):
 * a packed tile job → tubes → glb (lifeline-tile-job.ts). build-lifelines-tileset.ts
 * passes LIFELINES_TILE_ENCODER when it creates the pool; the workers load this
 * module by its URL.
 */
import { tileEncoderHandler, type TileEncoder } from '../tiles3d/tile-encoder.ts';
import { encodeLifelineTile, type LifelineTileJob } from './lifeline-tile-job.ts';

export function createWorkerHandler() {
  return tileEncoderHandler(encodeLifelineTile);
}

export const LIFELINES_TILE_ENCODER: TileEncoder<LifelineTileJob> = { url: import.meta.url, createWorkerHandler };
