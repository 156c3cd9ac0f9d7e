/**
 * Re-lays a GLB's BIN chunk so every buffer view in it starts on an 8-byte boundary,
 * and the BIN chunk itself at an 8-byte offset in the file.
 *
 * Why: EXT_structural_metadata says each property-table buffer view's byteOffset MUST be
 * a multiple of its component size (up to 8, for 64-bit types). gltf-transform 4.5.1
 * appends those views right after the meshopt data with no padding between them, so
 * 135 of the sample buildings' 312 metadata views and 273 of the lifelines' 660 were
 * misaligned (the official 3d-tiles-validator's METADATA_INVALID_ALIGNMENT in all 86
 * tiles). Their byteLength must stay exact (the validator checks it against the
 * property table's count), so the padding goes between views, never inside one. Costs
 * at most 7 bytes per view: on the sample +10 kB (0.04 %) of the lifelines' 23.7 MB.
 *
 * Covers the views of the BIN buffer and the EXT_meshopt_compression byte ranges that
 * point into it; accessor offsets are relative to their view and do not move. Pure:
 * bytes in, bytes out.
 */

const GLB_MAGIC = 0x46546c67;
const CHUNK_JSON = 0x4e4f534a;
const CHUNK_BIN = 0x004e4942;
export const GLB_VIEW_ALIGNMENT = 8;

interface ByteRange {
  byteOffset?: number;
  byteLength: number;
  buffer: number;
}

interface GltfJson {
  buffers?: Array<{ uri?: string; byteLength: number }>;
  bufferViews?: Array<ByteRange & { extensions?: { EXT_meshopt_compression?: ByteRange } }>;
}

const alignUp = (n: number, a: number) => Math.ceil(n / a) * a;

export function alignGlbBufferViews(glb: Uint8Array, alignment = GLB_VIEW_ALIGNMENT): Uint8Array {
  const view = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
  if (view.getUint32(0, true) !== GLB_MAGIC) throw new Error('not a GLB');
  const jsonLength = view.getUint32(12, true);
  if (view.getUint32(16, true) !== CHUNK_JSON) throw new Error('GLB: first chunk is not JSON');
  const json = JSON.parse(new TextDecoder().decode(glb.subarray(20, 20 + jsonLength))) as GltfJson;
  const binHeader = 20 + jsonLength;
  const hasBin = binHeader + 8 <= glb.byteLength && view.getUint32(binHeader + 4, true) === CHUNK_BIN;
  const bin = hasBin ? glb.subarray(binHeader + 8, binHeader + 8 + view.getUint32(binHeader, true)) : new Uint8Array(0);
  // The GLB-stored buffer is buffer 0 when it has no uri (glTF 2.0 §4.4.3.3); a meshopt
  // fallback buffer has no uri either, but no bytes.
  const binIndex = json.buffers?.[0] && json.buffers[0].uri === undefined ? 0 : -1;

  // Every byte range of the BIN buffer, in file order.
  const ranges: ByteRange[] = [];
  for (const bv of json.bufferViews ?? []) {
    if (bv.buffer === binIndex) ranges.push(bv);
    const meshopt = bv.extensions?.EXT_meshopt_compression;
    if (meshopt && meshopt.buffer === binIndex) ranges.push(meshopt);
  }
  ranges.sort((a, b) => (a.byteOffset ?? 0) - (b.byteOffset ?? 0));

  // New offsets: same order, each start rounded up. Ranges sharing bytes keep sharing.
  const moved = new Map<number, number>();
  let cursor = 0;
  let lastEnd = 0;
  for (const r of ranges) {
    const from = r.byteOffset ?? 0;
    if (moved.has(from)) continue;
    if (from < lastEnd) throw new Error(`GLB: buffer views overlap at byte ${from}`);
    cursor = alignUp(cursor, alignment);
    moved.set(from, cursor);
    cursor += r.byteLength;
    lastEnd = from + r.byteLength;
  }
  const newBin = new Uint8Array(alignUp(cursor, 4));
  for (const r of ranges) {
    const from = r.byteOffset ?? 0;
    newBin.set(bin.subarray(from, from + r.byteLength), moved.get(from)!);
  }
  for (const r of ranges) r.byteOffset = moved.get(r.byteOffset ?? 0)!;
  if (binIndex >= 0) json.buffers![binIndex]!.byteLength = cursor;

  // JSON padded with spaces so the BIN data starts 8-aligned in the file
  // (12-byte header + 8-byte chunk header + JSON + 8-byte chunk header).
  const text = new TextEncoder().encode(JSON.stringify(json));
  const jsonPadded = alignUp(28 + text.length, 8) - 28;
  const withBin = hasBin || cursor > 0;
  const total = 20 + jsonPadded + (withBin ? 8 + newBin.length : 0);
  const out = new Uint8Array(total);
  const o = new DataView(out.buffer);
  o.setUint32(0, GLB_MAGIC, true);
  o.setUint32(4, 2, true);
  o.setUint32(8, total, true);
  o.setUint32(12, jsonPadded, true);
  o.setUint32(16, CHUNK_JSON, true);
  out.set(text, 20);
  out.fill(0x20, 20 + text.length, 20 + jsonPadded);
  if (withBin) {
    o.setUint32(20 + jsonPadded, newBin.length, true);
    o.setUint32(24 + jsonPadded, CHUNK_BIN, true);
    out.set(newBin, 28 + jsonPadded);
  }
  return out;
}
