import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OSM_ATTRIBUTION, copyRailLines } from '../../src/sample/rail-copy.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository's copy of the reference file, else the shared one. */
const REFERENCE = [
  resolve(here, '../../src/sample/reference/chongqing-rail-osm-2016.geojson'),
  resolve(here, '../../../shared/data/reference/chongqing-rail-osm-2016.geojson'),
].find((p) => existsSync(p))!;

describe('copyRailLines', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yz-rail-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('copies every rail line with the OSM credit on the collection and on each line', async () => {
    expect(REFERENCE).toBeDefined();
    const out = join(dir, 'rail.geojson');
    const returned = await copyRailLines(REFERENCE, out);
    const source = JSON.parse(await readFile(REFERENCE, 'utf8')) as FeatureCollection;
    const written = JSON.parse(await readFile(out, 'utf8')) as FeatureCollection & { attribution: string };
    expect(written).toEqual(returned);
    expect(written.attribution).toBe(OSM_ATTRIBUTION);
    expect(written.features).toHaveLength(source.features.length);
    expect(written.features.length).toBeGreaterThan(10);
    written.features.forEach((f, i) => {
      expect(f.geometry).toEqual(source.features[i]!.geometry);
      expect(f.properties).toEqual({ ...source.features[i]!.properties, attribution: OSM_ATTRIBUTION });
    });
    expect(written.features.some((f) => String(f.properties?.name).includes('轨道交通'))).toBe(true);
  });

  it('names the missing file in its error', async () => {
    const missing = join(dir, 'nope', 'chongqing-rail-osm-2016.geojson');
    await expect(copyRailLines(missing, join(dir, 'x.geojson'))).rejects.toThrow(missing);
    await expect(copyRailLines(missing, join(dir, 'x.geojson'))).rejects.toThrow(/rail reference data missing/);
  });

  it('rejects a file that is not a FeatureCollection', async () => {
    const bad = join(dir, 'bad.geojson');
    await writeFile(bad, '{"type":"Feature"}');
    await expect(copyRailLines(bad, join(dir, 'y.geojson'))).rejects.toThrow(/not a GeoJSON FeatureCollection/);
  });
});
