/**
 * `/?mode=screen` on a 4K wall: KPI panels from /api/stats, a new inspection on screen
 * within 5 s, the autopilot's D-grade callout, pause on a key and resume after idle,
 * the reconnecting badge while the API is away, lifelines when the archive has them,
 * a 32:9 layout, and a page reload after a lost WebGL context. Screenshots in
 * test-results/e2e/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NETWORKS } from '../../src/core/lifelines.ts';
import { launchChromium, saveScreenshot } from './chromium.ts';
import { fetchStats, recordInspectionViaApi, TEST_RENDER_SCALE, VIEWPORT_32_9, VIEWPORT_4K } from './mode-page.ts';
import { openViewer, type ViewerPage, waitReady } from './viewer-page.ts';

const SCREEN = `/?mode=screen&scale=${TEST_RENDER_SCALE}&idle=2&dwell=2&fly=1&per-area=1&poll=2`;

describe('big screen at 3840×2160', () => {
  let browser: Browser;
  let v: ViewerPage;

  beforeAll(async () => {
    browser = await launchChromium();
    v = await openViewer(browser, `${inject('baseUrl')}${SCREEN}`, { viewport: VIEWPORT_4K });
    await waitReady(v.page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the KPI panels from /api/stats, with no desk chrome, lifeline risk included', async () => {
    const { page } = v;
    const stats = await fetchStats(inject('baseUrl'));
    await page.waitForSelector('.screen-panel[data-panel="grades"] canvas');
    for (const panel of ['grades', 'areas', 'plans']) expect(await page.locator(`.screen-panel[data-panel="${panel}"] canvas`).count()).toBeGreaterThan(0);
    expect(await page.getAttribute('.screen-big-number', 'data-value')).toBe(String(stats.inspectionsThisMonth));
    expect(await page.textContent('.screen-panel[data-panel="grades"] h2')).toContain(stats.buildings.toLocaleString('zh-CN'));
    // The sample archive has lifelines: the panel shows its risk count (an archive without any says 无生命线数据).
    expect(stats.lifelines?.segments).toBeGreaterThan(0);
    await page.waitForSelector(`.screen-panel[data-panel="lifelines"] .screen-note[data-value="${stats.lifelines!.total}"]`);
    expect(await page.locator('.toolbar, .side-left').count()).toBe(0);
    // Readable from five metres on a 4K wall: panel titles at least ~40 px.
    const titlePx = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.screen-panel h2')!).fontSize));
    expect(titlePx).toBeGreaterThanOrEqual(40);
    // The panels leave the middle third of the wall to the map.
    const boxes = await page.locator('.screen-side').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    expect(boxes.map((b) => b.right <= 3840 / 3 || b.left >= (2 * 3840) / 3)).toEqual([true, true]);
  });

  it('shows a new inspection within 5 s', async () => {
    const { page } = v;
    const before = Number(await page.getAttribute('.screen-big-number', 'data-value'));
    const started = Date.now();
    await recordInspectionViaApi(inject('baseUrl'), inject('inspector'), 'YZ-00001');
    await page.waitForSelector(`.screen-big-number[data-value="${before + 1}"]`, { timeout: 5_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('tours the renewal areas and stops at a D-grade building with a callout', async () => {
    const { page } = v;
    await page.waitForFunction(() => window.yz?.autopilot?.state === 'running' && window.yz.autopilot.stops > 11, undefined, { timeout: 60_000 });
    const first = await page.waitForSelector('.screen-callout[data-stop="area"]', { timeout: 60_000 });
    expect(await first.getAttribute('data-area')).toMatch(/^(core|wing|belt|zone)-/);
    const callout = await page.waitForSelector('.screen-callout[data-stop="building"]', { timeout: 90_000 });
    expect(await callout.getAttribute('data-code')).toMatch(/^YZ-\d{5}$/);
    expect(await page.getAttribute('.screen-callout .grade-badge', 'data-grade')).toBe('D');
    // Hold the camera at the building (the callout stays, marked paused) for the screenshot.
    await page.evaluate(() => window.yz!.autopilot!.pause());
    expect(await page.getAttribute('.screen-callout', 'data-stop')).toBe('building');
    await saveScreenshot(page, 'screen-4k-d-building');
    await page.evaluate(() => window.yz!.autopilot!.resume());
  });

  it('pauses on a key press and resumes after the idle time (idle=2)', async () => {
    const { page } = v;
    await page.keyboard.press('a');
    expect(await page.evaluate(() => window.yz!.autopilot!.state)).toBe('paused');
    expect(await page.textContent('.screen-callout')).toContain('自动巡游已暂停');
    const paused = Date.now();
    await page.waitForFunction(() => window.yz!.autopilot!.state === 'running', undefined, { timeout: 30_000 });
    expect(Date.now() - paused).toBeGreaterThanOrEqual(1_900);
  });

  it('shows "reconnecting" while the API is away and clears it when it answers again', async () => {
    const { page } = v;
    await page.route('**/api/stats', (route) => route.abort('connectionrefused'));
    await page.waitForSelector('.screen-badge', { timeout: 10_000 });
    expect(await page.textContent('.screen-badge')).toContain('重新连接中');
    await saveScreenshot(page, 'screen-4k-reconnecting');
    await page.unroute('**/api/stats');
    await page.waitForSelector('.screen-badge', { state: 'detached', timeout: 20_000 });
  });

  it('draws the lifeline risk block when the archive reports one, and says when there are no pipes', async () => {
    const { page } = v;
    const stats = await fetchStats(inject('baseUrl'));
    const withLifelines = {
      ...stats,
      version: stats.version + 1000,
      lifelines: { ageYears: 30, distanceM: 15, segments: 812, total: 57, byNetwork: { water: 20, storm: 5, sewage: 9, gas: 13, power: 6, telecom: 4 } },
    };
    await page.route('**/api/stats', (route) => route.fulfill({ json: withLifelines }));
    await page.waitForSelector('.screen-panel[data-panel="lifelines"] .screen-note[data-value="57"]', { timeout: 10_000 });
    expect(await page.locator('.screen-panel[data-panel="lifelines"] canvas').count()).toBeGreaterThan(0);
    expect(await page.textContent('.screen-panel[data-panel="lifelines"]')).toContain('812');
    await saveScreenshot(page, 'screen-4k-lifelines');
    // An archive with no pipe segments: said in words, not drawn as zeros. (What the archive sends then:
    // every network at 0 — the feed checks the answer against the stats contract, which lists them all.)
    const byNetwork = Object.fromEntries(NETWORKS.map((n) => [n, 0]));
    const none = { ...withLifelines, version: withLifelines.version + 1, lifelines: { ...withLifelines.lifelines, segments: 0, total: 0, byNetwork } };
    await page.unroute('**/api/stats');
    await page.route('**/api/stats', (route) => route.fulfill({ json: none }));
    await page.waitForFunction(() => document.querySelector('.screen-panel[data-panel="lifelines"]')?.textContent?.includes('无生命线数据'), undefined, { timeout: 10_000 });
    await page.unroute('**/api/stats');
  });

  it('reloads itself after the WebGL context is lost', async () => {
    const { page } = v;
    const reloaded = page.waitForEvent('framenavigated', { timeout: 30_000 });
    await page.evaluate(() => {
      const gl = (window.yz!.viewer.scene as unknown as { context: { _gl: WebGL2RenderingContext } }).context._gl;
      gl.getExtension('WEBGL_lose_context')!.loseContext();
    });
    await page.waitForSelector('.banner-error', { timeout: 10_000 });
    await reloaded;
    await page.waitForFunction(() => window.yz !== undefined, undefined, { timeout: 120_000 });
    expect(page.url()).toContain('mode=screen');
  });

  it('lays out a 32:9 wall with the panels at the sides', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT_32_9 });
    await page.goto(`${inject('baseUrl')}${SCREEN}`);
    await page.waitForSelector('.screen-panel[data-panel="plans"] canvas', { timeout: 120_000 });
    const boxes = await page.locator('.screen-panel').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    for (const b of boxes) {
      expect(b.bottom).toBeLessThanOrEqual(1080);
      expect(b.height).toBeGreaterThan(80);
      expect(b.right <= 3840 / 4 || b.left >= (3 * 3840) / 4).toBe(true);
    }
    await saveScreenshot(page, 'screen-32-9');
    await page.close();
  });
});
