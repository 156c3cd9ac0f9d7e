/**
 * One lifelines benchmark run (spawned by lifelines.bench.ts, so each gets a fresh
 * process and its own peak RSS): builds the tileset and prints one JSON line of figures.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { buildLifelinesTileset } from '../src/pipeline/lifelines/build-lifelines-tileset.ts';
import { readPipes } from '../src/sources/pipe-reader.ts';
import { createSyntheticNetwork } from '../src/sample/synthetic/synthetic-network.ts';
import { readDem } from '../src/sources/dem-reader.ts';

const { values } = parseArgs({
  options: { dir: { type: 'string' }, sample: { type: 'string' }, dem: { type: 'string' }, size: { type: 'string' }, workers: { type: 'string' } },
});
const dir = values.dir!;
const workers = values.workers ? Number(values.workers) : undefined;
let grid;
let features;
if (values.sample) {
  grid = (await readDem(values.dem!)).grid;
  features = readPipes(values.sample);
} else {
  const network = createSyntheticNetwork({ count: Number(values.size), seed: 11 });
  grid = network.grid;
  features = network.features();
}
const started = performance.now();
const result = await buildLifelinesTileset({ features, grid, outDir: dir, workers });
const seconds = (performance.now() - started) / 1000;
if (!result.ok) throw new Error(result.error);
const s = result.summary;
let raw = 0;
let gzip = 0;
const walk = (d: string) => {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name !== 'report.json') {
      const bytes = readFileSync(p);
      raw += bytes.length;
      gzip += gzipSync(bytes, { level: 6 }).length;
    }
  }
};
walk(dir);
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({
  segments: s.segments,
  km: Math.round(s.lengthKm * 10) / 10,
  seconds: Math.round(seconds * 100) / 100,
  segmentsPerSecond: Math.round(s.segments / seconds),
  tiles: s.tiles,
  vertices: s.vertices,
  triangles: s.triangles,
  bytes: raw,
  gzipBytes: gzip,
  bytesPerKm: Math.round(raw / s.lengthKm),
  gzipBytesPerKm: Math.round(gzip / s.lengthKm),
  bytesPerSegment: Math.round(raw / s.segments),
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
}));
