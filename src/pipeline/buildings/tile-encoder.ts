/** Encodes one tile job (see tile-job.ts) to a glb; runs in a worker or inline. */
import { createEnuFrame } from './enu-frame.ts';
import { writeBuildingsGlb, type GlbStats } from './glb-writer.ts';
import { unpackShapes, type TileJob } from './tile-job.ts';

export type { TileJob } from './tile-job.ts';

export interface TileResult {
  glb: Uint8Array;
  stats: GlbStats;
}

export async function encodeTile(job: TileJob): Promise<TileResult> {
  return writeBuildingsGlb(createEnuFrame(...job.frameOrigin), unpackShapes(job), job.columns, job.schema, job.glb);
}
