/**
 * Soak: the wall screen's autopilot runs `SOAK_LOOPS` loops (2 in CI; `npm run soak`
 * runs many more) after one warm-up loop. At the start of every loop — the same stop,
 * camera still, tiles loaded, garbage collected through CDP — the JS heap, the 3D
 * tiles memory and the globe's tile cache must stay within 10 % of the warm-up sample.
 */
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { openViewer, waitReady } from './viewer-page.ts';

const LOOPS = Math.max(1, Number(process.env.SOAK_LOOPS ?? 2));
/** Per loop: ~20 stops, each a short flight, a terrain sample and a 1 s dwell, on SwiftShader. */
const LOOP_TIMEOUT_MS = 180_000;
const URL = '/?mode=screen&scale=0.25&fly=0.5&dwell=1&per-area=1&idle=3600';
const TOLERANCE = 1.1;

interface Sample {
  loop: number;
  heap: number;
  tiles: number;
  globeTiles: number;
}

/** Waits for the start of loop `loop` (its first stop, arrived), holds the camera there, collects garbage and measures. */
async function sampleAt(page: Page, cdp: CDPSession, loop: number): Promise<Sample> {
  await page.waitForFunction(
    (n) => {
      const a = window.yz?.autopilot;
      return !!a && a.loops >= n && a.index === 0 && a.phase === 'dwelling';
    },
    loop,
    { timeout: LOOP_TIMEOUT_MS, polling: 100 },
  );
  await page.evaluate(() => window.yz!.autopilot!.pause());
  await page.evaluate(() => window.yz!.whenTilesLoaded());
  for (let i = 0; i < 2; i++) await cdp.send('HeapProfiler.collectGarbage');
  const sample = await page.evaluate((n) => {
    const scene = window.yz!.viewer.scene;
    let tiles = 0;
    for (let i = 0; i < scene.primitives.length; i++) {
      const p = scene.primitives.get(i) as { totalMemoryUsageInBytes?: number };
      if (typeof p.totalMemoryUsageInBytes === 'number') tiles += p.totalMemoryUsageInBytes;
    }
    // Not public API: the globe's tile replacement queue is what tileCacheSize bounds.
    const surface = (scene.globe as unknown as { _surface?: { _tileReplacementQueue?: { count: number } } })._surface;
    const memory = (performance as unknown as { memory: { usedJSHeapSize: number } }).memory;
    return { loop: n, heap: memory.usedJSHeapSize, tiles, globeTiles: surface?._tileReplacementQueue?.count ?? -1 };
  }, loop);
  await page.evaluate(() => window.yz!.autopilot!.resume());
  return sample;
}

describe(`wall screen soak (${LOOPS} loops after warm-up)`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium(['--enable-precise-memory-info', '--js-flags=--expose-gc']);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(
    'keeps JS heap, 3D tiles memory and the globe tile cache within 10 % of the warm-up',
    async () => {
      const v = await openViewer(browser, `${inject('baseUrl')}${URL}`, { viewport: { width: 1280, height: 720 } });
      await waitReady(v.page);
      const cdp = await v.page.context().newCDPSession(v.page);
      await v.page.waitForFunction(() => window.yz?.autopilot?.state === 'running', undefined, { timeout: 60_000 });
      const baseline = await sampleAt(v.page, cdp, 1);
      const samples: Sample[] = [];
      for (let loop = 2; loop <= LOOPS + 1; loop++) samples.push(await sampleAt(v.page, cdp, loop));
      console.log('soak samples', JSON.stringify([baseline, ...samples]));
      expect(baseline.heap).toBeGreaterThan(0);
      expect(baseline.globeTiles).toBeGreaterThan(0);
      for (const s of samples) {
        expect({ loop: s.loop, heap: s.heap <= baseline.heap * TOLERANCE }).toEqual({ loop: s.loop, heap: true });
        expect({ loop: s.loop, tiles: s.tiles <= baseline.tiles * TOLERANCE }).toEqual({ loop: s.loop, tiles: true });
        expect({ loop: s.loop, globe: s.globeTiles <= baseline.globeTiles * TOLERANCE }).toEqual({ loop: s.loop, globe: true });
      }
      expect(v.consoleErrors).toEqual([]);
      await v.page.close();
    },
    120_000 + (LOOPS + 1) * LOOP_TIMEOUT_MS,
  );
});
