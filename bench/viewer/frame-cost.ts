/**
 * `npm run bench:frame-cost [-- ours|naive]`: where a frame's time goes. Opens the
 * page at its opening view, waits until it is ready, then times frames (each one
 * forced to finish with a 1-pixel readPixels, so a software GPU's queue is counted)
 * with one scene feature switched off at a time: anti-aliasing, lighting, sky,
 * imagery, primitives, the globe. A diagnostic, not part of `npm run bench`: the
 * figures are for deciding what a render profile should drop.
 */
import { launchChromium } from '../../tests/e2e/chromium.ts';
import { startBenchServer } from './bench-server.ts';

const kind = process.argv[2] === 'naive' ? 'naive' : 'ours';
/** [name, switch off, switch back on]: JS run in the page with `v` (viewer) and `s` (scene). */
const VARIANTS: Array<[string, string, string]> = [
  ['as loaded', '', ''],
  ['MSAA x4', 's.msaaSamples = 4', 's.msaaSamples = window.__msaa'],
  ['FXAA on', 's.postProcessStages.fxaa.enabled = true', 's.postProcessStages.fxaa.enabled = window.__fxaa'],
  ['no globe lighting', 's.globe.enableLighting = false', 's.globe.enableLighting = window.__light'],
  ['no ground atmosphere', 's.globe.showGroundAtmosphere = false', 's.globe.showGroundAtmosphere = true'],
  ['no sky atmosphere', 's.skyAtmosphere.show = false', 's.skyAtmosphere.show = true'],
  ['no data sources', 'for (let i = 0; i < v.dataSources.length; i++) v.dataSources.get(i).show = false', 'for (let i = 0; i < v.dataSources.length; i++) v.dataSources.get(i).show = true'],
  ['no primitives', 'window.__p = []; for (let i = 0; i < s.primitives.length; i++) { window.__p.push(s.primitives.get(i).show); s.primitives.get(i).show = false; }', 'for (let i = 0; i < s.primitives.length; i++) s.primitives.get(i).show = window.__p[i]'],
  ['no globe', 's.globe.show = false', 's.globe.show = true'],
  ['as loaded, again', '', ''],
];

const server = await startBenchServer({ root: process.cwd() });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.addInitScript({ path: new URL('./page/measure-in-page.js', import.meta.url).pathname });
  await page.goto(kind === 'ours' ? `${server.baseUrl}/` : `${server.baseUrl}/bench/page/naive.html`);
  await page.waitForFunction('window.__bench && window.__bench.hasTarget()', undefined, { polling: 100, timeout: 120_000 });
  console.log(`${kind}: ready in ${Math.round((await page.evaluate('window.__bench.ready()')) as number)} ms`);
  await page.evaluate('(() => { const s = (window.yz || window.naive).viewer.scene; window.__msaa = s.msaaSamples; window.__fxaa = s.postProcessStages.fxaa.enabled; window.__light = s.globe.enableLighting; })()');
  for (const [name, off, on] of VARIANTS) {
    const ms = (await page.evaluate(`(() => {
      const v = (window.yz || window.naive).viewer; const s = v.scene;
      const gl = s.canvas.getContext('webgl2') ?? s.canvas.getContext('webgl'); const px = new Uint8Array(4);
      const frame = () => { s.requestRender(); s.render(); gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px); };
      ${off}; frame(); frame();
      const t = performance.now(); for (let i = 0; i < 5; i++) frame(); const perFrame = (performance.now() - t) / 5;
      ${on}; frame();
      return perFrame;
    })()`)) as number;
    console.log(`${name.padEnd(22)} ${Math.round(ms)} ms/frame`);
  }
} finally {
  await browser.close();
  await server.close();
}
