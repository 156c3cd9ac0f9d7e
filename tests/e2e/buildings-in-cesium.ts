/**
 * Loads a freshly built buildings tileset in real CesiumJS (headless Chromium,
 * SwiftShader) on a bare page of its own: Cesium from node_modules, tiles from the
 * project's server. Checks what only a renderer can: every building streams in once,
 * styling by property works, and picking returns a building with its properties.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from '../../src/server/create-server.ts';
import { buildBuildingsTileset } from '../../src/pipeline/buildings/build-buildings-tileset.ts';
import { createSyntheticDistrict } from '../../src/sample/synthetic/synthetic-district.ts';
import { launchChromium, saveScreenshot } from './chromium.ts';

export interface CesiumCheck {
  buildings: number;
  loadedFeatures: number;
  loadedIds: number;
  picked: Record<string, unknown> | null;
  styledColours: number;
  errors: string[];
  external: string[];
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/cesium/Widgets/widgets.css">
<style>html,body,#c{margin:0;width:100%;height:100%;overflow:hidden}</style>
<script>window.CESIUM_BASE_URL = '/cesium/';</script><script src="/cesium/Cesium.js"></script></head>
<body><div id="c"></div></body></html>`;

export interface CesiumCheckOptions {
  /** Synthetic buildings to build and load. Default 300. */
  count?: number;
  /** Load this existing tiles folder (with buildings/) instead of building one. */
  tilesDir?: string;
  /** Cesium's maximumScreenSpaceError. Default 1: everything loads. */
  maximumScreenSpaceError?: number;
  /** Screenshot name. */
  screenshot?: string;
}

export async function checkBuildingsInCesium(options: CesiumCheckOptions = {}): Promise<CesiumCheck & { tilesLoaded: number }> {
  const count = options.count ?? 300;
  const root = mkdtempSync(join(tmpdir(), 'yz-cesium-'));
  const viewerDir = join(root, 'viewer');
  mkdirSync(viewerDir);
  writeFileSync(join(viewerDir, 'index.html'), PAGE);
  symlinkSync(join(process.cwd(), 'node_modules', 'cesium', 'Build', 'Cesium'), join(viewerDir, 'cesium'));
  let buildings = -1;
  if (!options.tilesDir) {
    const district = createSyntheticDistrict({ count, seed: 3 });
    const result = await buildBuildingsTileset({
      features: district.features(),
      grid: district.grid,
      outDir: join(root, 'tiles', 'buildings'),
      workers: 0,
      tiling: { maxFeaturesPerTile: 60, parentFeatures: 20 },
    });
    if (!result.ok) throw new Error(result.error);
    buildings = result.summary.buildings;
  }

  const app = await createServer({ viewerDir, tilesDir: options.tilesDir ?? join(root, 'tiles') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const browser = await launchChromium();
  const errors: string[] = [];
  const requested: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
      if (process.env.YZ_DEBUG) console.log('[page]', m.text());
    });
    page.on('crash', () => errors.push('page crashed'));
    page.on('request', (r) => requested.push(r.url()));
    // The bare page has no favicon; that 404 is not the tileset's.
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`http://127.0.0.1:${port}/`);
    const check = await page.evaluate(async (sseOption: number) => {
      const C = (window as unknown as { Cesium: any }).Cesium; // eslint-disable-line @typescript-eslint/no-explicit-any
      const viewer = new C.Viewer('c', {
        baseLayer: false, baseLayerPicker: false, geocoder: false, timeline: false, animation: false,
        homeButton: false, sceneModePicker: false, navigationHelpButton: false, fullscreenButton: false, infoBox: false, selectionIndicator: false,
        terrainProvider: new C.EllipsoidTerrainProvider(),
      });
      viewer.scene.globe.show = false; // the synthetic buildings stand ~230 m above the ellipsoid
      const tileset = await C.Cesium3DTileset.fromUrl('/tiles/buildings/tileset.json', { maximumScreenSpaceError: sseOption });
      viewer.scene.primitives.add(tileset);
      tileset.style = new C.Cesium3DTileStyle({
        color: { conditions: [["${heritage} === 1", "color('red')"], ["${structure} === '砖木'", "color('orange')"], ['true', "color('white')"]] },
      });
      const ids = new Set<string>();
      let features = 0;
      let tilesLoaded = 0;
      tileset.tileLoad.addEventListener((tile: any) => { // eslint-disable-line @typescript-eslint/no-explicit-any
        const content = tile.content;
        tilesLoaded++;
        features += content.featuresLength;
        for (let i = 0; i < content.featuresLength; i++) ids.add(content.getFeature(i).getProperty('id'));
      });
      const loaded = new Promise((resolve) => tileset.allTilesLoaded.addEventListener(resolve));
      console.log('tileset ready, root error', tileset.root.geometricError);
      const sphere = tileset.boundingSphere;
      viewer.camera.viewBoundingSphere(sphere, new C.HeadingPitchRange(0, -Math.PI / 2.5, sphere.radius * 2.2));
      viewer.camera.lookAtTransform(C.Matrix4.IDENTITY);
      await loaded;
      console.log('all tiles loaded', features);
      for (let i = 0; i < 20; i++) {
        viewer.scene.render();
        await new Promise((r) => requestAnimationFrame(r));
      }
      const canvas = viewer.scene.canvas;
      let picked: Record<string, unknown> | null = null;
      for (const [fx, fy] of [[0.5, 0.5], [0.45, 0.5], [0.55, 0.5], [0.5, 0.45], [0.5, 0.55], [0.4, 0.4], [0.6, 0.6]]) {
        const p = viewer.scene.pick(new C.Cartesian2(canvas.clientWidth * fx!, canvas.clientHeight * fy!));
        if (p && p.getProperty) {
          picked = {};
          for (const name of p.getPropertyIds()) picked[name] = p.getProperty(name);
          break;
        }
      }
      // Distinct colours in the frame: white, orange and red buildings, not one flat grey.
      const gl = viewer.scene.context._gl;
      const px = new Uint8Array(4 * 64 * 64);
      gl.readPixels(Math.floor(gl.drawingBufferWidth / 2) - 32, Math.floor(gl.drawingBufferHeight / 2) - 32, 64, 64, gl.RGBA, gl.UNSIGNED_BYTE, px);
      const colours = new Set<string>();
      for (let i = 0; i < px.length; i += 4) colours.add(`${px[i]! >> 4},${px[i + 1]! >> 4},${px[i + 2]! >> 4}`);
      return { loadedFeatures: features, loadedIds: ids.size, picked, styledColours: colours.size, tilesLoaded };
    }, options.maximumScreenSpaceError ?? 1);
    await saveScreenshot(page, options.screenshot ?? 'buildings-in-cesium');
    const external = requested.filter((u) => !/^(data:|blob:|http:\/\/127\.0\.0\.1)/.test(u));
    return { buildings, ...check, errors, external };
  } finally {
    await browser.close();
    await app.close();
    rmSync(root, { recursive: true, force: true });
  }
}
