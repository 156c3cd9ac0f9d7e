/**
 * The opening view: the whole peninsula at an oblique angle from the south-east,
 * the way the district is usually photographed from 南山. The home button returns here.
 */
import { Cartesian3, HeadingPitchRoll, Math as CesiumMath } from 'cesium';

export const OPENING_VIEW = {
  destination: Cartesian3.fromDegrees(106.585, 29.503, 4600),
  orientation: new HeadingPitchRoll(CesiumMath.toRadians(-36), CesiumMath.toRadians(-34), 0),
} as const;
