/**
 * Fixtures made by the tests with GDAL's command-line tools (installed here and in CI:
 * `apt-get install gdal-bin`), in a temp folder: the product never calls GDAL, the
 * tests use it as the independent reference (issue 17). Missing tools fail the test
 * with a message saying so, never skip it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection, Geometry } from 'geojson';

export function requireGdal(): void {
  try {
    execFileSync('ogr2ogr', ['--version'], { stdio: 'pipe' });
  } catch {
    throw new Error('GDAL (ogr2ogr) is needed to make these fixtures: apt-get install gdal-bin');
  }
}

export function ogr2ogr(...args: string[]): void {
  execFileSync('ogr2ogr', args, { stdio: 'pipe' });
}

/** What ogr2ogr reads from `path` (a layer of it), as GeoJSON, 17 significant figures. */
export function ogrGeoJson(path: string, ...layer: string[]): FeatureCollection {
  const out = execFileSync('ogr2ogr', ['-f', 'GeoJSON', '-lco', 'SIGNIFICANT_FIGURES=17', '/vsistdout/', path, ...layer], { maxBuffer: 1 << 28 });
  return JSON.parse(out.toString('utf8')) as FeatureCollection;
}

export function tempFolder(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeGeoJson(path: string, collection: FeatureCollection): void {
  writeFileSync(path, JSON.stringify(collection));
}

/** The largest coordinate difference between two geometries of the same shape; Infinity when their shapes differ. */
export function maxCoordinateDifference(a: Geometry | null, b: Geometry | null): number {
  if (a === null || b === null) return a === b ? 0 : Infinity;
  if (a.type !== b.type || a.type === 'GeometryCollection' || b.type === 'GeometryCollection') return Infinity;
  const walk = (x: unknown, y: unknown): number => {
    if (typeof x === 'number' && typeof y === 'number') return Math.abs(x - y);
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return Infinity;
    let worst = 0;
    for (let i = 0; i < x.length; i++) worst = Math.max(worst, walk(x[i], y[i]));
    return worst;
  };
  return walk(a.coordinates, b.coordinates);
}

/** Properties without null and blank values: what the readers give (they leave those out). */
export function presentProperties(properties: Record<string, unknown> | null): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties ?? {}).filter(([, v]) => v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '')));
}

/** A few buildings in CGCS2000 3° Gauss-Krüger metres (EPSG:4545 / 4544 alike: plain metres), Chinese names and values: a hole, a multipolygon with a hole, blanks. */
export function buildingsInMetres(): FeatureCollection {
  const x = 500_123.456789;
  const y = 3_270_456.123456;
  const square = (x0: number, y0: number, s: number) => [[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s], [x0, y0]];
  const hole = (x0: number, y0: number, s: number) => square(x0, y0, s).reverse();
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { 建筑编号: 'YZ-001', 层数: 6, 建筑高度: 18.5, 结构类型: '砖混结构', 建成年代: 1987, 用途: '住宅' },
        geometry: { type: 'Polygon', coordinates: [square(x, y, 30.25), hole(x + 10.125, y + 10.5, 5.75)] },
      },
      {
        type: 'Feature',
        properties: { 建筑编号: 'YZ-002', 层数: null, 建筑高度: 45.2, 结构类型: '钢筋混凝土', 建成年代: 2003, 用途: '商业、办公' },
        geometry: {
          type: 'MultiPolygon',
          coordinates: [[square(x + 100.5, y, 20.125)], [square(x + 200.25, y + 0.5, 40.5), hole(x + 210.75, y + 10.25, 8.5)]],
        },
      },
      {
        type: 'Feature',
        properties: { 建筑编号: 'YZ-003', 层数: 2, 建筑高度: null, 结构类型: '木结构（旧）', 建成年代: 1938, 用途: '' },
        geometry: { type: 'Polygon', coordinates: [square(x - 80.5, y - 60.75, 12.5)] },
      },
    ],
  };
}

/** A few pipes in metres, with a Z (invert elevation) each. */
export function pipesInMetres(): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { 管线编号: 'GX-1', 管径: 300, 材质: '球墨铸铁' }, geometry: { type: 'LineString', coordinates: [[500_010.5, 3_270_020.25, 241.5], [500_090.75, 3_270_030.5, 240.25]] } },
      { type: 'Feature', properties: { 管线编号: 'GX-2', 管径: 200, 材质: 'PE' }, geometry: { type: 'LineString', coordinates: [[500_090.75, 3_270_030.5, 240.25], [500_120.125, 3_270_080.875, 239.75], [500_150, 3_270_081, 239.5]] } },
    ],
  };
}
