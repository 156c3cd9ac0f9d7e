/**
 * A footprint standing on the DEM: the validated Footprint (src/sources/footprint.ts)
 * with its ground and its vertical extent settled by building-placement.ts.
 */
import type { Footprint } from '../../sources/footprint.ts';

/** A footprint with its ground and its vertical extent settled. */
export interface PlacedBuilding extends Footprint {
  groundMin: number;
  groundMax: number;
  /** Elevation of the base of the walls (= groundMin). */
  base: number;
  /** Elevation of the flat roof. */
  roof: number;
}
