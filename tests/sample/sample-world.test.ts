/**
 * The whole sample as files: deterministic to the byte, and every file read back by an
 * independent reader (geotiff, check-geojson, papaparse, exceljs) with the realism
 * rules checked on what was read, not on what was generated.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '@placemarkio/check-geojson';
import ExcelJS from 'exceljs';
import { fromArrayBuffer } from 'geotiff';
import type { FeatureCollection, LineString, Polygon } from 'geojson';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_COLUMNS } from '../../src/core/archive-record.ts';
import { BuildingPropertiesSchema, type BuildingProperties } from '../../src/core/building.ts';
import { DISTRICT } from '../../src/core/district.ts';
import { LifelinePropertiesSchema } from '../../src/core/lifelines.ts';
import { AreaPropertiesSchema } from '../../src/core/renewal-areas.ts';
import { RoadPropertiesSchema } from '../../src/core/roads.ts';
import { createLocalProjection, signedRingArea } from '../../src/core/local-projection.ts';
import { EXCHANGE_FILES } from '../../src/core/exchange-files.ts';
import { generateSampleWorld, type SampleWorldSummary } from '../../src/sample/sample-world.ts';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('generateSampleWorld', () => {
  let dir: string;
  let first: SampleWorldSummary;
  let second: SampleWorldSummary;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yz-sample-'));
    first = await generateSampleWorld({ seed: 'yuzhong', outDir: join(dir, 'a') });
    second = await generateSampleWorld({ seed: 'yuzhong', outDir: join(dir, 'b') });
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = (role: keyof typeof EXCHANGE_FILES) => first.files[role];
  const readGeojson = <T>(role: keyof typeof EXCHANGE_FILES) => check(readFileSync(file(role), 'utf8')) as unknown as T;

  it('writes every file, byte-identical for the same seed', () => {
    for (const role of Object.keys(EXCHANGE_FILES) as (keyof typeof EXCHANGE_FILES)[]) {
      expect(sha256(first.files[role]), role).toBe(sha256(second.files[role]));
    }
  });

  it('writes a georeferenced Float32 GeoTIFF DEM at about 5 m over the district and both banks', async () => {
    const bytes = readFileSync(file('dem'));
    const tiff = await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const image = await tiff.getImage();
    expect(image.getSampleFormat()).toBe(3);
    expect(image.getBitsPerSample()).toBe(32);
    expect(image.getGeoKeys()?.GeographicTypeGeoKey).toBe(4326);
    const [resX, resY] = image.getResolution();
    expect(Math.abs(resX!) * 111_320 * Math.cos((29.55 * Math.PI) / 180)).toBeCloseTo(5, 0);
    expect(Math.abs(resY!) * 110_574).toBeCloseTo(5, 0);
    const [west, south, east, north] = image.getBoundingBox();
    expect(west).toBeLessThan(106.482);
    expect(east).toBeGreaterThan(106.591);
    expect(south).toBeLessThan(29.52);
    expect(north).toBeGreaterThan(29.575);
    const [band] = (await image.readRasters()) as unknown as [Float32Array];
    let min = Infinity;
    let max = -Infinity;
    let notFinite = 0;
    for (const h of band) {
      if (!Number.isFinite(h)) notFinite++;
      if (h < min) min = h;
      if (h > max) max = h;
    }
    expect(notFinite).toBe(0);
    expect(band.length).toBe(image.getWidth() * image.getHeight());
    expect(min).toBeLessThan(DISTRICT.riverLevelM.typical);
    expect(max).toBeGreaterThanOrEqual(DISTRICT.ridgeHeightM.min);
    expect(max).toBeLessThanOrEqual(DISTRICT.ridgeHeightM.max + 20);
  });

  it('writes valid GeoJSON whose properties match the documented schemas', () => {
    const roads = readGeojson<FeatureCollection<LineString>>('roads');
    for (const f of roads.features) RoadPropertiesSchema.parse(f.properties);
    const lifelines = readGeojson<FeatureCollection<LineString>>('lifelines');
    expect(lifelines.features.length).toBeGreaterThanOrEqual(20_000);
    for (const f of lifelines.features) LifelinePropertiesSchema.parse(f.properties);
    const areas = readGeojson<FeatureCollection<Polygon>>('areas');
    for (const f of areas.features) AreaPropertiesSchema.parse(f.properties);
    expect(new Set(areas.features.map((f) => f.properties!.kind))).toEqual(
      new Set(['core', 'wing', 'belt', 'zone', 'old-community']),
    );
    const rail = readGeojson<FeatureCollection & { attribution?: string }>('rail');
    expect(rail.attribution).toContain('OpenStreetMap');
  });

  it("writes ≥ 12,000 schema-valid buildings whose floor area is the district's ±15 %", () => {
    const buildings = readGeojson<FeatureCollection<Polygon, BuildingProperties>>('buildings');
    expect(buildings.features.length).toBeGreaterThanOrEqual(12_000);
    const projection = createLocalProjection(106.54, 29.55);
    let floorArea = 0;
    const ids = new Set<string>();
    for (const f of buildings.features) {
      BuildingPropertiesSchema.parse(f.properties);
      ids.add(f.properties.id);
      const rings = f.geometry.coordinates.map((ring) => ring.map(([lon, lat]) => projection.toLocal(lon!, lat!)));
      const area = Math.abs(signedRingArea(rings[0]!)) - rings.slice(1).reduce((s, r) => s + Math.abs(signedRingArea(r)), 0);
      floorArea += area * f.properties.floors;
    }
    expect(ids.size).toBe(buildings.features.length);
    expect(floorArea / DISTRICT.floorAreaM2).toBeGreaterThan(0.85);
    expect(floorArea / DISTRICT.floorAreaM2).toBeLessThan(1.15);
    expect(Math.abs(floorArea - first.floorAreaM2) / floorArea).toBeLessThan(0.01);
  });

  it('writes the archive as CSV and XLSX with the same rows, one per building, every C/D planned', async () => {
    const csvText = readFileSync(file('archiveCsv'), 'utf8');
    expect(csvText.charCodeAt(0)).toBe(0xfeff); // BOM, so Excel on Chinese Windows reads UTF-8
    const csv = Papa.parse<Record<string, string>>(csvText.slice(1), { header: true, skipEmptyLines: true });
    expect(csv.errors).toEqual([]);
    expect(csv.meta.fields).toEqual([...ARCHIVE_COLUMNS]);
    const buildings = readGeojson<FeatureCollection<Polygon, BuildingProperties>>('buildings');
    expect(csv.data.map((r) => r.code)).toEqual(buildings.features.map((f) => f.properties.id));

    const graded = csv.data.filter((r) => r.grade !== '');
    const share = (g: string) => graded.filter((r) => r.grade === g).length / graded.length;
    expect(share('A')).toBeGreaterThanOrEqual(0.55);
    expect(share('A')).toBeLessThanOrEqual(0.65);
    expect(share('B')).toBeGreaterThanOrEqual(0.25);
    expect(share('B')).toBeLessThanOrEqual(0.3);
    expect(share('C')).toBeGreaterThanOrEqual(0.06);
    expect(share('C')).toBeLessThanOrEqual(0.1);
    expect(share('D')).toBeGreaterThanOrEqual(0.01);
    expect(share('D')).toBeLessThanOrEqual(0.03);
    for (const r of graded.filter((row) => row.grade === 'C' || row.grade === 'D')) {
      expect(r.plan_measures, r.code).not.toBe('');
    }

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file('archiveXlsx'));
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([...ARCHIVE_COLUMNS]);
    expect(sheet.rowCount - 1).toBe(csv.data.length);
    for (const rowNumber of [2, 3, Math.floor(sheet.rowCount / 2), sheet.rowCount]) {
      const cells = (sheet.getRow(rowNumber).values as unknown[]).slice(1);
      const expected = csv.data[rowNumber - 2]!;
      ARCHIVE_COLUMNS.forEach((column, i) => {
        expect(String(cells[i] ?? ''), `${column} row ${rowNumber}`).toBe(expected[column]);
      });
    }
  });
});
