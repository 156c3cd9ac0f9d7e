/**
 * The current view as a PNG, at screen resolution or larger (4K for print or a
 * slide). Renders the same scene at a higher `resolutionScale`, waits until that
 * view's tiles are loaded (a larger canvas asks for finer tiles), reads the canvas in
 * the frame that drew it (no preserveDrawingBuffer needed), then restores the scale.
 */
import type { Viewer } from 'cesium';
import { adaptiveResolutionOf } from '../scene/adaptive-resolution.ts';
import { whenTilesLoaded } from '../scene/tiles-loaded.ts';

export interface PngSize {
  /** Multiple of the canvas's CSS size; 1 = screen resolution. */
  scale?: number;
  /** Output width in pixels (e.g. 3840 for 4K); wins over `scale`. */
  width?: number;
}

export interface PngExport {
  dataUrl: string;
  width: number;
  height: number;
}

/** Largest canvas side we ask for: 8K is beyond what most GPUs' drawing buffers allow. */
const MAX_SIDE = 7680;

export function exportScale(cssWidth: number, size: PngSize = {}): number {
  const wanted = size.width !== undefined ? size.width / cssWidth : (size.scale ?? 1);
  return Math.max(0.1, Math.min(wanted, MAX_SIDE / cssWidth));
}

function captureNextFrame(viewer: Viewer): Promise<PngExport> {
  return new Promise((resolve) => {
    const remove = viewer.scene.postRender.addEventListener(() => {
      remove();
      const canvas = viewer.scene.canvas;
      resolve({ dataUrl: canvas.toDataURL('image/png'), width: canvas.width, height: canvas.height });
    });
    viewer.scene.requestRender();
  });
}

export async function exportPng(viewer: Viewer, size: PngSize = {}): Promise<PngExport> {
  // Adaptive resolution would lower the export's scale while its tiles load: off until done.
  const resume = adaptiveResolutionOf(viewer)?.suspend();
  const before = { scale: viewer.resolutionScale, browser: viewer.useBrowserRecommendedResolution };
  // With the browser's recommended resolution, resolutionScale counts CSS pixels: what the caller asked in.
  viewer.useBrowserRecommendedResolution = true;
  viewer.resolutionScale = exportScale(viewer.scene.canvas.clientWidth, size);
  try {
    await whenTilesLoaded(viewer);
    return await captureNextFrame(viewer);
  } finally {
    viewer.useBrowserRecommendedResolution = before.browser;
    viewer.resolutionScale = before.scale;
    resume?.();
    viewer.scene.requestRender();
  }
}

/** Saves a PNG export as a file download. */
export function downloadPng(png: PngExport, fileName: string): void {
  const link = document.createElement('a');
  link.href = png.dataUrl;
  link.download = fileName;
  link.click();
}
