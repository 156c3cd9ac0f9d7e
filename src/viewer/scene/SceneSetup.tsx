/**
 * Runs once the Cesium viewer exists (it renders inside Resium's <Viewer>, whose
 * children mount only after the viewer is created): the first view (from the URL, or
 * the opening view), the home button, WebGL context loss, and hands the viewer up.
 */
import { ScreenSpaceEventType, type Viewer } from 'cesium';
import { useEffect, useRef } from 'react';
import { useCesium } from 'resium';
import type { CameraState } from '../state/url-state.ts';
import { cameraView } from './camera-state.ts';
import { OPENING_VIEW } from './opening-view.ts';

export interface SceneSetupProps {
  initialCamera: CameraState | null;
  onWebglContextLost(): void;
  onViewer(viewer: Viewer): void;
}

export function SceneSetup({ initialCamera, onWebglContextLost, onViewer }: SceneSetupProps) {
  const { viewer } = useCesium();
  const first = useRef(initialCamera);

  useEffect(() => {
    if (!viewer) return;
    viewer.camera.setView(cameraView(first.current));
    const removeHome = viewer.homeButton?.viewModel.command.beforeExecute.addEventListener((event) => {
      event.cancel = true;
      viewer.camera.flyTo(OPENING_VIEW);
    });
    // Cesium's Viewer picks on every click (and double-click) to set selectedEntity and
    // trackedEntity, which this app never uses: on a software renderer that hidden
    // scene.pick held each click 60-80 ms before our own layers saw it.
    viewer.screenSpaceEventHandler.removeInputAction(ScreenSpaceEventType.LEFT_CLICK);
    viewer.screenSpaceEventHandler.removeInputAction(ScreenSpaceEventType.LEFT_DOUBLE_CLICK);
    const canvas = viewer.scene.canvas;
    const onLost = (event: Event) => {
      event.preventDefault();
      onWebglContextLost();
    };
    canvas.addEventListener('webglcontextlost', onLost);
    onViewer(viewer);
    return () => {
      removeHome?.();
      canvas.removeEventListener('webglcontextlost', onLost);
    };
  }, [viewer, onWebglContextLost, onViewer]);

  return null;
}
