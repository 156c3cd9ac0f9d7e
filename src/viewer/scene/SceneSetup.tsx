/**
 * Runs once the Cesium viewer exists (it renders inside Resium's <Viewer>, whose
 * children mount only after the viewer is created): opening view, home button,
 * WebGL context loss, and the automation handle.
 */
import { useEffect } from 'react';
import { useCesium } from 'resium';
import { installAutomationHandle } from '../automation-handle.ts';
import { OPENING_VIEW } from './opening-view.ts';

export interface SceneSetupProps {
  onWebglContextLost(): void;
}

export function SceneSetup({ onWebglContextLost }: SceneSetupProps) {
  const { viewer } = useCesium();

  useEffect(() => {
    if (!viewer) return;
    viewer.camera.setView(OPENING_VIEW);
    const removeHome = viewer.homeButton?.viewModel.command.beforeExecute.addEventListener((event) => {
      event.cancel = true;
      viewer.camera.flyTo(OPENING_VIEW);
    });
    const canvas = viewer.scene.canvas;
    const onLost = (event: Event) => {
      event.preventDefault();
      onWebglContextLost();
    };
    canvas.addEventListener('webglcontextlost', onLost);
    installAutomationHandle(viewer);
    return () => {
      removeHome?.();
      canvas.removeEventListener('webglcontextlost', onLost);
    };
  }, [viewer, onWebglContextLost]);

  return null;
}
