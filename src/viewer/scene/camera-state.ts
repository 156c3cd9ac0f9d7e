/** The camera as the URL keeps it (degrees, metres), read from and applied to Cesium. */
import { Cartesian3, Math as CesiumMath, type Viewer } from 'cesium';
import type { CameraState } from '../state/url-state.ts';
import { OPENING_VIEW } from './opening-view.ts';

export function readCamera(viewer: Viewer): CameraState {
  const c = viewer.camera.positionCartographic;
  return {
    lon: CesiumMath.toDegrees(c.longitude),
    lat: CesiumMath.toDegrees(c.latitude),
    height: c.height,
    heading: CesiumMath.toDegrees(viewer.camera.heading),
    pitch: CesiumMath.toDegrees(viewer.camera.pitch),
  };
}

export function cameraView(camera: CameraState | null) {
  if (!camera) return OPENING_VIEW;
  return {
    destination: Cartesian3.fromDegrees(camera.lon, camera.lat, camera.height),
    orientation: { heading: CesiumMath.toRadians(camera.heading), pitch: CesiumMath.toRadians(camera.pitch), roll: 0 },
  };
}
