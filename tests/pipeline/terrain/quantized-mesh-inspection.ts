/**
 * Decodes our tiles with independent code: loaders.gl's QuantizedMeshLoader for the
 * mesh, loaders.gl's quantized-mesh decoder for the header, edges and extensions (it is
 * not in the package's exports, hence the file path), so the tests check the bytes
 * against someone else's reading of the spec rather than our own.
 */
import { parse } from '@loaders.gl/core';
import { QuantizedMeshLoader } from '@loaders.gl/terrain';
// Internal module of @loaders.gl/terrain 4.5.4 (not in its exports map; imported by path).
import decodeRaw from '../../../node_modules/@loaders.gl/terrain/dist/lib/decode-quantized-mesh.js';

export interface RawDecoded {
  header: {
    centerX: number;
    centerY: number;
    centerZ: number;
    minHeight: number;
    maxHeight: number;
    boundingSphereCenterX: number;
    boundingSphereCenterY: number;
    boundingSphereCenterZ: number;
    boundingSphereRadius: number;
    horizonOcclusionPointX: number;
    horizonOcclusionPointY: number;
    horizonOcclusionPointZ: number;
  };
  vertexData: Uint16Array;
  triangleIndices: Uint16Array | Uint32Array;
  westIndices: ArrayLike<number>;
  southIndices: ArrayLike<number>;
  eastIndices: ArrayLike<number>;
  northIndices: ArrayLike<number>;
  extensions: { vertexNormals?: Uint8Array; waterMask?: ArrayBuffer };
}

export interface DecodedTile {
  raw: RawDecoded;
  /** lon, lat, height per vertex (from the loader, with the tile's bounds). */
  positions: Float32Array;
  /** Same positions in float64 from the raw u/v/height (the loader's Float32 loses ~1 m of lon). */
  lon: Float64Array;
  lat: Float64Array;
  height: Float64Array;
  indices: Uint32Array;
  vertexCount: number;
}

export async function decodeTile(bytes: Uint8Array, bounds: [number, number, number, number]): Promise<DecodedTile> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const mesh = (await parse(buffer.slice(0), QuantizedMeshLoader, { 'quantized-mesh': { bounds }, worker: false } as never)) as {
    attributes: { POSITION: { value: Float32Array } };
    indices: { value: ArrayLike<number> };
  };
  const raw = (decodeRaw as (data: ArrayBuffer, options?: unknown) => RawDecoded)(buffer.slice(0));
  const n = raw.vertexData.length / 3;
  const [w, s, e, nn] = bounds;
  const { minHeight, maxHeight } = raw.header;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const height = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lon[i] = w + (raw.vertexData[i]! / 32767) * (e - w);
    lat[i] = s + (raw.vertexData[i + n]! / 32767) * (nn - s);
    height[i] = minHeight + (raw.vertexData[i + 2 * n]! / 32767) * (maxHeight - minHeight);
  }
  return {
    raw,
    positions: mesh.attributes.POSITION.value,
    lon,
    lat,
    height,
    indices: Uint32Array.from(mesh.indices.value),
    vertexCount: n,
  };
}

/** Height of the decoded mesh at lon/lat (linear on the containing triangle), or undefined. */
export function meshHeightAt(tile: DecodedTile, lon: number, lat: number): number | undefined {
  const { lon: X, lat: Y, height: H, indices } = tile;
  for (let t = 0; t < indices.length; t += 3) {
    const a = indices[t]!;
    const b = indices[t + 1]!;
    const c = indices[t + 2]!;
    const det = (Y[b]! - Y[c]!) * (X[a]! - X[c]!) + (X[c]! - X[b]!) * (Y[a]! - Y[c]!);
    if (det === 0) continue;
    const l1 = ((Y[b]! - Y[c]!) * (lon - X[c]!) + (X[c]! - X[b]!) * (lat - Y[c]!)) / det;
    const l2 = ((Y[c]! - Y[a]!) * (lon - X[c]!) + (X[a]! - X[c]!) * (lat - Y[c]!)) / det;
    const l3 = 1 - l1 - l2;
    const eps = -1e-9;
    if (l1 >= eps && l2 >= eps && l3 >= eps) return l1 * H[a]! + l2 * H[b]! + l3 * H[c]!;
  }
  return undefined;
}
