/**
 * The CPU building picker (src/viewer/layers/building-ray-picker.ts) against Cesium's
 * GPU pick, in the real viewer on SwiftShader: at the opening view and at a street
 * view, both identify the same building at ≥ 97 % of a grid of canvas points where
 * either finds one (edges may differ by a pixel; disagreements are printed), and a
 * real mouse click opens the dossier of the building the CPU picked, announced as a
 * `yz:pick` event with method 'cpu'.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { openViewer, waitReady, type ViewerPage } from './viewer-page.ts';

const STREET_VIEW = 'cam=106.572584,29.560129,393.2,0,-35';
/** Where the map is not covered by the chrome (left panels, dossier on the right) at 1280×720. */
const MAP_BOX = { left: 300, top: 120, right: 830, bottom: 680 };
const COLUMNS = 20;
const ROWS = 10;

interface PointResult {
  x: number;
  y: number;
  cpu: string | null | undefined;
  gpu: string | null;
  cpuMs: number;
  gpuMs: number;
}

/** CPU and GPU pick at a grid of canvas points (CSS pixels), both against the last rendered frame. */
async function comparePicks(page: Page): Promise<PointResult[]> {
  return page.evaluate(
    ([columns, rows]) => {
      const scene = window.yz!.viewer.scene;
      const picker = window.yzBuildingPicker!;
      const canvas = scene.canvas;
      const out: PointResult[] = [];
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < columns; c++) {
          const position = { x: Math.round(((c + 0.5) / columns) * canvas.clientWidth), y: Math.round(((r + 0.5) / rows) * canvas.clientHeight) };
          let t = performance.now();
          const cpu = picker.pick(position as never);
          const cpuMs = performance.now() - t;
          t = performance.now();
          const picked = scene.pick(position as never) as { getProperty?: (name: string) => unknown } | undefined;
          const gpuMs = performance.now() - t;
          const id = picked && typeof picked.getProperty === 'function' ? picked.getProperty('id') : null;
          out.push({ ...position, cpu, gpu: typeof id === 'string' ? id : null, cpuMs, gpuMs });
        }
      }
      return out;
    },
    [COLUMNS, ROWS] as const,
  );
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

describe('CPU building pick', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const [name, query] of [['opening view', ''], ['street view', `?${STREET_VIEW}`]] as const) {
    it(`agrees with scene.pick at the ${name}, and a click opens the CPU-picked building`, async () => {
      const v: ViewerPage = await openViewer(browser, `${inject('baseUrl')}/${query}`);
      const { page } = v;
      try {
        await waitReady(page);
        expect(await page.evaluate(() => window.yzBuildingPicker!.whenReady)).toBe(true);
        expect(await page.evaluate(() => window.yzBuildingPicker!.unavailable())).toBeNull();

        const results = await comparePicks(page);
        expect(results.every((p) => p.cpu !== undefined)).toBe(true);
        const either = results.filter((p) => p.cpu || p.gpu);
        const disagree = either.filter((p) => p.cpu !== p.gpu);
        const agreement = either.length ? 1 - disagree.length / either.length : 1;
        console.log(
          `${name}: ${either.length}/${results.length} points on a building, agreement ${(100 * agreement).toFixed(1)} %; ` +
            `median CPU pick ${median(results.map((p) => p.cpuMs)).toFixed(2)} ms, scene.pick ${median(results.map((p) => p.gpuMs)).toFixed(1)} ms`,
        );
        for (const p of disagree) console.log(`  disagree at (${p.x}, ${p.y}): cpu ${p.cpu ?? 'none'}, gpu ${p.gpu ?? 'none'}`);
        expect(either.length).toBeGreaterThan(results.length / 10);
        expect(agreement).toBeGreaterThanOrEqual(0.97);

        // A real click where both agree, inside the uncovered map.
        const rect = await page.evaluate(() => {
          const r = window.yz!.viewer.scene.canvas.getBoundingClientRect();
          return { left: r.left, top: r.top };
        });
        const target = either.find((p) => p.cpu && p.cpu === p.gpu && p.x + rect.left > MAP_BOX.left && p.x + rect.left < MAP_BOX.right && p.y + rect.top > MAP_BOX.top && p.y + rect.top < MAP_BOX.bottom);
        expect(target, 'a building under an uncovered grid point').toBeDefined();
        await page.evaluate(() => {
          const w = window as unknown as { picks: unknown[] };
          w.picks = [];
          window.addEventListener('yz:pick', (e) => w.picks.push((e as CustomEvent).detail));
        });
        await page.mouse.click(target!.x + rect.left, target!.y + rect.top);
        await page.waitForSelector(`.dossier-panel[data-code="${target!.cpu}"][data-state="ok"]`, { timeout: 30_000 });
        const picks = await page.evaluate(() => (window as unknown as { picks: { code: string; method: string; ms: number }[] }).picks);
        expect(picks.length).toBe(1);
        expect(picks[0]).toMatchObject({ code: target!.cpu, method: 'cpu' });
        expect(picks[0]!.ms).toBeGreaterThanOrEqual(0);
        console.log(`${name}: click on ${target!.cpu} identified in ${picks[0]!.ms.toFixed(1)} ms (pointerup → identification)`);
      } finally {
        await page.close();
      }
    }, 600_000);
  }
});
