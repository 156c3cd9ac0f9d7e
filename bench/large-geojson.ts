/**
 * Peak memory of `npm run tiles:buildings` on one large GeoJSON file: writes a
 * synthetic district of `--buildings N` footprints (default 700,000: ~313 MB, the
 * size of the issue-15 report's 300 MB / 708k file) and its DEM into a temporary
 * folder, runs the command under `/usr/bin/time -v` in `--repo` (default this
 * checkout; point it at another checkout to measure that code on the same file),
 * and prints one JSON line: file size, characters (> 0x1fffffe8 = 536,870,888 could
 * not be read into one string), exit code, max RSS, wall time, the last lines.
 * Nothing is kept unless --keep. Run it alone: it takes minutes and up to ~3 GB.
 *
 *   npx tsx bench/large-geojson.ts --buildings 700000
 *   npx tsx bench/large-geojson.ts --buildings 1450000   # a 650 MB file
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createSyntheticDistrict, writeSyntheticGeoJson } from '../src/sample/synthetic/synthetic-district.ts';
import { writeGeoTiff } from '../src/sample/geotiff-writer.ts';

const { values } = parseArgs({
  options: {
    buildings: { type: 'string', default: '700000' },
    repo: { type: 'string', default: '.' },
    workers: { type: 'string', default: '2' },
    keep: { type: 'boolean' },
  },
});
const count = Number(values.buildings);
const dir = mkdtempSync(join(tmpdir(), 'yz-large-geojson-'));
try {
  const district = createSyntheticDistrict({ count });
  const input = join(dir, 'buildings.geojson');
  const dem = join(dir, 'dem.tif');
  const written = await writeSyntheticGeoJson(district, input);
  writeGeoTiff(district.grid, dem);
  const run = spawnSync(
    '/usr/bin/time',
    ['-v', 'npm', 'run', '--silent', 'tiles:buildings', '--', '--in', input, '--dem', dem, '--out', join(dir, 'out'), '--workers', values.workers!],
    { cwd: resolve(values.repo!), encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  const maxRssKB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1]);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/.exec(run.stderr)?.[1] ?? '';
  const seconds = wall.split(':').reduce((s, part) => s * 60 + Number(part), 0);
  const exitCode = Number(/Exit status: (\d+)/.exec(run.stderr)?.[1] ?? run.status);
  const output = `${run.stdout}\n${run.stderr.split('\tCommand being timed')[0]}`.trim().split('\n');
  console.log(
    JSON.stringify({
      repo: resolve(values.repo!),
      buildings: count,
      fileMB: Math.round(written.bytes / 1e5) / 10,
      chars: written.chars,
      overStringLimit: written.chars > 0x1fffffe8,
      exitCode,
      maxRssMB: Math.round(maxRssKB / 1024),
      seconds: Math.round(seconds * 10) / 10,
      last: output.slice(-4),
    }),
  );
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  else console.error(`kept ${dir}`);
}
