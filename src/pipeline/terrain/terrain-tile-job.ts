/**
 * One tile's work, the same in the main thread and in a worker: pass 1 and the pinning
 * rounds of the meshing (terrain-pyramid.ts), then encoding and writing
 * `{z}/{x}/{y}.terrain`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ElevationGrid } from '../../core/elevation-grid.ts';
import type { LonLatRect } from './dem-coverage.ts';
import type { TileKey } from './geographic-tiling.ts';
import { createHeightField, type HeightField } from './height-field.ts';
import { encodeTerrainTile } from './terrain-tile-encoder.ts';
import { type EdgeLists, type LevelPlan, pinEdges, type StartedTile, startTile, tileId } from './terrain-pyramid.ts';
import { loadWaterPolygons, polygonWaterMask } from './water-polygons.ts';
import { computeWaterMask, waterBelowLevel } from './water-mask.ts';

export type WaterSource = { kind: 'none' } | { kind: 'level'; level: number } | { kind: 'polygons'; file: string };

/** Everything a tile job needs, in a form that can be posted to a worker. */
export interface TileJobSetup {
  grid: ElevationGrid;
  fillHeight: number;
  water: WaterSource;
  normals: boolean;
  outDir: string;
}

export interface TileStat {
  z: number;
  x: number;
  y: number;
  bytes: number;
  vertices: number;
  triangles: number;
}

export class TileJobs {
  private readonly field: HeightField;
  private readonly waterMask: ((rect: LonLatRect) => Uint8Array) | undefined;
  private readonly started = new Map<string, StartedTile>();

  constructor(private readonly setup: TileJobSetup) {
    this.field = createHeightField(setup.grid, { fillHeight: setup.fillHeight });
    const water = setup.water;
    if (water.kind === 'level') {
      const isWater = waterBelowLevel(this.field, water.level);
      this.waterMask = (rect) => computeWaterMask(rect, isWater);
    } else if (water.kind === 'polygons') {
      const polygons = loadWaterPolygons(water.file);
      this.waterMask = (rect) => polygonWaterMask(rect, polygons);
    }
  }

  /** Pass 1 for these tiles; returns their edge vertices and keeps their state. */
  start(level: LevelPlan, keys: TileKey[]): Array<[string, EdgeLists]> {
    return keys.map((key) => {
      const s = startTile(this.field, key, level);
      this.started.set(tileId(key), s);
      return [tileId(key), s.edges];
    });
  }

  /** One pinning round for these tiles; returns their edge vertices after it. */
  pin(level: LevelPlan, forced: Array<[string, EdgeLists]>): Array<[string, EdgeLists]> {
    return forced.map(([id, edges]) => [id, pinEdges(this.started.get(id)!, edges, level)]);
  }

  /** Encode and write the settled meshes; forgets the tiles. */
  finish(ids: string[]): TileStat[] {
    return ids.map((id) => {
      const s = this.started.get(id)!;
      this.started.delete(id);
      const tile = encodeTerrainTile(s.key, s.mesh, s.lattice, this.field, {
        normals: this.setup.normals,
        ...(this.waterMask ? { waterMask: this.waterMask } : {}),
      });
      const dir = join(this.setup.outDir, String(s.key.z), String(s.key.x));
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${s.key.y}.terrain`), tile.bytes);
      return { ...s.key, bytes: tile.bytes.length, vertices: tile.vertices, triangles: tile.triangles };
    });
  }
}
