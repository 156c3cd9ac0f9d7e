/**
 * `npm run bench:buildings [-- --sizes 12000,100000,1000000] [--workers N] [--no-normals]`
 *
 * Buildings per second, bytes per building (raw, gzip, brotli; metadata included)
 * and peak RSS of the buildings pipeline. 12,000 is the sample district
 * (var/source/buildings.geojson + dem.tif) when it exists, else a synthetic 12k;
 * other sizes are synthetic. Each size runs in its own process. Results go to
 * bench/results/buildings.json. Not a test: figures vary with the machine's load.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultWorkerCount } from '../src/pipeline/workers/worker-pool.ts';
import { PROJECT_ROOT } from '../scripts/project-root.ts';
import { projectPaths } from '../src/build/project-paths.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '12000,100000,1000000' },
    workers: { type: 'string' },
    'no-normals': { type: 'boolean' },
    out: { type: 'string', default: join(PROJECT_ROOT, 'bench', 'results', 'buildings.json') },
  },
});
const sizes = values.sizes!.split(',').map((s) => Number(s.trim()));
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error(`--sizes 须为正整数列表 / --sizes must be a comma-separated list of positive integers, got "${values.sizes}"`);
  process.exit(2);
}
const workers = values.workers ?? String(defaultWorkerCount());
const sample = join(projectPaths(PROJECT_ROOT).sourceData, 'buildings.geojson');
const dem = join(projectPaths(PROJECT_ROOT).sourceData, 'dem.tif');
const haveSample = existsSync(sample) && existsSync(dem);

const targets = { buildingsPerSecond: 20_000, gzipBytesPerBuilding: 150, peakRssMBAt1M: 2048 };
const results: Record<string, unknown>[] = [];
const loadBefore = loadavg();
for (const size of sizes) {
  const useSample = size === 12_000 && haveSample;
  const dir = join(PROJECT_ROOT, 'var', 'bench', `buildings-${size}`);
  mkdirSync(join(PROJECT_ROOT, 'var', 'bench'), { recursive: true });
  const args = ['--import', 'tsx', join(PROJECT_ROOT, 'bench', 'buildings-bench-run.ts'), '--dir', dir, '--workers', workers];
  if (useSample) args.push('--sample', sample, '--dem', dem);
  else args.push('--size', String(size));
  if (values['no-normals']) args.push('--no-normals');
  console.log(`— ${useSample ? 'sample district' : `${size} synthetic buildings`} …`);
  const run = spawnSync(process.execPath, args, { cwd: PROJECT_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) {
    console.error(`基准失败 / benchmark run failed for ${size}: ${run.stderr}`);
    process.exit(1);
  }
  const line = run.stdout.trim().split('\n').pop()!;
  const figures = JSON.parse(line) as Record<string, number | string>;
  results.push({ size, ...figures });
  console.log(
    `  ${figures.buildings} buildings: ${figures.buildingsPerSecond} buildings/s, ` +
      `${figures.bytesPerBuilding} B raw / ${figures.gzipBytesPerBuilding} B gzip / ${figures.brotliBytesPerBuilding} B br per building, ` +
      `peak RSS ${figures.peakRssMB} MB, ${figures.tiles} tiles; ` +
      `overview from 8 km: ${(figures.overview as unknown as { tiles: number }).tiles} tiles, ` +
      `${Math.round((figures.overview as unknown as { gzipBytes: number }).gzipBytes / 1024)} KiB gzip`,
  );
}

const report = {
  date: new Date().toISOString(),
  command: `npm run bench:buildings -- ${process.argv.slice(2).join(' ')}`.trim(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version, loadAverageBefore: loadBefore, loadAverageAfter: loadavg() },
  targets,
  results,
};
mkdirSync(join(PROJECT_ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(values.out!, JSON.stringify(report, null, 2) + '\n');
console.log(`→ ${values.out}`);
