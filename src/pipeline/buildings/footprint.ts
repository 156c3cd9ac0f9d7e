/**
 * The shapes a footprint takes on its way through the buildings pipeline: as read
 * (RawFeature), as validated (Footprint), and placed on the ground (PlacedBuilding).
 */
import type { Geometry } from 'geojson';

/** One feature as the reader found it, before any check. */
export interface RawFeature {
  /** 0-based position in the input, for messages about features without an id. */
  index: number;
  /** `properties.id`, else the feature's own `id`; whatever type it had. */
  id: unknown;
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}

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

/** A footprint with its ground and its vertical extent settled. */
export interface PlacedBuilding extends Footprint {
  groundMin: number;
  groundMax: number;
  /** Elevation of the base of the walls (= groundMin). */
  base: number;
  /** Elevation of the flat roof. */
  roof: number;
}
