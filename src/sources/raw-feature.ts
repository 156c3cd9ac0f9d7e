/**
 * One feature as a feature-file reader found it, before any check: the common input of
 * every validator (footprints, pipes), whatever the container (GeoJSON, FlatGeobuf) or
 * the generator (src/sample/synthetic) it came from.
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
