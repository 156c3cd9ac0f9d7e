/**
 * The shapes a pipe segment takes through the lifelines pipeline: validated (Pipe)
 * and placed under the ground (PlacedPipe). Raw input is the buildings pipeline's
 * RawFeature: the reader is shared.
 */
import type { Network, PipeCondition, PressureClass } from '../../core/lifelines.ts';

export type { RawFeature } from '../buildings/footprint.ts';

/** A segment that passed every check. */
export interface Pipe {
  id: string;
  index: number;
  network: Network;
  diameterMm: number;
  /** Cover depth (m) from the ground to the top of the pipe, or null when inverts are given. */
  depthM: number | null;
  /** Invert (inside bottom) elevations at the first and last point (m), when given instead of a depth. */
  invert: [number, number] | null;
  material: string;
  installYear: number;
  condition: PipeCondition;
  pressure: PressureClass | null;
  /** One flat lon/lat line per part (LineString: one part). */
  parts: Float64Array[];
  /** The input properties (with `id` as a string). */
  properties: Record<string, unknown>;
}

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
