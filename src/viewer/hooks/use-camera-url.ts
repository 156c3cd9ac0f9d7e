/**
 * The camera in the URL: a camera move rewrites the current history entry, back/forward
 * fly to the view they land on (state/use-view-state.ts keeps the rest of the view);
 * and a link with a selection but no camera goes to the building once the buildings
 * layer is there.
 */
import type { Viewer } from 'cesium';
import { useEffect, useRef } from 'react';
import { cameraView, readCamera } from '../scene/camera-state.ts';
import type { ViewState } from '../state/url-state.ts';
import type { ViewStateControls } from '../state/use-view-state.ts';

export interface CameraUrlOptions {
  recordCamera: ViewStateControls['recordCamera'];
  onHistory: ViewStateControls['onHistory'];
  /** The view the page opened with. */
  initialView: ViewState;
  /** Resolves when the buildings layer is ready (the flight uses its ground heights). */
  buildingsReady: Promise<unknown>;
  flyTo(code: string): Promise<void>;
}

export function useCameraUrl(viewer: Viewer | null, { recordCamera, onHistory, initialView, buildingsReady, flyTo }: CameraUrlOptions): void {
  useEffect(() => {
    if (!viewer) return;
    const removeMoveEnd = viewer.camera.moveEnd.addEventListener(() => recordCamera(readCamera(viewer)));
    const offHistory = onHistory((next) => viewer.camera.flyTo({ ...cameraView(next.camera), duration: 1 }));
    return () => {
      removeMoveEnd();
      offHistory();
    };
  }, [viewer, recordCamera, onHistory]);

  const first = useRef(initialView);
  useEffect(() => {
    const { selected, camera } = first.current;
    if (!viewer || !selected || camera) return;
    void buildingsReady.then(() => flyTo(selected).catch((e: unknown) => console.warn('无法定位建筑 / cannot locate building', e)));
  }, [viewer, buildingsReady, flyTo]);
}
