/**
 * `window.yz`: a small, stable handle for browser tests, kiosk scripts and
 * benchmarks. Documented in the README; grows with the viewer, never breaks.
 */
import type { Viewer } from 'cesium';
import { whenTilesLoaded } from './scene/tiles-loaded.ts';

export interface AutomationHandle {
  /** The Cesium viewer. */
  viewer: Viewer;
  /** Resolves when the opening view's tiles are all loaded. */
  ready: Promise<void>;
  /** Resolves when the current view's tiles are all loaded. */
  whenTilesLoaded(): Promise<void>;
}

declare global {
  interface Window {
    yz?: AutomationHandle;
  }
}

export function installAutomationHandle(viewer: Viewer): AutomationHandle {
  const handle: AutomationHandle = {
    viewer,
    ready: whenTilesLoaded(viewer),
    whenTilesLoaded: () => whenTilesLoaded(viewer),
  };
  window.yz = handle;
  return handle;
}
