import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPickFrame, decodeBuildingPickIndex, pickPrism, type BuildingPickIndex } from '../../../src/core/building-pick-index.ts';
import { buildBuildingsTileset, type BuildBuildingsSummary } from '../../../src/pipeline/buildings/build-buildings-tileset.ts';
import { PICK_INDEX_FILE, type PickIndexReference } from '../../../src/pipeline/buildings/pick-index-writer.ts';
import { buildingsStep } from '../../../src/build/steps/buildings-step.ts';
import { smallDistrict, tempDir } from './fixtures.ts';
import { inspectTileset, type InspectedTileset } from './tileset-inspection.ts';

describe('pick index written with the buildings tileset', () => {
  const { district, features } = smallDistrict(150, 11);
  let dir: string;
  let out: string;
  let summary: BuildBuildingsSummary;
  let tileset: InspectedTileset;
  let index: BuildingPickIndex;
  let bytes: Buffer;

  beforeAll(async () => {
    dir = tempDir('pick');
    out = join(dir, 'buildings');
    const result = await buildBuildingsTileset({
      features,
      grid: district.grid,
      outDir: out,
      workers: 0,
      tiling: { maxFeaturesPerTile: 40, parentFeatures: 10 },
    });
    if (!result.ok) throw new Error(result.error);
    summary = result.summary;
    tileset = await inspectTileset(out);
    bytes = readFileSync(join(out, PICK_INDEX_FILE));
    index = decodeBuildingPickIndex(bytes);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sits next to tileset.json, named there with its hash, and leaves no staging folders', () => {
    const reference = (tileset.json.asset as { extras: { pickIndex: PickIndexReference } }).extras.pickIndex;
    expect(reference).toEqual({
      uri: PICK_INDEX_FILE,
      version: 1,
      sha256: createHash('sha256').update(bytes).digest('hex').slice(0, 16),
      bytes: bytes.byteLength,
      buildings: summary.buildings,
    });
    // The counts the tileset writer puts in extras are still there.
    expect((tileset.json.asset as { extras: { buildings: number } }).extras.buildings).toBe(summary.buildings);
    // The published symlink and its versions, nothing staged left behind.
    expect(readdirSync(dir).sort()).toEqual(['.versions', 'buildings']);
    expect(readdirSync(dir, { recursive: true }).filter((e) => e.includes('.tmp-'))).toEqual([]);
  });

  it('holds every building of the tiles, by code', () => {
    const codes = new Set(tileset.tiles.flatMap((t) => t.rows.map((r) => r.id as string)));
    expect(index.count).toBe(summary.buildings);
    expect(new Set(index.codes)).toEqual(codes);
  });

  it('puts each roof where the tiles put it (curvature included): a ray down onto a roof triangle of the glb hits that building there', () => {
    const toLocal = createPickFrame([index.origin.lon, index.origin.lat, index.origin.height]);
    const byCode = new Map(index.codes.map((c, i) => [c, i]));
    let checked = 0;
    for (const tile of tileset.tiles) {
      for (const prim of tile.primitives) {
        const top = new Map<number, number>();
        for (const v of prim.vertices) top.set(v.featureId, Math.max(top.get(v.featureId) ?? -Infinity, v.geo[2]));
        const seen = new Set<number>();
        for (let t = 0; t < prim.indices.length; t += 3) {
          const vs = [0, 1, 2].map((k) => prim.vertices[prim.indices[t + k]!]!);
          const id = vs[0]!.featureId;
          if (seen.has(id) || vs.some((v) => v.featureId !== id || Math.abs(v.geo[2] - top.get(id)!) > 0.06)) continue;
          seen.add(id);
          const local = vs.map((v) => toLocal(v.geo[0], v.geo[1], v.geo[2]));
          const c = [0, 1, 2].map((axis) => (local[0]![axis]! + local[1]![axis]! + local[2]![axis]!) / 3) as [number, number, number];
          const building = byCode.get(tile.rows[id]!.id as string)!;
          const hit = pickPrism(index, { origin: [c[0], c[1], c[2] + 100], direction: [0, 0, -1] }, { isCandidate: (i) => i === building });
          expect(hit?.index, `${tile.uri} feature ${id}`).toBe(building);
          expect(Math.abs(c[2] + 100 - hit!.distance - c[2]), `${tile.uri} feature ${id}`).toBeLessThan(0.15);
          checked++;
        }
      }
    }
    expect(checked).toBe(summary.buildings);
  });

  it('is small: under 60 bytes a building here', () => {
    expect(bytes.byteLength / summary.buildings).toBeLessThan(60);
  });

  it('makes the build plan rebuild tiles made before the pick index existed', () => {
    const step = buildingsStep({ root: '/p', tiles: '/p/tiles', sourceData: '/p/var/source', viewerDist: '/p/dist/viewer' });
    expect(step.outputs).toEqual(['/p/tiles/buildings/tileset.json', '/p/tiles/buildings/pick-index.bin']);
    expect(existsSync(join(out, 'tileset.json'))).toBe(true);
  });
});
