/**
 * The pipes beside the archive: segments and their precomputed proximity to the
 * buildings (≤ the import's maximum distance). The store answers lookups by distance and
 * joins the buildings' *current* grade; what counts as old, poor or at risk is decided
 * above it (`service/lifelines.ts`), except that {@link LifelineStore.lifelineRiskSegments}
 * filters in the query with the same rule's parameters, so the map's list never scans in
 * JavaScript.
 *
 * The import (`lifelines/lifeline-importer.ts`) reads, validates, measures and decides;
 * the store gives it the footprints and replaces the network with what it computed
 * ({@link LifelineStore.replaceLifelines}): one import at a time, the shrink rule decided
 * on the count the store holds under that guard, the rows taken in batches the importer
 * computes while the store holds no write lock, and readers seeing the old network whole
 * until the new one is whole.
 */
import type { Geometry, LineString, MultiLineString } from 'geojson';
import type { NearbyBuilding, Network, PipeRecord } from '../../core/lifelines.ts';
import { type Outcome } from '../../core/result.ts';

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

/** A segment as the import writes it: attributes, representative point and geometry (WGS84). */
export interface LifelineSegmentRow extends StoredSegment {
  geometry: LineString | MultiLineString;
}

/** A pipe–building pair within the import's maximum distance; 0 = the pipe runs under the footprint. */
export interface LifelineProximityRow {
  segmentId: string;
  code: string;
  distanceM: number;
}

/** Some segments and every pair of theirs (a pair's segment is in the same or an earlier batch). */
export interface LifelineBatch {
  segments: LifelineSegmentRow[];
  proximity: LifelineProximityRow[];
}

/** A whole new network for {@link LifelineStore.replaceLifelines}. */
export interface LifelineReplacement {
  /** The largest distance the pairs go to (m): what {@link LifelineStore.lifelineMaxDistanceM} answers afterwards. */
  maxDistanceM: number;
  /** The import's rule, given the number of segments stored now: a refusal message, or null to go ahead. Called once, with the import guard held and nothing written. */
  decide: (storedSegments: number) => string | null;
  /** The rows, pulled one batch at a time while the store holds no write lock (the importer computes them as they are asked for). */
  batches: AsyncIterable<LifelineBatch> | Iterable<LifelineBatch>;
}

export interface LifelineReplaced {
  segments: number;
  pairs: number;
  /** How the writes held the database: longest single transaction and the swap (ms), and how many transactions. */
  writes: { longestMs: number; swapMs: number; transactions: number };
}

export type LifelineReplaceError =
  /** `decide` refused: nothing was written. */
  | { kind: 'refused'; message: string }
  /** Another lifelines import holds the guard: nothing was written; try again when it is done. */
  | { kind: 'busy'; message: string };

/** A segment's line and what the analysis tools list of it (flood). */
export interface LifelineLine {
  id: string;
  network: Network;
  /** Cover depth (m); null when the survey gave invert elevations. */
  depthM: number | null;
  geometry: LineString | MultiLineString;
}

/** What the lifelines import needs of a store. */
export type LifelineImportStore = Pick<LifelineStore, 'lifelineFootprints' | 'replaceLifelines'>;

export interface LifelineStore {
  /** Every building footprint (by code), for measuring pipes against. */
  lifelineFootprints(): Promise<Array<{ code: string; geometry: Geometry }>>;
  /**
   * Replaces the whole network, segments, proximity and maximum distance, atomically:
   * readers see the old network until the new one is complete, and a failure (a batch
   * source that throws, a crash) leaves the old network whole. One replacement at a time
   * per database, across processes: a second one is `busy` while the first runs (a
   * crashed one's guard is taken over). Bumps the archive's change version.
   */
  replaceLifelines(network: LifelineReplacement): Promise<Outcome<LifelineReplaced, LifelineReplaceError>>;
  /** Every segment's line, network and depth, by id: one read for the analysis tools (empty before any import). */
  lifelineLines(): Promise<LifelineLine[]>;
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
