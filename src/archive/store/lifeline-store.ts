/**
 * The pipes beside the archive: segments and their precomputed proximity to the
 * buildings (≤ the import's maximum distance). The store answers lookups by distance and
 * joins the buildings' *current* grade; what counts as old, poor or at risk is decided
 * above it (`service/lifelines.ts`), except that {@link LifelineStore.lifelineRiskSegments}
 * filters in the query with the same rule's parameters, so the map's list never scans in
 * JavaScript.
 */
import type { NearbyBuilding, Network, PipeRecord } from '../../core/lifelines.ts';

/** A stored segment: its attributes and a representative point. */
export interface StoredSegment extends PipeRecord {
  lon: number;
  lat: number;
}

/** A building within the distance of a segment, nearest first. */
export interface StoredNearbyBuilding {
  code: string;
  address: string;
  name: string | null;
  grade: NearbyBuilding['grade'];
  distanceM: number;
}

export interface RiskFilter {
  /** Within this distance (m) of a C/D building. */
  distanceM: number;
  /** Old: installed in or before this year. */
  oldBeforeYear: number;
}

export interface LifelineStore {
  /** The largest distance the proximity table holds (0 before any import). */
  lifelineMaxDistanceM(): Promise<number>;
  /** A segment and the buildings within `distanceM`, nearest first (then by code); null if unknown. */
  lifelineSegment(id: string, distanceM: number): Promise<{ segment: StoredSegment; buildings: StoredNearbyBuilding[] } | null>;
  /** A building's grade and the segments within `distanceM`, nearest first (then by id); null if the building is unknown. */
  lifelineBuildingPipes(code: string, distanceM: number): Promise<{ grade: NearbyBuilding['grade']; pipes: Array<StoredSegment & { distanceM: number }> } | null>;
  /** Whether a C/D building lies within `distanceM` of the segment. */
  lifelineNearRiskGrade(id: string, distanceM: number): Promise<boolean>;
  /** Every segment old or in poor condition within the distance of a C/D building (by id), and how many segments are stored. */
  lifelineRiskSegments(filter: RiskFilter): Promise<{ segments: number; atRisk: Array<{ id: string; network: Network }> }>;
}
