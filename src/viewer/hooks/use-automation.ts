/**
 * The automation handle (README "Automation handle": window.yz) and the rendering
 * set-up it reports: the lighter profile on a software renderer (`?render=full`
 * keeps Cesium's defaults), the scale (`?scale=0.5` renders at half resolution) and
 * the PNG export, in every mode.
 */
import type { Viewer } from 'cesium';
import { useEffect } from 'react';
import { renderScaleFromUrl } from '../app-mode.ts';
import { extendAutomationHandle, installAutomationHandle } from '../automation-handle.ts';
import { adaptiveResolutionOf } from '../scene/adaptive-resolution.ts';
import { applyRenderProfile, wantsFullRendering } from '../scene/software-rendering.ts';
import { whenTilesLoaded } from '../scene/tiles-loaded.ts';
import { exportPng } from '../tour/export-png.ts';

export interface AutomationOptions {
  buildingsLoaded: Promise<void>;
  select(code: string | null): void;
  flyTo(code: string): Promise<void>;
}

export function useAutomation(viewer: Viewer | null, { buildingsLoaded, select, flyTo }: AutomationOptions): void {
  useEffect(() => {
    if (!viewer) return;
    installAutomationHandle(viewer, {
      buildingsLoaded,
      select: async (code) => {
        select(code);
        await flyTo(code);
        await whenTilesLoaded(viewer);
      },
      clearSelection: () => select(null),
    });
  }, [viewer, buildingsLoaded, flyTo, select]);

  useEffect(() => {
    if (!viewer) return;
    // The URL's scale first: the profile's adaptive resolution returns to it when still.
    const scale = renderScaleFromUrl(window.location.search);
    if (scale !== null) viewer.resolutionScale = scale;
    const renderProfile = applyRenderProfile(viewer, { full: wantsFullRendering(window.location.search) });
    const removeHandle = extendAutomationHandle({ exportPng: (size) => exportPng(viewer, size), renderProfile });
    return () => {
      removeHandle();
      if (!viewer.isDestroyed()) adaptiveResolutionOf(viewer)?.remove();
    };
  }, [viewer]);
}
