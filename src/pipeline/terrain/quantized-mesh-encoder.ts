/**
 * Writes one quantized-mesh-1.0 tile (github.com/CesiumGS/quantized-mesh), little-endian:
 *
 *   header (88 B): center xyz f64, min/max height f32, bounding sphere xyz+r f64,
 *                  horizon occlusion point xyz f64 (ellipsoid-scaled space)
 *   vertexCount u32, then u[], v[], height[] as u16 zig-zag deltas (0…32767)
 *   padding to the index size, triangleCount u32, indices high-water-mark encoded
 *   west/south/east/north edge vertex lists (count u32 + plain indices)
 *   extensions: id u8, length u32, data (1 = oct normals, 2 = water mask)
 *
 * Indices are 16-bit up to 65 536 vertices, 32-bit above (Cesium's rule). The
 * high-water-mark code requires vertices in order of first use, so the encoder
 * renumbers them; triangles are made counter-clockwise seen from above.
 */

export const QUANTIZED_MAX = 32767;
export const EXTENSION_OCT_NORMALS = 1;
export const EXTENSION_WATER_MASK = 2;
const HEADER_BYTES = 88;

export interface QuantizedMeshHeader {
  center: readonly [number, number, number];
  minimumHeight: number;
  maximumHeight: number;
  boundingSphere: { center: readonly [number, number, number]; radius: number };
  horizonOcclusionPoint: readonly [number, number, number];
}

export interface QuantizedMeshData {
  header: QuantizedMeshHeader;
  /** Quantized positions, 0…32767 west→east, south→north, min→max height. */
  u: Uint16Array;
  v: Uint16Array;
  height: Uint16Array;
  /** Three vertex indices per triangle, any winding. */
  triangles: Uint32Array;
  /** Two bytes per vertex (oct-encoded unit normal). */
  octNormals?: Uint8Array;
  /** 1 or 256×256 bytes. */
  waterMask?: Uint8Array;
}

const zigZag = (n: number) => ((n << 1) ^ (n >> 31)) >>> 0;

/** Renumbers vertices by first use and makes every triangle counter-clockwise in (u, v). */
function reorder(data: QuantizedMeshData) {
  const n = data.u.length;
  const newIndex = new Int32Array(n).fill(-1);
  const order: number[] = [];
  const tris = new Uint32Array(data.triangles.length);
  const { u, v } = data;
  for (let t = 0; t < data.triangles.length; t += 3) {
    let a = data.triangles[t]!;
    let b = data.triangles[t + 1]!;
    const c = data.triangles[t + 2]!;
    const cross = (u[b]! - u[a]!) * (v[c]! - v[a]!) - (v[b]! - v[a]!) * (u[c]! - u[a]!);
    if (cross < 0) [a, b] = [b, a];
    for (const [k, idx] of [a, b, c].entries()) {
      if (newIndex[idx] === -1) {
        newIndex[idx] = order.length;
        order.push(idx);
      }
      tris[t + k] = newIndex[idx]!;
    }
  }
  // Vertices no triangle uses would break the high-water mark: drop them.
  return { order, tris };
}

export function encodeQuantizedMesh(data: QuantizedMeshData): Uint8Array {
  const { order, tris } = reorder(data);
  const vertexCount = order.length;
  const indexBytes = vertexCount > 65536 ? 4 : 2;

  const edges = { west: [] as number[], south: [] as number[], east: [] as number[], north: [] as number[] };
  for (let i = 0; i < vertexCount; i++) {
    const o = order[i]!;
    if (data.u[o] === 0) edges.west.push(i);
    if (data.v[o] === 0) edges.south.push(i);
    if (data.u[o] === QUANTIZED_MAX) edges.east.push(i);
    if (data.v[o] === QUANTIZED_MAX) edges.north.push(i);
  }
  const byV = (a: number, b: number) => data.v[order[a]!]! - data.v[order[b]!]!;
  const byU = (a: number, b: number) => data.u[order[a]!]! - data.u[order[b]!]!;
  edges.west.sort(byV);
  edges.east.sort(byV);
  edges.south.sort(byU);
  edges.north.sort(byU);

  let size = HEADER_BYTES + 4 + vertexCount * 6;
  const pad = size % indexBytes === 0 ? 0 : indexBytes - (size % indexBytes);
  size += pad + 4 + tris.length * indexBytes;
  for (const list of Object.values(edges)) size += 4 + list.length * indexBytes;
  if (data.octNormals) size += 5 + vertexCount * 2;
  if (data.waterMask) size += 5 + data.waterMask.length;

  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let p = 0;
  const f64 = (x: number) => {
    view.setFloat64(p, x, true);
    p += 8;
  };
  const f32 = (x: number) => {
    view.setFloat32(p, x, true);
    p += 4;
  };
  const u32 = (x: number) => {
    view.setUint32(p, x, true);
    p += 4;
  };
  const u16 = (x: number) => {
    view.setUint16(p, x, true);
    p += 2;
  };
  const idx = indexBytes === 4 ? u32 : u16;

  const h = data.header;
  h.center.forEach(f64);
  f32(h.minimumHeight);
  f32(h.maximumHeight);
  h.boundingSphere.center.forEach(f64);
  f64(h.boundingSphere.radius);
  h.horizonOcclusionPoint.forEach(f64);

  u32(vertexCount);
  for (const arr of [data.u, data.v, data.height]) {
    let prev = 0;
    for (const o of order) {
      const value = arr[o]!;
      u16(zigZag(value - prev));
      prev = value;
    }
  }
  p += pad;
  u32(tris.length / 3);
  let highest = 0;
  for (const i of tris) {
    const code = highest - i;
    idx(code);
    if (code === 0) highest++;
  }
  for (const list of [edges.west, edges.south, edges.east, edges.north]) {
    u32(list.length);
    for (const i of list) idx(i);
  }
  if (data.octNormals) {
    out[p++] = EXTENSION_OCT_NORMALS;
    u32(vertexCount * 2);
    for (const o of order) {
      out[p++] = data.octNormals[o * 2]!;
      out[p++] = data.octNormals[o * 2 + 1]!;
    }
  }
  if (data.waterMask) {
    out[p++] = EXTENSION_WATER_MASK;
    u32(data.waterMask.length);
    out.set(data.waterMask, p);
    p += data.waterMask.length;
  }
  if (p !== size) throw new Error(`quantized-mesh encoder wrote ${p} of ${size} bytes`);
  return out;
}
