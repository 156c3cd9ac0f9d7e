/**
 * A pipe segment under the ground: the validated Pipe (src/sources/pipe.ts) with its
 * centre lines at depth, as pipe-placement.ts settles them.
 */
import type { Pipe } from '../../sources/pipe.ts';

/** A pipe's centre lines as lon, lat, centre elevation triples, ready to extrude. */
export interface PlacedPipe extends Pipe {
  centreLines: Float64Array[];
  /** Drawn radius (m): true radius × exaggeration. */
  radiusM: number;
  lengthM: number;
  groundMin: number;
  groundMax: number;
  /** Lowest and highest point of the tube (m). */
  bottom: number;
  top: number;
}
