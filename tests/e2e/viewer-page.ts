/**
 * Helpers for browser tests of the viewer: open a page and record what went wrong,
 * and look into the scene through the public automation handle (`window.yz`) and
 * Cesium's public API only — the buildings tileset is found among the scene's
 * primitives, its loaded features by walking its tiles.
 */
import type { Browser, Page } from 'playwright-core';

export interface ViewerPage {
  page: Page;
  requested: string[];
  failed: string[];
  consoleErrors: string[];
  consoleWarnings: string[];
}

export interface OpenViewerOptions {
  viewport?: { width: number; height: number };
  /** Runs on the new page before it navigates (e.g. to route requests). */
  prepare?: (page: Page) => Promise<unknown>;
}

export async function openViewer(browser: Browser, url: string, options: OpenViewerOptions = {}): Promise<ViewerPage> {
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 720 } });
  await options.prepare?.(page);
  const v: ViewerPage = { page, requested: [], failed: [], consoleErrors: [], consoleWarnings: [] };
  page.on('request', (req) => v.requested.push(req.url()));
  page.on('requestfailed', (req) => v.failed.push(`${req.url()} ${req.failure()?.errorText ?? ''}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') v.consoleErrors.push(msg.text());
    if (msg.type() === 'warning') v.consoleWarnings.push(msg.text());
    if (process.env.YZ_DEBUG) console.log('[page]', msg.text());
  });
  page.on('pageerror', (err) => v.consoleErrors.push(String(err)));
  await page.goto(url);
  await page.waitForFunction(() => window.yz !== undefined, undefined, { timeout: 120_000 });
  return v;
}

export async function waitReady(page: Page): Promise<void> {
  await page.evaluate(() => window.yz!.ready);
}

/** A building feature found in the scene: its code, where its roof centre is on screen, and its colour. */
export interface FoundBuilding {
  code: string;
  x: number;
  y: number;
  colour: string;
}

/**
 * Runs in the page: every loaded feature of the buildings tileset, by code. Declared
 * as a string-free function so it can be passed to page.evaluate and reused there.
 */
const LOADED_FEATURES = `(() => {
  const scene = window.yz.viewer.scene;
  let tileset = null;
  for (let i = 0; i < scene.primitives.length; i++) {
    const p = scene.primitives.get(i);
    // The buildings tileset by its address: other tilesets (lifelines) share the scene.
    if (p && p.root && p.allTilesLoaded && String(p.resource && p.resource.url).includes('/tiles/buildings/')) tileset = p;
  }
  const byCode = new Map();
  if (!tileset) return byCode;
  const stack = [tileset.root];
  while (stack.length) {
    const tile = stack.pop();
    stack.push(...tile.children);
    const content = tile.content;
    if (!content || !content.featuresLength) continue;
    for (let i = 0; i < content.featuresLength; i++) {
      const f = content.getFeature(i);
      const code = f.getProperty('id');
      if (!byCode.has(code)) byCode.set(code, f);
    }
  }
  return byCode;
})()`;

/** The colour of a loaded building as CSS hex, or null if it is not loaded. */
export async function featureColour(page: Page, code: string): Promise<string | null> {
  return page.evaluate(
    ([code, script]) => {
      const byCode = (0, eval)(script) as Map<string, { color: { toCssHexString(): string } }>;
      return byCode.get(code)?.color.toCssHexString() ?? null;
    },
    [code, LOADED_FEATURES] as const,
  );
}

/** Whether a loaded building is shown (filters hide the others), or null if not loaded. */
export async function featureShown(page: Page, code: string): Promise<boolean | null> {
  return page.evaluate(
    ([code, script]) => {
      const byCode = (0, eval)(script) as Map<string, { show: boolean }>;
      return byCode.get(code)?.show ?? null;
    },
    [code, LOADED_FEATURES] as const,
  );
}

export async function loadedCodes(page: Page): Promise<string[]> {
  return page.evaluate((script) => [...((0, eval)(script) as Map<string, unknown>).keys()], LOADED_FEATURES);
}

/**
 * A building whose roof centre is on screen inside `box` and picks back to itself:
 * its top centre (archive lon/lat, roof height from the tile's ground and height)
 * through the scene's transform to window coordinates, then scene.pick there.
 */
export async function findClickableBuilding(page: Page, box: { left: number; top: number; right: number; bottom: number }): Promise<FoundBuilding> {
  const found = await page.evaluate(
    async ([script, box]) => {
      type Feature = { getProperty(name: string): unknown; color: { toCssHexString(): string } };
      const viewer = window.yz!.viewer;
      const scene = viewer.scene;
      const byCode = (0, eval)(script) as Map<string, Feature>;
      const codes = [...byCode.keys()].sort();
      for (const code of codes) {
        const f = byCode.get(code)!;
        const res = await fetch(`/api/buildings/${code}`);
        if (!res.ok) continue;
        const { building } = (await res.json()) as { building: { lon: number; lat: number } };
        const groundMin = f.getProperty('ground_min') as number;
        const groundMax = f.getProperty('ground_max') as number;
        const height = f.getProperty('height') as number;
        const roof = Math.max(groundMin + height, groundMax + 3) - 0.5;
        const world = scene.globe.ellipsoid.cartographicToCartesian({ longitude: (building.lon * Math.PI) / 180, latitude: (building.lat * Math.PI) / 180, height: roof } as never);
        const win = scene.cartesianToCanvasCoordinates(world);
        if (!win || win.x < box.left || win.x > box.right || win.y < box.top || win.y > box.bottom) continue;
        const picked = scene.pick(win) as Feature | undefined;
        if (picked && typeof picked.getProperty === 'function' && picked.getProperty('id') === code) {
          const rect = scene.canvas.getBoundingClientRect();
          return { code, x: rect.left + win.x, y: rect.top + win.y, colour: f.color.toCssHexString() };
        }
        if (codes.indexOf(code) > 400) break;
      }
      return null;
    },
    [LOADED_FEATURES, box] as const,
  );
  if (!found) throw new Error('no loaded building has its roof centre on screen and pickable');
  return found;
}

/** Camera position as lon/lat/height (degrees, m). */
export async function cameraPosition(page: Page): Promise<{ lon: number; lat: number; height: number; heading: number; pitch: number }> {
  return page.evaluate(() => {
    const c = window.yz!.viewer.camera;
    const p = c.positionCartographic;
    return { lon: (p.longitude * 180) / Math.PI, lat: (p.latitude * 180) / Math.PI, height: p.height, heading: c.heading, pitch: c.pitch };
  });
}

export function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  return hostname === '127.0.0.1' || hostname === 'localhost';
}

/** Waits until a loaded building has this colour; resolves with the milliseconds it took. */
export async function waitForColour(page: Page, code: string, colour: string, timeout: number): Promise<number> {
  const started = Date.now();
  await page.waitForFunction(
    ([code, colour, script]) => {
      const byCode = (0, eval)(script) as Map<string, { color: { toCssHexString(): string } }>;
      return byCode.get(code)?.color.toCssHexString() === colour;
    },
    [code, colour, LOADED_FEATURES] as const,
    { timeout, polling: 100 },
  );
  return Date.now() - started;
}

/**
 * Watches, inside the page, for a loaded building to take this colour, and gives the
 * wall-clock time (Date.now, same machine as the test) at which it did. Checked every
 * 25 ms in the page itself, so the figure is when the map changed, not when a busy
 * page next answered the test's poll (SwiftShader renders on the same main thread).
 * Start it before making the change.
 */
export async function watchColour(page: Page, code: string, colour: string): Promise<{ changedAt(timeout: number): Promise<number> }> {
  const key = `yzWatch_${code}_${Date.now()}`;
  await page.evaluate(
    ([code, colour, script, key]) => {
      const w = window as unknown as Record<string, number | null>;
      w[key] = null;
      const byCode = (0, eval)(script) as Map<string, { color: { toCssHexString(): string } }>;
      const feature = byCode.get(code);
      if (!feature) throw new Error(`${code} is not loaded`);
      const timer = setInterval(() => {
        if (feature.color.toCssHexString() !== colour) return;
        w[key] = Date.now();
        clearInterval(timer);
      }, 25);
    },
    [code, colour, LOADED_FEATURES, key] as const,
  );
  return {
    async changedAt(timeout: number) {
      const handle = await page.waitForFunction((key) => (window as unknown as Record<string, number | null>)[key], key, { timeout, polling: 100 });
      return (await handle.jsonValue()) as number;
    },
  };
}

/** Waits until a loaded building is shown or hidden (filters apply on the next React render). */
export async function waitForShown(page: Page, code: string, shown: boolean): Promise<void> {
  await page.waitForFunction(
    ([code, shown, script]) => ((0, eval)(script) as Map<string, { show: boolean }>).get(code)?.show === shown,
    [code, shown, LOADED_FEATURES] as const,
    { timeout: 10_000, polling: 100 },
  );
}
