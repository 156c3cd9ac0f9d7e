/**
 * Where a click lands for the analysis tools: the nearer of the buildings' prisms (a CPU
 * ray cast on the pick index, as the building picker does) and the rendered terrain
 * (`globe.pick`, CPU), as lon/lat/ellipsoid height. A point on a building within 2 m of
 * one of its corners (base or roof) snaps to that corner (core snapToBuildingCorner), so
 * a measured wall is the wall's length and a height is the roof's.
 */
import { Cartesian2, Cartesian3, Cartographic, Math as CesiumMath, Matrix4, Transforms, type Viewer } from 'cesium';
import { pickPrism } from '../../core/building-pick-index.ts';
import { snapToBuildingCorner, type CornerSnap } from '../../core/analysis/measure.ts';
import type { AnalysisScene } from './analysis-scene.ts';
import type { ToolPoint } from './analysis-url-state.ts';

export interface ToolPick {
  point: ToolPoint;
  /** What was hit: a building's code, or the terrain. */
  on: { kind: 'building'; code: string } | { kind: 'terrain' };
  snapped: CornerSnap | null;
}

export interface ToolPickOptions {
  /** Snap to building corners (Measure). Default true. */
  snap?: boolean;
}

export function pickToolPoint(viewer: Viewer, scene: AnalysisScene, position: Cartesian2, options: ToolPickOptions = {}): ToolPick | null {
  const ray = viewer.camera.getPickRay(position);
  if (!ray) return null;
  const ground = viewer.scene.globe.show ? viewer.scene.globe.pick(ray, viewer.scene, new Cartesian3()) : undefined;
  const groundDistance = ground ? Cartesian3.distance(ray.origin, ground) : Infinity;
  const index = scene.buildings;
  if (index && scene.frame) {
    const { lon, lat, height } = index.origin;
    const toLocal = Matrix4.inverseTransformation(Transforms.eastNorthUpToFixedFrame(Cartesian3.fromDegrees(lon, lat, height)), new Matrix4());
    const o = Matrix4.multiplyByPoint(toLocal, ray.origin, new Cartesian3());
    const d = Matrix4.multiplyByPointAsVector(toLocal, ray.direction, new Cartesian3());
    const hit = pickPrism(index, { origin: [o.x, o.y, o.z], direction: [d.x, d.y, d.z] }, { maxDistance: groundDistance });
    if (hit) {
      const local: [number, number, number] = [o.x + d.x * hit.distance, o.y + d.y * hit.distance, o.z + d.z * hit.distance];
      const snapped = options.snap === false ? null : snapToBuildingCorner(index, local);
      const at = snapped ? snapped.position : local;
      const g = scene.frame.toGeodetic(at[0], at[1], at[2]);
      return { point: [g.lon, g.lat, g.height], on: { kind: 'building', code: index.codes[hit.index]! }, snapped };
    }
  }
  if (!ground) return null;
  const c = Cartographic.fromCartesian(ground, undefined, new Cartographic());
  return { point: [CesiumMath.toDegrees(c.longitude), CesiumMath.toDegrees(c.latitude), c.height], on: { kind: 'terrain' }, snapped: null };
}
