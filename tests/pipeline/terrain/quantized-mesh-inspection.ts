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

/** One disagreement between two same-level neighbours on their shared edge. */
export interface EdgeMismatch {
  pair: string;
  /** Edge positions (lat or lon, degrees) only one side has a vertex at. */
  onlyOneSide: number[];
  /** Largest height difference at a position both sides have (m). */
  heightGap: number;
  /** Height quantization step of the coarser of the two tiles (m). */
  quantum: number;
}

export interface EdgeCheck {
  pairs: number;
  mismatches: EdgeMismatch[];
}

/** A tile edge's vertices as (position along the edge, height), sorted by position. */
function edgeOf(t: DecodedTile, indices: ArrayLike<number>, along: 'lat' | 'lon'): Array<[number, number]> {
  const coords = along === 'lat' ? t.lat : t.lon;
  return Array.from(indices, (i) => [Number(coords[i]!.toFixed(9)), t.height[i]!] as [number, number]).sort((p, q) => p[0] - q[0]);
}

/**
 * Every same-level pair of decoded tiles (`z/x/y` keys) that share an edge: east–west
 * and north–south neighbours. Both must have vertices at the same places on the shared
 * edge, with heights equal to within one height quantum (each tile quantizes heights
 * over its own min–max range, so equal DEM heights decode up to a step apart).
 */
export function checkSharedEdges(decoded: ReadonlyMap<string, DecodedTile>): EdgeCheck {
  const out: EdgeCheck = { pairs: 0, mismatches: [] };
  for (const [path, a] of decoded) {
    const [z, x, y] = path.split('/').map(Number) as [number, number, number];
    for (const [dx, dy] of [
      [1, 0],
      [0, 1],
    ] as const) {
      const other = `${z}/${x + dx}/${y + dy}`;
      const b = decoded.get(other);
      if (!b) continue;
      out.pairs++;
      // a's east edge meets b's west edge; a's north edge meets b's south edge.
      const aEdge = edgeOf(a, dx ? a.raw.eastIndices : a.raw.northIndices, dx ? 'lat' : 'lon');
      const bEdge = new Map(edgeOf(b, dx ? b.raw.westIndices : b.raw.southIndices, dx ? 'lat' : 'lon'));
      const aAt = new Set(aEdge.map(([p]) => p));
      const onlyOneSide = [...aEdge.map(([p]) => p).filter((p) => !bEdge.has(p)), ...[...bEdge.keys()].filter((p) => !aAt.has(p))];
      let heightGap = 0;
      for (const [p, h] of aEdge) if (bEdge.has(p)) heightGap = Math.max(heightGap, Math.abs(h - bEdge.get(p)!));
      const quantum = Math.max(a.raw.header.maxHeight - a.raw.header.minHeight, b.raw.header.maxHeight - b.raw.header.minHeight) / 32767;
      if (onlyOneSide.length > 0 || heightGap > quantum * 1.01 + 1e-4) out.mismatches.push({ pair: `${path} ↔ ${other}`, onlyOneSide, heightGap, quantum });
    }
  }
  return out;
}
