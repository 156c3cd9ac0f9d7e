/**
 * The analysis toolbar as a user drives it (issue 18), in one page: Measure by two real
 * clicks (the panel's straight distance against Cesium's own chord between the points in
 * the URL, the copied link restoring the panel, Esc closing, the M key opening), its CSV
 * export downloaded; Sightline by two clicks (the panel agrees with window.yz.analysis
 * run on the URL's points; a named obstacle is a building the archive knows); Flood at
 * the guarantee-level preset (the panel's counts are the archive route's); Sunlight for
 * a building clicked on the map (sun hours from the worker, the building in the URL);
 * Excavate by three clicks (the globe clipped while open, the pipes the archive lists);
 * Section by two (the chart drawn, the counts the automation handle's).
 */
import { Cartesian3 } from 'cesium';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FLOOD_LEVEL_PRESETS } from '../../src/core/analysis/flood-levels.ts';
import { launchChromium, saveScreenshot } from './chromium.ts';
import { openViewer, waitReady, type ViewerPage } from './viewer-page.ts';

const CLOSE_VIEW = 'cam=106.572584,29.560129,393.2,0,-35';
/** Clicks inside the map, clear of the left panels and of the analysis panel (x ≥ 878) at 1280×720. */
const A = { x: 560, y: 520 };
const B = { x: 800, y: 430 };

type Point = [number, number, number];

function toolPoints(url: string): Point[] {
  const tp = new URL(url).searchParams.get('tp');
  return tp ? tp.split(';').map((p) => p.split(',').map(Number) as Point) : [];
}

async function summary(page: Page, key: string): Promise<string> {
  return page.locator(`.analysis-summary [data-key="${key}"] dd`).innerText();
}

async function waitSummary(page: Page, key: string, timeout = 60_000): Promise<string> {
  await page.waitForSelector(`.analysis-summary [data-key="${key}"] dd`, { timeout });
  return summary(page, key);
}

/** Clicks the map and waits until the URL holds `count` tool points. */
async function clickMap(page: Page, at: { x: number; y: number }, count: number): Promise<void> {
  await page.mouse.click(at.x, at.y);
  await page.waitForFunction((n) => (new URL(location.href).searchParams.get('tp') ?? '').split(';').filter(Boolean).length === n, count, { timeout: 30_000 });
}

describe('analysis tools in the desk view', () => {
  let browser: Browser;
  let v: ViewerPage;
  const base = inject('baseUrl');

  beforeAll(async () => {
    browser = await launchChromium();
    v = await openViewer(browser, `${base}/?${CLOSE_VIEW}`);
    await waitReady(v.page);
    const loaded = await v.page.evaluate(() => window.yz!.analysis!.ready());
    expect(loaded.problems).toEqual([]);
    expect(loaded.terrain).toBe(true);
    expect(loaded.buildings).toBeGreaterThan(1000);
  });

  afterAll(async () => {
    if (v) await saveScreenshot(v.page, 'analysis-last');
    await browser?.close();
  });

  it('Measure: two clicks give the straight distance of the points in the URL; the link restores it; Esc closes; M opens', async () => {
    const { page } = v;
    const button = page.locator('button[data-tool="measure"]');
    expect(await button.getAttribute('title')).toMatch(/距离/);
    await button.click();
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    await page.waitForSelector('.analysis-panel[data-tool="measure"]');
    await page.waitForFunction(() => !document.querySelector('.analysis-busy'));
    await clickMap(page, A, 1);
    await clickMap(page, B, 2);
    const shown = await waitSummary(page, 'straightM');
    const [p, q] = toolPoints(page.url()) as [Point, Point];
    // Cesium's own ellipsoid → ECEF chord (not our geodesy) between the URL's points.
    const chord = Cartesian3.distance(Cartesian3.fromDegrees(...p), Cartesian3.fromDegrees(...q));
    const numbers = await page.evaluate(() => window.yz!.analysis!.measure({ points: (new URL(location.href).searchParams.get('tp') ?? '').split(';').map((s) => s.split(',').map(Number) as [number, number, number]) }));
    expect(numbers.straightM!).toBeCloseTo(chord, 1);
    expect(numbers.heightDiffM!).toBeCloseTo(q[2] - p[2], 2);
    expect(numbers.groundM).not.toBeNull();
    expect(numbers.groundM!).toBeGreaterThanOrEqual(numbers.horizontalM! - 0.5);
    expect(shown).toMatch(chord >= 1000 ? /km$/ : /^\d+ m$/);
    // The export: a CSV with a byte-order mark and the summary's keys.
    const download = page.waitForEvent('download');
    await page.locator('.analysis-exports button').first().click();
    const file = await download;
    const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('straightM');

    const link = page.url();
    const copy = await openViewer(browser, link);
    try {
      await copy.page.waitForSelector('.analysis-panel[data-tool="measure"]');
      expect(await waitSummary(copy.page, 'straightM')).toBe(shown);
    } finally {
      await copy.page.close();
    }

    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('.analysis-panel'));
    expect(new URL(page.url()).searchParams.get('tool')).toBeNull();
    await page.locator('canvas').first().focus();
    await page.keyboard.press('m');
    await page.waitForSelector('.analysis-panel[data-tool="measure"]');
    expect(new URL(page.url()).searchParams.get('tool')).toBe('measure');
    await page.keyboard.press('Escape');
  });

  it('Sightline: observer and target by clicks; the panel agrees with the automation handle on the same points', async () => {
    const { page } = v;
    await page.locator('button[data-tool="sightline"]').click();
    await page.waitForSelector('.analysis-panel[data-tool="sightline"]');
    await clickMap(page, A, 1);
    await clickMap(page, B, 2);
    const verdict = await waitSummary(page, 'visible');
    const [observer, target] = toolPoints(page.url()) as [Point, Point];
    const n = await page.evaluate(([o, t]) => window.yz!.analysis!.sightline({ observer: o, target: t }), [observer, target] as const);
    expect(verdict).toBe(n.visible ? '通视' : '被遮挡');
    if (n.obstacleKind === 'building') {
      expect(await summary(page, 'obstacleKind')).toBe(n.obstacleCode);
      const res = await fetch(`${base}/api/buildings/${n.obstacleCode}`);
      expect(res.status).toBe(200);
    }
    // A viewshed of 200 m around the observer: a share between 0 and 1, drawn on the ground.
    await page.fill('input[name="viewshed-radius"]', '200');
    const share = await waitSummary(page, 'visibleShare');
    expect(share).toMatch(/^\d+(\.\d)? %/);
    expect(new URL(page.url()).searchParams.get('tr')).toBe('200');
    await page.keyboard.press('Escape');
  });

  it('Excavate: three clicks cut a pit (terrain and buildings clipped), list the pipes inside as the archive does; Esc removes the cut', async () => {
    const { page } = v;
    await page.locator('button[data-tool="excavate"]').click();
    await page.waitForSelector('.analysis-panel[data-tool="excavate"]');
    await clickMap(page, A, 1);
    await clickMap(page, B, 2);
    await clickMap(page, { x: 700, y: 600 }, 3);
    await waitSummary(page, 'pipes');
    const ring = toolPoints(page.url());
    const clipped = await page.evaluate(() => {
      const scene = window.yz!.viewer.scene;
      return scene.globe.clippingPolygons?.length ?? 0;
    });
    expect(clipped).toBe(1);
    const n = await page.evaluate((r) => window.yz!.analysis!.excavate({ ring: r }), ring);
    expect(n.areaM2).toBeGreaterThan(0);
    expect(n.volumeM3).toBeGreaterThan(0);
    const api = (await (await fetch(`${base}/api/analysis/pipes-within?ring=${encodeURIComponent(ring.map((p) => `${p[0]},${p[1]}`).join(';'))}`)).json()) as { pipes: unknown[] };
    expect(n.pipes).toBe(api.pipes.length);
    expect((await summary(page, 'pipes')).startsWith(`${api.pipes.length} `)).toBe(true);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('.analysis-panel'));
    expect(await page.evaluate(() => window.yz!.viewer.scene.globe.clippingPolygons?.length ?? 0)).toBe(0);
  });

  it('Section: two clicks chart the ground, the buildings and pipes crossed; the numbers are the automation handle’s', async () => {
    const { page } = v;
    await page.locator('button[data-tool="section"]').click();
    await page.waitForSelector('.analysis-panel[data-tool="section"]');
    await clickMap(page, A, 1);
    await clickMap(page, B, 2);
    await waitSummary(page, 'pipes');
    await page.waitForSelector('.section-chart canvas', { timeout: 60_000 });
    const points = toolPoints(page.url());
    const n = await page.evaluate((p) => window.yz!.analysis!.section({ points: p }), points);
    expect(n.lengthM).toBeGreaterThan(10);
    expect(n.groundMaxM!).toBeGreaterThanOrEqual(n.groundMinM!);
    const codes = await page.locator('.analysis-table[data-table="buildings"] tbody tr td:first-child').allInnerTexts();
    expect(await summary(page, 'buildings')).toBe(String(new Set(codes).size));
    expect(n.buildings).toBe(codes.length);
    expect(await summary(page, 'pipes')).toBe(String(n.pipes));
    await page.keyboard.press('Escape');
  });

  it('Flood: the guarantee-level preset lists what the archive route lists, with the level in the URL', async () => {
    const { page } = v;
    const preset = FLOOD_LEVEL_PRESETS.find((p) => p.kind === 'guarantee')!;
    await page.locator('button[data-tool="flood"]').click();
    await page.locator(`button[data-preset="${preset.id}"]`).click();
    await page.waitForFunction((l) => new URL(location.href).searchParams.get('tl') === l, preset.levelM.toFixed(2));
    const shown = await waitSummary(page, 'buildings');
    const api = (await (await fetch(`${base}/api/analysis/flood?level=${preset.levelM}`)).json()) as { buildings: unknown[]; pipes: unknown[]; floodedAreaM2: number };
    expect(shown.startsWith(`${api.buildings.length} `)).toBe(true);
    const n = await page.evaluate((level) => window.yz!.analysis!.flood({ level }), preset.levelM);
    expect(n.buildings).toBe(api.buildings.length);
    expect(n.pipes).toBe(api.pipes.length);
    expect(n.floodedAreaM2).toBeCloseTo(api.floodedAreaM2, 0);
    expect(api.floodedAreaM2).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
  });

  it('Sunlight: a building clicked on the map gets its sun hours from the worker, and goes into the URL', async () => {
    const { page } = v;
    await page.locator('button[data-tool="sun"]').click();
    await page.waitForSelector('.analysis-panel[data-tool="sun"]');
    // Click where the CPU picker finds a building.
    const at = await page.evaluate(() => {
      for (let y = 300; y <= 650; y += 25) for (let x = 320; x <= 840; x += 25) if (window.yzBuildingPicker?.pick({ x, y } as never)) return { x, y };
      return null;
    });
    expect(at).not.toBeNull();
    await page.mouse.click(at!.x, at!.y);
    await page.waitForFunction(() => new URL(location.href).searchParams.get('tb') !== null, undefined, { timeout: 30_000 });
    const code = new URL(page.url()).searchParams.get('tb')!;
    expect(await waitSummary(page, 'building', 120_000)).toBe(code);
    const n = await page.evaluate((building) => window.yz!.analysis!.sun({ building, date: new URL(location.href).searchParams.get('td')! }), code);
    expect(n.building).toBe(code);
    expect(n.points).toBeGreaterThan(50);
    expect(n.groundBelow2h).toBeGreaterThanOrEqual(0);
    expect(n.groundBelow2h).toBeLessThanOrEqual(1);
    expect(n.elevationDeg).toBeGreaterThan(0);
    console.log(`sun hours for ${code}: ${n.points} points in ${n.computeMs} ms (worker)`);
    // A drawn area around the same building: its walls are screened, the area goes into the URL.
    const ring = await page.evaluate(() => {
      const pts: [number, number, number][] = [];
      for (const [x, y] of [[400, 400], [800, 400], [800, 650], [400, 650]] as const) {
        const ray = window.yz!.viewer.camera.getPickRay({ x, y } as never)!;
        const hit = window.yz!.viewer.scene.globe.pick(ray, window.yz!.viewer.scene)!;
        const c = window.yz!.viewer.scene.globe.ellipsoid.cartesianToCartographic(hit);
        pts.push([(c.longitude * 180) / Math.PI, (c.latitude * 180) / Math.PI, c.height]);
      }
      return pts;
    });
    const a = await page.evaluate((r) => window.yz!.analysis!.sun({ area: r }), ring);
    expect(a.points).toBeGreaterThan(100);
    expect(a.shortBuildings).toBeGreaterThanOrEqual(0);
    expect(new URL(page.url()).searchParams.get('tm')).toBe('area');
    await waitSummary(page, 'shortBuildings', 120_000);
    await page.keyboard.press('Escape');
    expect(v.consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
