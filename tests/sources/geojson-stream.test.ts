/**
 * The shared GeoJSON reader: features come one at a time from a file that is still
 * being written (so the whole text is never read first), a BOM is dropped, GBK is
 * refused at its byte offset, and every broken file is a bilingual problem naming it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  GeoJsonReadError,
  readGeoJsonCollection,
  readGeoJsonCollectionSync,
  streamGeoJsonFeatures,
  type GeoJsonProblem,
} from '../../src/sources/geojson-stream.ts';
import { growingGeoJson } from './growing-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'yz-geojson-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const feature = (i: number, name = `楼 ${i}`) => ({
  type: 'Feature',
  id: i,
  properties: { id: `YZ-${i}`, name },
  geometry: { type: 'Point', coordinates: [106.55 + i * 1e-5, 29.55] },
});
const collection = (n: number) => JSON.stringify({ type: 'FeatureCollection', features: Array.from({ length: n }, (_, i) => feature(i)) });

/** "渝中" in GBK (what Windows tools in zh-CN write by default). */
const GBK_YUZHONG = Uint8Array.of(0xd3, 0xe5, 0xd6, 0xd0);

function write(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function problemOf(path: string, chunkBytes?: number): Promise<GeoJsonProblem> {
  try {
    for await (const _ of streamGeoJsonFeatures(path, { chunkBytes })) void _;
  } catch (error) {
    expect(error).toBeInstanceOf(GeoJsonReadError);
    return (error as GeoJsonReadError).problem;
  }
  throw new Error(`${path} was read without a problem`);
}

function expectBilingual(problem: GeoJsonProblem, path: string): void {
  expect(problem.message).toContain(path);
  expect(problem.message).toMatch(/[\u4e00-\u9fff]/);
  expect(problem.message).toMatch(/\/ [a-zA-Z]/);
  expect(problem.message).not.toMatch(/\n\s+at /); // no stack trace
}

describe('streamGeoJsonFeatures', () => {
  it('yields the first features of a file whose writer has not finished it (never reads the whole file first)', async () => {
    if (process.platform === 'win32') return;
    const file = growingGeoJson(dir, 'growing.geojson', feature);
    const seen: number[] = [];
    let openWhenFirstArrived: boolean | undefined;
    for await (const { index, feature: f } of streamGeoJsonFeatures(file.path, { chunkBytes: 4096 })) {
      if (index === 0) {
        openWhenFirstArrived = !file.closed();
        file.gotFirst();
      }
      expect((f as { id: number }).id).toBe(index);
      seen.push(index);
    }
    await file.done;
    expect(openWhenFirstArrived).toBe(true);
    expect(seen).toHaveLength(1000);
  });

  it('reads a FeatureCollection in any chunking, with feature indices', async () => {
    const path = write('plain.geojson', collection(50));
    for (const chunkBytes of [1, 7, 64, 1 << 20]) {
      const got = [];
      for await (const f of streamGeoJsonFeatures(path, { chunkBytes })) got.push(f);
      expect(got.map((f) => f.index)).toEqual([...Array(50).keys()]);
      expect(got[49]!.feature).toEqual(feature(49));
    }
  });

  it('reads a single Feature and a bare array of features, unless only a FeatureCollection will do', async () => {
    const single = write('single.geojson', JSON.stringify(feature(3)));
    const array = write('array.json', JSON.stringify([feature(1), feature(2)]));
    const one = await readGeoJsonCollection(single);
    expect(one.ok && one.value.features).toEqual([feature(3)]);
    const two = await readGeoJsonCollection(array);
    expect(two.ok && two.value.features).toEqual([feature(1), feature(2)]);
    for (const path of [single, array]) {
      const strict = await readGeoJsonCollection(path, { featureCollectionOnly: true });
      expect(strict.ok).toBe(false);
      if (!strict.ok) expect(strict.problems[0]!.reason).toBe('not-geojson');
    }
  });

  it('accepts a UTF-8 byte-order mark, async and sync', async () => {
    const path = write('bom.geojson', `\uFEFF${collection(2)}`);
    const read = await readGeoJsonCollection(path);
    expect(read.ok && read.value.features).toEqual([feature(0), feature(1)]);
    const sync = readGeoJsonCollectionSync(path);
    expect(sync.ok && sync.value.features).toEqual([feature(0), feature(1)]);
  });

  it('refuses GBK text, naming the file and the byte offset of the first GBK character, wherever the chunks split it', async () => {
    const head = new TextEncoder().encode(`\uFEFF{"type":"FeatureCollection","features":[${JSON.stringify(feature(0, '解放碑'))},{"type":"Feature","properties":{"name":"`);
    const tail = new TextEncoder().encode('"},"geometry":null}]}');
    const bytes = new Uint8Array([...head, ...GBK_YUZHONG, ...tail]);
    const path = write('gbk.geojson', bytes);
    for (const chunkBytes of [1, 2, 3, 5, head.length, head.length + 1, 1 << 20]) {
      const problem = await problemOf(path, chunkBytes);
      expect(problem.reason).toBe('not-utf8');
      expect(problem.offset, `chunks of ${chunkBytes}`).toBe(head.length);
      expect(problem.featureIndex).toBe(1);
      expectBilingual(problem, path);
      expect(problem.message).toContain('文件不是 UTF-8 编码（疑似 GBK）');
      expect(problem.message).toContain('the file is not UTF-8 (looks like GBK)');
      expect(problem.message).toContain('save it as UTF-8');
      expect(problem.message).toContain(`byte ${head.length}`);
      expect(problem.message).toContain('D3 E5');
    }
  });

  it('says what is wrong with a missing, empty, cut-short, broken or non-GeoJSON file, naming it', async () => {
    const cases: [string, GeoJsonProblem['reason'], RegExp][] = [
      [join(dir, 'nope.geojson'), 'missing-file', /cannot read the GeoJSON file: the file does not exist/],
      [write('empty.geojson', '  \n'), 'empty', /the file is empty/],
      [write('cut.geojson', collection(20).slice(0, -300)), 'truncated', /ends unexpectedly .* after 1[0-9] features/],
      [write('cut-in-char.geojson', new TextEncoder().encode(collection(3).slice(0, -2) + '渝').slice(0, -1)), 'truncated', /middle of a character/],
      [write('broken.geojson', collection(3).replace('"Feature"', '"Feature" oops')), 'invalid-json', /invalid JSON near byte \d+ \(in feature #0\)/],
      [write('twice.geojson', collection(1) + collection(1)), 'invalid-json', /after the end of the GeoJSON/],
      [write('topology.geojson', '{"type":"Topology","objects":{}}'), 'not-geojson', /its "type" is "Topology"/],
      [write('csv.geojson', 'id,name\n1,a\n'), 'not-geojson', /not GeoJSON/],
    ];
    mkdirSync(join(dir, 'folder.geojson'));
    cases.push([join(dir, 'folder.geojson'), 'unreadable', /is a folder/]);
    for (const [path, reason, message] of cases) {
      const problem = await problemOf(path);
      expect(problem.reason, path).toBe(reason);
      expect(problem.message, path).toMatch(message);
      expectBilingual(problem, path);
    }
    // The offset of a syntax error is a byte offset (Chinese names take 3 bytes a character).
    const broken = collection(3).replace(/("id":2,)/, '$1 oops');
    const offset = Buffer.byteLength(broken.slice(0, broken.indexOf('oops')));
    const problem = await problemOf(write('broken2.geojson', broken), 16);
    expect(problem.offset).toBe(offset);
    expect(problem.featureIndex).toBe(2);
  });
});

describe('memory', () => {
  it('keeps no feature it has handed over: the parser holds one feature, not the collection', async () => {
    // Features are handed over by reference: a FinalizationRegistry sees them
    // collected while the file is still being read, which it cannot if the parser
    // keeps the features array (as it does when '$.features' itself is a path).
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const path = write('many.geojson', collection(20_000));
    let collected = 0;
    const registry = new FinalizationRegistry(() => collected++);
    let n = 0;
    for await (const { feature: f } of streamGeoJsonFeatures(path, { chunkBytes: 64 * 1024 })) {
      registry.register(f as object, null);
      if (++n % 2_000 === 0) {
        gc();
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    expect(n).toBe(20_000);
    // All but the last chunk's worth (~400 features in 64 KiB) are gone before the end.
    expect(collected).toBeGreaterThan(15_000);
  });
});
