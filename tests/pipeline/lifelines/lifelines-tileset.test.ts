import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- gltf-validator ships no types.
import validator from 'gltf-validator';
import { sampleElevation } from '../../../src/core/elevation-grid.ts';
import { NETWORKS } from '../../../src/core/lifelines.ts';
import { buildLifelinesTileset, type BuildLifelinesSummary } from '../../../src/pipeline/lifelines/build-lifelines-tileset.ts';
import type { RawFeature } from '../../../src/sources/raw-feature.ts';
import { createSyntheticNetwork } from '../../../src/sample/synthetic/synthetic-network.ts';
import { tempDir } from '../buildings/fixtures.ts';
import { inspectTileset, regionContains, type InspectedTileset } from '../buildings/tileset-inspection.ts';

const network = createSyntheticNetwork({ count: 600, seed: 3 });
const good = [...network.features()];
const line = (coords: number[][]): RawFeature['geometry'] => ({ type: 'LineString', coordinates: coords });
const base = good[0]!.properties;
const bad: RawFeature[] = [
  { index: 0, id: 'BAD-GEOM', geometry: { type: 'Point', coordinates: [106.55, 29.55] }, properties: { ...base, id: 'BAD-GEOM' } },
  { index: 0, id: 'BAD-NET', geometry: line([[106.55, 29.55], [106.5505, 29.55]]), properties: { ...base, id: 'BAD-NET', network: 'steam' } },
  { index: 0, id: 'BAD-DEPTH', geometry: line([[106.55, 29.55], [106.5505, 29.55]]), properties: { ...base, id: 'BAD-DEPTH', depth_m: undefined } },
  { index: 0, id: 'BAD-POINTS', geometry: line([[106.55, 29.55], [106.55, 29.55]]), properties: { ...base, id: 'BAD-POINTS' } },
  { index: 0, id: 'BAD-OUTSIDE', geometry: line([[107.5, 29.55], [107.501, 29.55]]), properties: { ...base, id: 'BAD-OUTSIDE' } },
  { index: 0, id: good[5]!.id, geometry: good[5]!.geometry, properties: { ...good[5]!.properties } },
];
const features: RawFeature[] = [...good, ...bad].map((f, index) => ({ ...f, index }));

async function build(dir: string) {
  const result = await buildLifelinesTileset({
    features,
    grid: network.grid,
    outDir: dir,
    workers: 0,
    tiling: { maxFeaturesPerTile: 150, parentFeatures: 50 },
  });
  if (!result.ok) throw new Error(result.error);
  return result.summary;
}

describe('lifelines tileset from a synthetic network', () => {
  let dir: string;
  let summary: BuildLifelinesSummary;
  let tileset: InspectedTileset;

  beforeAll(async () => {
    dir = tempDir('lifelines');
    summary = await build(join(dir, 'a'));
    tileset = await inspectTileset(join(dir, 'a'));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports every bad segment by id and reason, and keeps the good ones', () => {
    expect(summary.segments).toBe(good.length);
    expect(summary.problems.map((p) => [p.id, p.reason])).toEqual([
      ['BAD-GEOM', 'unsupported-geometry'],
      ['BAD-NET', 'bad-attribute'],
      ['BAD-DEPTH', 'missing-depth'],
      ['BAD-POINTS', 'too-few-points'],
      ['BAD-OUTSIDE', 'outside-dem'],
      [good[5]!.id, 'duplicate-id'],
    ]);
    const report = JSON.parse(readFileSync(join(dir, 'a', 'report.json'), 'utf8')) as { skipped: number };
    expect(report.skipped).toBe(6);
  });

  it('is a 3D Tiles 1.1 tileset of several levels that loaders.gl loads', () => {
    expect((tileset.json.asset as { version: string }).version).toBe('1.1');
    expect(tileset.tiles.length).toBe(summary.tiles);
    expect(Math.max(...tileset.tiles.map((t) => t.depth))).toBeGreaterThanOrEqual(1);
  });

  it('every glb passes the glTF validator with no errors and uses quantization + meshopt + metadata', async () => {
    for (const tile of tileset.tiles) {
      const report = await validator.validateBytes(tile.glb);
      expect(report.issues.numErrors, tile.uri).toBe(0);
      const text = new TextDecoder().decode(tile.glb.subarray(20, 20 + new DataView(tile.glb.buffer).getUint32(12, true)));
      const used = (JSON.parse(text) as { extensionsUsed: string[] }).extensionsUsed;
      for (const ext of ['KHR_mesh_quantization', 'EXT_meshopt_compression', 'EXT_mesh_features', 'EXT_structural_metadata']) {
        expect(used, tile.uri).toContain(ext);
      }
    }
  });

  it('holds every input segment exactly once with all its attributes', () => {
    const byId = new Map(good.map((f) => [String(f.id), f.properties]));
    const seen = new Map<string, number>();
    for (const tile of tileset.tiles) {
      for (const row of tile.rows) {
        const id = row.id as string;
        seen.set(id, (seen.get(id) ?? 0) + 1);
        const p = byId.get(id)!;
        expect(p, id).toBeDefined();
        expect(row.network).toBe(p.network);
        expect(row.diameter_mm).toBe(p.diameter_mm);
        expect(row.depth_m as number).toBeCloseTo(p.depth_m as number, 5);
        expect(row.material).toBe(p.material);
        expect(row.install_year).toBe(p.install_year);
        expect(row.condition).toBe(p.condition);
        expect(row.pressure).toBe(p.pressure ?? '未知');
      }
    }
    expect(seen.size).toBe(good.length);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it('draws every segment (its feature ID has vertices) in its network colour material, inside the tile regions', () => {
    for (const tile of tileset.tiles) {
      const drawn = new Set<number>();
      for (const prim of tile.primitives) {
        for (const v of prim.vertices) {
          drawn.add(v.featureId);
          expect(regionContains(tile.contentRegion!, v.geo, 0.1), tile.uri).toBe(true);
        }
      }
      expect(drawn.size).toBe(tile.rows.length);
      const text = new TextDecoder().decode(tile.glb.subarray(20, 20 + new DataView(tile.glb.buffer).getUint32(12, true)));
      const materials = (JSON.parse(text) as { materials: { name: string }[] }).materials.map((m) => m.name);
      expect(materials.length).toBeGreaterThan(0);
      for (const m of materials) expect(NETWORKS).toContain(m);
    }
  });

  it('puts every tube top depth_m below the DEM surface (within 10 cm) and nothing above it', () => {
    for (const tile of tileset.tiles) {
      const tops = new Map<number, number>();
      const counts = new Map<number, number>();
      for (const prim of tile.primitives) {
        for (const v of prim.vertices) {
          const depth = tile.rows[v.featureId]!.depth_m as number;
          const expected = sampleElevation(network.grid, v.geo[0], v.geo[1]) - depth;
          // Side vertices sit lower than the top; the ground under them differs by at most slope × radius.
          expect(v.geo[2], tile.rows[v.featureId]!.id as string).toBeLessThanOrEqual(expected + 0.1);
          counts.set(v.featureId, (counts.get(v.featureId) ?? 0) + 1);
          if (Math.abs(v.geo[2] - expected) <= 0.1) tops.set(v.featureId, (tops.get(v.featureId) ?? 0) + 1);
        }
      }
      // One top vertex per ring of 6: a sixth of the vertices.
      for (const [id, n] of counts) expect(tops.get(id) ?? 0, tile.rows[id]!.id as string).toBeGreaterThanOrEqual(n / 6);
    }
  });

  it('is deterministic: a second build writes the same bytes', async () => {
    await build(join(dir, 'b'));
    const a = JSON.stringify(tileset.json);
    expect(readFileSync(join(dir, 'b', 'tileset.json'), 'utf8')).toBe(a);
    for (const tile of tileset.tiles) {
      expect(Buffer.compare(readFileSync(join(dir, 'b', tile.uri)), Buffer.from(tile.glb)), tile.uri).toBe(0);
    }
  }, 120_000);
});
