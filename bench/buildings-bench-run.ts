/**
 * One benchmark run of the buildings pipeline, in its own process so its peak RSS is
 * its own: `--size N` synthetic buildings (or `--sample` for var/source), all cores.
 * Prints one JSON line with the figures; bench/buildings.bench.ts collects them.
 */
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildBuildingsTileset } from '../src/pipeline/buildings/build-buildings-tileset.ts';
import { readFootprints } from '../src/sources/footprint-reader.ts';
import { createSyntheticDistrict } from '../src/sample/synthetic/synthetic-district.ts';
import { defaultWorkerCount } from '../src/pipeline/workers/worker-pool.ts';
import { readDem } from '../src/sources/dem-reader.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string' },
    sample: { type: 'string' },
    dem: { type: 'string' },
    workers: { type: 'string' },
    dir: { type: 'string' },
    keep: { type: 'boolean' },
    'no-normals': { type: 'boolean' },
  },
});
const workers = values.workers ? Number(values.workers) : defaultWorkerCount();
const dir = values.dir!;

let source: string;
let features;
let grid;
if (values.sample) {
  source = values.sample;
  grid = (await readDem(values.dem!)).grid;
  features = readFootprints(values.sample);
} else {
  const count = Number(values.size);
  const district = createSyntheticDistrict({ count });
  source = `synthetic ${count}`;
  grid = district.grid;
  features = district.features();
}

const started = performance.now();
const result = await buildBuildingsTileset({ features, grid, outDir: dir, workers, glb: { normals: !values['no-normals'] } });
const seconds = (performance.now() - started) / 1000;
if (!result.ok) {
  console.error(result.error);
  process.exit(1);
}
const peakRssMB = process.resourceUsage().maxRSS / 1024;

// Sizes as served: every file of the tileset, raw, gzip (level 6, what the server's
// on-the-fly gzip uses) and brotli quality 4 (the server's setting).
let raw = 0;
let gzip = 0;
let brotli = 0;
const walk = (d: string) => {
  for (const e of readdirSync(d)) {
    const p = join(d, e);
    if (statSync(p).isDirectory()) walk(p);
    else if (e !== 'report.json') {
      const bytes = readFileSync(p);
      raw += bytes.length;
      gzip += gzipSync(bytes, { level: 6 }).length;
      brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }).length;
    }
  }
};
walk(dir);

// The district overview: which tiles Cesium would draw from 8 km away (1080 px tall
// screen, 60° field of view, maximumScreenSpaceError 16), and what they weigh.
interface TileJson { geometricError: number; content: { uri: string }; children?: TileJson[] }
const OVERVIEW_DISTANCE_M = 8_000;
const sse = (error: number) => (error * 1080) / (OVERVIEW_DISTANCE_M * 2 * Math.tan(Math.PI / 6));
const overview = { distanceM: OVERVIEW_DISTANCE_M, tiles: 0, gzipBytes: 0 };
const visit = (tile: TileJson) => {
  overview.tiles++;
  const bytes = readFileSync(join(dir, tile.content.uri));
  overview.gzipBytes += gzipSync(bytes, { level: 6 }).length;
  if (sse(tile.geometricError) > 16) for (const child of tile.children ?? []) visit(child);
};
const tilesetJson = JSON.parse(readFileSync(join(dir, 'tileset.json'), 'utf8')) as { root: TileJson };
visit(tilesetJson.root);

if (!values.keep && existsSync(dir)) rmSync(dir, { recursive: true, force: true });

const s = result.summary;
console.log(
  JSON.stringify({
    source,
    buildings: s.buildings,
    skipped: s.problems.length,
    workers,
    normals: !values['no-normals'],
    seconds: round(seconds),
    readSeconds: round(s.readSeconds),
    encodeSeconds: round(s.encodeSeconds),
    buildingsPerSecond: Math.round(s.buildings / seconds),
    tiles: s.tiles,
    bytes: raw,
    bytesPerBuilding: round(raw / s.buildings),
    gzipBytesPerBuilding: round(gzip / s.buildings),
    brotliBytesPerBuilding: round(brotli / s.buildings),
    peakRssMB: Math.round(peakRssMB),
    overview,
  }),
);

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
