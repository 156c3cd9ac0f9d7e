/**
 * `window.yz`: a small, stable handle for browser tests, kiosk scripts and
 * benchmarks. Documented in the README ("Automation handle"); grows with the viewer,
 * never breaks.
 */
import type { Viewer } from 'cesium';
import { whenTilesLoaded } from './scene/tiles-loaded.ts';

export interface AutomationHandle {
  /** The Cesium viewer. */
  viewer: Viewer;
  /** Resolves when the opening view's tiles — terrain, imagery and the buildings tileset — are all loaded. */
  ready: Promise<void>;
  /** Resolves when the current view's tiles are all loaded. */
  whenTilesLoaded(): Promise<void>;
  /**
   * Selects a building by code (e.g. `YZ-00001`), opens its dossier and flies to it;
   * resolves once the camera has arrived and that view's tiles are loaded. Rejects if
   * the archive does not know the building (or cannot be reached: it gives the position).
   */
  select(code: string): Promise<void>;
  /** Clears the selection and closes the panel. */
  clearSelection(): void;
}

export interface AutomationActions {
  /** Resolves when the buildings tileset has finished its first load (or failed to load). */
  buildingsLoaded: Promise<void>;
  select(code: string): Promise<void>;
  clearSelection(): void;
}

declare global {
  interface Window {
    yz?: AutomationHandle;
  }
}

export function installAutomationHandle(viewer: Viewer, actions: AutomationActions): AutomationHandle {
  const handle: AutomationHandle = {
    viewer,
    // The tileset's own tilesLoaded is true before its first request: wait for its first
    // allTilesLoaded, then for a settled frame of everything.
    ready: actions.buildingsLoaded.then(() => whenTilesLoaded(viewer)),
    whenTilesLoaded: () => whenTilesLoaded(viewer),
    select: actions.select,
    clearSelection: actions.clearSelection,
  };
  window.yz = handle;
  return handle;
}
