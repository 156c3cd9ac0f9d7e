/**
 * Every GeoJSON reader of the pipeline and the archive goes through the shared
 * streaming reader: each accepts a UTF-8 byte-order mark, refuses GBK text with the
 * bilingual "not UTF-8 (looks like GBK)" message naming the file and byte offset,
 * and says what is wrong with a missing or cut-short file instead of a stack trace.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import { readRegistry } from '../../src/archive/import/registry-reader.ts';
import { loadBasemapSources } from '../../src/pipeline/basemap/basemap-sources.ts';
import { readFootprints } from '../../src/sources/footprint-reader.ts';
import { readPipes } from '../../src/sources/pipe-reader.ts';
import { loadDistrictOutline } from '../../src/sample/district-outline.ts';
import { copyRailLines } from '../../src/sample/rail-copy.ts';
import { loadWaterPolygons } from '../../src/pipeline/terrain/water-polygons.ts';
import { fixtureDistrict } from '../archive/fixtures/fixture-district.ts';
import { growingGeoJson } from './growing-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'yz-geojson-readers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const square = (x: number, y: number, d = 0.001): Geometry => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]],
});
const fc = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });
const named = (name: string, geometry: Geometry, props: Record<string, unknown> = {}): Feature => ({ type: 'Feature', properties: { name, ...props }, geometry });

/** What a reader made of a file: how many things it read, or its error text. */
type Outcome = { count: number } | { error: string };

async function outcome(run: () => Promise<number> | number): Promise<Outcome> {
  try {
    return { count: await run() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

async function count<T>(items: AsyncIterable<T>): Promise<number> {
  let n = 0;
  for await (const _ of items) n++;
  return n;
}

const district = fixtureDistrict(4);
const PLACEHOLDER = 'GBK-NAME';

interface ReaderCase {
  name: string;
  file: string;
  /** The file's content; PLACEHOLDER in it is a name that a GBK file would carry. */
  content: FeatureCollection;
  read: (path: string) => Promise<Outcome>;
  /** What a good file gives. */
  expected: number;
}

const readers: ReaderCase[] = [
  {
    name: 'footprints (tiles:buildings)',
    file: 'buildings.geojson',
    content: fc([named(PLACEHOLDER, square(106.55, 29.55), { id: 'YZ-1', floors: 3 }), named('b', square(106.56, 29.55), { id: 'YZ-2', floors: 3 })]),
    read: (path) => outcome(() => count(readFootprints(path))),
    expected: 2,
  },
  {
    name: 'pipes (tiles:lifelines, archive lifelines import)',
    file: 'lifelines.geojson',
    content: fc([named(PLACEHOLDER, { type: 'LineString', coordinates: [[106.55, 29.55], [106.56, 29.55]] })]),
    read: (path) => outcome(() => count(readPipes(path))),
    expected: 1,
  },
  {
    name: 'building registry (archive:import)',
    file: 'registry-buildings.geojson',
    content: fc(district.buildings.features.map((f, i) => (i === 1 ? { ...f, properties: { ...f.properties, name: PLACEHOLDER } } : f)) as Feature[]),
    read: async (path) => {
      const r = await readRegistry(path, null);
      return r.problems.length > 0 ? { error: r.problems.map((p) => p.reason).join('\n') } : { count: r.buildings.length };
    },
    expected: 4,
  },
  {
    name: 'renewal areas (archive:import)',
    file: 'areas.geojson',
    content: fc(district.areas.features.map((f, i) => (i === 0 ? { ...f, properties: { ...f.properties, name: PLACEHOLDER } } : f)) as Feature[]),
    read: async (path) => {
      const buildings = join(dir, 'areas-buildings.geojson');
      writeFileSync(buildings, JSON.stringify(district.buildings));
      const r = await readRegistry(buildings, path);
      return r.problems.length > 0 ? { error: r.problems.map((p) => p.reason).join('\n') } : { count: r.areas.length };
    },
    expected: district.areas.features.length,
  },
  {
    name: 'roads (tiles:basemap)',
    file: 'roads.geojson',
    content: fc([named(PLACEHOLDER, { type: 'LineString', coordinates: [[106.55, 29.55], [106.56, 29.55]] }, { class: 'primary', width_m: 12 })]),
    read: (path) => outcome(async () => (await loadBasemapSources({ roads: path })).roads.items.length),
    expected: 1,
  },
  {
    name: 'water polygons (tiles:terrain --water)',
    file: 'water.geojson',
    content: fc([named(PLACEHOLDER, square(106.55, 29.55))]),
    read: (path) => outcome(() => loadWaterPolygons(path).length),
    expected: 1,
  },
  {
    name: 'district outlines (sample)',
    file: 'districts.geojson',
    content: fc([named(PLACEHOLDER, square(106.55, 29.55), { adcode: '500103' }), named('江北区', square(106.57, 29.57), { adcode: '500105' })]),
    read: (path) => outcome(() => 1 + loadDistrictOutline(path).neighbours.length),
    expected: 2,
  },
  {
    name: 'rail lines (sample)',
    file: 'rail.geojson',
    content: fc([named(PLACEHOLDER, { type: 'LineString', coordinates: [[106.55, 29.55], [106.56, 29.55]] })]),
    read: (path) => outcome(async () => (await copyRailLines(path, join(dir, 'rail-out.geojson'))).features.length),
    expected: 1,
  },
];

/** "渝中" in GBK. */
const GBK = Uint8Array.of(0xd3, 0xe5, 0xd6, 0xd0);

function encode(content: FeatureCollection, name: Uint8Array, prefix = ''): { bytes: Uint8Array; nameOffset: number } {
  const [before, after] = (prefix + JSON.stringify(content)).split(PLACEHOLDER, 2) as [string, string?];
  const head = new TextEncoder().encode(before);
  const tail = new TextEncoder().encode(after ?? '');
  return { bytes: new Uint8Array([...head, ...(after === undefined ? [] : name), ...tail]), nameOffset: head.length };
}

describe.each(readers)('$name', ({ file, content, read, expected }) => {
  it('reads the file with a UTF-8 byte-order mark as without one', async () => {
    const plain = join(dir, `plain-${file}`);
    writeFileSync(plain, encode(content, new TextEncoder().encode('渝中')).bytes);
    expect(await read(plain)).toEqual({ count: expected });
    const bom = join(dir, `bom-${file}`);
    writeFileSync(bom, encode(content, new TextEncoder().encode('渝中'), '\uFEFF').bytes);
    expect(await read(bom)).toEqual({ count: expected });
  });

  it('refuses a GBK-encoded file, naming it and the byte offset', async () => {
    const path = join(dir, `gbk-${file}`);
    const { bytes, nameOffset } = encode(content, GBK);
    writeFileSync(path, bytes);
    const got = await read(path);
    expect(got).toHaveProperty('error');
    const error = (got as { error: string }).error;
    expect(error).toContain(path);
    expect(error).toContain('文件不是 UTF-8 编码（疑似 GBK）');
    expect(error).toContain('the file is not UTF-8 (looks like GBK)');
    expect(error).toContain(`at byte ${nameOffset}`);
  });

  it('says a missing or cut-short file is so, naming it, without a stack trace', async () => {
    const missing = join(dir, `missing-${file}`);
    const cut = join(dir, `cut-${file}`);
    writeFileSync(cut, encode(content, new TextEncoder().encode('渝中')).bytes.slice(0, -20));
    for (const [path, what] of [[cut, /ends unexpectedly/], ...(file === 'roads.geojson' ? [] : [[missing, /the file does not exist/]])] as [string, RegExp][]) {
      const got = await read(path);
      expect(got).toHaveProperty('error');
      const error = (got as { error: string }).error;
      expect(error).toContain(path);
      expect(error).toMatch(what);
      expect(error).toMatch(/[\u4e00-\u9fff]/);
      expect(error).not.toMatch(/\n\s+at /);
    }
  });
});

describe('the footprint and pipe readers stream', () => {
  it.each([
    ['readFootprints', readFootprints],
    ['readPipes', readPipes],
  ] as const)('%s yields the first feature of a file before its writer has finished it', async (name, reader) => {
    if (process.platform === 'win32') return;
    const file = growingGeoJson(dir, `growing-${name}.geojson`, (i) => named(`楼 ${i}`, square(106.55 + i * 1e-4, 29.55), { id: `YZ-${i}` }));
    let openWhenFirstArrived: boolean | undefined;
    let n = 0;
    for await (const f of reader(file.path)) {
      if (n++ === 0) {
        openWhenFirstArrived = !file.closed();
        file.gotFirst();
      }
      expect(f.id).toBe(`YZ-${f.index}`);
    }
    await file.done;
    expect(openWhenFirstArrived).toBe(true);
    expect(n).toBe(1000);
  });
});
