/**
 * `/?mode=tour` at 3840×2160: the district tour loads from its data file, steps with
 * the presenter's keys (PageDown/PageUp, arrows, End), applies each step's layers and
 * filters, exports the view as a 4K PNG, and a bad tour file shows messages naming
 * the tour, the step and the field. Screenshots in test-results/e2e/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium, saveScreenshot } from './chromium.ts';
import { TEST_RENDER_SCALE, VIEWPORT_4K } from './mode-page.ts';
import { openViewer, type ViewerPage, waitReady } from './viewer-page.ts';

describe('guided tour at 3840×2160', () => {
  let browser: Browser;
  let v: ViewerPage;

  beforeAll(async () => {
    browser = await launchChromium();
    v = await openViewer(browser, `${inject('baseUrl')}/?mode=tour&scale=${TEST_RENDER_SCALE}`, { viewport: VIEWPORT_4K });
    await waitReady(v.page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens the district tour at its first step', async () => {
    const { page } = v;
    await page.waitForFunction(() => window.yz?.tour?.count === 8, undefined, { timeout: 60_000 });
    expect(await page.evaluate(() => window.yz!.tour!.name)).toBe('district-plan');
    expect(await page.getAttribute('.tour-caption', 'data-step')).toBe('overview');
    expect(await page.textContent('.tour-title h1')).toContain('一核两翼三带五片区');
    expect(await page.textContent('.tour-progress')).toContain('1 / 8');
    expect(await page.locator('.toolbar, .side-left').count()).toBe(0);
    await page.evaluate(() => window.yz!.whenTilesLoaded());
    await saveScreenshot(page, 'tour-4k-overview');
  });

  it('steps with PageDown/PageUp and arrows, applying each step’s camera, layers and filters', async () => {
    const { page } = v;
    await page.keyboard.press('PageDown');
    await page.waitForSelector('.tour-caption[data-step="core"]');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('area') === 'core-jiefangbei');
    expect(new URL(page.url()).searchParams.get('layers')).toBe('hazard,areas');
    await page.evaluate(() => window.yz!.whenTilesLoaded());
    const cam = await page.evaluate(() => window.yz!.viewer.camera.positionCartographic.height);
    expect(cam).toBeGreaterThan(1500);
    expect(cam).toBeLessThan(3000);
    await saveScreenshot(page, 'tour-4k-core');

    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('.tour-caption[data-step="wings"]');
    await page.keyboard.press('PageUp');
    await page.waitForSelector('.tour-caption[data-step="core"]');
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector('.tour-caption[data-step="overview"]');
    await page.keyboard.press('End');
    await page.waitForSelector('.tour-caption[data-step="lifelines"]');
    expect(await page.evaluate(() => window.yz!.tour!.index)).toBe(7);
    expect(new URL(page.url()).searchParams.get('grade')).toBe('C,D');
  });

  it('outlines the step’s highlighted building', async () => {
    const { page } = v;
    await page.evaluate(() => window.yz!.tour!.goTo(6));
    await page.waitForSelector('.tour-caption[data-step="cd-renovation"]');
    await page.evaluate(() => window.yz!.whenTilesLoaded());
    // The viewer outlines with a silhouette post-process stage: its edge stage lists the selected features.
    const outlined = await page.evaluate(() => {
      const stages = window.yz!.viewer.scene.postProcessStages;
      const codes: string[] = [];
      for (let i = 0; i < stages.length; i++) {
        const composite = stages.get(i) as unknown as { enabled: boolean; length?: number; get?(j: number): { selected?: Array<{ getProperty(n: string): string }> } };
        if (!composite.enabled || !composite.get || !composite.length) continue;
        for (const f of composite.get(0).selected ?? []) codes.push(f.getProperty('id'));
      }
      return codes;
    });
    expect(outlined).toContain('YZ-01402');
    await saveScreenshot(page, 'tour-4k-cd-renovation');
  });

  it('exports the view as a 4K PNG and restores the render scale', async () => {
    const { page } = v;
    const png = await page.evaluate(async () => {
      const out = await window.yz!.exportPng!({ width: 3840 });
      // Not blank: sample the image small and count distinct colours.
      const bitmap = await createImageBitmap(await (await fetch(out.dataUrl)).blob());
      const canvas = new OffscreenCanvas(96, 54);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0, 96, 54);
      const data = ctx.getImageData(0, 0, 96, 54).data;
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 4) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      return { width: out.width, height: out.height, bitmap: [bitmap.width, bitmap.height], colours: colours.size, dataUrl: out.dataUrl, scale: window.yz!.viewer.resolutionScale };
    });
    expect([png.width, png.height]).toEqual([3840, 2160]);
    expect(png.bitmap).toEqual([3840, 2160]);
    expect(png.colours).toBeGreaterThan(50);
    expect(png.scale).toBe(Number(TEST_RENDER_SCALE));
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    writeFileSync(join(ARTIFACTS_DIR, 'tour-export-4k.png'), Buffer.from(png.dataUrl.split(',')[1]!, 'base64'));
  });

  it('shows what is wrong with a bad tour file: tour, step and field', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const bad = {
      title: { 'zh-CN': '坏', en: 'Bad' },
      steps: [
        { id: 'ok', caption: { 'zh-CN': '好', en: 'Good' } },
        { id: 'broken', caption: { 'zh-CN': '坏' }, camera: { lon: 106.55, lat: 29.55, height: 0 } },
      ],
    };
    await page.route('**/tours/broken-tour.json', (route) => route.fulfill({ json: bad }));
    await page.goto(`${inject('baseUrl')}/?mode=tour&tour=broken-tour&scale=${TEST_RENDER_SCALE}`);
    await page.waitForSelector('.tour-problems', { timeout: 120_000 });
    const text = (await page.textContent('.tour-problems'))!;
    expect(text).toContain('broken-tour');
    expect(text).toContain('step 2 (broken)');
    expect(text).toContain('caption.en');
    expect(text).toContain('camera.height');
    expect(await page.evaluate(() => window.yz?.tour?.problems.length)).toBe(2);
    await saveScreenshot(page, 'tour-bad-file');
    await page.close();
  });
});
