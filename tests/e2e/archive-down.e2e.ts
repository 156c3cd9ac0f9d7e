/**
 * With the archive API unreachable and one building tile corrupt, the 3D view still
 * loads (the bad tile is logged and skipped), a banner says the archive is down, and
 * the panel says the dossier cannot be loaded. Then a lost WebGL context shows its
 * message.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, saveScreenshot } from './chromium.ts';
import { isLocal, openViewer, waitReady } from './viewer-page.ts';

describe('the viewer without the archive', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads the 3D view past a corrupt tile, shows the banner, the panel says the dossier cannot be loaded; a lost WebGL context is reported', async () => {
    let corrupted: string | null = null;
    const v = await openViewer(browser, `${inject('noApiBaseUrl')}/?sel=YZ-00967&cam=106.572584,29.560129,393.2,0,-35`, {
      // The first building tile the view asks for arrives as garbage (a truncated upload, a bad disk).
      prepare: (page) =>
        page.route('**/tiles/buildings/**/*.glb', async (route) => {
          if (corrupted !== null) return route.continue();
          corrupted = route.request().url();
          await route.fulfill({ status: 200, contentType: 'model/gltf-binary', body: Buffer.from('glTF this is not a binary glTF file at all') });
        }),
    });
    await waitReady(v.page);
    expect(corrupted).not.toBeNull();
    const tileName = new URL(corrupted!).pathname.split('/').pop()!;
    expect(v.consoleWarnings.some((w) => w.includes('building tile skipped') && w.includes(tileName))).toBe(true);
    expect(v.consoleErrors.filter((e) => !e.includes('404'))).toEqual([]);
    await v.page.waitForSelector('.archive-down', { timeout: 30_000 });
    await v.page.waitForSelector('.dossier-panel[data-state="unavailable"]');
    expect(await v.page.textContent('.dossier-panel')).toContain('无法加载该建筑的档案');
    const loaded = await v.page.evaluate(() => {
      const scene = window.yz!.viewer.scene;
      let features = 0;
      for (let i = 0; i < scene.primitives.length; i++) {
        const p = scene.primitives.get(i) as { root?: { children: unknown[] } };
        if (!p.root) continue;
        const stack = [p.root as { children: unknown[]; content?: { featuresLength: number } }];
        while (stack.length) {
          const t = stack.pop()!;
          stack.push(...(t.children as typeof stack));
          features += t.content?.featuresLength ?? 0;
        }
      }
      return { features, globe: scene.globe.tilesLoaded };
    });
    expect(loaded.features).toBeGreaterThan(0);
    expect(loaded.globe).toBe(true);
    await saveScreenshot(v.page, 'archive-down');
    expect(v.requested.filter((u) => !isLocal(u))).toEqual([]);

    // A lost WebGL context (GPU reset, driver crash) is told, with a way back: reload.
    await v.page.evaluate(() => {
      const gl = window.yz!.viewer.scene.canvas.getContext('webgl2');
      gl?.getExtension('WEBGL_lose_context')?.loseContext();
    });
    await v.page.waitForSelector('.banner-error');
    expect(await v.page.textContent('.banner-error')).toContain('三维显示已中断');
    await saveScreenshot(v.page, 'webgl-lost');
    await v.page.close();
  });
});
