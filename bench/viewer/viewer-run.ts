/**
 * One measured visit of one viewer (ours or the naive page) in a fresh browser
 * context (empty cache): load time to the opening view, bytes and requests until then,
 * JS heap and GPU bytes, click-to-identified latency, frames over the scripted flight;
 * then a second fresh context for the street-level view's load and bytes.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';

export type ViewerKind = 'ours' | 'naive';
/** lon, lat (degrees), height (m), heading, pitch (degrees). */
export type CameraStop = [number, number, number, number, number];

export interface ViewerRunOptions {
  baseUrl: string;
  kind: ViewerKind;
  /** Our opening view, passed to the naive page (ours opens there by itself). */
  openingView: CameraStop;
  streetView: CameraStop;
  flightPath: CameraStop[];
  flightMs: number;
  clicks: number;
  readyTimeoutMs: number;
  /** Load the opening view by its URL parameter for ours too (smoke runs open at the street view). Default false. */
  openingByUrl?: boolean;
  /** Also measure the street-level view in a second fresh context. Default true. */
  street?: boolean;
  /** Footprints the naive page loads (default: the whole sample). */
  naiveBuildingsUrl?: string;
  viewport: { width: number; height: number };
}

export interface Streaming {
  requests: number;
  /** Bytes on the wire (CDP Network.loadingFinished encodedDataLength: compressed bodies plus headers). */
  bytes: number;
}

export interface ViewLoad {
  timedOut: boolean;
  /** From navigation start to ready (ms), null if it timed out. */
  loadMs: number | null;
  /** From navigation start to the buildings layer loaded (ms; terrain and imagery may still be coming in), null if it timed out. */
  buildingsMs: number | null;
  /** Buildings drawn once ready: features in the tiles Cesium selected (ours), entities (naive). */
  buildingsDrawn: number | null;
  streaming: Streaming;
}

export interface ClickResult {
  code: string | null;
  expected: string;
  ms: number;
  /** Ours only: click → dossier panel showing that building's archive record. */
  dossierMs?: number | null;
  /** Ours only: how the app identified it ('cpu' ray picker or 'gpu' scene.pick), from its `yz:pick` event. */
  method?: string | null;
}

export interface ViewerRun {
  kind: ViewerKind;
  opening: ViewLoad;
  street: ViewLoad;
  memory: { jsHeapBytes: number; webgl: { buffers: number; textures: number } | null; tilesetBytes: number | null } | null;
  clicks: ClickResult[];
  flight: { frames: number; seconds: number; fps: number } | null;
  /** Ours: the render profile in force (`yz.renderProfile`). */
  renderProfile?: { software: boolean; applied: boolean; busyScale: number | null } | null;
  /** Measurements that failed in this run, with the reason. */
  errors: string[];
}

const PAGE_SCRIPTS = ['webgl-bytes.js', 'measure-in-page.js'].map((f) => join(import.meta.dirname, 'page', f));

const camParam = (c: CameraStop) => `cam=${c.join(',')}`;

function pageUrl(options: ViewerRunOptions, camera: CameraStop | null): string {
  if (options.kind === 'ours' && !camera && options.openingByUrl) camera = options.openingView;
  if (options.kind === 'ours') return `${options.baseUrl}/${camera ? `?${camParam(camera)}` : ''}`;
  const params = [camParam(camera ?? options.openingView)];
  if (options.naiveBuildingsUrl) params.push(`buildings=${encodeURIComponent(options.naiveBuildingsUrl)}`);
  return `${options.baseUrl}/bench/page/naive.html?${params.join('&')}`;
}

async function openContext(browser: Browser, options: ViewerRunOptions): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession; streaming: Streaming }> {
  const context = await browser.newContext({ viewport: options.viewport });
  for (const path of PAGE_SCRIPTS) await context.addInitScript({ path });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const streaming: Streaming = { requests: 0, bytes: 0 };
  page.on('response', () => streaming.requests++);
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (streaming.bytes += e.encodedDataLength));
  await cdp.send('Network.enable');
  return { context, page, cdp, streaming };
}

/** Navigates and waits for the page's ready promise; a timeout is a result, not an error. */
async function load(page: Page, url: string, streaming: Streaming, timeoutMs: number): Promise<ViewLoad> {
  const deadline = Date.now() + timeoutMs;
  await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
  await page.waitForFunction('window.__bench && window.__bench.hasTarget()', undefined, { timeout: Math.max(1, deadline - Date.now()), polling: 100 });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), Math.max(1, deadline - Date.now()))));
  // performance.now() in the page counts from navigation start.
  const readyAt = await Promise.race([page.evaluate('window.__bench.ready()') as Promise<number>, timeout]);
  clearTimeout(timer);
  if (readyAt === null) return { timedOut: true, loadMs: null, buildingsMs: null, buildingsDrawn: null, streaming: { ...streaming } };
  // Both resolved by now: the buildings load before (or as) the whole view settles.
  const buildingsAt = (await page.evaluate('window.__bench.buildingsReady()')) as number;
  const buildingsDrawn = (await page.evaluate('window.__bench.buildingsDrawn()')) as number | null;
  return { timedOut: false, loadMs: Math.round(readyAt), buildingsMs: Math.round(buildingsAt), buildingsDrawn, streaming: { ...streaming } };
}

/**
 * Clicks each target once. Ours first returns to the state the targets were found in:
 * no dossier panel over the map (it would take the next click), a settled scene and a
 * GPU that has drawn it (a click on an on-demand renderer then measures the pick, not
 * the software GPU's queue of the previous selection's frames). The naive page renders continuously, as Cesium does by default.
 * A click that does not reach the canvas is recorded as not identified, never shifted
 * onto the next target.
 */
async function measureClicks(page: Page, kind: ViewerKind, count: number): Promise<ClickResult[]> {
  const targets = (await page.evaluate(`window.__bench.pickTargets(${count})`)) as Array<{ code: string; x: number; y: number }>;
  await page.evaluate('window.__bench.armClicks()');
  const results: ClickResult[] = [];
  for (const t of targets) {
    if (kind === 'ours') {
      await page.evaluate('window.yz.clearSelection()');
      await page.waitForFunction('document.querySelector(".dossier-panel") === null', undefined, { timeout: 30_000, polling: 50 });
      await page.evaluate('window.yz.whenTilesLoaded()');
      await page.evaluate('window.__bench.gpuIdle()');
    }
    const before = ((await page.evaluate('window.__bench.clicks()')) as unknown[]).length;
    // Ours opens the dossier: watch for it before clicking so no time is lost to round trips.
    const selector = `.dossier-panel[data-code="${t.code}"][data-state="ok"]`;
    const dossier = kind === 'ours' ? (page.evaluate(`window.__bench.timeUntilAfterClick(${JSON.stringify(selector)}, ${before}, 30000)`) as Promise<number | null>) : null;
    await page.mouse.click(t.x, t.y);
    const dossierMs = dossier ? await dossier : undefined;
    const clicks = (await page.evaluate('window.__bench.clicks()')) as Array<{ code: string | null; ms: number; method?: string | null }>;
    const click = clicks.length > before ? clicks[before] : undefined;
    results.push({
      code: click?.code ?? null,
      expected: t.code,
      ms: Math.round((click?.ms ?? NaN) * 100) / 100,
      ...(dossier ? { dossierMs: dossierMs === null ? null : Math.round(dossierMs!), method: click?.method ?? null } : {}),
    });
  }
  if (kind === 'ours') await page.evaluate('window.yz.clearSelection()');
  return results;
}

async function attempt(run: ViewerRun, what: string, measure: () => Promise<void>): Promise<void> {
  try {
    await measure();
  } catch (error) {
    run.errors.push(`${what}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

export async function runViewer(browser: Browser, options: ViewerRunOptions, log: (message: string) => void = () => {}): Promise<ViewerRun> {
  const run: ViewerRun = { kind: options.kind, opening: { timedOut: true, loadMs: null, buildingsMs: null, buildingsDrawn: null, streaming: { requests: 0, bytes: 0 } }, street: { timedOut: true, loadMs: null, buildingsMs: null, buildingsDrawn: null, streaming: { requests: 0, bytes: 0 } }, memory: null, clicks: [], flight: null, errors: [] };
  const first = await openContext(browser, options);
  try {
    run.opening = await load(first.page, pageUrl(options, null), first.streaming, options.readyTimeoutMs);
    log(`opening view ${run.opening.timedOut ? 'timed out' : `ready in ${run.opening.loadMs} ms`}`);
    if (options.kind === 'ours') run.renderProfile = (await first.page.evaluate('window.yz && window.yz.renderProfile ? window.yz.renderProfile : null')) as ViewerRun['renderProfile'];
    if (!run.opening.timedOut) {
      // Each measurement on its own: one that fails is recorded, the others still run.
      await attempt(run, 'memory', async () => {
        await first.cdp.send('HeapProfiler.collectGarbage');
        // Main-thread heap, precise (performance.memory is bucketed without a flag); workers not included.
        const heap = (await first.cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
        const inPage = (await first.page.evaluate('window.__bench.memory()')) as Omit<NonNullable<ViewerRun['memory']>, 'jsHeapBytes'>;
        run.memory = { jsHeapBytes: heap.usedSize, webgl: inPage.webgl, tilesetBytes: inPage.tilesetBytes };
      });
      await attempt(run, 'clicks', async () => {
        run.clicks = await measureClicks(first.page, options.kind, options.clicks);
        log(`${run.clicks.length} clicks`);
      });
      await attempt(run, 'flight', async () => {
        run.flight = (await first.page.evaluate(`window.__bench.flight(${JSON.stringify(options.flightPath)}, ${options.flightMs})`)) as ViewerRun['flight'];
        log(`flight ${run.flight?.fps.toFixed(2)} fps`);
      });
    }
  } finally {
    await first.context.close();
  }
  if (options.street === false) {
    // Opened at the street view already: that load is the street view's.
    run.street = run.opening;
    return run;
  }
  const second = await openContext(browser, options);
  try {
    run.street = await load(second.page, pageUrl(options, options.streetView), second.streaming, options.readyTimeoutMs);
    log(`street view ${run.street.timedOut ? 'timed out' : `ready in ${run.street.loadMs} ms`}`);
  } finally {
    await second.context.close();
  }
  return run;
}
