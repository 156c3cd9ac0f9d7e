/**
 * Writes one tile's buildings as a glb: the buildings grouped into square cells (one
 * quantized node each, so int16 covers a cell at the chosen step), extruded into meshes,
 * and handed to the shared feature-mesh writer (../tiles3d/glb-writer.ts). It lived in
 * the shared writer until that made tiles3d import the buildings that import tiles3d.
 */
import type { EnuFrame } from '../tiles3d/enu-frame.ts';
import { GLB_WRITER_DEFAULTS, writeFeatureMeshGlb, type GlbStats, type GlbWriterOptions } from '../tiles3d/glb-writer.ts';
import { MeshAccumulator } from '../tiles3d/mesh-accumulator.ts';
import type { MetadataSchema } from '../tiles3d/property-schema.ts';
import { extrudeBuilding } from './building-extruder.ts';
import type { BuildingShape } from './tile-job.ts';

/** Groups buildings into cells by their first vertex, in a stable order. */
function cellsOf(frame: EnuFrame, buildings: readonly BuildingShape[], cellM: number): number[][] {
  const cells = new Map<string, number[]>();
  buildings.forEach((b, i) => {
    const ring = b.polygons[0]![0]!;
    const [e, n] = frame.toLocal(ring[0]!, ring[1]!, 0);
    const key = `${Math.floor(e / cellM)},${Math.floor(n / cellM)}`;
    let list = cells.get(key);
    if (!list) cells.set(key, (list = []));
    list.push(i);
  });
  return [...cells.keys()].sort().map((k) => cells.get(k)!);
}

export async function writeBuildingsGlb(
  frame: EnuFrame,
  buildings: readonly BuildingShape[],
  columns: readonly unknown[][],
  schema: MetadataSchema,
  options: GlbWriterOptions = {},
): Promise<{ glb: Uint8Array; stats: GlbStats }> {
  const o = { ...GLB_WRITER_DEFAULTS, ...options };
  const meshes = cellsOf(frame, buildings, o.quantizationCellM).map((cell) => {
    const mesh = new MeshAccumulator(o.normals);
    for (const i of cell) extrudeBuilding(mesh, frame, buildings[i]!, i);
    return { mesh, material: 'building' };
  });
  return writeFeatureMeshGlb(meshes, buildings.length, columns, schema, {
    ...o,
    materials: { building: [0.92, 0.91, 0.88, 1] },
    sceneName: 'buildings',
  });
}
