/**
 * The DEM and the river cells as one small binary file (`tiles/terrain/analysis-grid.bin`),
 * written by the build and read by the viewer and the archive API for the Flood tool
 * (issue 18), so both fill the same grid from the same river.
 *
 * Why a file of our own: the terrain tiles are meshes (≤ 1 m off the DEM, resampled),
 * not the DEM's samples, and the DEM itself (var/source/) is never served. Float32
 * heights of the sample (2,516 × 1,557 at ~5 m) are 15.7 MB; heights quantized to
 * uint16 are 7.9 MB (the river cells as runs add ~30 KB), and the server compresses
 * the file on the fly (octet-stream). Each row is stored as differences from the sample
 * to its west: the ground is smooth, so the differences are small and compress — the
 * sample's file is 2.5 MB over the wire with the server's brotli (quality 4), 2.8 MB
 * with gzip, against 6.4 / 6.5 MB for the plain steps.
 *
 * Layout, little-endian (version 1):
 *
 * | offset | type | field |
 * |---|---|---|
 * | 0 | 4 bytes | magic `YZAG` |
 * | 4 | uint16 | version (1) |
 * | 6 | uint16 | height encoding (1: uint16 steps k, height = base + k·step, k = 65535 no data; each row stored as k − k of the sample to its west, mod 65536, the first against 0) |
 * | 8 | uint32 × 2 | width, height (samples) |
 * | 16 | float64 × 4 | west, north, dx, dy (degrees, pixel-is-point as `ElevationGrid`) |
 * | 48 | float64 × 2 | base, step (metres): the quantization |
 * | 64 | uint32 × 2 | river cells, river runs |
 * | 72 | uint16 × width·height | heights (row differences of k), row-major, north row first |
 * | pad to 4 | uint32 × 2 per run | river runs: first cell index (row·width + col), length |
 *
 * Quantization error: |decoded − DEM| ≤ step/2 (plus float32 rounding, < 0.1 mm at
 * 400 m). The step is 1 cm whenever the DEM's range fits 655.34 m (the sample's
 * ~150–400 m does): ≤ 5 mm, far below any DEM's own error; a wider range gets the
 * smallest step that fits (range / 65,534), and the header says which.
 */
import type { ElevationGrid } from '../elevation-grid.ts';
import type { Problem } from '../problem.ts';
import { failure, success, type Result } from '../result.ts';

export interface AnalysisGrid {
  grid: ElevationGrid;
  /** Cell indices row·width + col that are river (water), ascending. */
  riverCells: Uint32Array;
}

/** Relative to the published tiles/ root: served at /tiles/terrain/analysis-grid.bin. */
export const ANALYSIS_GRID_FILE = 'terrain/analysis-grid.bin';

export const ANALYSIS_GRID_MAGIC = 'YZAG';
export const ANALYSIS_GRID_VERSION = 1;
/** Height encoding 1: uint16 steps above a base, 65535 = no data, rows as differences (see the header). */
export const HEIGHT_UINT16 = 1;
/** The quantization step when the DEM's range allows it (m). */
export const PREFERRED_STEP_M = 0.01;

const HEADER_BYTES = 72;
const NO_DATA = 65535;
const MAX_K = 65534;

export type AnalysisGridProblemReason = 'bad-magic' | 'bad-version' | 'bad-encoding' | 'bad-size' | 'bad-header' | 'bad-river';
export type AnalysisGridProblem = Problem<AnalysisGridProblemReason>;

const REBUILD = '重新运行构建(npm run build 或 npm start)以生成该文件 / Run the build again (npm run build or npm start) to write it';

function problem(reason: AnalysisGridProblemReason, message: string): AnalysisGridProblem {
  return { reason, message, fix: REBUILD };
}

/** The river cells as (first, length) runs of consecutive indices; input must be ascending. */
function toRuns(cells: Uint32Array): Uint32Array {
  const runs: number[] = [];
  for (let k = 0; k < cells.length; ) {
    const start = cells[k]!;
    let len = 1;
    while (k + len < cells.length && cells[k + len] === start + len) len++;
    runs.push(start, len);
    k += len;
  }
  return Uint32Array.from(runs);
}

/** The quantization for these heights: a base and a step, 1 cm when the range allows it. */
function quantization(data: Float32Array): { base: number; step: number } {
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const z = data[i]!;
    if (z < min) min = z;
    if (z > max) max = z;
  }
  if (min === Infinity) return { base: 0, step: PREFERRED_STEP_M };
  const base = Math.floor(min / PREFERRED_STEP_M) * PREFERRED_STEP_M;
  const step = Math.max(PREFERRED_STEP_M, (max - base) / MAX_K);
  return { base, step };
}

/** The file's bytes. River cells are sorted and de-duplicated; out-of-grid indices throw (a programming error). */
export function encodeAnalysisGrid(a: AnalysisGrid): Uint8Array {
  const { grid } = a;
  const n = grid.width * grid.height;
  if (grid.data.length !== n) throw new RangeError(`analysis grid: ${grid.data.length} heights for ${grid.width} × ${grid.height}`);
  const sorted = Uint32Array.from(new Set(a.riverCells)).sort();
  if (sorted.length > 0 && sorted[sorted.length - 1]! >= n) throw new RangeError(`analysis grid: river cell ${sorted[sorted.length - 1]} outside ${n} cells`);
  const runs = toRuns(sorted);
  const heightsEnd = HEADER_BYTES + 2 * n;
  const runsAt = Math.ceil(heightsEnd / 4) * 4;
  const bytes = new Uint8Array(runsAt + 4 * runs.length);
  const v = new DataView(bytes.buffer);
  for (let i = 0; i < 4; i++) bytes[i] = ANALYSIS_GRID_MAGIC.charCodeAt(i);
  v.setUint16(4, ANALYSIS_GRID_VERSION, true);
  v.setUint16(6, HEIGHT_UINT16, true);
  v.setUint32(8, grid.width, true);
  v.setUint32(12, grid.height, true);
  v.setFloat64(16, grid.west, true);
  v.setFloat64(24, grid.north, true);
  v.setFloat64(32, grid.dx, true);
  v.setFloat64(40, grid.dy, true);
  const { base, step } = quantization(grid.data);
  v.setFloat64(48, base, true);
  v.setFloat64(56, step, true);
  v.setUint32(64, sorted.length, true);
  v.setUint32(68, runs.length / 2, true);
  for (let r = 0; r < grid.height; r++) {
    let west = 0;
    for (let i = r * grid.width, end = i + grid.width; i < end; i++) {
      const z = grid.data[i]!;
      const k = Number.isNaN(z) ? NO_DATA : Math.min(MAX_K, Math.max(0, Math.round((z - base) / step)));
      v.setUint16(HEADER_BYTES + 2 * i, (k - west) & 0xffff, true);
      west = k;
    }
  }
  for (let r = 0; r < runs.length; r++) v.setUint32(runsAt + 4 * r, runs[r]!, true);
  return bytes;
}

/** The grid and river cells of a file written by {@link encodeAnalysisGrid}; wrong magic, version, encoding or size fail. */
export function decodeAnalysisGrid(input: ArrayBuffer | Uint8Array): Result<AnalysisGrid, AnalysisGridProblem> {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const what = '分析网格 / analysis grid';
  if (bytes.byteLength < HEADER_BYTES) {
    return failure([problem('bad-size', `${what}: 文件只有 ${bytes.byteLength} 字节,不足文件头的 ${HEADER_BYTES} 字节 / the file has ${bytes.byteLength} bytes, fewer than its ${HEADER_BYTES}-byte header (truncated, or not this file)`)]);
  }
  const magic = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (magic !== ANALYSIS_GRID_MAGIC) {
    return failure([problem('bad-magic', `${what}: 文件标识不是 ${ANALYSIS_GRID_MAGIC} / the file does not start with ${ANALYSIS_GRID_MAGIC} (got ${JSON.stringify(magic)}): not an analysis grid (an HTML error page?)`)]);
  }
  const version = v.getUint16(4, true);
  if (version !== ANALYSIS_GRID_VERSION) {
    return failure([problem('bad-version', `${what}: 版本 ${version},本程序只读版本 ${ANALYSIS_GRID_VERSION} / version ${version}; this program reads version ${ANALYSIS_GRID_VERSION}`)]);
  }
  const encoding = v.getUint16(6, true);
  if (encoding !== HEIGHT_UINT16) {
    return failure([problem('bad-encoding', `${what}: 未知的高程编码 ${encoding} / unknown height encoding ${encoding} (known: ${HEIGHT_UINT16}, uint16)`)]);
  }
  const width = v.getUint32(8, true), height = v.getUint32(12, true);
  const west = v.getFloat64(16, true), north = v.getFloat64(24, true), dx = v.getFloat64(32, true), dy = v.getFloat64(40, true);
  const base = v.getFloat64(48, true), step = v.getFloat64(56, true);
  const riverCount = v.getUint32(64, true), runCount = v.getUint32(68, true);
  if (!(width > 0 && height > 0 && dx > 0 && dy > 0 && step > 0 && [west, north, base].every(Number.isFinite))) {
    return failure([problem('bad-header', `${what}: 文件头无效(${width} × ${height},dx ${dx},dy ${dy},步长 ${step}) / invalid header (${width} × ${height}, dx ${dx}, dy ${dy}, step ${step})`)]);
  }
  const n = width * height;
  const runsAt = Math.ceil((HEADER_BYTES + 2 * n) / 4) * 4;
  const expected = runsAt + 8 * runCount;
  if (bytes.byteLength !== expected) {
    return failure([problem('bad-size', `${what}: 文件 ${bytes.byteLength} 字节,按文件头(${width} × ${height},${runCount} 段河流)应为 ${expected} 字节 / the file has ${bytes.byteLength} bytes; its header (${width} × ${height}, ${runCount} river runs) needs ${expected} (truncated or damaged: an interrupted copy?)`)]);
  }
  const data = new Float32Array(n);
  for (let r = 0; r < height; r++) {
    let k = 0;
    for (let i = r * width, end = i + width; i < end; i++) {
      k = (k + v.getUint16(HEADER_BYTES + 2 * i, true)) & 0xffff;
      data[i] = k === NO_DATA ? Number.NaN : base + k * step;
    }
  }
  const riverCells = new Uint32Array(riverCount);
  let filled = 0, last = -1;
  for (let r = 0; r < runCount; r++) {
    const start = v.getUint32(runsAt + 8 * r, true), len = v.getUint32(runsAt + 8 * r + 4, true);
    if (len === 0 || start <= last || start + len > n || filled + len > riverCount) {
      return failure([problem('bad-river', `${what}: 第 ${r} 段河流格(起点 ${start},长 ${len})无效或与计数 ${riverCount} 不符 / river run #${r} (start ${start}, length ${len}) is out of order, outside the ${n} cells, or exceeds the count of ${riverCount}`)]);
    }
    for (let j = 0; j < len; j++) riverCells[filled++] = start + j;
    last = start + len - 1;
  }
  if (filled !== riverCount) {
    return failure([problem('bad-river', `${what}: 河流格 ${filled} 个,文件头说 ${riverCount} 个 / the runs hold ${filled} river cells, the header says ${riverCount}`)]);
  }
  return success({ grid: { width, height, west, north, dx, dy, data }, riverCells });
}
