import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Geometry, Position } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBuildingsTileset, REPORT_FILE } from '../../../src/pipeline/buildings/build-buildings-tileset.ts';
import type { RawFeature } from '../../../src/sources/raw-feature.ts';
import type { ProblemReason } from '../../../src/sources/footprint-problem.ts';
import { smallDistrict, tempDir } from './fixtures.ts';

const { district, features: good } = smallDistrict(30, 3);
const first = good[0]!;
const ring0 = (first.geometry as { coordinates: Position[][] }).coordinates[0]!;
const [lon0, lat0] = ring0[0] as [number, number];
const d = 0.0001; // ~10 m

function square(lon: number, lat: number, size = d): Position[] {
  return [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]];
}

let n = 1000;
function bad(id: string | null, geometry: Geometry | null, props: Record<string, unknown> = {}): RawFeature {
  return { index: n++, id, geometry, properties: { id, address: '测试路1号', floors: 3, height: 9, ...props } };
}

const hugeRing: Position[] = [];
for (let i = 0; i < 1_000_000; i++) {
  const a = (i / 1_000_000) * 2 * Math.PI;
  hugeRing.push([lon0 + d * Math.cos(a), lat0 + d * Math.sin(a)]);
}
hugeRing.push(hugeRing[0]!);

const cases: [RawFeature, ProblemReason][] = [
  [bad('YZ-90001', { type: 'Polygon', coordinates: [square(lon0, lat0).slice(0, -1)] }), 'unclosed-ring'],
  [bad('YZ-90002', { type: 'Polygon', coordinates: [[[lon0, lat0], [lon0 + d, lat0 + d], [lon0 + d, lat0], [lon0, lat0 + d], [lon0, lat0]]] }), 'self-intersection'],
  [bad('YZ-90003', { type: 'Polygon', coordinates: [[[lon0, lat0], [lon0 + d, lat0], [lon0 + 2 * d, lat0], [lon0, lat0]]] }), 'zero-area'],
  [bad('YZ-90004', { type: 'Polygon', coordinates: [square(lon0, lat0)] }, { floors: null, height: null }), 'missing-height'],
  [bad('YZ-90005', { type: 'Polygon', coordinates: [square(200, lat0)] }), 'coordinates-out-of-range'],
  [bad(String(first.id), { type: 'Polygon', coordinates: [square(lon0, lat0)] }), 'duplicate-id'],
  [bad('YZ-90007', { type: 'Polygon', coordinates: [hugeRing] }), 'too-many-vertices'],
  [bad('YZ-90008', { type: 'Polygon', coordinates: [square(lon0 + 1, lat0)] }), 'outside-dem'],
  [bad(null, { type: 'Polygon', coordinates: [square(lon0, lat0)] }), 'missing-id'],
  [bad('YZ-90010', { type: 'LineString', coordinates: [[lon0, lat0], [lon0 + d, lat0]] }), 'unsupported-geometry'],
  [bad('YZ-90011', null), 'missing-geometry'],
  [bad('YZ-90012', { type: 'Polygon', coordinates: [[[lon0, lat0], [lon0 + d, lat0], [lon0, lat0]]] }), 'too-few-points'],
  [bad('YZ-90013', { type: 'Polygon', coordinates: [square(lon0, Number.NaN)] }), 'coordinates-out-of-range'],
  [bad('YZ-90015', { type: 'Polygon', coordinates: [square(lon0, lat0, 0.03)] }), 'too-large'],
  // A hole that crosses its outer ring.
  [bad('YZ-90014', { type: 'Polygon', coordinates: [square(lon0, lat0), square(lon0 + d / 2, lat0 + d / 2)] }), 'self-intersection'],
];

describe('bad input', () => {
  const dir = tempDir('bad');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('skips each bad feature, reporting its id and reason, and builds the rest', async () => {
    const features = [...good, ...cases.map(([f]) => f)];
    const out = join(dir, 'skip');
    const result = await buildBuildingsTileset({ features, grid: district.grid, outDir: out, workers: 0 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.summary.buildings).toBe(good.length);
    const reasons = result.summary.problems.map((p) => [p.id, p.reason]);
    expect(reasons).toEqual(cases.map(([f, reason]) => [f.id, reason]));
    for (const p of result.summary.problems) {
      expect(p.message).toContain(p.id ?? `#${p.index}`);
      expect(p.message).toMatch(/[\u4e00-\u9fff]/); // zh-CN
      expect(p.message).toMatch(/[a-z]{3,}/); // and English
    }
    const report = JSON.parse(readFileSync(join(out, REPORT_FILE), 'utf8')) as { problems: { id: string; reason: string }[]; skipped: number };
    expect(report.skipped).toBe(cases.length);
    expect(report.problems.map((p) => p.reason)).toEqual(cases.map(([, r]) => r));
    expect(existsSync(join(out, 'tileset.json'))).toBe(true);
  });

  it('--strict fails on the first bad feature and leaves the previous tileset untouched', async () => {
    const out = join(dir, 'strict');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'tileset.json'), '{"previous":true}');
    const features = [...good, ...cases.map(([f]) => f)];
    const result = await buildBuildingsTileset({ features, grid: district.grid, outDir: out, strict: true, workers: 0 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.error).toContain('YZ-90001');
    expect(readFileSync(join(out, 'tileset.json'), 'utf8')).toBe('{"previous":true}');
    // No temporary folder is left behind.
    expect(readdirSync(dir, { recursive: true }).filter((e) => e.includes('.tmp-'))).toEqual([]);
  });

  it('reports an unwritable output folder as an error value', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    const result = await buildBuildingsTileset({ features: good, grid: district.grid, outDir: join(file, 'buildings'), workers: 0 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/cannot write/);
  });

  it('fails cleanly when no building is usable: no tiles, but the report says why', async () => {
    const out = join(dir, 'none');
    const onlyBad = cases.filter(([, r]) => r !== 'duplicate-id').map(([f]) => f);
    const result = await buildBuildingsTileset({ features: onlyBad, grid: district.grid, outDir: out, workers: 0 });
    expect(result.ok).toBe(false);
    expect(readdirSync(out)).toEqual([REPORT_FILE]);
    const report = JSON.parse(readFileSync(join(out, REPORT_FILE), 'utf8')) as { failed: boolean; skipped: number; problems: unknown[] };
    expect(report).toMatchObject({ failed: true, skipped: onlyBad.length });
    expect(report.problems).toHaveLength(onlyBad.length);
  });
});
