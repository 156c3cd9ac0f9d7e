/**
 * A tile's work as a compact, transferable message: every ring's coordinates in one
 * Float64Array, counts in Uint32Arrays, and the property table column by column.
 * Structured-cloning a thousand building objects costs the main thread more than
 * encoding them costs a worker; this costs it a copy of the coordinates.
 */
import type { BuildingStore } from './building-store.ts';
import type { PolygonRings } from '../../sources/footprint.ts';
import type { GlbWriterOptions } from '../tiles3d/glb-writer.ts';
import { tableColumns } from '../tiles3d/property-table.ts';
import type { MetadataSchema } from '../tiles3d/property-schema.ts';

/** What the extruder needs of a building. */
export interface BuildingShape {
  polygons: PolygonRings[];
  base: number;
  roof: number;
}

export interface TileJob {
  frameOrigin: [number, number, number];
  schema: MetadataSchema;
  glb: GlbWriterOptions;
  /** Per building: number of polygons. */
  polygonCounts: Uint32Array;
  /** Per polygon: number of rings. */
  ringCounts: Uint32Array;
  /** Per ring: number of vertices. */
  vertexCounts: Uint32Array;
  /** lon, lat pairs of every ring in order. */
  coords: Float64Array;
  /** base, roof per building. */
  heights: Float64Array;
  /** Property table values in schema column order. */
  columns: unknown[][];
}

export function packTileJob(
  store: BuildingStore,
  indices: readonly number[],
  schema: MetadataSchema,
  frameOrigin: [number, number, number],
  glb: GlbWriterOptions,
): { job: TileJob; transfer: ArrayBuffer[] } {
  const buildings = indices.map((i) => ({ polygons: store.polygons(i), base: store.base(i), roof: store.roof(i) }));
  let polygons = 0;
  let rings = 0;
  let coords = 0;
  for (const b of buildings) {
    polygons += b.polygons.length;
    for (const p of b.polygons) {
      rings += p.length;
      for (const r of p) coords += r.length;
    }
  }
  const job: TileJob = {
    frameOrigin,
    schema,
    glb,
    polygonCounts: new Uint32Array(buildings.length),
    ringCounts: new Uint32Array(polygons),
    vertexCounts: new Uint32Array(rings),
    coords: new Float64Array(coords),
    heights: new Float64Array(2 * buildings.length),
    columns: tableColumns(schema, (i, column) => store.value(i, column), indices),
  };
  let pi = 0;
  let ri = 0;
  let ci = 0;
  buildings.forEach((b, i) => {
    job.polygonCounts[i] = b.polygons.length;
    job.heights[2 * i] = b.base;
    job.heights[2 * i + 1] = b.roof;
    for (const p of b.polygons) {
      job.ringCounts[pi++] = p.length;
      for (const r of p) {
        job.vertexCounts[ri++] = r.length / 2;
        job.coords.set(r, ci);
        ci += r.length;
      }
    }
  });
  const transfer = [job.polygonCounts, job.ringCounts, job.vertexCounts, job.coords, job.heights].map((a) => a.buffer as ArrayBuffer);
  return { job, transfer };
}

export function unpackShapes(job: TileJob): BuildingShape[] {
  const shapes: BuildingShape[] = [];
  let pi = 0;
  let ri = 0;
  let ci = 0;
  for (let i = 0; i < job.polygonCounts.length; i++) {
    const polygons: PolygonRings[] = [];
    for (let p = 0; p < job.polygonCounts[i]!; p++) {
      const rings: Float64Array[] = [];
      for (let r = 0, n = job.ringCounts[pi++]!; r < n; r++) {
        const len = 2 * job.vertexCounts[ri++]!;
        rings.push(job.coords.subarray(ci, ci + len));
        ci += len;
      }
      polygons.push(rings);
    }
    shapes.push({ polygons, base: job.heights[2 * i]!, roof: job.heights[2 * i + 1]! });
  }
  return shapes;
}
