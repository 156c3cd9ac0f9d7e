/**
 * The buildings' pick index: every building as a prism (footprint rings, base, top) in
 * ONE local east-north-up frame, plus a uniform 2D grid, so a click can be answered by
 * a CPU ray cast instead of Cesium's GPU pick pass (on software WebGL the pick pass is
 * vertex-bound and costs ~70 ms; a ray through a few grid cells costs well under 1 ms).
 * Pure: bytes in, bytes out, no I/O, no DOM — the pipeline writes it, the viewer reads it.
 *
 * ## Binary format (version 1, little-endian, every section 4-byte aligned)
 *
 * | offset | type | what |
 * |---|---|---|
 * | 0 | u8[4] | magic `YZPI` |
 * | 4 | u32 | version (1) |
 * | 8 | u32 | B, buildings |
 * | 12 | u32 | R, rings |
 * | 16 | u32 | V, vertices |
 * | 20 | u32 | C, bytes of the codes |
 * | 24 | f64 ×3 | frame origin: lon°, lat°, ellipsoid height m |
 * | 48 | u8[C] | the building codes, UTF-8, each ended by `\n`; zero-padded to 4 |
 * | … | u16[B] | rings of building i; padded to 4 |
 * | … | u16[R] | vertices of ring r; padded to 4 |
 * | … | f32[2B] | base, top of building i: metres along the frame's up |
 * | … | f32[2R] | east, north (m) of ring r's first vertex |
 * | … | i16[2(V−R)] | every other vertex: east, north step from the previous vertex of its ring, in centimetres |
 *
 * About 40 B a building for the sample (8 B code, 8 B heights, a ring of ~4 vertices):
 * centimetre steps halve what float32 vertices would take, and a wall longer than
 * 327 m gets an extra (collinear) vertex. Positions are good to ~1 cm.
 *
 * Rings are stored without the closing repeat and wound so that the solid lies to the
 * left of every edge (outer rings counter-clockwise, holes clockwise); the encoder
 * re-winds rings that are not. So an edge a→b's wall faces (Δnorth, −Δeast), the way the
 * extruder builds it, and a ray only hits a wall's front face, as the GPU (back faces
 * culled) sees it. A building's polygons all share its rings: inside = odd crossings.
 *
 * ## Earth curvature
 *
 * The tiles place each vertex at its ellipsoid height along its own normal. In one
 * frame ~4 km across the ground falls away from the frame's east-north plane (~0.7 m at
 * 3 km), so base and top are not the ellipsoid heights: they are the frame "up" of the
 * footprint's centre at those heights. What is left is the tilt of the local vertical
 * (3 km / 6371 km ≈ 0.03°: 0.14 m sideways at the top of a 300 m tower) and the slope of
 * the surface across one footprint (~5 cm over 100 m); both are below a pixel at the
 * distances one clicks from.
 */

import { geodeticToEcef, type Vec3 } from './wgs84.ts';

export const PICK_INDEX_MAGIC = 'YZPI';
export const PICK_INDEX_VERSION = 1;
const HEADER_BYTES = 48;

/** A building as the encoder takes it: what the extruder gets, plus its code. */
export interface PickIndexBuilding {
  code: string;
  /** Polygons, each a list of rings [lon, lat, …] degrees without closing repeat, outer first. */
  polygons: readonly (readonly ArrayLike<number>[])[];
  /** Ellipsoid heights (m) of the walls' foot and the flat roof. */
  base: number;
  roof: number;
}

export interface EncodePickIndexOptions {
  /** Frame origin [lon°, lat°, height m]. Default: centre of the buildings' box, at their lowest base. */
  origin?: readonly [number, number, number];
}

/** A decoded pick index; arrays are views into (a copy of) the bytes. */
export interface BuildingPickIndex {
  readonly origin: { readonly lon: number; readonly lat: number; readonly height: number };
  readonly count: number;
  readonly codes: readonly string[];
  /** First ring of building i (length count + 1). */
  readonly ringStart: Uint32Array;
  /** First vertex of ring r (length rings + 1). */
  readonly vertexStart: Uint32Array;
  /** base, top per building (frame up, m). */
  readonly heights: Float32Array;
  /** east, north per vertex (m). */
  readonly xy: Float32Array;
  /** minX, minY, maxX, maxY per building (m), from its rings. */
  readonly bounds: Float32Array;
  readonly grid: PickGrid;
}

/** Uniform 2D grid over the buildings' boxes: cell (cx, cy) lists the buildings whose box overlaps it. */
export interface PickGrid {
  readonly x0: number;
  readonly y0: number;
  readonly cellSize: number;
  readonly nx: number;
  readonly ny: number;
  /** Lowest base and highest top of all buildings: rays are clipped to this slab. */
  readonly zMin: number;
  readonly zMax: number;
  /** Start of cell c's list in `items` (length nx·ny + 1); cell c = cy·nx + cx. */
  readonly cellStart: Uint32Array;
  readonly items: Uint32Array;
  /** Query scratch: the query stamp a building was last tested under. */
  readonly stamps: Uint32Array;
  stamp: number;
}

export interface PickGridOptions {
  /** Cell edge (m). Default: about two buildings' worth of area per cell, at least 5 m. */
  cellSize?: number;
}

export interface DecodePickIndexOptions {
  grid?: PickGridOptions;
}

/** A ray in the index's frame: east, north, up metres. The direction need not be unit length. */
export interface LocalRay {
  origin: readonly [number, number, number];
  direction: readonly [number, number, number];
}

export interface PickPrismOptions {
  /** Only hits closer than this (m along the ray) count, e.g. the terrain's hit. Default: Infinity. */
  maxDistance?: number;
  /** Which buildings may be hit (e.g. drawn and shown). Default: all. */
  isCandidate?: (index: number) => boolean;
}

export interface PrismHit {
  /** Building index (its code is `codes[index]`). */
  index: number;
  /** Metres along the ray from its origin. */
  distance: number;
}

// ---------------------------------------------------------------------------------
// Geodesy (WGS84). Core stays free of the pipeline and of Cesium, so the few lines
// that turn lon/lat/height into a local east-north-up frame live here.

const DEG = Math.PI / 180;

/** lon°, lat°, h → [east, north, up] m in the ENU frame at `origin` (what Cesium's eastNorthUpToFixedFrame spans). */
export function createPickFrame(origin: readonly [number, number, number]): (lon: number, lat: number, height: number) => Vec3 {
  const lon0 = origin[0] * DEG;
  const lat0 = origin[1] * DEG;
  const o = geodeticToEcef(origin[0], origin[1], origin[2]);
  const east: Vec3 = [-Math.sin(lon0), Math.cos(lon0), 0];
  const north: Vec3 = [-Math.sin(lat0) * Math.cos(lon0), -Math.sin(lat0) * Math.sin(lon0), Math.cos(lat0)];
  const up: Vec3 = [Math.cos(lat0) * Math.cos(lon0), Math.cos(lat0) * Math.sin(lon0), Math.sin(lat0)];
  return (lon, lat, height) => {
    const p = geodeticToEcef(lon, lat, height);
    const dx = p[0] - o[0];
    const dy = p[1] - o[1];
    const dz = p[2] - o[2];
    return [
      dx * east[0] + dy * east[1] + dz * east[2],
      dx * north[0] + dy * north[1] + dz * north[2],
      dx * up[0] + dy * up[1] + dz * up[2],
    ];
  };
}

// ---------------------------------------------------------------------------------
// Encoder

function align4(n: number): number {
  return (n + 3) & ~3;
}

/** Signed area ×2 of a flat [x, y, …] ring (positive = counter-clockwise). */
function signedArea2(xy: ArrayLike<number>, start: number, count: number): number {
  let sum = 0;
  for (let k = 0; k < count; k++) {
    const a = 2 * (start + k);
    const b = 2 * (start + ((k + 1) % count));
    sum += xy[a]! * xy[b + 1]! - xy[b]! * xy[a + 1]!;
  }
  return sum;
}

function defaultOrigin(buildings: readonly PickIndexBuilding[]): [number, number, number] {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity, low = Infinity;
  for (const b of buildings) {
    low = Math.min(low, b.base);
    for (const rings of b.polygons) {
      const ring = rings[0];
      if (!ring) continue;
      for (let k = 0; k + 1 < ring.length; k += 2) {
        west = Math.min(west, ring[k]!);
        east = Math.max(east, ring[k]!);
        south = Math.min(south, ring[k + 1]!);
        north = Math.max(north, ring[k + 1]!);
      }
    }
  }
  if (!Number.isFinite(west)) return [0, 0, 0];
  return [(west + east) / 2, (south + north) / 2, low];
}

const STEP_M = 0.01;
const MAX_STEP = 32_767;

/** Byte offsets of the sections after the codes. */
function layout(B: number, R: number, V: number, C: number) {
  const codesAt = HEADER_BYTES;
  const ringCountsAt = align4(codesAt + C);
  const vertexCountsAt = align4(ringCountsAt + 2 * B);
  const heightsAt = align4(vertexCountsAt + 2 * R);
  const firstAt = heightsAt + 8 * B;
  const stepsAt = firstAt + 8 * R;
  return { codesAt, ringCountsAt, vertexCountsAt, heightsAt, firstAt, stepsAt, total: stepsAt + 4 * (V - R) };
}

/** A ring in the frame, as its float32 first vertex and centimetre steps (long steps split). */
interface QuantizedRing {
  x0: number;
  y0: number;
  steps: number[];
}

function quantizeRing(xy: Float64Array, count: number, reverse: boolean): QuantizedRing {
  const at = (k: number) => (reverse ? count - 1 - k : k);
  const x0 = Math.fround(xy[2 * at(0)]!);
  const y0 = Math.fround(xy[2 * at(0) + 1]!);
  const steps: number[] = [];
  let qx = 0;
  let qy = 0;
  // k = count is the closing edge back to the first vertex: only its extra vertices are stored.
  for (let k = 1; k <= count; k++) {
    const tx = k < count ? Math.round((xy[2 * at(k)]! - x0) / STEP_M) : 0;
    const ty = k < count ? Math.round((xy[2 * at(k) + 1]! - y0) / STEP_M) : 0;
    // A step over ±327 m is split into equal parts: extra vertices on the same wall.
    const parts = Math.max(1, Math.ceil(Math.max(Math.abs(tx - qx), Math.abs(ty - qy)) / MAX_STEP));
    const sx = qx;
    const sy = qy;
    for (let p = 1; p <= (k < count ? parts : parts - 1); p++) {
      const nx = sx + Math.round(((tx - sx) * p) / parts);
      const ny = sy + Math.round(((ty - sy) * p) / parts);
      steps.push(nx - qx, ny - qy);
      qx = nx;
      qy = ny;
    }
  }
  return { x0, y0, steps };
}

/** Encodes buildings into the pick index format above. Rings with fewer than 3 vertices are dropped. */
export function encodeBuildingPickIndex(buildings: readonly PickIndexBuilding[], options: EncodePickIndexOptions = {}): Uint8Array {
  const origin = options.origin ?? defaultOrigin(buildings);
  const toLocal = createPickFrame(origin);
  for (const b of buildings) {
    if (b.code.includes('\n')) throw new Error(`拣选索引：建筑编码含换行 / pick index: building code ${JSON.stringify(b.code)} contains a line break; fix the footprint's id`);
  }
  const codes = new TextEncoder().encode(buildings.map((b) => `${b.code}\n`).join(''));

  const heights = new Float32Array(2 * buildings.length);
  const ringCounts: number[] = [];
  const rings: QuantizedRing[] = [];
  let scratch = new Float64Array(128);
  for (const [i, b] of buildings.entries()) {
    // Horizontal position at mid-height: the local vertical's tilt moves it ≤ 7 cm either way.
    const mid = (b.base + b.roof) / 2;
    let sumLon = 0, sumLat = 0, n = 0, count = 0;
    for (const polygon of b.polygons) {
      for (const [ri, ring] of polygon.entries()) {
        const vertices = Math.floor(ring.length / 2);
        if (vertices < 3) continue;
        if (ri === 0) {
          for (let k = 0; k < vertices; k++) {
            sumLon += ring[2 * k]!;
            sumLat += ring[2 * k + 1]!;
          }
          n += vertices;
        }
        if (scratch.length < 2 * vertices) scratch = new Float64Array(2 * vertices);
        for (let k = 0; k < vertices; k++) {
          const p = toLocal(ring[2 * k]!, ring[2 * k + 1]!, mid);
          scratch[2 * k] = p[0];
          scratch[2 * k + 1] = p[1];
        }
        // Solid to the left: outer rings counter-clockwise, holes clockwise.
        const area = signedArea2(scratch, 0, vertices);
        const quantized = quantizeRing(scratch, vertices, ri === 0 ? area < 0 : area > 0);
        if (quantized.steps.length / 2 + 1 > 0xffff) throw new Error(`拣选索引：环顶点过多 / pick index: building ${b.code} has a ring of over 65535 vertices; simplify its footprint`);
        rings.push(quantized);
        count++;
      }
    }
    if (count > 0xffff) throw new Error(`拣选索引：环过多 / pick index: building ${b.code} has over 65535 rings; simplify its footprint`);
    ringCounts.push(count);
    // Base and top as the frame's up at the footprint's centre (curvature: see the header).
    const lon = n ? sumLon / n : origin[0];
    const lat = n ? sumLat / n : origin[1];
    heights[2 * i] = toLocal(lon, lat, b.base)[2];
    heights[2 * i + 1] = toLocal(lon, lat, b.roof)[2];
  }
  const B = buildings.length;
  const R = rings.length;
  const V = rings.reduce((sum, r) => sum + 1 + r.steps.length / 2, 0);
  const at = layout(B, R, V, codes.length);

  const bytes = new Uint8Array(at.total);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 4; i++) bytes[i] = PICK_INDEX_MAGIC.charCodeAt(i);
  view.setUint32(4, PICK_INDEX_VERSION, true);
  view.setUint32(8, B, true);
  view.setUint32(12, R, true);
  view.setUint32(16, V, true);
  view.setUint32(20, codes.length, true);
  view.setFloat64(24, origin[0], true);
  view.setFloat64(32, origin[1], true);
  view.setFloat64(40, origin[2], true);
  bytes.set(codes, at.codesAt);
  ringCounts.forEach((c, i) => view.setUint16(at.ringCountsAt + 2 * i, c, true));
  heights.forEach((h, k) => view.setFloat32(at.heightsAt + 4 * k, h, true));
  let step = at.stepsAt;
  rings.forEach((r, k) => {
    view.setUint16(at.vertexCountsAt + 2 * k, 1 + r.steps.length / 2, true);
    view.setFloat32(at.firstAt + 8 * k, r.x0, true);
    view.setFloat32(at.firstAt + 8 * k + 4, r.y0, true);
    for (const d of r.steps) {
      view.setInt16(step, d, true);
      step += 2;
    }
  });
  return bytes;
}

// ---------------------------------------------------------------------------------
// Decoder

/** Decodes a pick index and builds its grid. Throws with what is wrong and what to do. */
export function decodeBuildingPickIndex(input: ArrayBuffer | Uint8Array, options: DecodePickIndexOptions = {}): BuildingPickIndex {
  // Own copy: the arrays below must not alias a buffer the caller reuses.
  const bytes = input instanceof Uint8Array ? input.slice() : new Uint8Array(input.slice(0));
  const fail = (what: string): never => {
    throw new Error(`拣选索引无效 / pick index invalid: ${what}; rebuild it with "npm run tiles:buildings"`);
  };
  if (bytes.length < HEADER_BYTES) fail(`only ${bytes.length} bytes`);
  const magic = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (magic !== PICK_INDEX_MAGIC) fail(`magic "${magic}", expected "${PICK_INDEX_MAGIC}"`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== PICK_INDEX_VERSION) fail(`version ${version}, this viewer reads ${PICK_INDEX_VERSION}`);
  const B = view.getUint32(8, true);
  const R = view.getUint32(12, true);
  const V = view.getUint32(16, true);
  const C = view.getUint32(20, true);
  const origin = { lon: view.getFloat64(24, true), lat: view.getFloat64(32, true), height: view.getFloat64(40, true) };
  if (V < R) fail(`${V} vertices for ${R} rings`);
  const at = layout(B, R, V, C);
  if (bytes.length !== at.total) fail(`${bytes.length} bytes, the header says ${at.total}`);

  const codes = new TextDecoder().decode(bytes.subarray(at.codesAt, at.codesAt + C)).split('\n');
  if (codes.pop() !== '' || codes.length !== B) fail(`${codes.length} codes for ${B} buildings`);
  const ringStart = new Uint32Array(B + 1);
  for (let i = 0; i < B; i++) ringStart[i + 1] = ringStart[i]! + view.getUint16(at.ringCountsAt + 2 * i, true);
  const vertexStart = new Uint32Array(R + 1);
  for (let r = 0; r < R; r++) vertexStart[r + 1] = vertexStart[r]! + view.getUint16(at.vertexCountsAt + 2 * r, true);
  if (ringStart[B] !== R || vertexStart[R] !== V) fail('ring or vertex counts do not add up to the header');
  const heights = new Float32Array(bytes.buffer.slice(at.heightsAt, at.heightsAt + 8 * B));
  const xy = new Float32Array(2 * V);
  let step = at.stepsAt;
  for (let r = 0; r < R; r++) {
    const x0 = view.getFloat32(at.firstAt + 8 * r, true);
    const y0 = view.getFloat32(at.firstAt + 8 * r + 4, true);
    let qx = 0;
    let qy = 0;
    for (let v = vertexStart[r]!; v < vertexStart[r + 1]!; v++) {
      if (v > vertexStart[r]!) {
        qx += view.getInt16(step, true);
        qy += view.getInt16(step + 2, true);
        step += 4;
      }
      xy[2 * v] = x0 + qx * STEP_M;
      xy[2 * v + 1] = y0 + qy * STEP_M;
    }
  }

  const bounds = new Float32Array(4 * B);
  for (let i = 0; i < B; i++) {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let v = vertexStart[ringStart[i]!]!; v < vertexStart[ringStart[i + 1]!]!; v++) {
      minX = Math.min(minX, xy[2 * v]!);
      maxX = Math.max(maxX, xy[2 * v]!);
      minY = Math.min(minY, xy[2 * v + 1]!);
      maxY = Math.max(maxY, xy[2 * v + 1]!);
    }
    bounds.set([minX, minY, maxX, maxY], 4 * i);
  }
  const partial = { origin, count: B, codes, ringStart, vertexStart, heights, xy, bounds };
  return { ...partial, grid: buildPickGrid(partial, options.grid) };
}

/** The grid over the buildings' boxes (done at decode time: it costs a few ms and no bytes). */
export function buildPickGrid(
  index: Pick<BuildingPickIndex, 'count' | 'bounds' | 'heights'>,
  options: PickGridOptions = {},
): PickGrid {
  const { count, bounds, heights } = index;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, zMin = Infinity, zMax = -Infinity;
  const used: number[] = [];
  for (let i = 0; i < count; i++) {
    if (!(bounds[4 * i]! <= bounds[4 * i + 2]!)) continue; // no rings
    used.push(i);
    x0 = Math.min(x0, bounds[4 * i]!);
    y0 = Math.min(y0, bounds[4 * i + 1]!);
    x1 = Math.max(x1, bounds[4 * i + 2]!);
    y1 = Math.max(y1, bounds[4 * i + 3]!);
    zMin = Math.min(zMin, heights[2 * i]!);
    zMax = Math.max(zMax, heights[2 * i + 1]!);
  }
  if (!used.length) {
    return { x0: 0, y0: 0, cellSize: 1, nx: 1, ny: 1, zMin: 0, zMax: 0, cellStart: new Uint32Array(2), items: new Uint32Array(0), stamps: new Uint32Array(count), stamp: 0 };
  }
  // A little padding, so a hit on a box's edge is never in a cell the building is not listed in.
  const pad = 0.01;
  x0 -= pad;
  y0 -= pad;
  x1 += pad;
  y1 += pad;
  const area = (x1 - x0) * (y1 - y0);
  const cellSize = options.cellSize ?? Math.max(5, Math.sqrt((2 * area) / used.length));
  const nx = Math.max(1, Math.ceil((x1 - x0) / cellSize));
  const ny = Math.max(1, Math.ceil((y1 - y0) / cellSize));
  const cellOf = (v: number, origin: number, n: number) => Math.min(n - 1, Math.max(0, Math.floor((v - origin) / cellSize)));
  const counts = new Uint32Array(nx * ny + 1);
  const forCells = (i: number, fn: (cell: number) => void) => {
    const ax = cellOf(bounds[4 * i]! - pad, x0, nx);
    const bx = cellOf(bounds[4 * i + 2]! + pad, x0, nx);
    const ay = cellOf(bounds[4 * i + 1]! - pad, y0, ny);
    const by = cellOf(bounds[4 * i + 3]! + pad, y0, ny);
    for (let cy = ay; cy <= by; cy++) for (let cx = ax; cx <= bx; cx++) fn(cy * nx + cx);
  };
  for (const i of used) forCells(i, (c) => counts[c + 1]!++);
  for (let c = 0; c < nx * ny; c++) counts[c + 1]! += counts[c]!;
  const cellStart = counts.slice();
  const fill = counts.slice();
  const items = new Uint32Array(cellStart[nx * ny]!);
  for (const i of used) forCells(i, (c) => (items[fill[c]!++] = i));
  return { x0, y0, cellSize, nx, ny, zMin, zMax, cellStart, items, stamps: new Uint32Array(count), stamp: 0 };
}

// ---------------------------------------------------------------------------------
// Ray casting

/** Whether (x, y) is inside the building's footprint: odd crossings over all its rings (holes included). */
export function insideFootprint(index: Pick<BuildingPickIndex, 'ringStart' | 'vertexStart' | 'xy'>, building: number, x: number, y: number): boolean {
  const { ringStart, vertexStart, xy } = index;
  let inside = false;
  for (let r = ringStart[building]!; r < ringStart[building + 1]!; r++) {
    const first = vertexStart[r]!;
    const last = vertexStart[r + 1]! - 1;
    for (let a = last, b = first; b <= last; a = b++) {
      const ay = xy[2 * a + 1]!;
      const by = xy[2 * b + 1]!;
      if (ay > y !== by > y) {
        const ax = xy[2 * a]!;
        const bx = xy[2 * b]!;
        if (x < ax + ((y - ay) * (bx - ax)) / (by - ay)) inside = !inside;
      }
    }
  }
  return inside;
}

/**
 * Narrows the ray's interval `span` ([t0, t1], in ray lengths) to where the ray lies
 * between `lo` and `hi` along one axis (origin `o`, direction `d`); false once empty.
 */
function clipToSlab(span: number[] | Float64Array, o: number, d: number, lo: number, hi: number): boolean {
  if (d === 0) return o >= lo && o <= hi;
  let a = (lo - o) / d;
  let b = (hi - o) / d;
  if (a > b) [a, b] = [b, a];
  if (a > span[0]!) span[0] = a;
  if (b < span[1]!) span[1] = b;
  return span[0]! <= span[1]!;
}

/** rayPrism's interval, reused: it runs for every candidate of every pick. */
const PRISM_SPAN = new Float64Array(2);

/**
 * Distance along a unit ray to building i's nearest front face closer than `best`, or
 * `best` if none: its flat roof from above, or a wall from outside (as the GPU draws
 * them, back faces culled; there is no floor).
 */
export function rayPrism(
  index: Pick<BuildingPickIndex, 'ringStart' | 'vertexStart' | 'xy' | 'heights' | 'bounds'>,
  building: number,
  ox: number, oy: number, oz: number,
  dx: number, dy: number, dz: number,
  best: number,
): number {
  const { ringStart, vertexStart, xy, heights, bounds } = index;
  const base = heights[2 * building]!;
  const top = heights[2 * building + 1]!;
  if (!(top > base)) return best;
  // Box first: most buildings of a cell are nowhere near the ray.
  const span = PRISM_SPAN;
  span[0] = 0;
  span[1] = best;
  if (!clipToSlab(span, ox, dx, bounds[4 * building]!, bounds[4 * building + 2]!)) return best;
  if (!clipToSlab(span, oy, dy, bounds[4 * building + 1]!, bounds[4 * building + 3]!)) return best;
  if (!clipToSlab(span, oz, dz, base, top)) return best;

  if (dz < 0) {
    const t = (top - oz) / dz;
    if (t >= 0 && t < best && insideFootprint(index, building, ox + t * dx, oy + t * dy)) best = t;
  }
  for (let r = ringStart[building]!; r < ringStart[building + 1]!; r++) {
    const first = vertexStart[r]!;
    const last = vertexStart[r + 1]! - 1;
    for (let a = last, b = first; b <= last; a = b++) {
      const ax = xy[2 * a]!;
      const ay = xy[2 * a + 1]!;
      const ex = xy[2 * b]! - ax;
      const ey = xy[2 * b + 1]! - ay;
      // The wall faces (ey, −ex); front face iff the ray runs against it.
      const denom = dx * ey - dy * ex;
      if (!(denom < 0)) continue;
      const qx = ax - ox;
      const qy = ay - oy;
      const t = (qx * ey - qy * ex) / denom;
      if (t < 0 || t >= best) continue;
      const s = (qx * dy - qy * dx) / denom;
      if (s < 0 || s > 1) continue;
      const z = oz + t * dz;
      if (z >= base && z <= top) best = t;
    }
  }
  return best;
}

/**
 * The nearest building a ray hits (roof from above, walls from outside), or null.
 * Walks the grid cells under the ray's 2D projection in order (Amanatides–Woo DDA),
 * from where the ray enters the buildings' slab [zMin, zMax] to where it leaves it,
 * and stops once the best hit is no farther than the next cell's entry.
 */
export function pickPrism(index: BuildingPickIndex, ray: LocalRay, options: PickPrismOptions = {}): PrismHit | null {
  const maxDistance = options.maxDistance ?? Infinity;
  const isCandidate = options.isCandidate;
  const g = index.grid;
  const [ox, oy, oz] = ray.origin;
  const length = Math.hypot(ray.direction[0], ray.direction[1], ray.direction[2]);
  if (!(length > 0) || !(maxDistance > 0)) return null;
  const dx = ray.direction[0] / length;
  const dy = ray.direction[1] / length;
  const dz = ray.direction[2] / length;

  // Clip to the grid's box and the slab of heights.
  const x1 = g.x0 + g.nx * g.cellSize;
  const y1 = g.y0 + g.ny * g.cellSize;
  const span = [0, maxDistance];
  if (!clipToSlab(span, ox, dx, g.x0, x1) || !clipToSlab(span, oy, dy, g.y0, y1) || !clipToSlab(span, oz, dz, g.zMin, g.zMax)) return null;
  const tMin = span[0]!;
  const tMax = span[1]!;

  const cs = g.cellSize;
  const px = ox + tMin * dx;
  const py = oy + tMin * dy;
  let cx = Math.min(g.nx - 1, Math.max(0, Math.floor((px - g.x0) / cs)));
  let cy = Math.min(g.ny - 1, Math.max(0, Math.floor((py - g.y0) / cs)));
  const stepX = dx > 0 ? 1 : dx < 0 ? -1 : 0;
  const stepY = dy > 0 ? 1 : dy < 0 ? -1 : 0;
  let nextX = dx > 0 ? (g.x0 + (cx + 1) * cs - ox) / dx : dx < 0 ? (g.x0 + cx * cs - ox) / dx : Infinity;
  let nextY = dy > 0 ? (g.y0 + (cy + 1) * cs - oy) / dy : dy < 0 ? (g.y0 + cy * cs - oy) / dy : Infinity;
  const deltaX = dx !== 0 ? cs / Math.abs(dx) : Infinity;
  const deltaY = dy !== 0 ? cs / Math.abs(dy) : Infinity;

  // A fresh stamp per query: buildings spanning several cells are tested once.
  g.stamp = (g.stamp + 1) >>> 0;
  if (g.stamp === 0) {
    g.stamps.fill(0);
    g.stamp = 1;
  }
  const stamp = g.stamp;
  let best = maxDistance;
  let hit = -1;
  for (;;) {
    const cell = cy * g.nx + cx;
    for (let k = g.cellStart[cell]!; k < g.cellStart[cell + 1]!; k++) {
      const i = g.items[k]!;
      if (g.stamps[i] === stamp) continue;
      g.stamps[i] = stamp;
      if (isCandidate && !isCandidate(i)) continue;
      const t = rayPrism(index, i, ox, oy, oz, dx, dy, dz, best);
      if (t < best) {
        best = t;
        hit = i;
      }
    }
    const exit = Math.min(nextX, nextY);
    if (best <= exit || exit > tMax) break;
    if (nextX < nextY) {
      cx += stepX;
      nextX += deltaX;
      if (cx < 0 || cx >= g.nx) break;
    } else {
      cy += stepY;
      nextY += deltaY;
      if (cy < 0 || cy >= g.ny) break;
    }
  }
  return hit >= 0 ? { index: hit, distance: best } : null;
}

/** The same answer as pickPrism by testing every building: for tests and as the definition. */
export function pickPrismBruteForce(index: BuildingPickIndex, ray: LocalRay, options: PickPrismOptions = {}): PrismHit | null {
  const length = Math.hypot(ray.direction[0], ray.direction[1], ray.direction[2]);
  if (!(length > 0)) return null;
  const [ox, oy, oz] = ray.origin;
  const [dx, dy, dz] = ray.direction.map((v) => v / length) as [number, number, number];
  let best = options.maxDistance ?? Infinity;
  let hit = -1;
  for (let i = 0; i < index.count; i++) {
    if (options.isCandidate && !options.isCandidate(i)) continue;
    const t = rayPrism(index, i, ox, oy, oz, dx, dy, dz, best);
    if (t < best) {
      best = t;
      hit = i;
    }
  }
  return hit >= 0 ? { index: hit, distance: best } : null;
}
