/**
 * Issue 16: the map overlays and the archive's building registry accept exactly the
 * same renewal areas, because both read areas.geojson through src/sources/area-reader.ts.
 * Before, the registry checked the area schema (kind among the five, an English name)
 * and the overlays only a Polygon and a string kind and name, so the map drew areas
 * the archive refused.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRegistry } from '../../src/archive/import/registry-reader.ts';
import { buildOverlays } from '../../src/pipeline/overlays/overlays-builder.ts';
import { readAreas } from '../../src/sources/area-reader.ts';
import { validateArea } from '../../src/sources/area-validator.ts';
import { writeSources } from '../build/overlay-sources.ts';

const square = (x: number, y: number) => [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]];
const good = { type: 'Feature', properties: { id: 'core-jiefangbei', kind: 'core', name: '解放碑', name_en: 'Jiefangbei' }, geometry: { type: 'Polygon', coordinates: square(106.57, 29.55) } };
const bad = {
  // The old overlays took these two: a string kind and name were enough.
  unknownKind: { ...good, properties: { ...good.properties, id: 'x-1', kind: 'district' } },
  noEnglishName: { ...good, properties: { id: 'x-2', kind: 'zone', name: '片区' } },
  // The old registry took this one: an empty Polygon was still "a polygon".
  emptyMulti: { ...good, properties: { ...good.properties, id: 'x-3' }, geometry: { type: 'MultiPolygon', coordinates: [] } },
  point: { ...good, properties: { ...good.properties, id: 'x-4' }, geometry: { type: 'Point', coordinates: [106.57, 29.55] } },
};

describe('areas: map overlays and archive registry agree', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yz-area-agree-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeSources(dir);
  const buildings = join(dir, 'buildings.geojson');
  writeFileSync(buildings, JSON.stringify({ type: 'FeatureCollection', features: [] }));
  const areasFile = join(dir, 'areas.geojson');

  it('both take the hand-over areas', async () => {
    const registry = await readRegistry(buildings, areasFile);
    expect(registry.problems).toEqual([]);
    const overlays = await buildOverlays({ areas: areasFile, rail: join(dir, 'rail.geojson'), outDir: join(dir, 'out') });
    expect(overlays.ok && overlays.areas).toBe(registry.areas.length);
    expect(registry.areas.map((a) => a.id)).toEqual(['core-jiefangbei', 'oc-1']);
  });

  for (const [name, feature] of Object.entries(bad)) {
    it(`both refuse an area (${name}) with the same message and fix`, async () => {
      writeFileSync(areasFile, JSON.stringify({ type: 'FeatureCollection', features: [good, feature] }));
      const registry = await readRegistry(buildings, areasFile);
      expect(registry.problems.length).toBeGreaterThan(0);
      expect(registry.problems.every((p) => p.row === 2)).toBe(true);
      const overlays = await buildOverlays({ areas: areasFile, rail: join(dir, 'rail.geojson'), outDir: join(dir, 'out') });
      expect(overlays.ok).toBe(false);
      if (overlays.ok) return;
      const checked = validateArea(feature, 1);
      expect(checked.ok).toBe(false);
      if (checked.ok) return;
      const first = checked.problems[0]!;
      expect(first.fix).toMatch(/[\u4e00-\u9fff].* \/ /);
      // The same words on both sides: the validator's message, then its fix.
      for (const text of [first.message, first.fix!]) {
        expect(overlays.error).toContain(text);
        expect(registry.problems[0]!.reason).toContain(text);
      }
      expect(overlays.error).toContain('第 2 个要素 / feature 2');
    });
  }

  it('refuse the same areas of a file with several bad ones, and keep the same good ones', async () => {
    writeFileSync(areasFile, JSON.stringify({ type: 'FeatureCollection', features: [bad.point, good, bad.unknownKind, bad.noEnglishName] }));
    const checked = await readAreas(areasFile);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.value.areas.map((a) => a.index)).toEqual([1]);
    const registry = await readRegistry(buildings, areasFile);
    expect(registry.areas.map((a) => a.id)).toEqual(['core-jiefangbei']);
    expect([...new Set(registry.problems.map((p) => p.row))]).toEqual([1, 3, 4]);
    expect(registry.problems.map((p) => p.column)).toEqual(checked.value.problems.map((p) => p.column));
    expect(registry.problems.find((p) => p.row === 4)?.column).toBe('name_en');
  });
});
