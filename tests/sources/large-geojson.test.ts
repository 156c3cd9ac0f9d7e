/**
 * A FeatureCollection of more than 0x1fffffe8 characters (V8's longest string) is
 * read, feature by feature: the old whole-string reader failed it with "Cannot
 * create a string longer than 0x1fffffe8". Writes ~650 MB into a temporary folder
 * and takes a few minutes, so it runs only with YZ_LARGE_GEOJSON=1:
 *
 *   YZ_LARGE_GEOJSON=1 npx vitest run tests/sources/large-geojson.test.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFootprints } from '../../src/sources/footprint-reader.ts';
import { createSyntheticDistrict, writeSyntheticGeoJson } from '../../src/sample/synthetic/synthetic-district.ts';

const V8_MAX_STRING = 0x1fffffe8;

describe.skipIf(!process.env.YZ_LARGE_GEOJSON)('a GeoJSON file longer than the longest string', () => {
  it('is read feature by feature, every feature in order', { timeout: 900_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yz-large-geojson-'));
    try {
      const count = 1_450_000;
      const path = join(dir, 'buildings.geojson');
      const written = await writeSyntheticGeoJson(createSyntheticDistrict({ count }), path);
      expect(written.chars).toBeGreaterThan(V8_MAX_STRING);
      let n = 0;
      let last: unknown;
      for await (const f of readFootprints(path)) {
        expect(f.index).toBe(n++);
        last = f.id;
      }
      expect(n).toBe(count);
      expect(last).toBe(`YZ-${count}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
