/**
 * `/?mode=tour` at 3840×2160: the district tour loads from its data file, steps with
 * the presenter's keys (PageDown/PageUp, arrows, End), applies each step's layers and
 * filters (the lifelines step shows the lifelines tileset), shows a renewal area
 * before/after as a swipe (today left of the split, the plan right of it, the divider
 * dragged and keyed), exports the view as a 4K PNG, and a bad tour file shows
 * messages naming the tour, the step and the field. Screenshots in test-results/e2e/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AreaPlanOutcomes } from '../../src/core/plan-outcome.ts';
import { GRADE_INFO } from '../../src/core/grades.ts';
import { PLAN_OUTCOME_INFO } from '../../src/core/plan-outcome.ts';
import { ARTIFACTS_DIR, launchChromium, saveScreenshot } from './chromium.ts';
import { TEST_RENDER_SCALE, VIEWPORT_4K } from './mode-page.ts';
import { openViewer, type ViewerPage, waitReady } from './viewer-page.ts';

declare global {
  /** Installed in the page: the buildings tilesets in the scene, their visibility and split direction. */
  function buildingTilesets(): Array<{ show: boolean; split: number }>;
}

function defineBuildingTilesets(): void {
  (globalThis as unknown as { buildingTilesets: () => Array<{ show: boolean; split: number }> }).buildingTilesets = () => {
    const primitives = window.yz!.viewer.scene.primitives;
    const out: Array<{ show: boolean; split: number }> = [];
    for (let i = 0; i < primitives.length; i++) {
      const p = primitives.get(i) as { show?: boolean; splitDirection?: number; resource?: { url: string } };
      if (p.resource?.url.includes('/tiles/buildings/')) out.push({ show: p.show === true, split: p.splitDirection ?? 0 });
    }
    return out;
  };
}

/** Mean absolute difference per channel (0–255) between two RGBA pixel arrays. */
function meanDifference(a: number[], b: number[]): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < a.length; i += 4) {
    for (let c = 0; c < 3; c++) sum += Math.abs(a[i + c]! - b[i + c]!);
    n += 3;
  }
  return sum / n;
}

const hexRgb = (css: string) => [1, 3, 5].map((i) => parseInt(css.slice(i, i + 2), 16) / 255);

describe('guided tour at 3840×2160', () => {
  let browser: Browser;
  let v: ViewerPage;

  beforeAll(async () => {
    browser = await launchChromium();
    v = await openViewer(browser, `${inject('baseUrl')}/?mode=tour&scale=${TEST_RENDER_SCALE}`, { viewport: VIEWPORT_4K });
    await waitReady(v.page);
    await v.page.evaluate(defineBuildingTilesets);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens the district tour at its first step', async () => {
    const { page } = v;
    await page.waitForFunction(() => window.yz?.tour?.count === 9, undefined, { timeout: 60_000 });
    expect(await page.evaluate(() => window.yz!.tour!.name)).toBe('district-plan');
    expect(await page.getAttribute('.tour-caption', 'data-step')).toBe('overview');
    expect(await page.textContent('.tour-title h1')).toContain('一核两翼三带五片区');
    expect(await page.textContent('.tour-progress')).toContain('1 / 9');
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
    await page.waitForSelector('.tour-caption[data-step="before-after"]');
    expect(await page.evaluate(() => window.yz!.tour!.index)).toBe(8);
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector('.tour-caption[data-step="lifelines"]');
    expect(await page.evaluate(() => window.yz!.tour!.index)).toBe(7);
    expect(new URL(page.url()).searchParams.get('grade')).toBe('C,D');
    // The lifelines step switches the pipes on (the tileset loads the first time it is shown).
    await page.waitForFunction(() => {
      const primitives = window.yz!.viewer.scene.primitives;
      for (let i = 0; i < primitives.length; i++) {
        const p = primitives.get(i) as { show?: boolean; resource?: { url: string } };
        if (p.resource?.url.includes('/tiles/lifelines/') && p.show) return true;
      }
      return false;
    }, undefined, { timeout: 120_000 });
    // Leaving the before/after step put the desk's buildings back and removed the split tilesets.
    expect(await page.evaluate(() => window.yz!.compare)).toBeUndefined();
    expect(await page.evaluate(() => buildingTilesets())).toEqual([{ show: true, split: 0 }]);
    // Nine steps, the lifelines tileset's first load and the compare's tilesets started and dropped: beyond three minutes on a busy 2-core runner.
  }, 400_000);

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

  it('before/after: today left of the split, the plan right of it; the divider drags and keys', async () => {
    const { page } = v;
    const api = (await (await fetch(`${inject('baseUrl')}/api/areas/wing-chongqing-station/plan-outcomes`)).json()) as AreaPlanOutcomes;
    const demolished = api.buildings.filter((b) => b.outcome === 'demolish');
    expect(demolished.length).toBeGreaterThan(0);

    await page.evaluate(() => window.yz!.tour!.goTo(8));
    await page.waitForSelector('.tour-caption[data-step="before-after"]');
    await page.waitForFunction(() => window.yz?.compare?.ready === true, undefined, { timeout: 170_000 });
    await page.evaluate(() => window.yz!.whenTilesLoaded());
    expect(await page.evaluate(() => window.yz!.compare!.split)).toBe(0.5);
    // Two split instances of the buildings; the desk's one hidden.
    expect((await page.evaluate(() => buildingTilesets())).sort((a, b) => a.split - b.split)).toEqual([
      { show: true, split: -1 },
      { show: false, split: 0 },
      { show: true, split: 1 },
    ]);
    expect(await page.textContent('.swipe-label-today')).toContain('现状 / Today');
    expect(await page.textContent('.swipe-label-plan')).toContain('规划 / Plan');
    // The legend counts are the archive's.
    for (const outcome of ['protect', 'demolish', 'convert', 'renovate', 'none'] as const) {
      expect({ outcome, n: Number(await page.textContent(`.compare-legend li[data-outcome="${outcome}"] .compare-legend-count`)) }).toEqual({ outcome, n: api.counts[outcome] });
    }
    await saveScreenshot(page, 'tour-4k-before-after');

    // A demolished building up close: the same feature is its grade on the left tileset, a ghost on the right.
    const target = demolished[0]!;
    await page.evaluate((code) => window.yz!.select(code), target.code);
    const colours = await page.evaluate((code) => ({ today: window.yz!.compare!.featureColour(code, 'today'), plan: window.yz!.compare!.featureColour(code, 'plan') }), target.code);
    expect(colours.today).not.toBeNull();
    expect(colours.plan).not.toBeNull();
    const close = (actual: number[], expected: number[]) => expected.forEach((e, i) => expect(actual[i]).toBeCloseTo(e, 2));
    close(colours.today!, [...hexRgb(GRADE_INFO[target.grade ?? 'D'].color), 1]);
    close(colours.plan!, [...hexRgb(PLAN_OUTCOME_INFO.demolish.color), PLAN_OUTCOME_INFO.demolish.alpha]);

    // Same camera, same pixels around the building in the middle: all "today" (split 1) vs all "plan" (split 0).
    const sample = (split: number) =>
      page.evaluate(async (x) => {
        const yz = window.yz!;
        yz.compare!.setSplit(x);
        const scene = yz.viewer.scene;
        await new Promise<void>((resolve) => {
          const check = () => (scene.splitPosition === x ? resolve() : requestAnimationFrame(check));
          check();
        });
        return new Promise<number[]>((resolve) => {
          const remove = scene.postRender.addEventListener(() => {
            remove();
            const canvas = scene.canvas;
            const w = Math.max(4, Math.round(canvas.width * 0.03));
            const h = Math.max(4, Math.round(canvas.height * 0.05));
            const copy = new OffscreenCanvas(w, h);
            copy.getContext('2d')!.drawImage(canvas, (canvas.width - w) / 2, (canvas.height - h) / 2, w, h, 0, 0, w, h);
            resolve([...copy.getContext('2d')!.getImageData(0, 0, w, h).data]);
          });
          scene.requestRender();
        });
      }, split);
    const today = await sample(1);
    const plan = await sample(0);
    const todayAgain = await sample(1);
    expect(meanDifference(today, todayAgain)).toBeLessThan(1); // the view itself is steady…
    expect(meanDifference(today, plan)).toBeGreaterThan(8); // …so the difference is the split

    // Drag the divider to 30 % of the width; then nudge it with the keys (the tour stays on its step).
    await page.evaluate(() => window.yz!.compare!.setSplit(0.5));
    await page.waitForFunction(() => window.yz!.compare!.split === 0.5);
    const handle = (await page.locator('.swipe-divider').boundingBox())!;
    const y = handle.y + handle.height / 2;
    await page.mouse.move(handle.x + handle.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(0.4 * 3840, y, { steps: 2 });
    await page.mouse.move(0.3 * 3840, y, { steps: 2 });
    await page.mouse.up();
    await page.waitForFunction(() => Math.abs(window.yz!.compare!.split - 0.3) < 0.01);
    expect(await page.getAttribute('.swipe-divider', 'aria-valuenow')).toBe('30');
    await page.focus('.swipe-divider');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => Math.abs(window.yz!.compare!.split - 0.34) < 0.005);
    await page.keyboard.press('End');
    await page.waitForFunction(() => window.yz!.compare!.split === 1);
    expect(await page.evaluate(() => window.yz!.tour!.index)).toBe(8);
    await page.keyboard.press('Shift+ArrowLeft');
    await page.waitForFunction(() => Math.abs(window.yz!.compare!.split - 0.9) < 0.005);
    await page.evaluate(() => window.yz!.compare!.setSplit(0.5));
    await page.evaluate(() => window.yz!.whenTilesLoaded());
    await saveScreenshot(page, 'tour-4k-before-after-close');
    // Two more buildings tilesets to load and a flight at 4K on SwiftShader: more than the default three minutes.
  }, 600_000);

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
