/**
 * A footprint as the footprint validator passes it (Footprint), for the buildings
 * pipeline and the archive registry alike: read as a RawFeature (raw-feature.ts),
 * placed on the ground by the pipeline (src/pipeline/buildings/placed-building.ts).
 */

/**
 * A ring as flat lon/lat pairs [lon0, lat0, lon1, lat1, …], without the closing
 * repeat of the first point. Outer rings run counter-clockwise, holes clockwise.
 */
export type Ring = Float64Array;
/** An outer ring followed by its holes. */
export type PolygonRings = Ring[];

/** A footprint that passed every check. */
export interface Footprint {
  id: string;
  index: number;
  polygons: PolygonRings[];
  /** The input properties (with `id` as a string). */
  properties: Record<string, unknown>;
  /** Height above the lowest ground (m): `height`, else `floors` × storey height. */
  height: number;
  /** Height of one storey (m): height / floors when both are given, else the default. */
  storeyHeight: number;
}
