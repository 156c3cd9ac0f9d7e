/**
 * Flies the camera to one building: an oblique look (35° down) from the current
 * heading, close enough to pick it out from its neighbours. The destination is
 * computed here in the building's east-north-up frame rather than left to
 * flyToBoundingSphere, so it does not depend on the state the camera flies from.
 * Resolves when the camera has arrived (or the flight was cancelled).
 */
import { Cartesian3, Cartographic, Math as CesiumMath, Matrix4, sampleTerrainMostDetailed, Transforms, type Viewer } from 'cesium';

export interface BuildingPlace {
  lon: number;
  lat: number;
  /** Ground under it (m above the ellipsoid), if known. */
  ground: number | null;
  height: number;
}

const PITCH = CesiumMath.toRadians(-35);

/**
 * Where a building stands when its tile has not told us yet: the terrain's most
 * detailed height there (a few tile requests to our own server), else what the
 * globe has loaded, else the peninsula's typical ground.
 */
export async function groundAt(viewer: Viewer, lon: number, lat: number): Promise<number> {
  const point = Cartographic.fromDegrees(lon, lat);
  try {
    const [sampled] = await sampleTerrainMostDetailed(viewer.terrainProvider, [point]);
    if (sampled && Number.isFinite(sampled.height)) return sampled.height;
  } catch {
    // The ellipsoid provider or a missing tile: fall through.
  }
  return viewer.scene.globe.getHeight(point) ?? 250;
}

/** How far the camera stands from a building's middle: at least `min` metres, more for tall ones. */
export interface ViewDistance {
  min: number;
  perHeight: number;
}

/** The desk: far enough to see the neighbours around the building picked. */
export const DESK_VIEW_DISTANCE: ViewDistance = { min: 220, perHeight: 3.2 };

export function viewRange(height: number, distance: ViewDistance = DESK_VIEW_DISTANCE): number {
  return Math.max(distance.min, height * distance.perHeight);
}

/** Camera position and orientation looking at the building's middle. */
export function buildingView(viewer: Viewer, place: BuildingPlace & { ground: number }, distance: ViewDistance = DESK_VIEW_DISTANCE) {
  const ground = place.ground;
  const centre = Cartesian3.fromDegrees(place.lon, place.lat, ground + place.height / 2);
  const range = viewRange(place.height, distance);
  const heading = Number.isFinite(viewer.camera.heading) ? viewer.camera.heading : 0;
  // Looking along (east, north, up) = (sin h cos p, cos h cos p, sin p): step back from the centre.
  const look = new Cartesian3(Math.sin(heading) * Math.cos(PITCH), Math.cos(heading) * Math.cos(PITCH), Math.sin(PITCH));
  const back = Cartesian3.multiplyByScalar(look, -range, new Cartesian3());
  const destination = Matrix4.multiplyByPoint(Transforms.eastNorthUpToFixedFrame(centre), back, new Cartesian3());
  return { destination, orientation: { heading, pitch: PITCH, roll: 0 } };
}

export async function flyToBuilding(viewer: Viewer, place: BuildingPlace, durationSeconds = 1.5, distance: ViewDistance = DESK_VIEW_DISTANCE): Promise<void> {
  const ground = place.ground ?? (await groundAt(viewer, place.lon, place.lat));
  const view = buildingView(viewer, { ...place, ground }, distance);
  return new Promise((resolve) => {
    viewer.camera.flyTo({ ...view, duration: durationSeconds, complete: () => resolve(), cancel: () => resolve() });
  });
}
