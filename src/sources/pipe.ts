/**
 * A pipe segment as the pipe validator passes it (Pipe), for the lifelines pipeline
 * and the archive's lifelines import alike. Raw input is a RawFeature
 * (raw-feature.ts), read by the same container reader as footprints; the pipeline
 * places it under the ground (src/pipeline/lifelines/placed-pipe.ts).
 */
import type { Network, PipeCondition, PressureClass } from '../core/lifelines.ts';

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
