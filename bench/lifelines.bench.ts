/**
 * `npm run bench:lifelines [-- --sizes sample,200000] [--workers N]`
 *
 * Build time and bytes per km of pipe (raw and gzip; metadata and tileset.json
 * included) for the sample's lifelines (var/source/lifelines.geojson + dem.tif) and
 * a synthetic network. Each case runs in its own process. Results go to
 * bench/results/lifelines.json. Not a test: figures vary with the machine's load.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../scripts/project-root.ts';
import { projectPaths } from '../src/build/project-paths.ts';
import { defaultWorkerCount } from '../src/pipeline/workers/worker-pool.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: 'sample,200000' },
    workers: { type: 'string' },
    out: { type: 'string', default: join(PROJECT_ROOT, 'bench', 'results', 'lifelines.json') },
  },
});
const cases = values.sizes!.split(',').map((s) => s.trim());
if (cases.some((c) => c !== 'sample' && !(Number.isInteger(Number(c)) && Number(c) > 0))) {
  console.error(`--sizes 须为 sample 或正整数 / --sizes must list "sample" or positive integers, got "${values.sizes}"`);
  process.exit(2);
}
const workers = values.workers ?? String(defaultWorkerCount());
const sample = join(projectPaths(PROJECT_ROOT).sourceData, 'lifelines.geojson');
const dem = join(projectPaths(PROJECT_ROOT).sourceData, 'dem.tif');
const results: Record<string, unknown>[] = [];
const loadBefore = loadavg();
mkdirSync(join(PROJECT_ROOT, 'var', 'bench'), { recursive: true });
for (const c of cases) {
  if (c === 'sample' && !(existsSync(sample) && existsSync(dem))) {
    console.error('没有示例数据，请先运行 npm run sample / no sample data: run npm run sample first');
    process.exit(1);
  }
  const dir = join(PROJECT_ROOT, 'var', 'bench', `lifelines-${c}`);
  const args = ['--import', 'tsx', join(PROJECT_ROOT, 'bench', 'lifelines-bench-run.ts'), '--dir', dir, '--workers', workers];
  if (c === 'sample') args.push('--sample', sample, '--dem', dem);
  else args.push('--size', c);
  console.log(`— ${c === 'sample' ? 'sample lifelines' : `${c} synthetic segments`} …`);
  const run = spawnSync(process.execPath, args, { cwd: PROJECT_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) {
    console.error(`基准失败 / benchmark run failed for ${c}: ${run.stderr}`);
    process.exit(1);
  }
  const figures = JSON.parse(run.stdout.trim().split('\n').pop()!) as Record<string, number>;
  results.push({ input: c === 'sample' ? 'sample' : `synthetic ${c}`, ...figures });
  console.log(
    `  ${figures.segments} segments, ${figures.km} km: ${figures.seconds} s (${figures.segmentsPerSecond} segments/s), ` +
      `${figures.bytesPerKm} B/km raw, ${figures.gzipBytesPerKm} B/km gzip, ${figures.tiles} tiles, peak RSS ${figures.peakRssMB} MB`,
  );
}
const report = {
  date: new Date().toISOString(),
  command: `npm run bench:lifelines -- ${process.argv.slice(2).join(' ')}`.trim(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version, loadAverageBefore: loadBefore, loadAverageAfter: loadavg() },
  results,
};
mkdirSync(join(PROJECT_ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(values.out!, JSON.stringify(report, null, 2) + '\n');
console.log(`→ ${values.out}`);
