/**
 * Waiting on the scene's own state, never on sleeps: resolves at the first rendered
 * frame after which the globe and every 3D tileset report all tiles loaded and the
 * camera has stopped. Tileset `tilesLoaded` is true before a tileset's first
 * request, so a fixed number of settled frames guards against that early "done".
 */
import { Cesium3DTileset, type Viewer } from 'cesium';

/** Frames in a row that must look settled before we believe it. */
const SETTLED_FRAMES = 4;

/** True when every shown 3D tileset in the scene reports its tiles loaded. */
export function allTilesetsLoaded(viewer: Viewer): boolean {
  const primitives = viewer.scene.primitives;
  for (let i = 0; i < primitives.length; i++) {
    const p = primitives.get(i) as unknown;
    if (p instanceof Cesium3DTileset && p.show && !p.tilesLoaded) return false;
  }
  return true;
}

export function whenTilesLoaded(viewer: Viewer): Promise<void> {
  return new Promise((resolve) => {
    let settled = 0;
    let cameraMoving = false;
    const onMoveStart = () => {
      cameraMoving = true;
      settled = 0;
    };
    const onMoveEnd = () => {
      cameraMoving = false;
    };
    const removeMoveStart = viewer.camera.moveStart.addEventListener(onMoveStart);
    const removeMoveEnd = viewer.camera.moveEnd.addEventListener(onMoveEnd);
    const removeRender = viewer.scene.postRender.addEventListener(() => {
      const loaded = !cameraMoving && viewer.scene.globe.tilesLoaded && allTilesetsLoaded(viewer);
      settled = loaded ? settled + 1 : 0;
      if (settled >= SETTLED_FRAMES) {
        removeRender();
        removeMoveStart();
        removeMoveEnd();
        resolve();
      } else {
        // The viewer renders on demand (requestRenderMode): keep frames coming while we watch.
        viewer.scene.requestRender();
      }
    });
    viewer.scene.requestRender();
  });
}
