import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- gltf-validator ships no types.
import validator from 'gltf-validator';
import { DEFAULT_STOREY_HEIGHT_M } from '../../../src/core/building.ts';
import { sampleElevation } from '../../../src/core/elevation-grid.ts';
import { buildBuildingsTileset, type BuildBuildingsSummary } from '../../../src/pipeline/buildings/build-buildings-tileset.ts';
import { createEnuFrame, geodeticToEcef } from '../../../src/pipeline/tiles3d/enu-frame.ts';
import type { RawFeature } from '../../../src/sources/raw-feature.ts';
import { pointInRings } from '../../../src/core/planar-geometry.ts';
import { featureRings, smallDistrict, tempDir } from './fixtures.ts';
import { inspectTileset, regionContains, regionWithin, type InspectedTile, type InspectedTileset, type InspectedVertex } from './tileset-inspection.ts';

const MAX_FEATURES = 60;
const PARENT_FEATURES = 20;

describe('buildings tileset from a synthetic district', () => {
  const { district, features } = smallDistrict(400);
  const byId = new Map<string, RawFeature>(features.map((f) => [String(f.id), f]));
  let dir: string;
  let summary: BuildBuildingsSummary;
  let tileset: InspectedTileset;

  beforeAll(async () => {
    dir = tempDir('main');
    const result = await buildBuildingsTileset({
      features,
      grid: district.grid,
      outDir: join(dir, 'buildings'),
      workers: 0,
      tiling: { maxFeaturesPerTile: MAX_FEATURES, parentFeatures: PARENT_FEATURES },
    });
    if (!result.ok) throw new Error(result.error);
    summary = result.summary;
    tileset = await inspectTileset(join(dir, 'buildings'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a 3D Tiles 1.1 tileset with additive refinement and several levels', () => {
    expect(summary.problems).toEqual([]);
    expect((tileset.json.asset as { version: string }).version).toBe('1.1');
    expect((tileset.json.root as { refine: string }).refine).toBe('ADD');
    expect(Math.max(...tileset.tiles.map((t) => t.depth))).toBeGreaterThanOrEqual(2);
    expect(tileset.tiles.length).toBe(summary.tiles);
  });

  it('every glb passes the glTF validator with no errors', async () => {
    for (const tile of tileset.tiles) {
      const report = await validator.validateBytes(tile.glb);
      const errors = report.issues.messages.filter((m: { severity: number }) => m.severity === 0);
      expect(errors, tile.uri).toEqual([]);
      expect(report.issues.numErrors, tile.uri).toBe(0);
    }
  });

  it('uses the required glTF extensions', () => {
    for (const tile of tileset.tiles) {
      const text = new TextDecoder().decode(tile.glb.subarray(20, 20 + new DataView(tile.glb.buffer).getUint32(12, true)));
      const gltf = JSON.parse(text) as {
        extensionsUsed: string[];
        extensionsRequired: string[];
        meshes: { primitives: { attributes: Record<string, number>; extensions: { EXT_mesh_features: { featureIds: Record<string, unknown>[] } } }[] }[];
      };
      for (const mesh of gltf.meshes) {
        for (const prim of mesh.primitives) {
          // No label: Cesium then names the set featureId_0, its default featureIdLabel
          // (an explicit "featureId_0" label makes Cesium 1.145's shader fail to compile).
          expect(prim.extensions.EXT_mesh_features.featureIds).toEqual([{ featureCount: tile.rows.length, attribute: 0, propertyTable: 0 }]);
          expect(Object.keys(prim.attributes).sort()).toEqual(['NORMAL', 'POSITION', '_FEATURE_ID_0']);
        }
      }
      expect(gltf.extensionsUsed).toEqual(expect.arrayContaining([
        'EXT_mesh_features', 'EXT_structural_metadata', 'KHR_mesh_quantization', 'EXT_meshopt_compression',
      ]));
      expect(gltf.extensionsRequired).toEqual(expect.arrayContaining(['KHR_mesh_quantization', 'EXT_meshopt_compression']));
    }
  });

  it('bounds features per tile and keeps geometric errors non-increasing down the tree', () => {
    const check = (tile: InspectedTile) => {
      expect(tile.rows.length).toBeLessThanOrEqual(MAX_FEATURES);
      if (tile.children.length === 0) expect(tile.geometricError).toBe(0);
      else expect(tile.rows.length).toBeLessThanOrEqual(PARENT_FEATURES);
      for (const child of tile.children) {
        expect(child.geometricError).toBeLessThanOrEqual(tile.geometricError);
        check(child);
      }
    };
    check(tileset.root);
    expect(tileset.json.geometricError as number).toBeGreaterThan(tileset.root.geometricError);
  });

  it('the overview (root) holds the most prominent buildings', () => {
    const rootHeights = tileset.root.rows.map((r) => r.height as number);
    const leafHeights = tileset.tiles.filter((t) => t.children.length === 0).flatMap((t) => t.rows.map((r) => r.height as number));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    expect(median(rootHeights)).toBeGreaterThan(median(leafHeights));
  });

  it('holds each input building exactly once with all its properties', () => {
    const seen = new Map<string, Record<string, unknown>>();
    for (const tile of tileset.tiles) {
      for (const row of tile.rows) {
        expect(seen.has(row.id as string), `duplicate ${row.id}`).toBe(false);
        seen.set(row.id as string, row);
      }
    }
    expect(seen.size).toBe(features.length);
    for (const f of features) {
      const row = seen.get(String(f.id))!;
      const p = f.properties;
      expect(row.name).toBe(p.name ?? '');
      expect(row.address).toBe(p.address);
      expect(row.community).toBe(p.community ?? '');
      expect(row.floors).toBe(p.floors);
      const height = (p.height as number | null) ?? (p.floors as number) * DEFAULT_STOREY_HEIGHT_M;
      expect(row.height).toBe(Math.fround(height));
      expect(row.year_built).toBe(p.year_built);
      expect(row.structure).toBe(p.structure);
      expect(row.use).toBe(p.use);
      expect(row.heritage).toBe(p.heritage ? 1 : 0);
      expect(typeof row.ground_min).toBe('number');
      expect(row.ground_max as number).toBeGreaterThanOrEqual(row.ground_min as number);
    }
  });

  it('every bounding volume contains its content and its children', () => {
    for (const tile of tileset.tiles) {
      for (const prim of tile.primitives) {
        for (const v of prim.vertices) {
          expect(regionContains(tile.region, v.geo), `${tile.uri} ${v.geo}`).toBe(true);
          expect(regionContains(tile.contentRegion!, v.geo), `${tile.uri} content ${v.geo}`).toBe(true);
        }
      }
      for (const child of tile.children) expect(regionWithin(child.region, tile.region), child.uri).toBe(true);
      expect(regionWithin(tile.contentRegion!, tile.region)).toBe(true);
    }
  });

  const vertexGroups = () => {
    const groups = new Map<string, InspectedVertex[]>();
    for (const tile of tileset.tiles) {
      for (const prim of tile.primitives) {
        for (const v of prim.vertices) {
          const id = tile.rows[v.featureId]!.id as string;
          if (!groups.has(id)) groups.set(id, []);
          groups.get(id)!.push(v);
        }
      }
    }
    return groups;
  };

  it('places every vertex within 5 cm of the extruded footprint', () => {
    const rowsById = new Map(tileset.tiles.flatMap((t) => t.rows.map((r) => [r.id as string, r] as const)));
    let worst = 0;
    for (const [id, vertices] of vertexGroups()) {
      const f = byId.get(id)!;
      const row = rowsById.get(id)!;
      const gmin = row.ground_min as number;
      const gmax = row.ground_max as number;
      const h = row.height as number;
      const p = f.properties;
      const storey = p.height != null && p.floors != null ? (p.height as number) / (p.floors as number) : DEFAULT_STOREY_HEIGHT_M;
      const roof = Math.max(gmin + h, gmax + Math.min(storey, h));
      const expected = featureRings(f).flat().flatMap((ring) => {
        const pts: number[][] = [];
        for (let i = 0; i < ring.length; i += 2) {
          pts.push(geodeticToEcef(ring[i]!, ring[i + 1]!, gmin), geodeticToEcef(ring[i]!, ring[i + 1]!, roof));
        }
        return pts;
      });
      for (const v of vertices) {
        const d = Math.min(...expected.map((e) => Math.hypot(e[0]! - v.ecef[0], e[1]! - v.ecef[1], e[2]! - v.ecef[2])));
        worst = Math.max(worst, d);
      }
    }
    expect(worst).toBeLessThanOrEqual(0.05);
  });

  it('stands every building at or below its ground_min, which is at or below the ground at its corners', () => {
    const rowsById = new Map(tileset.tiles.flatMap((t) => t.rows.map((r) => [r.id as string, r] as const)));
    for (const [id, vertices] of vertexGroups()) {
      const gmin = rowsById.get(id)!.ground_min as number;
      const base = Math.min(...vertices.map((v) => v.geo[2]));
      expect(base, id).toBeLessThanOrEqual(gmin + 0.03);
      for (const ring of featureRings(byId.get(id)!).flat()) {
        for (let i = 0; i < ring.length; i += 2) {
          expect(gmin, id).toBeLessThanOrEqual(sampleElevation(district.grid, ring[i]!, ring[i + 1]!) + 1e-3);
        }
      }
    }
  });

  it('has outward-facing walls and upward-facing roofs, with normals matching the winding', () => {
    let walls = 0;
    let roofs = 0;
    for (const tile of tileset.tiles) {
      for (const prim of tile.primitives) {
        for (let t = 0; t < prim.indices.length; t += 3) {
          const [a, b, c] = [0, 1, 2].map((k) => prim.vertices[prim.indices[t + k]!]!) as [InspectedVertex, InspectedVertex, InspectedVertex];
          const u = a.ecef.map((x, i) => b.ecef[i]! - x);
          const w = a.ecef.map((x, i) => c.ecef[i]! - x);
          const n = [u[1]! * w[2]! - u[2]! * w[1]!, u[2]! * w[0]! - u[0]! * w[2]!, u[0]! * w[1]! - u[1]! * w[0]!];
          const len = Math.hypot(...n);
          if (len < 1e-6) continue;
          const normal = n.map((x) => x / len);
          const centroid = [0, 1, 2].map((i) => (a.ecef[i]! + b.ecef[i]! + c.ecef[i]!) / 3);
          const frame = createEnuFrame(a.geo[0], a.geo[1], 0);
          const upDot = normal[0]! * frame.up[0] + normal[1]! * frame.up[1] + normal[2]! * frame.up[2];
          if (a.normal) {
            const agree = a.normal[0] * normal[0]! + a.normal[1] * normal[1]! + a.normal[2] * normal[2]!;
            expect(agree).toBeGreaterThan(0.99);
          }
          if (upDot > 0.99) {
            roofs++;
            continue;
          }
          expect(Math.abs(upDot)).toBeLessThan(0.01); // walls are vertical
          walls++;
          const rings = featureRings(byId.get(tile.rows[a.featureId]!.id as string)!);
          const inSolid = (sign: number) => {
            const p = centroid.map((x, i) => x + sign * 0.3 * normal[i]!) as [number, number, number];
            const [lon, lat] = frameToGeo(p);
            return rings.some((polygon) => pointInRings(polygon, lon, lat));
          };
          expect(inSolid(+1)).toBe(false);
          expect(inSolid(-1)).toBe(true);
        }
      }
    }
    expect(walls).toBeGreaterThan(1000);
    expect(roofs).toBeGreaterThan(400);
  });
});

function frameToGeo(p: [number, number, number]): [number, number] {
  // Inline Bowring-free estimate is enough here: lon exact, lat via the geodetic routine.
  const lon = Math.atan2(p[1], p[0]) * (180 / Math.PI);
  const e2 = 0.00669437999014;
  const r = Math.hypot(p[0], p[1]);
  let lat = Math.atan2(p[2], r * (1 - e2));
  for (let i = 0; i < 5; i++) {
    const n = 6378137 / Math.sqrt(1 - e2 * Math.sin(lat) ** 2);
    const h = r / Math.cos(lat) - n;
    lat = Math.atan2(p[2], r * (1 - (e2 * n) / (n + h)));
  }
  return [lon, lat * (180 / Math.PI)];
}



describe('buildings tileset without normals', () => {
  it('shares wall and roof vertices, is smaller, and still validates', async () => {
    const { district, features } = smallDistrict(120, 5);
    const dir = tempDir('flat');
    try {
      const sizes: number[] = [];
      for (const normals of [true, false]) {
        const result = await buildBuildingsTileset({ features: structuredClone(features), grid: district.grid, outDir: join(dir, String(normals)), workers: 0, glb: { normals } });
        if (!result.ok) throw new Error(result.error);
        sizes.push(result.summary.bytes);
      }
      expect(sizes[1]!).toBeLessThan(sizes[0]! * 0.8);
      const tileset = await inspectTileset(join(dir, 'false'));
      for (const tile of tileset.tiles) {
        expect(tile.primitives.every((p) => p.vertices.every((v) => v.normal === undefined))).toBe(true);
        const report = await validator.validateBytes(tile.glb);
        expect(report.issues.numErrors).toBe(0);
      }
      expect(tileset.tiles.flatMap((t) => t.rows)).toHaveLength(features.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a tile whose string column is all empty', () => {
  it('still validates (no empty buffer views) and leaves the column out, so names read as no data', async () => {
    const { district, features } = smallDistrict(50, 9);
    for (const f of features) f.properties.name = null;
    const dir = tempDir('empty');
    try {
      const result = await buildBuildingsTileset({ features, grid: district.grid, outDir: join(dir, 'b'), workers: 0 });
      if (!result.ok) throw new Error(result.error);
      const tileset = await inspectTileset(join(dir, 'b'));
      for (const tile of tileset.tiles) {
        const report = await validator.validateBytes(tile.glb);
        expect(report.issues.messages.filter((m: { severity: number }) => m.severity === 0)).toEqual([]);
        // A 0-byte values view is not allowed, a 1-byte one breaks EXT_structural_metadata's
        // length rule: the table omits `name`, and the class still declares it with noData
        // '' (Cesium's getProperty gives undefined for an omitted property and for noData).
        const json = JSON.parse(new TextDecoder().decode(tile.glb.subarray(20, 20 + new DataView(tile.glb.buffer, tile.glb.byteOffset).getUint32(12, true)))) as {
          extensions: { EXT_structural_metadata: { propertyTables: Array<{ properties: Record<string, unknown> }>; schema: { classes: Record<string, { properties: Record<string, { noData?: unknown }> }> } } };
        };
        const metadata = json.extensions.EXT_structural_metadata;
        expect(Object.keys(metadata.propertyTables[0]!.properties)).not.toContain('name');
        expect(Object.values(metadata.schema.classes)[0]!.properties.name!.noData).toBe('');
        for (const row of tile.rows) {
          expect(row.name).toBeUndefined();
          expect(typeof row.id).toBe('string');
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
