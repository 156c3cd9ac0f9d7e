/**
 * The Flood tool's grid beside the terrain tiles: which cells are river (by level, only
 * those reaching the edge; by polygons, islands excluded) against cells listed by hand,
 * and the terrain build writing analysis-grid.bin from its DEM — heights within 5 mm of
 * the DEM, the river strip as the river — which the server then serves compressed and
 * byte-exact at /tiles/terrain/analysis-grid.bin.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYSIS_GRID_FILE, decodeAnalysisGrid } from '../../../src/core/analysis/analysis-grid.ts';
import type { ElevationGrid } from '../../../src/core/elevation-grid.ts';
import { riverCellsBelowLevel, riverCellsInPolygons } from '../../../src/pipeline/terrain/analysis-grid-writer.ts';
import { buildTerrain, type TerrainBuildResult } from '../../../src/pipeline/terrain/terrain-builder.ts';
import { parseWaterPolygons } from '../../../src/pipeline/terrain/water-polygons.ts';
import { createServer } from '../../../src/server/create-server.ts';
import { RIVER_LEVEL, syntheticGrid, writeSyntheticGeoTiff } from './synthetic-dem.ts';

/** A grid from rows of heights, drawn as text: digits are tens of metres above 150 (0 = 150 m … 9 = 240 m), `.` no data. */
function drawn(rows: string[]): ElevationGrid {
  const width = rows[0]!.length, height = rows.length;
  const data = Float32Array.from(rows.join(''), (ch) => (ch === '.' ? Number.NaN : 150 + 10 * Number(ch)));
  return { width, height, west: 106.5, north: 29.6, dx: 1e-4, dy: 1e-4, data };
}

/** The cells marked `x` in a same-sized picture, as indices. */
function marked(rows: string[]): number[] {
  return [...rows.join('')].flatMap((ch, i) => (ch === 'x' ? [i] : []));
}

describe('river cells', () => {
  it('by level: cells at or below it that reach the edge; a hollow inland and no-data are not river', () => {
    const grid = drawn([
      '9992999',
      '9992999',
      '9932999',
      '9993.99',
      '9199992',
      '9999929',
      '9999299',
    ]);
    // Level 170 m: digits ≤ 2. The channel down col 3 from the top edge is river; the 1 at row 4 col 1 is a
    // hollow; the 2 at row 5 col 5 touches the two edge cells beside it only at corners (4-connectivity).
    const river = [...riverCellsBelowLevel(grid, 170)];
    expect(river).toEqual(marked([
      '...x...',
      '...x...',
      '...x...',
      '.......',
      '......x',
      '.......',
      '....x..',
    ]));
  });

  it('by polygons: sample points inside, an island hole excluded', () => {
    const grid = drawn(Array.from({ length: 10 }, () => '5555555555'));
    // A polygon over cols 1–6, rows 2–7 (lon 106.5001–106.5006, lat 29.5998–29.5993) with a hole over col 3–4, rows 4–5.
    const lon = (c: number) => 106.5 + c * 1e-4, lat = (r: number) => 29.6 - r * 1e-4;
    const box = (c0: number, r0: number, c1: number, r1: number) => [[lon(c0), lat(r0)], [lon(c1), lat(r0)], [lon(c1), lat(r1)], [lon(c0), lat(r1)], [lon(c0), lat(r0)]];
    const polygons = parseWaterPolygons(
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [box(0.5, 1.5, 6.5, 7.5), box(2.5, 3.5, 4.5, 5.5)] } },
      'water.geojson',
    );
    const expected: number[] = [];
    for (let r = 2; r <= 7; r++) for (let c = 1; c <= 6; c++) if (!(r >= 4 && r <= 5 && c >= 3 && c <= 4)) expected.push(r * 10 + c);
    expect([...riverCellsInPolygons(grid, polygons)]).toEqual(expected);
  });
});

let dir: string;
let result: TerrainBuildResult;
const dem = syntheticGrid({ width: 81, height: 61, step: 0.00025 });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yz-analysis-grid-'));
  writeSyntheticGeoTiff(join(dir, 'dem.tif'), dem);
  result = await buildTerrain({ input: join(dir, 'dem.tif'), outDir: join(dir, 'tiles', 'terrain'), version: '1', workers: 0, maxZoom: 10 });
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the terrain build', () => {
  it('writes analysis-grid.bin: the DEM within 5 mm, and the river strip (every cell at or below the river level) as river', () => {
    const bytes = readFileSync(join(dir, 'tiles', ANALYSIS_GRID_FILE));
    expect(result.analysisGrid.bytes).toBe(bytes.byteLength);
    const decoded = decodeAnalysisGrid(bytes);
    if (!decoded.ok) throw new Error(decoded.problems[0]!.message);
    const { grid, riverCells } = decoded.value;
    expect([grid.width, grid.height]).toEqual([dem.width, dem.height]);
    expect(grid.west).toBeCloseTo(dem.west, 9);
    expect(grid.north).toBeCloseTo(dem.north, 9);
    let worst = 0;
    for (let i = 0; i < dem.data.length; i++) worst = Math.max(worst, Math.abs(grid.data[i]! - dem.data[i]!));
    expect(worst).toBeLessThanOrEqual(0.0051);
    // The synthetic river runs along the whole south edge, so every low cell reaches the edge.
    const low: number[] = [];
    for (let i = 0; i < dem.data.length; i++) if (dem.data[i]! <= RIVER_LEVEL) low.push(i);
    expect(low.length).toBeGreaterThan(dem.width * 5);
    expect([...riverCells]).toEqual(low);
    expect(result.analysisGrid.riverCells).toBe(low.length);
  });

  it('is served at /tiles/terrain/analysis-grid.bin, compressed when asked, byte-exact', async () => {
    const app = await createServer({ viewerDir: join(dir, 'no-viewer'), tilesDir: join(dir, 'tiles') });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const port = (app.server.address() as AddressInfo).port;
      const res = await new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: `/tiles/${ANALYSIS_GRID_FILE}`, headers: { 'accept-encoding': 'gzip' } }, (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, headers: r.headers, body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/octet-stream');
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(res.body).equals(readFileSync(join(dir, 'tiles', ANALYSIS_GRID_FILE)))).toBe(true);
    } finally {
      await app.close();
    }
  });
});
