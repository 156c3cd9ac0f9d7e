/**
 * The viewer as a user meets it, in one page where possible (SwiftShader is slow:
 * every new page pays for the opening tiles again): a real mouse click on a building
 * found through the scene opens its dossier; an inspector logs in and records a new
 * grade; a grade changed through the API recolours the map within 5 s; search selects
 * and flies; filters hide what does not match; the language switches; back works;
 * the copied URL restores the view in a fresh page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GRADE_INFO, type SafetyGrade } from '../../src/core/grades.ts';
import { launchChromium, saveScreenshot } from './chromium.ts';
import {
  cameraPosition,
  featureColour,
  findClickableBuilding,
  isLocal,
  loadedCodes,
  openViewer,
  type ViewerPage,
  waitForColour,
  watchColour,
  waitForShown,
  waitReady,
} from './viewer-page.ts';

// Jiefangbei from 180 m south, 35° down: dense, close, few tiles to load.
const CLOSE_VIEW = 'cam=106.572584,29.560129,393.2,0,-35';
/** Where the map is not covered by the chrome (left panels, dossier on the right) at 1280×720. */
const MAP_BOX = { left: 300, top: 120, right: 830, bottom: 680 };

interface Dossier {
  version: number;
  grade: SafetyGrade | null;
  building: { code: string; lon: number; lat: number; address: string };
}

async function dossier(code: string): Promise<Dossier> {
  const res = await fetch(`${inject('baseUrl')}/api/buildings/${code}`);
  return (await res.json()) as Dossier;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function otherGrade(grade: SafetyGrade | null, avoid: SafetyGrade[] = []): SafetyGrade {
  return (['D', 'C', 'B', 'A'] as const).find((g) => g !== grade && !avoid.includes(g))!;
}

describe('the viewer', () => {
  let browser: Browser;
  let v: ViewerPage;
  let code: string;
  beforeAll(async () => {
    browser = await launchChromium();
    v = await openViewer(browser, `${inject('baseUrl')}/?${CLOSE_VIEW}`);
    await waitReady(v.page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens the dossier of the building a real mouse click lands on', async () => {
    const { page } = v;
    const found = await findClickableBuilding(page, MAP_BOX);
    code = found.code;
    const expected = await dossier(code);
    await page.mouse.click(found.x, found.y);
    await page.waitForSelector(`.dossier-panel[data-code="${code}"][data-state="ok"]`, { timeout: 30_000 });
    expect(await page.textContent('.dossier-panel code.dossier-code')).toBe(code);
    expect(await page.getAttribute('.dossier-panel .grade-badge', 'data-grade')).toBe(expected.grade ?? 'none');
    expect(await page.textContent('.dossier-panel .dossier-address')).toBe(expected.building.address);
    // The map shows the archive's grade in the legend's colour.
    expect(found.colour).toBe(expected.grade ? GRADE_INFO[expected.grade].color : '#9aa0a6');
    expect(new URL(page.url()).searchParams.get('sel')).toBe(code);
    await page.waitForSelector('.close-up canvas');
    // The close-up's outline comes from the archive, the overlays from tiles/overlays: nothing from the (unserved) source data.
    const footprint = `/api/buildings/${code}/footprint`;
    await expect.poll(() => v.requested.some((u) => u.endsWith(footprint)), { timeout: 15_000 }).toBe(true);
    expect(v.requested.some((u) => u.endsWith('/tiles/overlays/rail.geojson'))).toBe(true);
    expect(v.requested.some((u) => u.endsWith('/tiles/overlays/areas.geojson'))).toBe(true);
    expect(v.requested.filter((u) => u.includes('/tiles/source/'))).toEqual([]);
    expect(v.consoleWarnings.filter((w) => /not loaded/.test(w))).toEqual([]);
    await saveScreenshot(page, 'viewer-dossier');
    // Esc clears the selection.
    await page.keyboard.press('Escape');
    await page.waitForSelector('.dossier-panel', { state: 'detached' });
    await page.mouse.click(found.x, found.y);
    await page.waitForSelector(`.dossier-panel[data-code="${code}"][data-state="ok"]`);
  });

  it('lets a logged-in inspector record a new grade, and the map recolours', async () => {
    const { page } = v;
    const before = await dossier(code);
    const grade = otherGrade(before.grade);
    const { name, password } = inject('inspector');
    await page.fill('.login-form input[name="name"]', name);
    await page.fill('.login-form input[name="password"]', password);
    await page.click('.login-form button[type="submit"]');
    await page.waitForSelector('.inspection-form');
    await page.fill('.inspection-form textarea[name="findings"]', '3层外墙空鼓，墙体开裂');
    await page.selectOption('.inspection-form select[name="grade"]', grade);
    await page.click('.inspection-form button[type="submit"]');
    await page.waitForSelector(`.dossier-panel .grade-badge[data-grade="${grade}"]`, { timeout: 15_000 });
    await waitForColour(page, code, GRADE_INFO[grade].color, 15_000);
    expect((await dossier(code)).grade).toBe(grade);
    expect(await page.textContent('.timeline')).toContain('3层外墙空鼓');
    await saveScreenshot(page, 'viewer-inspection');
  });

  it('recolours a building within 5 s when its grade changes through the API', async () => {
    const { page } = v;
    const { name, password } = inject('inspector');
    const base = inject('baseUrl');
    const login = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
    expect(login.ok).toBe(true);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const current = await dossier(code);
    const grade = otherGrade(current.grade);
    const watch = await watchColour(page, code, GRADE_INFO[grade].color);
    const started = Date.now();
    const res = await fetch(`${base}/api/buildings/${code}/inspections`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      // Today, like the inspection just recorded in the page: the current grade is the newest appraisal's.
      body: JSON.stringify({ date: today(), findings: 'e2e: grade change through the API', grade, version: current.version }),
    });
    expect(res.ok).toBe(true);
    // Generous wait for the test, strict bound on when the map itself changed.
    const elapsed = (await watch.changedAt(30_000)) - started;
    expect(elapsed).toBeLessThan(5_000);
    // The open dossier is the panel's own fetch; the map is what must follow live.
    expect(await featureColour(page, code)).toBe(GRADE_INFO[grade].color);
  });

  it('hides buildings that do not match the filters and counts the matches', async () => {
    const { page } = v;
    const grade = (await dossier(code)).grade!;
    const other = otherGrade(grade);
    await page.click('.filter-panel summary');
    await page.check(`.filter-panel input[name="grade-${other}"]`);
    await page.waitForSelector('.filter-count');
    await page.waitForFunction(() => /\d/.test(document.querySelector('.filter-count')?.textContent ?? ''));
    await waitForShown(page, code, false);
    expect(new URL(page.url()).searchParams.get('grade')).toBe(other);
    await page.check(`.filter-panel input[name="grade-${grade}"]`);
    await waitForShown(page, code, true);
    await saveScreenshot(page, 'viewer-filters');
    await page.click('.filter-count button');
    expect(new URL(page.url()).searchParams.get('grade')).toBeNull();
  });

  it('searches in Chinese, then selects and flies to the chosen building', async () => {
    const { page } = v;
    const codes = await loadedCodes(page);
    const target = await dossier(codes.find((c) => c !== code)!);
    const street = target.building.address;
    await page.fill('.search-box input', street);
    const option = `.search-results li[data-code="${target.building.code}"]`;
    await page.waitForSelector(option, { timeout: 15_000 });
    await page.click(option);
    await page.waitForSelector(`.dossier-panel[data-code="${target.building.code}"][data-state="ok"]`);
    await page.waitForFunction(
      ([lon, lat]) => {
        const c = window.yz!.viewer.camera.positionCartographic;
        const dx = ((c.longitude * 180) / Math.PI - lon) * 96_900;
        const dy = ((c.latitude * 180) / Math.PI - lat) * 110_540;
        return Math.hypot(dx, dy) < 400;
      },
      [target.building.lon, target.building.lat] as const,
      { timeout: 30_000 },
    );
    expect(new URL(page.url()).searchParams.get('sel')).toBe(target.building.code);
    // Back to the building clicked first.
    await page.goBack();
    await page.waitForSelector(`.dossier-panel[data-code="${code}"]`);
    // The automation handle does the same: select, fly, resolve when there and loaded.
    await page.evaluate(() => window.yz!.clearSelection());
    await page.waitForSelector('.dossier-panel', { state: 'detached' });
    await page.evaluate((c) => window.yz!.select(c), target.building.code);
    expect(await page.getAttribute('.dossier-panel', 'data-code')).toBe(target.building.code);
    const there = await cameraPosition(page);
    expect(Math.hypot((there.lon - target.building.lon) * 96_900, (there.lat - target.building.lat) * 110_540)).toBeLessThan(400);
    expect(await page.evaluate(() => window.yz!.viewer.scene.globe.tilesLoaded)).toBe(true);
    code = target.building.code;
  });

  it('switches language, and the copied URL restores the view in a fresh page', async () => {
    const { page } = v;
    await page.click('.language-switch');
    await page.waitForFunction(() => document.querySelector('.app-title h1')?.textContent === 'Yuzhong Twin');
    expect(await page.textContent('.legend h4')).toBe('Building safety grade');
    expect(await page.textContent('.dossier-panel')).toContain('Renovation plan');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    await page.check('.layer-panel input[name="layer-areas"]');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('layers') !== null);
    await saveScreenshot(page, 'viewer-english');
    // Back undoes the last step (the layer), forward redoes it.
    await page.goBack();
    await page.waitForFunction(() => !(document.querySelector('.layer-panel input[name="layer-areas"]') as HTMLInputElement).checked);
    await page.goForward();
    await page.waitForFunction(() => (document.querySelector('.layer-panel input[name="layer-areas"]') as HTMLInputElement).checked);

    await page.evaluate(() => window.yz!.whenTilesLoaded());
    const url = page.url();
    const camera = await cameraPosition(page);
    expect(v.requested.filter((u) => !isLocal(u))).toEqual([]);
    expect(v.consoleErrors).toEqual([]);
    // One page at a time: they share the one software GPU process.
    await page.close();
    const fresh = await openViewer(browser, url);
    await waitReady(fresh.page);
    await fresh.page.waitForSelector(`.dossier-panel[data-code="${code}"][data-state="ok"]`);
    expect(await fresh.page.textContent('.app-title h1')).toBe('Yuzhong Twin');
    expect(await fresh.page.isChecked('.layer-panel input[name="layer-areas"]')).toBe(true);
    const restored = await cameraPosition(fresh.page);
    expect(restored.lon).toBeCloseTo(camera.lon, 5);
    expect(restored.lat).toBeCloseTo(camera.lat, 5);
    expect(Math.abs(restored.height - camera.height)).toBeLessThan(1);
    expect(restored.heading).toBeCloseTo(camera.heading, 1);
    await saveScreenshot(fresh.page, 'viewer-restored');
    expect(fresh.requested.filter((u) => !isLocal(u))).toEqual([]);
    expect(fresh.consoleErrors).toEqual([]);
    await fresh.page.close();
  });
});
