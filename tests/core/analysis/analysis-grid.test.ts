/**
 * The analysis grid file: heights back within half a quantization step (checked against
 * the original heights, cell by cell), no-data as NaN, the river cells as given, the
 * byte layout the header documents (read here with a DataView of our own), and the
 * rejections of a file that is not one, of another version or encoding, or cut short.
 */
import { describe, expect, it } from 'vitest';
import { ANALYSIS_GRID_FILE, decodeAnalysisGrid, encodeAnalysisGrid, type AnalysisGrid } from '../../../src/core/analysis/analysis-grid.ts';
import type { ElevationGrid } from '../../../src/core/elevation-grid.ts';
import { reasons, value } from './result-helpers.ts';

function grid(width: number, height: number, height_: (c: number, r: number) => number): ElevationGrid {
  const data = new Float32Array(width * height);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) data[r * width + c] = height_(c, r);
  return { width, height, west: 106.49, north: 29.58, dx: 5.17e-5, dy: 4.5e-5, data };
}

// Irregular heights 150–400 m (not on the centimetre lattice), a hole, and a river band.
const W = 37, H = 23;
const sample = (): AnalysisGrid => {
  const g = grid(W, H, (c, r) => 150 + 250 * Math.abs(Math.sin(c * 0.7 + r * 1.3)) + 0.001234 * c);
  g.data[5 * W + 7] = Number.NaN;
  const river: number[] = [];
  for (let r = 0; r < H; r++) for (let c = 3 + (r % 3); c < 9; c++) river.push(r * W + c);
  river.push(H * W - 1);
  return { grid: g, riverCells: Uint32Array.from(river.reverse()) };
};

describe('the analysis grid file', () => {
  it('is served from tiles/terrain/', () => {
    expect(ANALYSIS_GRID_FILE).toBe('terrain/analysis-grid.bin');
  });

  it('gives the heights back within 5 mm, NaN for no data, and the river cells sorted', () => {
    const a = sample();
    const back = value(decodeAnalysisGrid(encodeAnalysisGrid(a)));
    const { grid: g } = back;
    expect([g.width, g.height, g.west, g.north, g.dx, g.dy]).toEqual([W, H, a.grid.west, a.grid.north, a.grid.dx, a.grid.dy]);
    let worst = 0;
    for (let i = 0; i < W * H; i++) {
      const z = a.grid.data[i]!;
      if (Number.isNaN(z)) expect(g.data[i]).toBeNaN();
      else worst = Math.max(worst, Math.abs(g.data[i]! - z));
    }
    expect(worst).toBeLessThanOrEqual(0.005 + 1e-4);
    expect(worst).toBeGreaterThan(0.001); // really quantized (the heights are off the lattice)
    expect([...back.riverCells]).toEqual([...a.riverCells].sort((x, y) => x - y));
  });

  it('is 2 bytes a cell plus a 72-byte header and 8 bytes per river run, laid out as documented (rows as differences)', () => {
    const a = sample();
    const bytes = encodeAnalysisGrid(a);
    // Runs by hand: each row's band is one run, and row r's band ends at col 8, row r+1's starts at 3..5: never adjacent.
    const runs = H + 1;
    const heightsEnd = 72 + 2 * W * H;
    expect(bytes.byteLength).toBe(Math.ceil(heightsEnd / 4) * 4 + 8 * runs);
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('YZAG');
    expect([v.getUint16(4, true), v.getUint16(6, true), v.getUint32(8, true), v.getUint32(12, true)]).toEqual([1, 1, W, H]);
    expect(v.getFloat64(56, true)).toBe(0.01); // 1 cm steps: the range is under 655 m
    expect(v.getUint32(64, true)).toBe(a.riverCells.length);
    expect(v.getUint32(68, true)).toBe(runs);
    // Row 5 as documented: differences from the sample to the west, mod 65536; steps of 1 cm above the base.
    const base = v.getFloat64(48, true);
    let k = 0;
    const steps: number[] = [];
    for (let c = 0; c < W; c++) steps.push((k = (k + v.getUint16(72 + 2 * (5 * W + c), true)) % 65536));
    expect(steps[7]).toBe(65535); // the hole
    expect(steps[8]).toBe(Math.round((a.grid.data[5 * W + 8]! - base) / 0.01));
    expect(steps[0]).toBe(Math.round((a.grid.data[5 * W]! - base) / 0.01));
    expect(base).toBeLessThanOrEqual(Math.min(...a.grid.data.filter((z) => !Number.isNaN(z))));
  });

  it('widens the step for a range over 655 m, and says so in the header', () => {
    const tall = { grid: grid(50, 2, (c) => c * 40), riverCells: new Uint32Array() }; // 0–1,960 m
    const bytes = encodeAnalysisGrid(tall);
    const step = new DataView(bytes.buffer).getFloat64(56, true);
    expect(step).toBeCloseTo(1960 / 65534, 12);
    const back = value(decodeAnalysisGrid(bytes.buffer as ArrayBuffer)).grid;
    for (let i = 0; i < 100; i++) expect(Math.abs(back.data[i]! - tall.grid.data[i]!)).toBeLessThanOrEqual(step / 2 + 1e-4);
  });

  it('refuses what is not an analysis grid, another version or encoding, and a cut or padded file', () => {
    const good = encodeAnalysisGrid(sample());
    const edit = (f: (b: Uint8Array) => void): Uint8Array => { const b = good.slice(); f(b); return b; };
    expect(reasons(decodeAnalysisGrid(new TextEncoder().encode('<!doctype html><html>…'.repeat(10))))).toEqual(['bad-magic']);
    expect(reasons(decodeAnalysisGrid(edit((b) => { b[4] = 2; })))).toEqual(['bad-version']);
    expect(reasons(decodeAnalysisGrid(edit((b) => { b[6] = 2; })))).toEqual(['bad-encoding']);
    expect(reasons(decodeAnalysisGrid(good.subarray(0, good.length - 8)))).toEqual(['bad-size']);
    expect(reasons(decodeAnalysisGrid(good.subarray(0, 40)))).toEqual(['bad-size']);
    const padded = new Uint8Array(good.length + 4);
    padded.set(good);
    expect(reasons(decodeAnalysisGrid(padded))).toEqual(['bad-size']);
    expect(reasons(decodeAnalysisGrid(edit((b) => { new DataView(b.buffer).setUint32(64, 3, true); })))).toEqual(['bad-river']);
  });
});
