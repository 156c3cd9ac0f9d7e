/**
 * `window.yz`: a small, stable handle for browser tests, kiosk scripts and
 * benchmarks. Documented in the README ("Automation handle"); grows with the viewer,
 * never breaks.
 */
import type { Cesium3DTileset, Viewer } from 'cesium';
import type { AnalysisAutomation } from './analysis/analysis-automation.ts';
import type { RenderProfile } from './scene/software-rendering.ts';
import { whenTilesLoaded } from './scene/tiles-loaded.ts';

export interface AutomationHandle {
  /** The Cesium viewer. */
  viewer: Viewer;
  /** Resolves when the opening view's tiles — terrain, imagery and the buildings tileset — are all loaded. */
  ready: Promise<void>;
  /** Resolves when the buildings tileset has finished its first load (terrain and imagery may still be loading). */
  buildingsLoaded: Promise<void>;
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
  /** `?mode=screen` only: the autopilot (README "Big screen"). */
  autopilot?: AutopilotHandle;
  /** `?mode=tour` only: the tour player (README "Guided tours"). */
  tour?: TourHandle;
  /** While a tour step shows a before/after swipe (README "Guided tours"). */
  compare?: CompareHandle;
  /**
   * The current view as a PNG data URL. `scale` multiplies the canvas's CSS size
   * (1 = screen resolution); `{ width: 3840 }` renders 4K-wide whatever the window.
   */
  exportPng?(size?: { scale?: number; width?: number }): Promise<{ dataUrl: string; width: number; height: number }>;
  /** The render profile in force: a software renderer gets the lighter one (src/viewer/scene/software-rendering.ts). */
  renderProfile?: RenderProfile;
  /** Desk view: the analysis tools, run from given inputs (README "Analysis tools"; src/viewer/analysis/analysis-automation.ts). */
  analysis?: AnalysisAutomation;
}

export interface AutopilotHandle {
  readonly state: 'waiting' | 'running' | 'paused';
  /** Completed loops of the itinerary. */
  readonly loops: number;
  readonly index: number;
  /** `flying` to the current stop, or `dwelling` there. */
  readonly phase: 'flying' | 'dwelling';
  readonly stops: number;
  pause(): void;
  resume(): void;
}

export interface TourHandle {
  readonly name: string;
  readonly index: number;
  readonly count: number;
  readonly playing: boolean;
  /** Validation problems of the loaded tour file, one line each (empty when it is valid). */
  readonly problems: readonly string[];
  /** Resolves when the step's camera flight is done. */
  next(): Promise<void>;
  prev(): Promise<void>;
  goTo(index: number): Promise<void>;
  play(): void;
  pause(): void;
}

export interface CompareHandle {
  /** The renewal area compared. */
  readonly area: string;
  /** True once the area's outcomes are loaded, both tilesets have loaded once and the desk's tileset is hidden. */
  readonly ready: boolean;
  /** `scene.splitPosition`, 0–1 from the left. */
  readonly split: number;
  setSplit(split: number): void;
  /** The tileset drawn left (`today`) or right (`plan`) of the split. */
  tileset(side: 'today' | 'plan'): Cesium3DTileset | null;
  /** A loaded building's colour on one side as [r, g, b, a] (0–1), or null when it is not loaded. */
  featureColour(code: string, side: 'today' | 'plan'): [number, number, number, number] | null;
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

type Extensions = Pick<AutomationHandle, 'autopilot' | 'tour' | 'exportPng' | 'renderProfile' | 'compare' | 'analysis'>;
const extensions: Extensions = {};

/**
 * Adds mode-specific members (`autopilot`, `tour`, `exportPng`, `compare`) to the handle, now
 * and whenever it is reinstalled; returns the undo.
 */
export function extendAutomationHandle(extra: Extensions): () => void {
  Object.assign(extensions, extra);
  if (window.yz) Object.assign(window.yz, extra);
  return () => {
    for (const key of Object.keys(extra) as Array<keyof Extensions>) {
      delete extensions[key];
      if (window.yz) delete window.yz[key];
    }
  };
}

export function installAutomationHandle(viewer: Viewer, actions: AutomationActions): AutomationHandle {
  const handle: AutomationHandle = {
    viewer,
    // The tileset's own tilesLoaded is true before its first request: wait for its first
    // allTilesLoaded, then for a settled frame of everything.
    ready: actions.buildingsLoaded.then(() => whenTilesLoaded(viewer)),
    buildingsLoaded: actions.buildingsLoaded,
    whenTilesLoaded: () => whenTilesLoaded(viewer),
    select: actions.select,
    clearSelection: actions.clearSelection,
    ...extensions,
  };
  window.yz = handle;
  return handle;
}

/**
 * `target` with read-only getters for `keys` that read `snapshot()` each time, so a
 * script sees the current value (the autopilot's and the tour's handles).
 */
export function withLiveFields<Target extends object, Snapshot extends object, Key extends keyof Snapshot>(target: Target, snapshot: () => Snapshot, keys: readonly Key[]): Target & { readonly [K in Key]: Snapshot[K] } {
  for (const key of keys) Object.defineProperty(target, key, { get: () => snapshot()[key], enumerable: true });
  return target as Target & { readonly [K in Key]: Snapshot[K] };
}
