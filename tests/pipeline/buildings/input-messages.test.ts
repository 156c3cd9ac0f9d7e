/**
 * Issue 15, buildings: heights are never replaced silently nor impossible ones kept,
 * a run where every feature fails says why (and still writes report.json), the
 * usual mistakes — projected metres, swapped lon/lat, a `Height` column — are named,
 * and GCJ-02-shifted footprints are noticed.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, Position } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import type { ElevationGrid } from '../../../src/core/elevation-grid.ts';
import { buildBuildingsTileset, REPORT_FILE } from '../../../src/pipeline/buildings/build-buildings-tileset.ts';
import { runBuildingsCommand } from '../../../src/pipeline/buildings/buildings-command.ts';
import { checkDatum, wgs84ToGcj02 } from '../../../src/pipeline/buildings/datum-check.ts';
import type { RawFeature } from '../../../src/sources/raw-feature.ts';
import { createFootprintValidator } from '../../../src/sources/footprint-validator.ts';
import { readDem } from '../../../src/sources/dem-reader.ts';
import { smallDistrict, tempDir } from './fixtures.ts';
import { buildings as sampleBuildings, dem as sampleDem } from '../../sample/world-fixture.ts';

const { district, features: good } = smallDistrict(30, 5);
const ring0 = (good[0]!.geometry as { coordinates: Position[][] }).coordinates[0]!;
const [lon0, lat0] = ring0[0] as [number, number];
const d = 0.0001;
const square = (lon: number, lat: number, size = d): Position[] => [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]];
let n = 5000;
const feature = (props: Record<string, unknown>, ring: Position[] = square(lon0, lat0)): RawFeature => {
  const id = `YZ-${n++}`;
  return { index: n, id, geometry: { type: 'Polygon', coordinates: [ring] }, properties: { id, ...props } };
};

interface Report {
  failed?: boolean;
  error?: string;
  problems: { id: string; reason: string; message: string }[];
  notes: { id: string; reason: string; message: string }[];
  warnings: string[];
}
const readReport = (dir: string) => JSON.parse(readFileSync(join(dir, REPORT_FILE), 'utf8')) as Report;

describe('building heights', () => {
  const dir = tempDir('heights');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses impossible heights instead of replacing them by floors × 3 m', () => {
    const v = createFootprintValidator();
    for (const [props, pattern] of [
      [{ height: -20, floors: 3 }, /negative/],
      [{ height: 10_000, floors: 3 }, /over 700 m/],
      [{ height: 900, floors: 2 }, /over 700 m/],
      [{ height: 300, floors: 2 }, /150\.0 m a storey/],
      [{ height: 'tall', floors: 2 }, /not a number/],
    ] as const) {
      const r = v.validate(feature(props));
      expect(r.ok, JSON.stringify(props)).toBe(false);
      if (!r.ok) {
        expect(r.problem.reason).toBe('implausible-height');
        expect(r.problem.message).toMatch(pattern);
        expect(r.problem.message).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('reports every replaced or doubtful height in the summary and report.json', async () => {
    const missing = feature({ floors: 4 });
    const zero = feature({ height: 0, floors: 6 });
    const hall = feature({ height: 65, floors: 4 }, square(lon0 + 3 * d, lat0)); // a domed hall: kept, noted
    const out = join(dir, 'notes');
    const result = await buildBuildingsTileset({ features: [...good, missing, zero, hall], grid: district.grid, outDir: out, workers: 0 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const notes = result.summary.notes.map((x) => [x.id, x.reason]);
    expect(notes).toEqual(expect.arrayContaining([[missing.id, 'height-from-floors'], [zero.id, 'height-from-floors'], [hall.id, 'tall-storeys']]));
    expect(result.summary.notes.find((x) => x.id === missing.id)!.message).toContain('4 × 3 m = 12 m');
    const report = readReport(out);
    expect(report.notes.map((x) => x.id)).toEqual(expect.arrayContaining([missing.id, zero.id, hall.id]));

    const lines: string[] = [];
    const geojson = join(dir, 'with-notes.geojson');
    writeFileSync(geojson, JSON.stringify({ type: 'FeatureCollection', features: [...good, missing].map((f) => ({ type: 'Feature', geometry: f.geometry, properties: f.properties })) }));
    const demFile = join(dir, 'dem.tif');
    const { encodeSyntheticGeoTiff } = await import('../terrain/synthetic-dem.ts');
    writeFileSync(demFile, encodeSyntheticGeoTiff(district.grid));
    const cmd = await runBuildingsCommand({ input: geojson, dem: demFile, out: join(dir, 'cmd'), workers: 0, log: (l) => lines.push(l) });
    expect(cmd.ok).toBe(true);
    // The synthetic district has floors-only buildings of its own: each is counted.
    const floorsOnly = good.filter((f) => f.properties.height === undefined || f.properties.height === null).length + 1;
    expect(lines.join('\n')).toContain(`noted ${floorsOnly} × height-from-floors`);
  });
});

describe('when every feature fails', () => {
  const dir = tempDir('all-fail');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (name: string, features: RawFeature[]) => {
    const out = join(dir, name);
    const result = await buildBuildingsTileset({ features, grid: district.grid, outDir: out, workers: 0 });
    expect(result.ok).toBe(false);
    if (result.ok) throw new Error('unreachable');
    expect(existsSync(join(out, 'tileset.json'))).toBe(false);
    return { result, report: readReport(out) };
  };

  it('projected metres: says so in the error, the first reasons and report.json', async () => {
    // CGCS2000 3° Gauss-Krüger zone 36 coordinates, as a survey hands them over.
    const metres = Array.from({ length: 20 }, (_, i) => feature({ height: 9 }, square(36_500_000 + i * 50, 3_270_000, 20)));
    const { result, report } = await run('metres', metres);
    expect(result.error).toContain('no usable buildings (20 problems)');
    expect(result.error).toContain('20 × coordinates-out-of-range');
    expect(result.error).toContain('looks like projected metres (Gauss-Krüger?');
    expect(result.error).toContain('convert to lon/lat');
    expect(result.error).toContain(REPORT_FILE);
    expect(report.failed).toBe(true);
    expect(report.problems).toHaveLength(20);
    expect(report.problems[0]!.message).toContain('looks like projected metres');
  });

  it('swapped lon/lat', async () => {
    const swapped = Array.from({ length: 5 }, (_, i) => feature({ height: 9 }, square(29.5 + i * 0.001, 106.5).map(([x, y]) => [x!, y!])));
    const { result } = await run('swapped', swapped);
    expect(result.error).toContain('lon/lat look swapped');
  });

  it('a `Height` / `层数` column instead of height / floors', async () => {
    const renamed = [feature({ Height: 12 }), feature({ 层数: 4 }, square(lon0 + 3 * d, lat0))];
    const { result, report } = await run('renamed', renamed);
    expect(result.error).toContain('found a column `Height` — rename it to `height`');
    expect(report.problems[1]!.message).toContain('found a column `层数` — rename it to `floors`');
  });

  it('a missing footprint file is named, with its cause', async () => {
    const demFile = join(dir, 'dem-for-missing.tif');
    const { encodeSyntheticGeoTiff } = await import('../terrain/synthetic-dem.ts');
    writeFileSync(demFile, encodeSyntheticGeoTiff(district.grid));
    const missing = join(dir, 'no-such-buildings.geojson');
    const result = await runBuildingsCommand({ input: missing, dem: demFile, out: join(dir, 'm'), workers: 0, log: () => {} });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain(missing);
      expect(result.error).toContain('文件不存在');
      expect(result.error).toContain('cannot read the footprint file: the file does not exist');
    }
  });

  it('the command prints the first reasons, not only a count', async () => {
    const geojson = join(dir, 'too-tall.geojson');
    const fc: FeatureCollection = {
      type: 'FeatureCollection',
      features: Array.from({ length: 3 }, (_, i) => ({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [square(106.55 + i * 0.001, 29.55, 0.0002)] }, properties: { id: `M${i}`, height: 9000, floors: 3 } })),
    };
    writeFileSync(geojson, JSON.stringify(fc));
    const demFile = join(dir, 'dem.tif');
    const { encodeSyntheticGeoTiff } = await import('../terrain/synthetic-dem.ts');
    writeFileSync(demFile, encodeSyntheticGeoTiff(district.grid));
    const lines: string[] = [];
    const result = await runBuildingsCommand({ input: geojson, dem: demFile, out: join(dir, 'cmd'), workers: 0, log: (l) => lines.push(l) });
    expect(result.ok).toBe(false);
    expect(lines.filter((l) => l.includes('skipped M'))).toHaveLength(3);
    expect(lines[0]).toContain('9000');
  });

  it('refuses a file that is plainly projected metres with no CRS as a whole, saying so and showing --crs (issue 17)', async () => {
    const geojson = join(dir, 'metres.geojson');
    const fc: FeatureCollection = {
      type: 'FeatureCollection',
      features: Array.from({ length: 3 }, (_, i) => ({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [square(500_000 + i * 50, 3_270_000, 20)] }, properties: { id: `M${i}`, height: 9 } })),
    };
    writeFileSync(geojson, JSON.stringify(fc));
    const demFile = join(dir, 'dem.tif');
    const { encodeSyntheticGeoTiff } = await import('../terrain/synthetic-dem.ts');
    writeFileSync(demFile, encodeSyntheticGeoTiff(district.grid));
    const result = await runBuildingsCommand({ input: geojson, dem: demFile, out: join(dir, 'cmd-metres'), workers: 0, log: () => {} });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain(geojson);
    expect(result.error).toContain('是米');
    expect(result.error).toContain('are metres');
    expect(result.error).toContain('--crs EPSG:');
  });
});

describe('GCJ-02 / BD-09 footprints', () => {
  const dir = tempDir('datum');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const ROOT = join(import.meta.dirname, '..', '..', '..');
  const builtBuildings = join(ROOT, 'tiles', 'source', 'buildings.geojson');
  const builtDem = join(ROOT, 'tiles', 'source', 'dem.tif');

  /** The sample district (as `npm run sample` wrote it, else generated now). */
  async function sample(): Promise<{ fc: FeatureCollection; grid: ElevationGrid }> {
    if (existsSync(builtBuildings) && existsSync(builtDem)) {
      return { fc: JSON.parse(readFileSync(builtBuildings, 'utf8')) as FeatureCollection, grid: (await readDem(builtDem)).grid };
    }
    return { fc: sampleBuildings(), grid: sampleDem() };
  }

  const centresOf = (fc: FeatureCollection, shift: (p: Position) => Position = (p) => p) =>
    fc.features.flatMap((f) => {
      const ring = (f.geometry as { coordinates: Position[][] }).coordinates[0]!.slice(0, -1).map(shift);
      return [ring.reduce((s, p) => s + p[0]!, 0) / ring.length, ring.reduce((s, p) => s + p[1]!, 0) / ring.length];
    });

  it('warns, in the summary and report.json, when the sample footprints are shifted to GCJ-02; not when they are not', async () => {
    const { fc, grid } = await sample();
    expect(checkDatum(grid, centresOf(fc), { waterLevelM: 172 }).warning).toBeNull();

    // What a Chinese web map (高德/腾讯) would give for the same buildings.
    const toGcj = (p: Position): Position => wgs84ToGcj02(p[0]!, p[1]!);
    const shifted: FeatureCollection = {
      type: 'FeatureCollection',
      features: fc.features.map((f) => ({ ...f, geometry: { type: 'Polygon', coordinates: (f.geometry as { coordinates: Position[][] }).coordinates.map((r) => r.map(toGcj)) } })),
    };
    const check = checkDatum(grid, centresOf(shifted), { waterLevelM: 172 });
    expect(check.warning).toMatch(/may be GCJ-02 or BD-09/);
    expect(check.warning).toMatch(/probably is GCJ-02/);
    expect(check.ifGcj02).toBeLessThan(0.02);

    // End to end on a slice of the district (every 10th building keeps this quick).
    const features: RawFeature[] = shifted.features
      .filter((_, i) => i % 10 === 0)
      .map((f, index) => ({ index, id: f.properties!.id, geometry: f.geometry, properties: { ...f.properties } }));
    const out = join(dir, 'gcj');
    const result = await buildBuildingsTileset({ features, grid, outDir: out, workers: 0 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.summary.warnings).toHaveLength(1);
    expect(result.summary.warnings[0]).toMatch(/GCJ-02/);
    expect(readReport(out).warnings[0]).toMatch(/GCJ-02/);
  }, 240_000);
});
