/**
 * `npm run bench:api`: load-tests the archive API on loopback with autocannon and
 * writes bench/results/api.json. Not a timed test: it reports.
 *
 *   --url <http://127.0.0.1:8080>   drive an already running server (e.g. `npm start`)
 *   --db <file>                     serve this database (default: ARCHIVE_DB / var/archive.sqlite if it
 *                                   has ≥ 12,000 buildings, else a synthetic 12,000-building district)
 *   --duration <s>                  seconds per scenario (default 10)
 *   --connections <n>               concurrent connections (default 10)
 *   --out <file.json>               where to write the report (default bench/results/api.json)
 *
 * Targets (2 cores): dossier ≥ 5,000 requests/s with p99 ≤ 20 ms; /api/grades for the
 * whole district < 200 KB gzipped.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { archiveDbPath } from '../src/archive/config.ts';
import { importSourceFolder } from '../src/archive/import/archive-importer.ts';
import { SqliteArchiveStore } from '../src/archive/store/sqlite/sqlite-archive-store.ts';
import { PROJECT_ROOT } from '../scripts/project-root.ts';
import { writeFixtureDistrict } from '../tests/archive/fixtures/fixture-district.ts';

const MIN_BUILDINGS = 12_000;
const { values } = parseArgs({
  options: { url: { type: 'string' }, db: { type: 'string' }, duration: { type: 'string' }, connections: { type: 'string' }, out: { type: 'string' } },
});
const duration = Number(values.duration ?? 10);
// Other work on the machine skews the figures: record how busy it was.
const loadAtStart = loadavg().map((l) => Math.round(l * 100) / 100);
const connections = Number(values.connections ?? 10);

async function benchDatabase(): Promise<{ path: string; origin: string; temporary?: string }> {
  if (values.db) return { path: values.db, origin: values.db };
  const projectDb = archiveDbPath(PROJECT_ROOT);
  if (existsSync(projectDb)) {
    const store = new SqliteArchiveStore({ path: projectDb, readonly: true });
    const n = store.db.prepare('SELECT count(*) FROM buildings').pluck().get() as number;
    await store.close();
    if (n >= MIN_BUILDINGS) return { path: projectDb, origin: `${projectDb} (${n} buildings)` };
  }
  const dir = mkdtempSync(join(tmpdir(), 'yz-bench-db-'));
  console.log(`合成 ${MIN_BUILDINGS} 栋楼的测试库 / building a synthetic ${MIN_BUILDINGS}-building district in ${dir}…`);
  await writeFixtureDistrict(join(dir, 'source'), MIN_BUILDINGS);
  const path = join(dir, 'archive.sqlite');
  const store = new SqliteArchiveStore({ path });
  const result = await importSourceFolder(store, join(dir, 'source'));
  await store.close();
  if (!result.ok) throw new Error(JSON.stringify(result.error).slice(0, 2000));
  return { path, origin: `synthetic fixture district (${MIN_BUILDINGS} buildings)`, temporary: dir };
}

function startServer(dbPath: string, extraArgs: string[] = []): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'bench', 'api-bench-server.ts'), dbPath, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (c: string) => {
      out += c;
      const m = /listening (\d+)/.exec(out);
      if (m) resolve({ url: `http://127.0.0.1:${m[1]}`, child });
    });
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

interface Scenario {
  name: string;
  paths: string[];
  headers?: Record<string, string>;
}

async function run(url: string, s: Scenario) {
  let i = 0;
  const result = await autocannon({
    url,
    connections,
    duration,
    headers: s.headers,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => ({ ...req, path: s.paths[i++ % s.paths.length]! }),
      },
    ],
  });
  const summary = {
    scenario: s.name,
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    throughputMBps: Math.round((result.throughput.average / 1e6) * 10) / 10,
  };
  console.log(
    `${s.name.padEnd(18)} ${String(summary.requestsPerSecond).padStart(7)} req/s   p50 ${summary.latencyMs.p50} ms   p99 ${summary.latencyMs.p99} ms   non-2xx ${summary.non2xx}   errors ${summary.errors}`,
  );
  return summary;
}

let server: ChildProcess | undefined;
let uncachedServer: ChildProcess | undefined;
let temporary: string | undefined;
try {
  let url = values.url;
  let uncachedUrl: string | undefined;
  let database = 'the running server’s';
  if (!url) {
    const db = await benchDatabase();
    database = db.origin;
    temporary = db.temporary;
    const started = await startServer(db.path);
    server = started.child;
    url = started.url;
    // A second server without the dossier cache shows the cost of a cold read (e.g. right after a write).
    const uncached = await startServer(db.path, ['--no-cache']);
    uncachedServer = uncached.child;
    uncachedUrl = uncached.url;
  }
  const grades = await get(`${url}/api/grades`, { 'accept-encoding': 'gzip' });
  const map = JSON.parse((await import('node:zlib')).gunzipSync(grades.bytes).toString('utf8')) as { buildings: Record<string, unknown> };
  const codes = Object.keys(map.buildings);
  if (codes.length === 0) throw new Error('the archive is empty: import data first');
  const shuffled = codes.map((c, k) => codes[(k * 7919) % codes.length]!);
  const terms = ['解放碑', '十八梯', '较场口社区', '民族路', 'YZ-001', '大坪', '七星岗'];
  console.log(`服务 / server ${url}, ${codes.length} buildings, ${connections} connections × ${duration} s per scenario, ${cpus().length} cores`);
  console.log(`/api/grades: ${grades.bytes.length} bytes gzipped (${Math.round(grades.bytes.length / 1024)} KB) for ${codes.length} buildings`);

  const results = [];
  results.push(await run(url, { name: 'dossier', paths: shuffled.map((c) => `/api/buildings/${c}`) }));
  if (uncachedUrl) results.push(await run(uncachedUrl, { name: 'dossier (no cache)', paths: shuffled.map((c) => `/api/buildings/${c}`) }));
  results.push(await run(url, { name: 'grades', paths: ['/api/grades'], headers: { 'accept-encoding': 'gzip' } }));
  results.push(
    await run(url, {
      name: 'search',
      paths: terms.flatMap((t, k) => [`/api/buildings?q=${encodeURIComponent(t)}`, `/api/buildings?q=${encodeURIComponent(t)}&grade=${'ABCD'[k % 4]}&page=2`]),
    }),
  );
  const dossier = results[0]!;
  const report = {
    date: new Date().toISOString(),
    command: `npm run bench:api${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadAverageAtStart: loadAtStart },
    database,
    buildings: codes.length,
    connections,
    durationSeconds: duration,
    gradesGzipBytes: grades.bytes.length,
    results,
    targets: {
      dossierRequestsPerSecond: { target: 5000, actual: dossier.requestsPerSecond, met: dossier.requestsPerSecond >= 5000 },
      dossierP99Ms: { target: 20, actual: dossier.latencyMs.p99, met: dossier.latencyMs.p99 <= 20 },
      gradesGzipKB: { target: 200, actual: Math.round(grades.bytes.length / 1024), met: grades.bytes.length < 200 * 1024 && codes.length >= MIN_BUILDINGS },
    },
  };
  const out = values.out ?? join(PROJECT_ROOT, 'bench', 'results', 'api.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`目标 / targets: ${JSON.stringify(report.targets)}`);
  console.log(`结果已写入 / written to ${out}`);
} finally {
  server?.kill('SIGTERM');
  uncachedServer?.kill('SIGTERM');
  if (temporary) {
    await new Promise((r) => setTimeout(r, 500)); // let the servers close the file first
    rmSync(temporary, { recursive: true, force: true });
  }
}
