/**
 * `npm run bench:sources [-- --size 100000] [--out F]`
 *
 * Reading and reprojecting a district's footprints as delivered (issue 17): the
 * synthetic district of `--size` buildings written three ways, each read through
 * `readFootprints` (the one way the pipeline and the check open a file: container →
 * CRS → proj4 → field mapping) to the last feature, in this process, one after the
 * other:
 * - GeoJSON in lon/lat with our field names (the baseline: no CRS, names kept);
 * - Shapefile in CGCS2000 3° Gauss-Krüger CM 108E (EPSG:4545), GBK DBF without a
 *   `.cpg`, Chinese field names and vocabulary (砖混结构, 是/否), as the fixture of
 *   tests/build/district-handover.test.ts has it;
 * - GeoPackage in EPSG:4544 (CM 105E), the same Chinese fields.
 * The Shapefile and GeoPackage are made with GDAL's ogr2ogr, which the bench needs
 * (`apt-get install gdal-bin`); the product never calls it.
 *
 * Target: ≥ 50,000 projected features/s (Shapefile and GeoPackage both). Writing the
 * inputs is not timed. Not a test: figures vary with the machine's load; the report
 * carries the load averages, and beside each wall time the CPU time of this process
 * (`cpuSeconds`, all its threads, GC helpers included), which other jobs on the
 * machine change much less: on 2 cores under a load of 4–6 the wall time of one
 * input varied 2.5× between runs (2026-12-02).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../scripts/project-root.ts';
import { createSyntheticDistrict, writeSyntheticGeoJson } from '../src/sample/synthetic/synthetic-district.ts';
import { readFootprints } from '../src/sources/footprint-reader.ts';

export const SOURCES_TARGET_FEATURES_PER_SECOND = 50_000;

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '100000' },
    out: { type: 'string', default: join(PROJECT_ROOT, 'bench', 'results', 'sources.json') },
  },
});
const size = Number(values.size);
if (!Number.isInteger(size) || size < 1) {
  console.error(`--size 须为正整数 / --size must be a positive integer, got "${values.size}"`);
  process.exit(2);
}
try {
  execFileSync('ogr2ogr', ['--version'], { stdio: 'pipe' });
} catch {
  console.error('需要 GDAL 的 ogr2ogr 来生成输入 / the bench makes its Shapefile and GeoPackage with GDAL: apt-get install gdal-bin');
  process.exit(1);
}

const dir = join(PROJECT_ROOT, 'var', 'bench', 'sources');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const geojson = join(dir, 'buildings.geojson');
console.log(`— writing ${size.toLocaleString('en-US')} synthetic footprints (GeoJSON, then ogr2ogr → Shapefile EPSG:4545 GBK, GeoPackage EPSG:4544) …`);
await writeSyntheticGeoJson(createSyntheticDistrict({ count: size }), geojson);

const chineseFields = `SELECT id AS "建筑编号", name AS "名称", address AS "地址", community AS "小区", floors AS "层数", height AS "建筑高度", year_built AS "建成年代", structure || '结构' AS "结构类型", use AS "用途", CASE WHEN heritage THEN '是' ELSE '否' END AS "历史建筑", geometry FROM "synthetic buildings"`;
const shapefile = join(dir, '建筑物.shp');
execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-t_srs', 'EPSG:4545', '-lco', 'ENCODING=GBK', '-nln', '建筑物', '-dialect', 'SQLite', '-sql', chineseFields, shapefile, geojson], { stdio: 'pipe' });
rmSync(join(dir, '建筑物.cpg'), { force: true });
const geopackage = join(dir, '建筑物.gpkg');
execFileSync('ogr2ogr', ['-f', 'GPKG', '-t_srs', 'EPSG:4544', '-nln', '建筑物', '-dialect', 'SQLite', '-sql', chineseFields, geopackage, geojson], { stdio: 'pipe' });

const inputs = [
  { input: 'GeoJSON, lon/lat, our field names (baseline)', format: 'geojson', crs: 'none (WGS 84)', path: geojson, bytes: statSync(geojson).size },
  { input: 'Shapefile, EPSG:4545, GBK DBF, Chinese fields', format: 'shapefile', crs: 'EPSG:4545', path: shapefile, bytes: statSync(shapefile).size + statSync(shapefile.replace(/\.shp$/, '.dbf')).size },
  { input: 'GeoPackage, EPSG:4544, Chinese fields', format: 'geopackage', crs: 'EPSG:4544', path: geopackage, bytes: statSync(geopackage).size },
];

const loadBefore = loadavg();
const results: Record<string, unknown>[] = [];
for (const { path, ...about } of inputs) {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let features = 0;
  let check = 0;
  for await (const f of readFootprints(path)) {
    features++;
    // Touch what the pipeline uses, so nothing lazy is left unread.
    if (f.geometry?.type === 'Polygon') check += f.geometry.coordinates[0]![0]![0]!;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (features !== size || !Number.isFinite(check)) {
    console.error(`基准失败 / ${about.input}: read ${features} of ${size} features`);
    process.exit(1);
  }
  const featuresPerSecond = Math.round(features / seconds);
  results.push({ ...about, features, seconds: Math.round(seconds * 100) / 100, cpuSeconds: Math.round(cpuSeconds * 100) / 100, featuresPerSecond, meetsTarget: about.format === 'geojson' ? null : featuresPerSecond >= SOURCES_TARGET_FEATURES_PER_SECOND });
  console.log(`  ${about.input}: ${features} features in ${seconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s) = ${featuresPerSecond.toLocaleString('en-US')} features/s`);
}

const report = {
  date: new Date().toISOString(),
  command: `npm run bench:sources -- ${process.argv.slice(2).join(' ')}`.trim(),
  size,
  targetFeaturesPerSecond: SOURCES_TARGET_FEATURES_PER_SECOND,
  loadAverage: { before: loadBefore, after: loadavg() },
  results,
};
mkdirSync(dirname(values.out!), { recursive: true });
writeFileSync(values.out!, `${JSON.stringify(report, null, 2)}\n`);
if (!process.env.YZ_KEEP_BENCH_INPUT) rmSync(dir, { recursive: true, force: true });
console.log(`→ ${values.out}`);
