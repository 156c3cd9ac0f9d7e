/**
 * Turns one tile's RTIN mesh into quantized-mesh bytes: lattice → lon/lat/height,
 * quantisation, header geodesy, normals and water mask.
 */
import type { Cartesian3 } from 'cesium';
import type { LonLatRect } from './dem-coverage.ts';
import { type TileKey, tileRect } from './geographic-tiling.ts';
import type { HeightField } from './height-field.ts';
import { encodeQuantizedMesh, QUANTIZED_MAX } from './quantized-mesh-encoder.ts';
import type { RtinMesh } from './rtin-mesher.ts';
import { latticeLat, latticeLon } from './tile-grid-sampler.ts';
import { ecefFromDegrees, tileGeodesy } from './tile-geodesy.ts';
import { octEncodedNormals } from './vertex-normals.ts';

export interface EncodeTileOptions {
  normals: boolean;
  /** Water mask for the tile's rectangle, or undefined for none. */
  waterMask?: (rect: LonLatRect) => Uint8Array;
}

export interface EncodedTile {
  bytes: Uint8Array;
  vertices: number;
  triangles: number;
  minimumHeight: number;
  maximumHeight: number;
}

export function encodeTerrainTile(
  key: TileKey,
  mesh: RtinMesh,
  lattice: Float32Array,
  field: HeightField,
  options: EncodeTileOptions,
): EncodedTile {
  const { size, vertices } = mesh;
  const n = vertices.length / 2;
  const last = size - 1;
  const heights = new Float32Array(n);
  const lons = new Float64Array(n);
  const lats = new Float64Array(n);
  const u = new Uint16Array(n);
  const v = new Uint16Array(n);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const col = vertices[i * 2]!;
    const row = vertices[i * 2 + 1]!;
    const h = lattice[row * size + col]!;
    heights[i] = h;
    min = Math.min(min, h);
    max = Math.max(max, h);
    lons[i] = latticeLon(key, size, col);
    lats[i] = latticeLat(key, size, row);
    u[i] = Math.round((col / last) * QUANTIZED_MAX);
    v[i] = Math.round(((last - row) / last) * QUANTIZED_MAX);
  }
  const range = max - min;
  const height = new Uint16Array(n);
  const positions: Cartesian3[] = new Array(n);
  for (let i = 0; i < n; i++) {
    height[i] = range > 0 ? Math.round(((heights[i]! - min) / range) * QUANTIZED_MAX) : 0;
    positions[i] = ecefFromDegrees(lons[i]!, lats[i]!, heights[i]!);
  }
  const rect = tileRect(key);
  const geo = tileGeodesy(positions, ecefFromDegrees((rect.west + rect.east) / 2, (rect.south + rect.north) / 2, 0));
  const bytes = encodeQuantizedMesh({
    header: {
      center: geo.center,
      minimumHeight: min,
      maximumHeight: max,
      boundingSphere: geo.boundingSphere,
      horizonOcclusionPoint: geo.horizonOcclusionPoint,
    },
    u,
    v,
    height,
    triangles: mesh.triangles,
    ...(options.normals ? { octNormals: octEncodedNormals(field, lons, lats, (rect.east - rect.west) / last) } : {}),
    ...(options.waterMask ? { waterMask: options.waterMask(rect) } : {}),
  });
  return { bytes, vertices: n, triangles: mesh.triangles.length / 3, minimumHeight: min, maximumHeight: max };
}
