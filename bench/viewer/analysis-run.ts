/**
 * The analysis tools' answer after the last click (issue 18), in our viewer on the same
 * server and browser as the rest of bench:viewer: one page at the street view; for each
 * tool the time from the mouse click (or the preset button) that completes its input to
 * its answer in the panel, `--analysis-repeats` times (default 3, median kept); and the
 * sun hours of one building: the worker's own compute time and the call's. Polls the
 * panel every 10 ms from the page (performance.now()), so figures are ±10 ms.
 */
import type { Browser, Page } from 'playwright-core';
import { FLOOD_LEVEL_PRESETS } from '../../src/core/analysis/flood-levels.ts';
import { median } from '../stats.ts';

export interface ToolTiming {
  tool: string;
  what: string;
  /** Each repeat, ms. */
  ms: number[];
  medianMs: number;
}

export interface AnalysisBench {
  view: string;
  problems: string[];
  timings: ToolTiming[];
  sunHours: { building: string; points: number; workerMs: number; callMs: number } | null;
}

const A = { x: 560, y: 520 };
const B = { x: 800, y: 430 };

/** Clicks at `at` (or on `selector`) and resolves with the ms until `until` is in the panel. */
async function timed(page: Page, act: () => Promise<void>, until: string): Promise<number> {
  const t0 = await page.evaluate(() => performance.now());
  await act();
  const t1 = await page.waitForFunction((sel) => (document.querySelector(sel) && !document.querySelector('.analysis-busy') ? performance.now() : null), until, { polling: 10, timeout: 120_000 });
  return (await t1.jsonValue())! - t0;
}

async function openTool(page: Page, tool: string): Promise<void> {
  if (await page.$('.analysis-panel')) await page.keyboard.press('Escape');
  await page.click(`button[data-tool="${tool}"]`);
  await page.waitForSelector(`.analysis-panel[data-tool="${tool}"]`);
  await page.waitForFunction(() => !document.querySelector('.analysis-busy'), undefined, { timeout: 120_000 });
}

const summary = (key: string) => `.analysis-summary [data-key="${key}"]`;

export async function runAnalysisBench(browser: Browser, baseUrl: string, repeats: number, log: (m: string) => void): Promise<AnalysisBench> {
  const view = 'cam=106.572584,29.560129,393.2,0,-35';
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  try {
    await page.goto(`${baseUrl}/?${view}`);
    await page.waitForFunction(() => window.yz !== undefined, undefined, { timeout: 300_000 });
    await page.evaluate(() => window.yz!.ready);
    const { problems } = await page.evaluate(() => window.yz!.analysis!.ready());
    const timings: ToolTiming[] = [];
    const record = (tool: string, what: string, ms: number[]) => {
      const t = { tool, what, ms: ms.map((m) => Math.round(m)), medianMs: Math.round(median(ms) ?? Number.NaN) };
      timings.push(t);
      log(`${tool}: ${what} ${t.medianMs} ms (${t.ms.join(', ')})`);
    };

    const twoClicks = async (tool: string, key: string) => {
      const ms: number[] = [];
      for (let i = 0; i < repeats; i++) {
        await openTool(page, tool);
        await page.mouse.click(A.x, A.y);
        await page.waitForFunction(() => (new URL(location.href).searchParams.get('tp') ?? '') !== '');
        ms.push(await timed(page, () => page.mouse.click(B.x, B.y), summary(key)));
      }
      return ms;
    };
    record('measure', 'second click → distances', await twoClicks('measure', 'straightM'));
    record('sightline', 'target click → verdict', await twoClicks('sightline', 'visible'));
    const shed: number[] = [];
    for (let i = 0; i < repeats; i++) {
      await page.fill('input[name="viewshed-radius"]', '0');
      await page.waitForFunction(() => !document.querySelector('.analysis-summary [data-key="visibleShare"]'));
      shed.push(await timed(page, () => page.fill('input[name="viewshed-radius"]', '500'), summary('visibleShare')));
    }
    record('sightline', 'viewshed 500 m (10 m cells)', shed);

    const preset = FLOOD_LEVEL_PRESETS.find((p) => p.kind === 'guarantee')!;
    const other = FLOOD_LEVEL_PRESETS.find((p) => p.kind === 'warning')!;
    const flood: number[] = [];
    for (let i = 0; i < repeats; i++) {
      await openTool(page, 'flood');
      // A different level first, so each repeat computes afresh (the server caches a few levels: this is its warm figure after the first).
      await page.click(`button[data-preset="${other.id}"]`);
      await page.waitForSelector(summary('buildings'), { timeout: 120_000 });
      flood.push(await timed(page, () => page.click(`button[data-preset="${preset.id}"]`), `${summary('buildings')}`));
    }
    record('flood', `preset ${preset.levelM.toFixed(2)} m → water and lists`, flood);

    const building = await page.evaluate(() => {
      for (let y = 300; y <= 650; y += 25) for (let x = 320; x <= 840; x += 25) { const code = window.yzBuildingPicker?.pick({ x, y } as never); if (code) return { x, y, code }; }
      return null;
    });
    let sunHours: AnalysisBench['sunHours'] = null;
    if (building) {
      const sun: number[] = [];
      for (let i = 0; i < repeats; i++) {
        await openTool(page, 'sun');
        // Another day each time: the worker keeps the last answer.
        await page.fill('input[name="sun-date"]', `2026-01-${String(18 + i).padStart(2, '0')}`);
        sun.push(await timed(page, () => page.mouse.click(building.x, building.y), summary('computeMs')));
      }
      record('sun', `building click → sun hours (${building.code})`, sun);
      const t0 = Date.now();
      const n = await page.evaluate((code) => window.yz!.analysis!.sun({ building: code, date: '2026-12-22' }), building.code);
      sunHours = { building: building.code, points: n.points ?? 0, workerMs: n.computeMs ?? 0, callMs: Date.now() - t0 };
      log(`sun hours ${building.code}: ${sunHours.points} points, worker ${sunHours.workerMs} ms, call ${sunHours.callMs} ms`);
    }
    return { view, problems, timings, sunHours };
  } finally {
    await page.close();
  }
}
