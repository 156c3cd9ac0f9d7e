import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cartesian3, Ellipsoid } from 'cesium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleElevation } from '../../../src/core/elevation-grid.ts';
import { levelGeometricError, tileRect } from '../../../src/pipeline/terrain/geographic-tiling.ts';
import type { LayerJson } from '../../../src/pipeline/terrain/layer-json.ts';
import { buildTerrain, type TerrainBuildResult } from '../../../src/pipeline/terrain/terrain-builder.ts';
import { checkSharedEdges, type DecodedTile, decodeTile, meshHeightAt } from './quantized-mesh-inspection.ts';
import { RIVER_LEVEL, syntheticGrid, writeSyntheticGeoTiff } from './synthetic-dem.ts';

const grid = syntheticGrid();
let dir: string;
let out: string;
let result: TerrainBuildResult;
let layer: LayerJson;
const decoded = new Map<string, DecodedTile>();

function filesOnDisk(root: string): string[] {
  const found: string[] = [];
  for (const z of readdirSync(root)) {
    if (!/^\d+$/.test(z)) continue;
    for (const x of readdirSync(join(root, z))) for (const y of readdirSync(join(root, z, x))) found.push(`${z}/${x}/${y.replace('.terrain', '')}`);
  }
  return found.sort();
}

/** A small deterministic generator so sampled points are the same every run. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yz-terrain-'));
  writeSyntheticGeoTiff(join(dir, 'dem.tif'), grid);
  out = join(dir, 'terrain');
  result = await buildTerrain({ input: join(dir, 'dem.tif'), outDir: out, version: 'test' });
  layer = JSON.parse(readFileSync(join(out, 'layer.json'), 'utf8')) as LayerJson;
  for (const path of filesOnDisk(out)) {
    const [z, x, y] = path.split('/').map(Number) as [number, number, number];
    const r = tileRect({ z, x, y });
    decoded.set(path, await decodeTile(readFileSync(join(out, `${path}.terrain`)), [r.west, r.south, r.east, r.north]));
  }
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('terrain tiles from a synthetic DEM', () => {
  it('writes layer.json as CesiumTerrainProvider expects', () => {
    expect(layer).toMatchObject({
      format: 'quantized-mesh-1.0',
      scheme: 'tms',
      projection: 'EPSG:4326',
      tiles: ['{z}/{x}/{y}.terrain?v={version}'],
      extensions: ['octvertexnormals', 'watermask'],
      version: 'test',
    });
    expect(layer.bounds).toHaveLength(4);
    expect(layer.available[0]).toEqual([{ startX: 0, startY: 0, endX: 1, endY: 0 }]);
    expect(layer.maxzoom).toBe(layer.available.length - 1);
    // ~10 m DEM → level 13 (lattice spacing ≤ DEM spacing).
    expect(layer.maxzoom).toBe(13);
  });

  it('lists in `available` exactly the tiles on disk', () => {
    const listed: string[] = [];
    layer.available.forEach((ranges, z) => {
      for (const r of ranges) for (let x = r.startX; x <= r.endX; x++) for (let y = r.startY; y <= r.endY; y++) listed.push(`${z}/${x}/${y}`);
    });
    expect(filesOnDisk(out)).toEqual(listed.sort());
    expect(listed).toHaveLength(result.tiles.length);
  });

  it('decodes every tile with header fields consistent with its vertices', () => {
    let occludingCameras = 0;
    for (const [path, t] of decoded) {
      const h = t.raw.header;
      let lo = Infinity;
      let hi = -Infinity;
      const positions: Cartesian3[] = [];
      for (let i = 0; i < t.vertexCount; i++) {
        lo = Math.min(lo, t.height[i]!);
        hi = Math.max(hi, t.height[i]!);
        positions.push(Cartesian3.fromDegrees(t.lon[i]!, t.lat[i]!, t.height[i]!));
      }
      expect(lo, path).toBeCloseTo(h.minHeight, 3);
      expect(hi, path).toBeCloseTo(h.maxHeight, 3);
      // The loader agrees on the heights.
      expect(t.positions[2]!, path).toBeCloseTo(t.height[0]!, 2);
      const centre = new Cartesian3(h.boundingSphereCenterX, h.boundingSphereCenterY, h.boundingSphereCenterZ);
      const farthest = Math.max(...positions.map((p) => Cartesian3.distance(p, centre)));
      expect(farthest, path).toBeLessThanOrEqual(h.boundingSphereRadius + 0.01);
      // Horizon occlusion: from any camera that cannot see the point, no vertex is visible either.
      const hop = new Cartesian3(h.horizonOcclusionPointX, h.horizonOcclusionPointY, h.horizonOcclusionPointZ);
      const scaled = positions.map((p) => Ellipsoid.WGS84.transformPositionToScaledSpace(p, new Cartesian3()));
      const random = lcg(path.length * 7919);
      const rect = tileRect({ z: +path.split('/')[0]!, x: +path.split('/')[1]!, y: +path.split('/')[2]! });
      for (let k = 0; k < 40; k++) {
        const lon = rect.west + random() * (rect.east - rect.west) + (random() - 0.5) * 40;
        const lat = Math.max(-89, Math.min(89, rect.south + random() * (rect.north - rect.south) + (random() - 0.5) * 40));
        const cam = Ellipsoid.WGS84.transformPositionToScaledSpace(Cartesian3.fromDegrees(lon, lat, 10 ** (1 + random() * 6)), new Cartesian3());
        if (!isOccluded(cam, hop)) continue;
        occludingCameras++;
        const visible = scaled.filter((q) => !isOccluded(cam, q)).length;
        expect(visible, `${path}: vertices visible though the horizon point is not`).toBe(0);
      }
    }
    expect(occludingCameras).toBeGreaterThan(50);
  });

  it('gives the two root tiles a real, curved mesh whose horizon point faces their hemisphere', () => {
    for (const x of [0, 1]) {
      const t = decoded.get(`0/${x}/0`)!;
      expect(t.vertexCount).toBeGreaterThanOrEqual(17 * 17 - 16);
      const h = t.raw.header;
      const centre = Cartesian3.fromDegrees(x === 0 ? -90 : 90, 0);
      expect(Cartesian3.dot(new Cartesian3(h.horizonOcclusionPointX, h.horizonOcclusionPointY, h.horizonOcclusionPointZ), centre)).toBeGreaterThan(0);
    }
  });

  it('writes counter-clockwise triangles, normals and water masks', () => {
    for (const [path, t] of decoded) {
      for (let i = 0; i < t.indices.length; i += 3) {
        const [a, b, c] = [t.indices[i]!, t.indices[i + 1]!, t.indices[i + 2]!];
        const cross = (t.lon[b]! - t.lon[a]!) * (t.lat[c]! - t.lat[a]!) - (t.lat[b]! - t.lat[a]!) * (t.lon[c]! - t.lon[a]!);
        expect(cross, path).toBeGreaterThan(0);
      }
      expect(t.raw.extensions.vertexNormals?.length, path).toBe(t.vertexCount * 2);
      const mask = t.raw.extensions.waterMask;
      expect(mask && [1, 65536].includes(mask.byteLength), path).toBe(true);
    }
  });

  it('keeps every tile within its level error of the DEM, and ≤ 1 m at the deepest level', () => {
    const random = lcg(42);
    for (const [path, t] of decoded) {
      const [z] = path.split('/').map(Number) as [number];
      if (z < 6) continue; // the DEM is a speck in these tiles
      const r = tileRect({ z, x: +path.split('/')[1]!, y: +path.split('/')[2]! });
      const w = Math.max(r.west, grid.west);
      const e = Math.min(r.east, grid.west + (grid.width - 1) * grid.dx);
      const n = Math.min(r.north, grid.north);
      const s = Math.max(r.south, grid.north - (grid.height - 1) * grid.dy);
      if (w >= e || s >= n) continue;
      const bound = z === layer.maxzoom ? 1 : levelGeometricError(z);
      let worst = 0;
      for (let k = 0; k < 150; k++) {
        const lon = w + random() * (e - w);
        const lat = s + random() * (n - s);
        const mesh = meshHeightAt(t, lon, lat);
        expect(mesh, `${path} no triangle at ${lon},${lat}`).toBeDefined();
        worst = Math.max(worst, Math.abs(mesh! - sampleElevation(grid, lon, lat)));
      }
      expect(worst, `${path} error ${worst.toFixed(2)} m > ${bound.toFixed(2)} m`).toBeLessThanOrEqual(bound);
    }
  });

  it('makes every tile watertight: each inner triangle edge is shared by two triangles', () => {
    for (const [path, t] of decoded) {
      const count = new Map<string, number>();
      for (let i = 0; i < t.indices.length; i += 3) {
        for (const [p, q] of [
          [t.indices[i]!, t.indices[i + 1]!],
          [t.indices[i + 1]!, t.indices[i + 2]!],
          [t.indices[i + 2]!, t.indices[i]!],
        ] as const) {
          const k = p < q ? `${p}-${q}` : `${q}-${p}`;
          count.set(k, (count.get(k) ?? 0) + 1);
        }
      }
      const u = t.raw.vertexData.subarray(0, t.vertexCount);
      const v = t.raw.vertexData.subarray(t.vertexCount, 2 * t.vertexCount);
      const onBorder = (a: number, b: number) =>
        (u[a] === u[b] && (u[a] === 0 || u[a] === 32767)) || (v[a] === v[b] && (v[a] === 0 || v[a] === 32767));
      for (const [k, n] of count) {
        const [a, b] = k.split('-').map(Number) as [number, number];
        if (n === 1) expect(onBorder(a, b), `${path}: open edge ${k} inside the tile`).toBe(true);
        else expect(n, `${path}: edge ${k}`).toBe(2);
      }
    }
  });

  it('makes neighbours share identical edge vertices', () => {
    const check = checkSharedEdges(decoded);
    expect(check.mismatches).toEqual([]);
    expect(check.pairs).toBeGreaterThan(1);
  });

  it('marks water where the DEM is under the river level', () => {
    const z = layer.maxzoom;
    let checked = 0;
    for (const [path, t] of decoded) {
      if (!path.startsWith(`${z}/`)) continue;
      const [, x, y] = path.split('/').map(Number) as [number, number, number];
      const r = tileRect({ z, x, y });
      const mask = new Uint8Array(t.raw.extensions.waterMask!);
      for (let k = 0; k < 64; k++) {
        const col = (k * 37) % 256;
        const row = (k * 101) % 256;
        const lon = r.west + ((col + 0.5) / 256) * (r.east - r.west);
        const lat = r.north - ((row + 0.5) / 256) * (r.north - r.south);
        const h = sampleElevation(grid, lon, lat);
        if (Number.isNaN(h) || Math.abs(h - RIVER_LEVEL) < 0.5) continue;
        const value = mask.length === 1 ? mask[0] : mask[row * 256 + col];
        expect(value, `${path} (${col}, ${row}) h=${h.toFixed(1)}`).toBe(h < RIVER_LEVEL ? 255 : 0);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('leaves no temporary folders behind', () => {
    expect(readdirSync(dir, { recursive: true }).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(existsSync(join(out, 'layer.json'))).toBe(true);
  });
});

/** Cesium's horizon test in ellipsoid-scaled space (EllipsoidalOccluder.isScaledSpacePointVisible). */
function isOccluded(camera: Cartesian3, point: Cartesian3): boolean {
  const vhMagnitudeSquared = Cartesian3.magnitudeSquared(camera) - 1;
  const vt = Cartesian3.subtract(point, camera, new Cartesian3());
  const vtDotVc = -Cartesian3.dot(vt, camera);
  return vtDotVc > vhMagnitudeSquared && (vtDotVc * vtDotVc) / Cartesian3.magnitudeSquared(vt) > vhMagnitudeSquared;
}
