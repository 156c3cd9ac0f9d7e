/** Encodes one tile job (see tile-job.ts) to a glb; runs in a worker or inline. Lifelines jobs share the pool. */
import { encodeLifelineTile, type LifelineTileJob } from '../lifelines/lifeline-tile-job.ts';
import { createEnuFrame } from './enu-frame.ts';
import type { GlbStats } from './glb-writer.ts';
import { writeBuildingsGlb } from '../buildings/buildings-glb.ts';
import { unpackShapes, type TileJob as BuildingsTileJob } from '../buildings/tile-job.ts';

/** Any job the tile worker pool runs: a buildings tile, or a lifelines tile (`kind: 'lifelines'`). */
export type TileJob = BuildingsTileJob | LifelineTileJob;

export interface TileResult {
  glb: Uint8Array;
  stats: GlbStats;
}

export async function encodeTile(job: TileJob): Promise<TileResult> {
  if ('kind' in job && job.kind === 'lifelines') return encodeLifelineTile(job);
  const b = job as BuildingsTileJob;
  return writeBuildingsGlb(createEnuFrame(...b.frameOrigin), unpackShapes(b), b.columns, b.schema, b.glb);
}
