/**
 * The CPU building picker (src/viewer/layers/building-ray-picker.ts) against Cesium's
 * GPU pick, in the real viewer on SwiftShader: at the opening view and at a street
 * view, both identify the same building at ≥ 97 % of a grid of canvas points where
 * either finds one (edges may differ by a pixel; disagreements are printed) — also with
 * terrain depth-testing on, where terrain hides what is behind it — and a real mouse
 * click opens the dossier of the building the CPU picked, announced as a `yz:pick`
 * event with method 'cpu'.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { openViewer, waitReady, type ViewerPage } from './viewer-page.ts';

const STREET_VIEW = 'cam=106.572584,29.560129,393.2,0,-35';
/** Where the map is not covered by the chrome (left panels, search bar) before a dossier opens, at 1280×720. */
const CLICK_BOX = { left: 280, top: 60, right: 1270, bottom: 690 };
const COLUMNS = 20;
const ROWS = 10;
type Box = { left: number; top: number; right: number; bottom: number };
/** Grid boxes (canvas CSS pixels): the opening view shows the district small, so its grid covers the Jiefangbei towers. */
const VIEWS: { name: string; query: string; grid: Box }[] = [
  { name: 'opening view', query: '', grid: { left: 1040, top: 380, right: 1280, bottom: 540 } },
  { name: 'street view', query: `?${STREET_VIEW}`, grid: { left: 0, top: 0, right: 1280, bottom: 720 } },
];

interface PointResult {
  x: number;
  y: number;
  cpu: string | null | undefined;
  gpu: string | null;
  cpuMs: number;
  gpuMs: number;
}

/** CPU and GPU pick at a grid of canvas points (CSS pixels), both against the last rendered frame. */
async function comparePicks(page: Page, box: Box): Promise<PointResult[]> {
  return page.evaluate(
    ([columns, rows, box]) => {
      const scene = window.yz!.viewer.scene;
      const picker = window.yzBuildingPicker!;
      const out: PointResult[] = [];
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < columns; c++) {
          const position = {
            x: Math.round(box.left + ((c + 0.5) / columns) * (box.right - box.left)),
            y: Math.round(box.top + ((r + 0.5) / rows) * (box.bottom - box.top)),
          };
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
    [COLUMNS, ROWS, box] as const,
  );
}

/** Agreement where either finds a building; prints the figures and every disagreement. */
function agreement(label: string, results: PointResult[]): { either: number; agreement: number } {
  const either = results.filter((p) => p.cpu || p.gpu);
  const disagree = either.filter((p) => p.cpu !== p.gpu);
  const share = either.length ? 1 - disagree.length / either.length : 1;
  console.log(
    `${label}: ${either.length}/${results.length} points on a building, agreement ${(100 * share).toFixed(1)} %; ` +
      `median CPU pick ${median(results.map((p) => p.cpuMs)).toFixed(2)} ms, scene.pick ${median(results.map((p) => p.gpuMs)).toFixed(1)} ms`,
  );
  for (const p of disagree) console.log(`  disagree at (${p.x}, ${p.y}): cpu ${p.cpu ?? 'none'}, gpu ${p.gpu ?? 'none'}`);
  return { either: either.length, agreement: share };
}

/** Sets the globe's terrain depth test and waits for a frame rendered with it. */
async function setTerrainDepthTest(page: Page, on: boolean): Promise<void> {
  await page.evaluate(async (on) => {
    const scene = window.yz!.viewer.scene;
    scene.globe.depthTestAgainstTerrain = on;
    await new Promise<void>((resolve) => {
      const remove = scene.postRender.addEventListener(() => {
        remove();
        resolve();
      });
      scene.requestRender();
    });
  }, on);
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

  for (const { name, query, grid } of VIEWS) {
    it(`agrees with scene.pick at the ${name}, and a click opens the CPU-picked building`, async () => {
      const v: ViewerPage = await openViewer(browser, `${inject('baseUrl')}/${query}`);
      const { page } = v;
      try {
        await waitReady(page);
        expect(await page.evaluate(() => window.yzBuildingPicker!.whenReady)).toBe(true);
        expect(await page.evaluate(() => window.yzBuildingPicker!.unavailable())).toBeNull();

        const results = await comparePicks(page, grid);
        expect(results.every((p) => p.cpu !== undefined)).toBe(true);
        const plain = agreement(name, results);
        expect(plain.either).toBeGreaterThanOrEqual(20);
        expect(plain.agreement).toBeGreaterThanOrEqual(0.97);

        if (name === 'street view') {
          // With terrain depth-testing the GPU hides what terrain covers; the CPU must too.
          await setTerrainDepthTest(page, true);
          const tested = agreement(`${name}, terrain depth test on`, await comparePicks(page, grid));
          expect(tested.agreement).toBeGreaterThanOrEqual(0.97);
          await setTerrainDepthTest(page, false);
        }

        // A real click where both agree, inside the uncovered map.
        const rect = await page.evaluate(() => {
          const r = window.yz!.viewer.scene.canvas.getBoundingClientRect();
          return { left: r.left, top: r.top };
        });
        const inside = (p: PointResult) => p.x + rect.left > CLICK_BOX.left && p.x + rect.left < CLICK_BOX.right && p.y + rect.top > CLICK_BOX.top && p.y + rect.top < CLICK_BOX.bottom;
        const target = results.find((p) => p.cpu && p.cpu === p.gpu && inside(p));
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
