/**
 * A lighter render profile for machines without a GPU. Offices and control rooms often
 * run the viewer in a virtual machine where WebGL falls back to a software rasterizer
 * (SwiftShader, llvmpipe, Microsoft Basic Render Driver). There every fragment costs CPU
 * time, a frame of the opening view takes about a second, and Cesium's defaults, tuned
 * for a GPU at 60 fps, make the first view crawl in. On such a renderer:
 * - no anti-aliasing: measured on SwiftShader at 1280×720, MSAA ×4 and FXAA each cost
 *   about 0.4 s of a 0.9 s frame (bench/viewer, "Rendering without a GPU" in the README);
 * - the globe may spend up to `loadBudgetMs` of each frame creating loaded terrain and
 *   imagery tiles instead of Cesium's 5 ms: with one frame a second, 5 ms a frame is
 *   what kept the opening view waiting on tiles that had long arrived;
 * - no sky atmosphere (a plain sky colour instead): it costs 0.1 s a frame even at a
 *   third of the resolution, for a strip of sky most of our views never show;
 * - adaptive resolution (adaptive-resolution.ts): frames are drawn at `busyScale` while
 *   the camera moves or tiles load, at full resolution once the scene is still.
 * A GPU keeps Cesium's defaults. `?render=full` keeps them on any renderer.
 */
import { Color, type Viewer } from 'cesium';
import { installAdaptiveResolution } from './adaptive-resolution.ts';

/** The sky behind the city when the atmosphere is not drawn: Chongqing's usual hazy blue. */
const PLAIN_SKY = Color.fromCssColorString('#b8cbdc');

/** Substrings of WebGL renderer names that mean "rasterized on the CPU". */
const SOFTWARE_RENDERERS = ['swiftshader', 'llvmpipe', 'softpipe', 'basic render driver', 'software rasterizer', 'lavapipe'];

/** True when a WebGL renderer name (`RENDERER` or the unmasked one) is a software rasterizer. */
export function isSoftwareRenderer(renderer: string): boolean {
  const name = renderer.toLowerCase();
  return SOFTWARE_RENDERERS.some((s) => name.includes(s));
}

/** The WebGL renderer's name as the browser reports it (unmasked where allowed). */
export function webglRendererName(gl: WebGLRenderingContext | WebGL2RenderingContext): string {
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const unmasked = info ? (gl.getParameter(info.UNMASKED_RENDERER_WEBGL) as unknown) : null;
  return typeof unmasked === 'string' && unmasked ? unmasked : String(gl.getParameter(gl.RENDERER));
}

export interface SoftwareRenderingOptions {
  /** Milliseconds per frame the globe may spend building loaded tiles. Default 250. */
  loadBudgetMs?: number;
  /** Resolution scale while the camera moves or tiles load (1 = never lower). Default 0.35. */
  busyScale?: number;
}

/** What was applied, for tests and the automation handle. */
export interface RenderProfile {
  renderer: string;
  software: boolean;
  /** False when `?render=full` kept Cesium's defaults on a software renderer. */
  applied: boolean;
  msaaSamples: number;
  fxaa: boolean;
  /** The globe's per-frame tile-load budget (ms), null if this Cesium has no such knob. */
  loadBudgetMs: number | null;
  skyAtmosphere: boolean;
  /** Resolution scale while busy, null when frames are always drawn at the rest scale. */
  busyScale: number | null;
}

/** Cesium's globe surface keeps its per-frame load budget in a private field (5 ms by default). */
interface GlobeSurfaceInternals {
  _surface?: { _loadQueueTimeSlice?: unknown };
}

/** The renderer's profile, from the URL's `render` parameter: `full` keeps Cesium's defaults. */
export function wantsFullRendering(search: string): boolean {
  return new URLSearchParams(search).get('render') === 'full';
}

/**
 * Applies the software profile when the viewer's WebGL context is a software
 * rasterizer; leaves a GPU alone. Returns what is in force.
 */
export function applyRenderProfile(viewer: Viewer, options: SoftwareRenderingOptions & { full?: boolean } = {}): RenderProfile {
  const { scene } = viewer;
  const gl = scene.canvas.getContext('webgl2') ?? scene.canvas.getContext('webgl');
  const renderer = gl ? webglRendererName(gl) : 'unknown';
  const software = isSoftwareRenderer(renderer);
  const surface = (scene.globe as unknown as GlobeSurfaceInternals)._surface;
  const hasBudget = typeof surface?._loadQueueTimeSlice === 'number';
  const applied = software && !options.full;
  const loadBudget = options.loadBudgetMs ?? 250;
  if (applied) {
    scene.msaaSamples = 1;
    scene.postProcessStages.fxaa.enabled = false;
    if (hasBudget) surface!._loadQueueTimeSlice = loadBudget;
    else console.warn('此版本 Cesium 无地形加载时间片，保持默认 / this Cesium has no globe load time slice; keeping its default');
    if (scene.skyAtmosphere) scene.skyAtmosphere.show = false;
    if (scene.skyBox) scene.skyBox.show = false;
    scene.backgroundColor = PLAIN_SKY;
  }
  const busyScale = options.busyScale ?? 0.35;
  const adaptive = applied && busyScale < 1 ? installAdaptiveResolution(viewer, { busyScale }) : null;
  return {
    renderer,
    software,
    applied,
    msaaSamples: scene.msaaSamples,
    fxaa: scene.postProcessStages.fxaa.enabled,
    loadBudgetMs: hasBudget ? (surface!._loadQueueTimeSlice as number) : null,
    skyAtmosphere: scene.skyAtmosphere?.show ?? false,
    busyScale: adaptive ? Math.min(adaptive.busyScale, adaptive.restScale) : null,
  };
}
