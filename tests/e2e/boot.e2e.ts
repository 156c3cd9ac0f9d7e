import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, saveScreenshot } from './chromium.ts';

describe('the served viewer boots offline', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('boots Cesium, loads the opening view, with no request leaving localhost and no console error', async () => {
    const baseUrl = inject('baseUrl');
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const requested: string[] = [];
    const consoleErrors: string[] = [];
    const failed: string[] = [];
    page.on('request', (req) => requested.push(req.url()));
    page.on('requestfailed', (req) => failed.push(`${req.url()} ${req.failure()?.errorText ?? ''}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => consoleErrors.push(String(err)));

    await page.goto(`${baseUrl}/`);
    await page.waitForFunction(() => window.yz !== undefined, undefined, { timeout: 60_000 });
    await page.evaluate(() => window.yz!.ready);
    await saveScreenshot(page, 'boot-opening-view');

    const state = await page.evaluate(() => ({
      title: document.querySelector('.app-title h1')?.textContent,
      canvas: document.querySelector('canvas') !== null,
      // Scene.context is not in Cesium's public types, but it is what says WebGL 2 is on.
      webgl2: (window.yz!.viewer.scene as unknown as { context: { webgl2: boolean } }).context.webgl2,
      cameraHeight: window.yz!.viewer.camera.positionCartographic.height,
      profile: window.yz!.renderProfile,
      msaa: window.yz!.viewer.scene.msaaSamples,
      // Cesium's own click-to-select pick (ScreenSpaceEventType.LEFT_CLICK = 2, LEFT_DOUBLE_CLICK = 3) is off.
      viewerClickActions: [2, 3].map((type) => window.yz!.viewer.screenSpaceEventHandler.getInputAction(type) ?? null),
    }));
    expect(state.title).toBe('渝中数字孪生');
    expect(state.canvas).toBe(true);
    expect(state.webgl2).toBe(true);
    expect(state.cameraHeight).toBeGreaterThan(1000);
    expect(state.cameraHeight).toBeLessThan(10000);
    // SwiftShader here: the software profile is on, and this Cesium still has the
    // private globe load budget it sets (a Cesium upgrade that drops it fails here).
    expect(state.profile).toMatchObject({ software: true, applied: true, msaaSamples: 1, fxaa: false, loadBudgetMs: 250, skyAtmosphere: false, busyScale: 0.35 });
    expect(state.msaa).toBe(1);
    expect(state.viewerClickActions).toEqual([null, null]);

    // Adaptive resolution: the settled view is drawn at full resolution, a moving camera
    // at the busy scale, and the view is full resolution again once it has settled.
    const widths = await page.evaluate(async () => {
      const viewer = window.yz!.viewer;
      const settled = viewer.scene.canvas.width;
      const moving = await new Promise<number>((resolve) => {
        let frames = 0;
        const remove = viewer.scene.postRender.addEventListener(() => {
          frames++;
          if (frames < 3) {
            viewer.camera.moveForward(20);
            viewer.scene.requestRender();
            return;
          }
          remove();
          resolve(viewer.scene.canvas.width);
        });
        viewer.camera.moveForward(20);
        viewer.scene.requestRender();
      });
      await window.yz!.whenTilesLoaded();
      return { settled, moving, again: viewer.scene.canvas.width };
    });
    expect(widths.settled).toBe(1280);
    expect(widths.moving).toBe(Math.round(1280 * 0.35));
    expect(widths.again).toBe(1280);

    const external = requested.filter((url) => {
      const { protocol, hostname } = new URL(url);
      if (protocol === 'data:' || protocol === 'blob:') return false;
      return hostname !== '127.0.0.1' && hostname !== 'localhost';
    });
    expect(external).toEqual([]);
    expect(requested.some((url) => url.includes('/cesium/Workers/'))).toBe(true);
    expect(failed).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('serves the production bundle, even when built from the test runner', async () => {
    // NODE_ENV=test once leaked into the build: development React double-ran effects and
    // stopped the live grades feed. The development build carries this DevTools hint.
    const baseUrl = inject('baseUrl');
    const html = await (await fetch(`${baseUrl}/`)).text();
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const js = await (await fetch(new URL(src, baseUrl))).text();
      expect(js.length).toBeGreaterThan(1000);
      expect(js).not.toContain('Download the React DevTools');
    }
  });

  it('switches to English with ?lang=en', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    await page.goto(`${inject('baseUrl')}/?lang=en`);
    await page.waitForSelector('.app-title h1');
    expect(await page.textContent('.app-title h1')).toBe('Yuzhong Twin');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.close();
  });
});
