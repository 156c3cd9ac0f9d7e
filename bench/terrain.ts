/**
 * `npm run bench:terrain`: builds the sample district's terrain and reports build time,
 * tiles and bytes per level, triangles per tile, and the max/RMS vertical error of the
 * decoded tiles (loaders.gl) against the DEM at every DEM sample. Not a timed test;
 * writes bench/results/terrain.json.
 *
 *   npm run bench:terrain [-- --in var/source/dem.tif --out <dir> --report <file.json> --bounds W,S,E,N]
 *
 * `--bounds` tiles only that area in depth (smoke runs: a block of the district).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { projectPaths } from '../src/build/project-paths.ts';
import { readDem } from '../src/sources/dem-reader.ts';
import { levelGeometricError, tileRect } from '../src/pipeline/terrain/geographic-tiling.ts';
import { buildTerrain, defaultWorkerCount } from '../src/pipeline/terrain/terrain-builder.ts';
import { decodeTile } from '../tests/pipeline/terrain/quantized-mesh-inspection.ts';
import { meshErrorAgainstDem } from './terrain-mesh-error.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { in: { type: 'string' }, out: { type: 'string' }, report: { type: 'string' }, bounds: { type: 'string' } },
});
const input = values.in ?? join(projectPaths(root).sourceData, 'dem.tif');
const keep = values.out !== undefined;
const outDir = values.out ?? join(mkdtempSync(join(tmpdir(), 'yz-bench-terrain-')), 'terrain');

const load = loadavg()[0]!;
const cpuBefore = process.cpuUsage();
const bounds = values.bounds?.split(',').map(Number);
if (bounds && (bounds.length !== 4 || bounds.some((v) => !Number.isFinite(v)))) {
  console.error(`--bounds ${values.bounds}: 应为 西,南,东,北 经纬度 / expected W,S,E,N in degrees`);
  process.exit(2);
}
const result = await buildTerrain({
  input,
  outDir,
  ...(bounds ? { bounds: { west: bounds[0]!, south: bounds[1]!, east: bounds[2]!, north: bounds[3]! } } : {}),
  progress: (m) => console.log(`  ${m}`),
});
const cpu = process.cpuUsage(cpuBefore);
// Worker threads count in this process's CPU time.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(`build: ${result.seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(1)} s CPU (load average before: ${load.toFixed(1)}), ${result.tiles.length} tiles`);

const { grid } = await readDem(input);
const levels = [];
for (const level of result.levels) {
  const tiles = result.tiles.filter((t) => t.z === level.z);
  let max = 0;
  let sumSquares = 0;
  let samples = 0;
  for (const t of tiles) {
    const r = tileRect(t);
    const decoded = await decodeTile(readFileSync(join(outDir, String(t.z), String(t.x), `${t.y}.terrain`)), [r.west, r.south, r.east, r.north]);
    const e = meshErrorAgainstDem(grid, decoded.lon, decoded.lat, decoded.height, decoded.indices);
    max = Math.max(max, e.max);
    sumSquares += e.sumSquares;
    samples += e.samples;
  }
  const triangles = tiles.map((t) => t.triangles);
  levels.push({
    z: level.z,
    tiles: tiles.length,
    bytes: level.bytes,
    latticeSize: level.latticeSize,
    meshMaxErrorM: level.maxError,
    cesiumGeometricErrorM: Number(levelGeometricError(level.z).toFixed(3)),
    trianglesPerTile: { mean: Math.round(triangles.reduce((a, b) => a + b, 0) / tiles.length), max: Math.max(...triangles) },
    demSamples: samples,
    maxErrorM: Number(max.toFixed(3)),
    rmsErrorM: samples ? Number(Math.sqrt(sumSquares / samples).toFixed(3)) : null,
  });
}
const leaf = levels[levels.length - 1]!;
const report = {
  when: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  input,
  bounds: values.bounds ?? 'the whole DEM',
  dem: { width: grid.width, height: grid.height, dx: grid.dx, dy: grid.dy },
  buildSeconds: Number(result.seconds.toFixed(2)),
  /** CPU time of the build (all threads); with the load average it tells a busy machine from a slow build. */
  buildCpuSeconds: Number(cpuSeconds.toFixed(2)),
  loadAverageBefore: Number(load.toFixed(2)),
  workers: defaultWorkerCount(),
  tiles: result.tiles.length,
  bytes: result.tiles.reduce((a, t) => a + t.bytes, 0),
  leaf: { z: leaf.z, maxErrorM: leaf.maxErrorM, rmsErrorM: leaf.rmsErrorM },
  targets: { buildSeconds: 30, leafMaxErrorM: 1 },
  levels,
};
console.table(levels.map((l) => ({ ...l, trianglesPerTile: `${l.trianglesPerTile.mean} (max ${l.trianglesPerTile.max})` })));
console.log(`leaf z${leaf.z}: max ${leaf.maxErrorM} m, RMS ${leaf.rmsErrorM} m; build ${report.buildSeconds} s`);
const reportFile = values.report ?? join(root, 'bench', 'results', 'terrain.json');
mkdirSync(dirname(reportFile), { recursive: true });
writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
if (!keep) rmSync(resolve(outDir, '..'), { recursive: true, force: true });
