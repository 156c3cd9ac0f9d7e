/**
 * A lifelines tile's work as a compact, transferable message (like the buildings'
 * tile-job.ts; lifelines-tile-encoder.ts runs it): every centre line's lon/lat/elevation in one Float64Array, counts in
 * Uint32Arrays, per-pipe radius and network, and the property table by column.
 */
import { NETWORKS, NETWORK_INFO, type Network } from '../../core/lifelines.ts';
import { createEnuFrame } from '../tiles3d/enu-frame.ts';
import { writeFeatureMeshGlb, type GlbStats, type GlbWriterOptions } from '../tiles3d/glb-writer.ts';
import { MeshAccumulator } from '../tiles3d/mesh-accumulator.ts';
import type { MetadataSchema } from '../tiles3d/property-schema.ts';
import { tableColumns } from '../tiles3d/property-table.ts';
import { lifelineValue } from './lifeline-schema.ts';
import type { PlacedPipe } from './placed-pipe.ts';
import { extrudeTube, type TubeOptions } from './tube-extruder.ts';

export interface LifelineTileJob {
  frameOrigin: [number, number, number];
  schema: MetadataSchema;
  glb: GlbWriterOptions;
  tube: TubeOptions;
  /** Per pipe: number of parts. */
  partCounts: Uint32Array;
  /** Per part: number of points. */
  pointCounts: Uint32Array;
  /** lon, lat, centre elevation of every point in order. */
  coords: Float64Array;
  radii: Float64Array;
  /** Index into NETWORKS per pipe. */
  networks: Uint8Array;
  columns: unknown[][];
  /** Quantization cell side (m). Default LIFELINE_CELL_M. */
  cellM?: number;
}

/**
 * Side of the quantization cells (m). With segments ≤ 1 km (the validator's limit) a
 * cell's content spans ≤ 2.5 km, inside int16 × 5 cm = ±1.6 km.
 */
export const LIFELINE_CELL_M = 1_500;

export function packLifelineTile(
  pipes: readonly PlacedPipe[],
  schema: MetadataSchema,
  frameOrigin: [number, number, number],
  glb: GlbWriterOptions,
  tube: TubeOptions,
): { job: LifelineTileJob; transfer: ArrayBuffer[] } {
  let parts = 0;
  let coords = 0;
  for (const p of pipes) {
    parts += p.centreLines.length;
    for (const l of p.centreLines) coords += l.length;
  }
  const job: LifelineTileJob = {
    frameOrigin,
    schema,
    glb,
    tube,
    partCounts: new Uint32Array(pipes.length),
    pointCounts: new Uint32Array(parts),
    coords: new Float64Array(coords),
    radii: Float64Array.from(pipes, (p) => p.radiusM),
    networks: Uint8Array.from(pipes, (p) => NETWORKS.indexOf(p.network)),
    columns: tableColumns(schema, (i, column) => lifelineValue(pipes[i]!, column), pipes.map((_, i) => i)),
  };
  let pi = 0;
  let ci = 0;
  pipes.forEach((p, i) => {
    job.partCounts[i] = p.centreLines.length;
    for (const l of p.centreLines) {
      job.pointCounts[pi++] = l.length / 3;
      job.coords.set(l, ci);
      ci += l.length;
    }
  });
  const transfer = [job.partCounts, job.pointCounts, job.coords, job.radii, job.networks].map((a) => a.buffer as ArrayBuffer);
  return { job, transfer };
}

/** sRGB hex → linear RGBA for a glTF base colour. */
function linearColor(hex: string): [number, number, number, number] {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const lin = c.map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return [lin[0]!, lin[1]!, lin[2]!, 1];
}

/**
 * Encodes a tile: one mesh per network present (material in the network's colour
 * from NETWORK_INFO, so a plain glTF viewer shows the same colours as the map).
 */
export async function encodeLifelineTile(job: LifelineTileJob): Promise<{ glb: Uint8Array; stats: GlbStats }> {
  const frame = createEnuFrame(...job.frameOrigin);
  // One mesh per network and quantization cell: a tile can span the district, and
  // int16 at 5 cm covers ±1.6 km, so pipes are grouped by the cell of their middle.
  const meshes = new Map<string, { mesh: MeshAccumulator; material: Network }>();
  const cellM = job.cellM ?? LIFELINE_CELL_M;
  let pi = 0;
  let ci = 0;
  for (let i = 0; i < job.partCounts.length; i++) {
    const network = NETWORKS[job.networks[i]!]!;
    const parts = job.partCounts[i]!;
    let len = 0;
    for (let p = 0; p < parts; p++) len += 3 * job.pointCounts[pi + p]!;
    const line = job.coords.subarray(ci, ci + len);
    const mid = 3 * Math.floor(len / 6);
    const [e, n] = frame.toLocal(line[mid]!, line[mid + 1]!, 0);
    const key = `${job.networks[i]}:${Math.floor(e / cellM)},${Math.floor(n / cellM)}`;
    let entry = meshes.get(key);
    if (!entry) meshes.set(key, (entry = { mesh: new MeshAccumulator(job.glb.normals ?? true), material: network }));
    for (let p = 0; p < parts; p++) {
      const plen = 3 * job.pointCounts[pi++]!;
      extrudeTube(entry.mesh, frame, job.coords.subarray(ci, ci + plen), job.radii[i]!, i, job.tube);
      ci += plen;
    }
  }
  // A stable order: network order, then cell key.
  const ordered = [...meshes.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, m]) => m);
  return writeFeatureMeshGlb(ordered, job.partCounts.length, job.columns, job.schema, {
    ...job.glb,
    materials: Object.fromEntries(NETWORKS.map((n) => [n, linearColor(NETWORK_INFO[n].color)])),
    sceneName: 'lifelines',
  });
}
