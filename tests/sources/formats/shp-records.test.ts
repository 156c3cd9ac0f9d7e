import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { openShp } from 'shapefile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShpRecordError, shpShapeBatches } from '../../../src/sources/formats/shp-records.ts';
import { buildingsInMetres, ogr2ogr, pipesInMetres, requireGdal, tempFolder, writeGeoJson } from './gdal-fixtures.ts';

const temp = tempFolder('shp-records-');
const dir = temp.dir;
const at = (name: string) => join(dir, name);

/** What the reference (the `shapefile` package's own streamed read) gives: every shape, and the index of the record it failed at, if it did. */
async function packageRead(path: string): Promise<{ shapes: Array<Geometry | null>; failedAt: number | null }> {
  const source = await openShp(createReadStream(path));
  const shapes: Array<Geometry | null> = [];
  try {
    for (;;) {
      const r = await source.read();
      if (r.done) return { shapes, failedAt: null };
      shapes.push((r.value ?? null) as Geometry | null);
    }
  } catch {
    return { shapes, failedAt: shapes.length };
  }
}

async function chunkedRead(path: string, batch = 1024): Promise<{ shapes: Array<Geometry | null>; failedAt: number | null; batches: number[] }> {
  const shapes: Array<Geometry | null> = [];
  const batches: number[] = [];
  try {
    for await (const b of shpShapeBatches(path, batch)) {
      batches.push(b.length);
      shapes.push(...b);
    }
    return { shapes, failedAt: null, batches };
  } catch (error) {
    if (!(error instanceof ShpRecordError)) throw error;
    expect(error.index).toBe(shapes.length);
    return { shapes, failedAt: error.index, batches };
  }
}

/** A seeded generator (mulberry32), so the fixture is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A closed ring of `n` vertices around (cx, cy), counter-clockwise or clockwise. */
function ring(cx: number, cy: number, r: number, n: number, clockwise: boolean, rand: () => number): Position[] {
  const out: Position[] = [];
  for (let i = 0; i < n; i++) {
    const a = ((clockwise ? -1 : 1) * 2 * Math.PI * i) / n;
    const rr = r * (0.8 + 0.2 * rand());
    out.push([cx + rr * Math.cos(a), cy + rr * Math.sin(a)]);
  }
  out.push(out[0]!);
  return out;
}

/** Many polygons: 3 to 60 vertices, some with holes, some multipolygons, some without geometry, and one of 70,000 vertices (more than a read chunk). */
function manyPolygons(count: number): FeatureCollection<Geometry | null> {
  const rand = seeded(17);
  const features: Array<Feature<Geometry | null>> = [];
  for (let i = 0; i < count; i++) {
    const cx = 500_000 + (i % 100) * 50 + rand();
    const cy = 3_270_000 + Math.floor(i / 100) * 50 + rand();
    const n = 3 + Math.floor(rand() * 58);
    const kind = rand();
    let geometry: Geometry | null;
    if (i === 1234) geometry = { type: 'Polygon', coordinates: [ring(cx, cy, 20, 70_000, false, rand)] };
    else if (kind < 0.03) geometry = null;
    else if (kind < 0.2) geometry = { type: 'Polygon', coordinates: [ring(cx, cy, 20, n, false, rand), ring(cx, cy, 5, 4 + (n % 7), true, rand)] };
    else if (kind < 0.3) geometry = { type: 'MultiPolygon', coordinates: [[ring(cx - 10, cy, 8, n, false, rand)], [ring(cx + 10, cy, 8, 5, false, rand), ring(cx + 10, cy, 2, 4, true, rand)]] };
    else geometry = { type: 'Polygon', coordinates: [ring(cx, cy, 20, n, false, rand)] };
    features.push({ type: 'Feature', properties: { n: i }, geometry });
  }
  return { type: 'FeatureCollection', features };
}

/** A copy of `from` with `change` applied to its bytes. */
function damaged(from: string, to: string, change: (shp: Buffer) => Buffer): void {
  writeFileSync(at(to), change(readFileSync(at(from))));
}

/** The byte offset of each record's header in a .shp (walking the content lengths). */
function recordOffsets(shp: Buffer): number[] {
  const out: number[] = [];
  for (let o = 100; o + 8 <= shp.length; o += 8 + shp.readInt32BE(o + 4) * 2) out.push(o);
  return out;
}

/** The record each damaged copy is damaged at: what any reader can give is the shapes before it. */
const DAMAGED_AT: Record<string, number> = { 'bad-type.shp': 2000, 'bad-length.shp': 700, 'cut-content.shp': 2500, 'cut-header.shp': 2500, 'cut-after-record.shp': 2500 };

beforeAll(() => {
  requireGdal();
  writeGeoJson(at('buildings.geojson'), buildingsInMetres());
  ogr2ogr('-f', 'ESRI Shapefile', at('buildings.shp'), at('buildings.geojson'), '-a_srs', 'EPSG:4545');
  writeGeoJson(at('pipes.geojson'), pipesInMetres());
  ogr2ogr('-f', 'ESRI Shapefile', at('pipes.shp'), at('pipes.geojson'), '-a_srs', 'EPSG:4545');
  const points: FeatureCollection = { type: 'FeatureCollection', features: [[500_001.5, 3_270_002.25], [500_003.125, 3_270_004.5]].map((c, i) => ({ type: 'Feature', properties: { n: i }, geometry: { type: 'Point', coordinates: c } })) };
  writeGeoJson(at('points.geojson'), points);
  ogr2ogr('-f', 'ESRI Shapefile', at('points.shp'), at('points.geojson'));
  writeFileSync(at('many.geojson'), JSON.stringify(manyPolygons(3000)));
  ogr2ogr('-f', 'ESRI Shapefile', at('many.shp'), at('many.geojson'), '-nlt', 'POLYGON');
  const many = readFileSync(at('many.shp'));
  const offsets = recordOffsets(many);
  damaged('many.shp', 'bad-type.shp', (b) => {
    const c = Buffer.from(b);
    c.writeInt32LE(99, offsets[2000]! + 8);
    return c;
  });
  damaged('many.shp', 'bad-length.shp', (b) => {
    const c = Buffer.from(b);
    c.writeInt32BE(-3, offsets[700]! + 4);
    return c;
  });
  // 8 stray bytes before record #1500: the record is found again by the skip, 4 bytes at a time.
  damaged('many.shp', 'shifted.shp', (b) => Buffer.concat([b.subarray(0, offsets[1500]!), Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), b.subarray(offsets[1500]!)]));
  damaged('many.shp', 'cut-content.shp', (b) => b.subarray(0, offsets[2500]! + 40));
  damaged('many.shp', 'cut-header.shp', (b) => b.subarray(0, offsets[2500]! + 6));
  damaged('many.shp', 'cut-after-record.shp', (b) => b.subarray(0, offsets[2500]!));
});

afterAll(() => temp.remove());

describe('shpShapeBatches', () => {
  it.each(['buildings.shp', 'pipes.shp', 'points.shp', 'many.shp'])('gives the shapes of %s exactly as the shapefile package reads them', async (name) => {
    const reference = await packageRead(at(name));
    expect(reference.failedAt).toBeNull();
    const read = await chunkedRead(at(name));
    expect(read.failedAt).toBeNull();
    expect(read.shapes).toEqual(reference.shapes);
  });

  it('reads ogr2ogr\'s many polygons whole: holes, multipolygons, null shapes and a record over 1 MiB', async () => {
    const read = await chunkedRead(at('many.shp'));
    expect(read.shapes).toHaveLength(3000);
    expect(read.shapes.filter((s) => s === null).length).toBeGreaterThan(30);
    expect(read.shapes.some((s) => s?.type === 'MultiPolygon')).toBe(true);
    expect(read.shapes.some((s) => s?.type === 'Polygon' && s.coordinates.length === 2)).toBe(true);
    expect((read.shapes[1234] as { coordinates: Position[][] }).coordinates[0]).toHaveLength(70_001);
  });

  it('gives batches of the size asked, the last one shorter', async () => {
    const read = await chunkedRead(at('many.shp'), 1000);
    expect(read.batches).toEqual([1000, 1000, 1000]);
    const odd = await chunkedRead(at('many.shp'), 1024);
    expect(odd.batches).toEqual([1024, 1024, 3000 - 2 * 1024]);
  });

  it('skips stray bytes before a record as the package does, and reads on', async () => {
    const reference = await packageRead(at('shifted.shp'));
    const read = await chunkedRead(at('shifted.shp'));
    expect(reference.shapes).toHaveLength(3000);
    expect(read.failedAt).toBeNull();
    expect(read.shapes).toEqual(reference.shapes);
    expect(read.shapes).toEqual((await chunkedRead(at('many.shp'))).shapes);
  });

  it.each(['bad-type.shp', 'bad-length.shp', 'cut-content.shp', 'cut-header.shp', 'cut-after-record.shp'])('on a damaged file (%s) stops or fails at the record where the package does', async (name) => {
    const reference = await packageRead(at(name));
    const read = await chunkedRead(at(name));
    expect(read.shapes).toEqual(reference.shapes);
    expect(read.failedAt).toBe(reference.failedAt);
    // The damage is where it was put: the shapes up to the damaged record, no further.
    expect(read.shapes.length).toBe(DAMAGED_AT[name]);
  });
});
