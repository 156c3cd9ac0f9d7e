import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleElevation } from '../../../src/core/elevation-grid.ts';
import { type BasemapBuildResult, type BasemapManifest, buildBasemap } from '../../../src/pipeline/basemap/basemap-builder.ts';
import { xyzRangeCovering, xyzTileRect } from '../../../src/pipeline/basemap/basemap-tiling.ts';
import { TerrainInputError } from '../../../src/sources/terrain-input-error.ts';
import { RIVER_LEVEL, syntheticGrid, writeSyntheticGeoTiff } from '../terrain/synthetic-dem.ts';

const grid = syntheticGrid();
// The synthetic DEM spans 106.50–106.52 E, 29.555–29.57 N; the river is its southern fifth.
const DISTRICT = [
  [106.503, 29.5575],
  [106.517, 29.5575],
  [106.517, 29.568],
  [106.503, 29.568],
  [106.503, 29.5575],
];
const ARTERIAL = [
  [106.501, 29.566],
  [106.519, 29.5655],
];
let dir: string;
let out: string;
let result: BasemapBuildResult;
let manifest: BasemapManifest;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yz-basemap-'));
  writeSyntheticGeoTiff(join(dir, 'dem.tif'), grid);
  const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
  writeFileSync(
    join(dir, 'roads.geojson'),
    fc([
      { type: 'Feature', properties: { id: 'r1', class: 'arterial', name: 'A', width_m: 24 }, geometry: { type: 'LineString', coordinates: ARTERIAL } },
      { type: 'Feature', properties: { id: 'r2', class: 'stairway', name: 'S', width_m: 3 }, geometry: { type: 'LineString', coordinates: [[106.51, 29.562], [106.511, 29.567]] } },
    ]),
  );
  writeFileSync(join(dir, 'districts.geojson'), fc([{ type: 'Feature', properties: { adcode: '500103', name: '渝中区' }, geometry: { type: 'Polygon', coordinates: [DISTRICT] } }]));
  out = join(dir, 'basemap');
  result = await buildBasemap({
    dem: join(dir, 'dem.tif'),
    roads: join(dir, 'roads.geojson'),
    districts: join(dir, 'districts.geojson'),
    outDir: out,
    areaMaxZoom: 13,
    maxZoom: 15,
  });
  manifest = JSON.parse(readFileSync(join(out, 'basemap.json'), 'utf8')) as BasemapManifest;
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function pixel(z: number, lon: number, lat: number): Promise<[number, number, number, number]> {
  const size = 180 / 2 ** z;
  const x = Math.floor((lon + 180) / size);
  const y = Math.floor((90 - lat) / size);
  const rect = xyzTileRect(z, x, y);
  const { data, info } = await sharp(join(out, String(z), String(x), `${y}.webp`)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const px = Math.min(255, Math.floor(((lon - rect.west) / size) * 256));
  const py = Math.min(255, Math.floor(((rect.north - lat) / size) * 256));
  const i = (py * info.width + px) * 4;
  return [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
}

describe('offline basemap from a synthetic district', () => {
  it('describes its layers in basemap.json', () => {
    expect(manifest).toMatchObject({ format: 'webp', tileSize: 256, tilingScheme: 'geographic', url: '{z}/{x}/{y}.webp' });
    expect(manifest.layers).toHaveLength(2);
    expect(manifest.layers[0]).toMatchObject({ minZoom: 0, maxZoom: 13 });
    expect(manifest.layers[1]).toMatchObject({ minZoom: 0, maxZoom: 15, rectangle: [106.503, 29.5575, 106.517, 29.568] });
  });

  it('has every tile of every layer, and nothing else', () => {
    const expected = new Set<string>();
    for (const layer of manifest.layers) {
      const [west, south, east, north] = layer.rectangle;
      for (let z = layer.minZoom; z <= layer.maxZoom; z++) {
        const r = xyzRangeCovering({ west, south, east, north }, z);
        for (let x = r.x0; x <= r.x1; x++) for (let y = r.y0; y <= r.y1; y++) expected.add(`${z}/${x}/${y}`);
      }
    }
    const found = new Set<string>();
    for (const z of readdirSync(out).filter((f) => /^\d+$/.test(f)))
      for (const x of readdirSync(join(out, z))) for (const y of readdirSync(join(out, z, x))) found.add(`${z}/${x}/${y.replace('.webp', '')}`);
    expect([...found].sort()).toEqual([...expected].sort());
    expect(result.tiles).toBe(expected.size);
    // Deep levels cover the district only: fewer tiles than over the whole DEM.
    const deepOverDem = xyzRangeCovering({ west: grid.west, south: 29.555, east: 106.52, north: grid.north }, 15);
    expect(result.levels[15]!.tiles).toBeLessThan((deepOverDem.x1 - deepOverDem.x0 + 1) * (deepOverDem.y1 - deepOverDem.y0 + 1));
  });

  it('paints water where the DEM is under the river level, land elsewhere', async () => {
    let water = 0;
    let land = 0;
    for (let k = 0; k < 40; k++) {
      const lon = 106.5015 + (k % 8) * 0.0022;
      const lat = 29.5555 + Math.floor(k / 8) * 0.0018;
      const h = sampleElevation(grid, lon, lat);
      if (Math.abs(h - RIVER_LEVEL) < 1 || Math.abs(lat - 29.5657) < 0.0006 || (lon > 106.5095 && lon < 106.5115)) continue;
      const [r, g, b, a] = await pixel(13, lon, lat);
      expect(a).toBe(255);
      const blue = b > r + 25 && b > g;
      expect(blue, `(${lon}, ${lat}) h=${h.toFixed(1)} rgb=${r},${g},${b}`).toBe(h < RIVER_LEVEL);
      if (h < RIVER_LEVEL) water++;
      else land++;
    }
    expect(water).toBeGreaterThan(3);
    expect(land).toBeGreaterThan(10);
  });

  it('draws roads by class and leaves the world outside the DEM transparent', async () => {
    const [r, g, b] = await pixel(15, (ARTERIAL[0]![0]! + ARTERIAL[1]![0]!) / 2, (ARTERIAL[0]![1]! + ARTERIAL[1]![1]!) / 2);
    // Arterial fill #ffd27a.
    expect(Math.abs(r - 0xff) + Math.abs(g - 0xd2) + Math.abs(b - 0x7a)).toBeLessThan(40);
    const [, , , alpha] = await pixel(10, 106.4, 29.56); // same z10 tile as the DEM, west of it
    expect(alpha).toBe(0);
  });

  it('fails cleanly on a bad DEM and keeps the previous basemap', async () => {
    const bad = join(dir, 'bad.tif');
    writeFileSync(bad, 'nope');
    const error = await buildBasemap({ dem: bad, outDir: out }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TerrainInputError);
    expect((error as Error).message).toContain(bad);
    expect(existsSync(join(out, 'basemap.json'))).toBe(true);
  });
});
