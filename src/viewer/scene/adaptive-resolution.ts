/**
 * Adaptive resolution: draw the scene at a lower resolution while it is busy (the
 * camera moving, tiles loading) and at full resolution once it is still. On a software
 * rasterizer most of a frame's cost scales with the pixels drawn (SwiftShader, opening
 * view at 1280×720: 0.83 s a frame at full resolution, 0.21 s at 0.35 — npm run
 * bench:frame-cost), so a flight or a first load runs four times as many frames, and the
 * still picture an inspector reads is as sharp as before: the first still frame is drawn
 * at full resolution. Cesium chooses tiles per CSS pixel (its screen-space error is
 * divided by the pixel ratio), so the lower resolution loads the same tiles, not coarser ones.
 *
 * Like 3DTilesRendererJS's plugins: installed on a viewer, removed by the returned
 * function, nothing else in the app needs to know.
 */
import { Matrix4, type Viewer } from 'cesium';
import { allTilesetsLoaded } from './tiles-loaded.ts';

export interface AdaptiveResolutionOptions {
  /** Resolution scale while busy. Default 0.35. */
  busyScale?: number;
  /** Resolution scale when still. Default: the viewer's scale when installed. */
  restScale?: number;
}

export interface AdaptiveResolution {
  readonly busyScale: number;
  readonly restScale: number;
  /** True while frames are drawn at the busy scale. */
  readonly busy: boolean;
  /** Stops adapting (and restores the rest scale) until the returned function is called: for renders that set their own scale, such as the PNG export. */
  suspend(): () => void;
  /** Uninstalls. */
  remove(): void;
}

/** What the scene is doing in a frame; busy if anything moves or loads. */
export interface FrameActivity {
  cameraMoved: boolean;
  globeLoading: boolean;
  tilesetsLoading: boolean;
}

/** The scale a frame should be drawn at, given what happened in the frame before. */
export function scaleFor(activity: FrameActivity, options: { busyScale: number; restScale: number }): number {
  const busy = activity.cameraMoved || activity.globeLoading || activity.tilesetsLoading;
  return busy ? Math.min(options.busyScale, options.restScale) : options.restScale;
}

const installed = new WeakMap<Viewer, AdaptiveResolution>();

/** The adaptive resolution installed on a viewer, if any (the PNG export suspends it). */
export function adaptiveResolutionOf(viewer: Viewer): AdaptiveResolution | undefined {
  return installed.get(viewer);
}

/**
 * Installs adaptive resolution on a viewer. Decides after each frame, from that frame,
 * the scale of the next: a change of scale resizes the drawing buffer at the next
 * frame, and a change back to the rest scale requests that frame (the viewer renders on
 * demand). A camera moved by the user switches to the busy scale within its first frame.
 */
export function installAdaptiveResolution(viewer: Viewer, options: AdaptiveResolutionOptions = {}): AdaptiveResolution {
  installed.get(viewer)?.remove();
  const settings = {
    busyScale: options.busyScale ?? 0.35,
    restScale: options.restScale ?? viewer.resolutionScale,
  };
  const scene = viewer.scene;
  const lastView = viewer.camera.viewMatrix.clone();
  let suspended = 0;
  let busy = false;

  const removePostRender = scene.postRender.addEventListener(() => {
    if (suspended > 0 || viewer.isDestroyed()) return;
    const view = viewer.camera.viewMatrix;
    const cameraMoved = !Matrix4.equalsEpsilon(view, lastView, 1e-9);
    Matrix4.clone(view, lastView);
    const activity: FrameActivity = { cameraMoved, globeLoading: !scene.globe.tilesLoaded, tilesetsLoading: !allTilesetsLoaded(viewer) };
    const scale = scaleFor(activity, settings);
    busy = scale !== settings.restScale;
    if (viewer.resolutionScale !== scale) {
      viewer.resolutionScale = scale;
      scene.requestRender();
    }
  });

  // A camera the user moves changes in the frame's first step (scene.initializeFrame),
  // before the clock ticks: drop the scale there, so the first moving frame is already
  // cheap instead of a full-resolution one.
  const removeTick = viewer.clock.onTick.addEventListener(() => {
    const low = Math.min(settings.busyScale, settings.restScale);
    if (suspended > 0 || viewer.isDestroyed() || viewer.resolutionScale === low) return;
    if (Matrix4.equalsEpsilon(viewer.camera.viewMatrix, lastView, 1e-9)) return;
    busy = true;
    viewer.resolutionScale = low;
    viewer.cesiumWidget.resize();
  });

  const handle: AdaptiveResolution = {
    busyScale: settings.busyScale,
    restScale: settings.restScale,
    get busy() {
      return busy;
    },
    suspend() {
      suspended++;
      if (suspended === 1 && !viewer.isDestroyed()) {
        busy = false;
        viewer.resolutionScale = settings.restScale;
      }
      let resumed = false;
      return () => {
        if (resumed) return;
        resumed = true;
        suspended--;
        if (!viewer.isDestroyed()) scene.requestRender();
      };
    },
    remove() {
      removePostRender();
      removeTick();
      if (installed.get(viewer) === handle) installed.delete(viewer);
      if (!viewer.isDestroyed()) viewer.resolutionScale = settings.restScale;
    },
  };
  installed.set(viewer, handle);
  return handle;
}
