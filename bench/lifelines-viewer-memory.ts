/**
 * `npm run bench:lifelines:viewer [-- --samples 3 --interval 10]`
 *
 * Does the viewer hold the opening view with every lifelines network on? Builds what
 * is missing (as `npm start`), serves it on a free loopback port, opens the viewer in
 * the browser tests' headless Chromium (tests/e2e/chromium.ts), switches the lifelines
 * layer on (all networks, the default filters) and, once the view's tiles are loaded
 * (window.yz), reads Cesium's memory figures — each tileset's totalMemoryUsageInBytes
 * against its cacheBytes, loaded tiles — and the page's JS heap, several times a few
 * seconds apart. Results go to bench/results/lifelines-viewer.json. Not a test.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openArchiveApi } from '../src/server/archive-api-from-env.ts';
import { createServer } from '../src/server/create-server.ts';
import { fullBuildPlan } from '../src/build/build-plan.ts';
import { projectPaths } from '../src/build/project-paths.ts';
import { runBuildSteps } from '../src/build/build-steps.ts';
import { launchChromium } from '../tests/e2e/chromium.ts';
import { PROJECT_ROOT } from '../scripts/project-root.ts';

const { values } = parseArgs({
  options: {
    samples: { type: 'string', default: '3' },
    interval: { type: 'string', default: '10' },
    out: { type: 'string', default: join(PROJECT_ROOT, 'bench', 'results', 'lifelines-viewer.json') },
  },
});
const samples = Number(values.samples);
const intervalS = Number(values.interval);
if (!(Number.isInteger(samples) && samples >= 1 && intervalS >= 0)) {
  console.error(`--samples 须为正整数、--interval 须 ≥ 0 / --samples must be a positive integer and --interval ≥ 0 seconds`);
  process.exit(2);
}

const paths = projectPaths(PROJECT_ROOT);
await runBuildSteps(fullBuildPlan(paths));
// Reads only: anonymous reads let the viewer ask for the risk highlight without a login.
const archive = openArchiveApi(paths.root, { env: { ...process.env, ARCHIVE_READS: 'open' } });
const app = await createServer({ viewerDir: paths.viewerDist, tilesDir: paths.tiles, apiPlugins: [archive.plugin] });
app.addHook('onClose', archive.close);
await app.listen({ port: 0, host: '127.0.0.1' });
const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

/** Runs in the page: Cesium's memory figures for every 3D tileset, and the JS heap. */
const MEMORY = `(() => {
  const scene = window.yz.viewer.scene;
  const tilesets = [];
  for (let i = 0; i < scene.primitives.length; i++) {
    const p = scene.primitives.get(i);
    if (!p || !p.root || p.totalMemoryUsageInBytes === undefined) continue;
    let tiles = 0, features = 0;
    const stack = [p.root];
    while (stack.length) {
      const t = stack.pop();
      stack.push(...t.children);
      if (t.contentReady) { tiles++; features += t.content.featuresLength || 0; }
    }
    const url = String((p.resource && p.resource.url) || '');
    tilesets.push({
      name: url.includes('/tiles/lifelines/') ? 'lifelines' : url.includes('/tiles/buildings/') ? 'buildings' : url,
      totalMemoryUsageMB: +(p.totalMemoryUsageInBytes / 1e6).toFixed(1),
      cacheBytesMB: +(p.cacheBytes / 1e6).toFixed(1),
      maximumCacheOverflowMB: +(p.maximumCacheOverflowBytes / 1e6).toFixed(1),
      loadedTiles: tiles,
      loadedFeatures: features,
    });
  }
  const globe = scene.globe._surface && scene.globe._surface._tilesToRender ? scene.globe._surface._tilesToRender.length : null;
  const heap = performance.memory ? +(performance.memory.usedJSHeapSize / 1e6).toFixed(1) : null;
  return { tilesets, terrainTilesRendered: globe, jsHeapUsedMB: heap };
})()`;

const browser = await launchChromium();
const results: unknown[] = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const started = performance.now();
  await page.goto(`${baseUrl}/`);
  await page.waitForFunction(() => window.yz !== undefined, undefined, { timeout: 120_000 });
  await page.evaluate(() => window.yz!.ready);
  await page.locator('input[name="lifelines"]').check();
  await page.evaluate(() => window.yz!.whenTilesLoaded());
  const loadSeconds = (performance.now() - started) / 1000;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  for (let i = 0; i < samples; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, intervalS * 1000)); // a benchmark may wait: the view must *hold*
    await page.evaluate(() => window.yz!.whenTilesLoaded());
    const cesium = (await page.evaluate(MEMORY)) as Record<string, unknown>;
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? null;
    const sample = { atSeconds: +((performance.now() - started) / 1000).toFixed(1), ...cesium, cdpJsHeapUsedMB: +((metric('JSHeapUsedSize') ?? 0) / 1e6).toFixed(1) };
    results.push(sample);
    console.log(JSON.stringify(sample));
  }
  const report = {
    date: new Date().toISOString(),
    command: `npm run bench:lifelines:viewer -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version, loadAverage: loadavg() },
    view: 'opening view, lifelines layer on, all networks, 1280×800, SwiftShader',
    loadSeconds: +loadSeconds.toFixed(1),
    pageErrors: errors,
    samples: results,
  };
  mkdirSync(join(PROJECT_ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(values.out!, JSON.stringify(report, null, 2) + '\n');
  console.log(`→ ${values.out}`);
} finally {
  await browser.close();
  await app.close();
}
