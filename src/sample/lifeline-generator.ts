/**
 * Sample city lifelines (城市生命线): water, storm, sewage, gas, power and telecom
 * pipes under the streets, each network at its own place in the cross-section, cut
 * manhole to manhole into 20–80 m segments. Gravity drains run downhill.
 */
import type { Feature, FeatureCollection, LineString, Position } from 'geojson';
import { type ElevationGrid, gridEast, gridSouth, sampleElevation } from '../core/elevation-grid.ts';
import { GRAVITY_NETWORKS, type LifelineProperties, NETWORKS, type Network } from '../core/lifelines.ts';
import { createLocalProjection } from '../core/local-projection.ts';
import type { RoadProperties } from '../core/roads.ts';
import {
  CARRIED,
  CROSS_SECTION,
  NETWORK_CODE,
  pickCondition,
  pickDepth,
  pickDiameter,
  pickInstallYear,
  pickMaterial,
  pickPressure,
} from './lifeline-catalogue.ts';
import { type XY, cutIntoPieces, offsetPolyline } from './polyline-pieces.ts';
import { type Rng, chance, createRng, randomInt, uniform } from './random-helpers.ts';

export interface LifelineOptions {
  /** Sample seed; lifelines draw from stream `${seed}:lifelines`. */
  seed: string;
  /**
   * Fewest segments wanted. If the streets are too short for it at the usual manhole
   * spacing, the spacing shrinks until it is met. Default `20000`.
   */
  minSegments?: number;
  /** Mean manhole spacing (m); segments are drawn 0.4–1.6 × this, i.e. 20–80 m. Default `50`. */
  meanSegmentM?: number;
  /** Year that pipe ages and conditions are reckoned from. Default `2025`. */
  asOfYear?: number;
}

export const LIFELINE_DEFAULTS: Required<Omit<LifelineOptions, 'seed'>> = { minSegments: 20_000, meanSegmentM: 50, asOfYear: 2025 };

/** Sewers must be straight between manholes; pressure pipes may follow a gentle curve. */
const CHORD_TOLERANCE_M: Record<'gravity' | 'pressure', number> = { gravity: 1, pressure: 3 };
/** Spacing is never shrunk below this (m): shorter would be silly for manholes. */
const MIN_MEAN_SEGMENT_M = 8;
/** Coordinates are rounded to 1e-7° (~1 cm). */
const COORD_SCALE = 1e7;

function isGravity(network: Network): boolean {
  return GRAVITY_NETWORKS.includes(network);
}

/**
 * Ground height at lon/lat with the point clamped into the grid, so a street running a
 * little past the DEM edge still gets the edge height. NaN only on no-data.
 */
export function groundAt(dem: ElevationGrid, lon: number, lat: number): number {
  const x = Math.min(Math.max(lon, dem.west), gridEast(dem));
  const y = Math.max(Math.min(lat, dem.north), gridSouth(dem));
  return sampleElevation(dem, x, y);
}

/** Invert (bottom inside of the pipe) elevation at a point: ground − cover depth − diameter. */
export function invertElevation(ground: number, p: Pick<LifelineProperties, 'depth_m' | 'diameter_mm'>): number {
  return ground - p.depth_m - p.diameter_mm / 1000;
}

function round(v: number): number {
  return Math.round(v * COORD_SCALE) / COORD_SCALE;
}

function generate(
  roads: FeatureCollection<LineString, RoadProperties>,
  dem: ElevationGrid,
  seed: string,
  meanSegmentM: number,
  asOfYear: number,
): Feature<LineString, LifelineProperties>[] {
  const rng: Rng = createRng(seed, 'lifelines');
  const origin = createLocalProjection(dem.west + ((dem.width - 1) * dem.dx) / 2, dem.north - ((dem.height - 1) * dem.dy) / 2);
  const counters = Object.fromEntries(NETWORKS.map((n) => [n, 0])) as Record<Network, number>;
  const out: Feature<LineString, LifelineProperties>[] = [];
  const nextLength = (): number => uniform(rng, 0.4, 1.6) * meanSegmentM;

  for (const road of roads.features) {
    const cls = road.properties.class;
    const centre: XY[] = road.geometry.coordinates.map((p) => origin.toLocal(p[0]!, p[1]!));
    if (centre.length < 2) continue;
    const halfWidth = road.properties.width_m / 2;
    for (const network of NETWORKS) {
      const p = CARRIED[cls][network] ?? 0;
      if (!chance(rng, p)) continue;
      // One run per street and network: laid together, same size and pressure class.
      const gravity = isGravity(network);
      const diameter = pickDiameter(rng, network, cls);
      const pressure = pickPressure(rng, network, cls);
      const runYear = pickInstallYear(rng, network, asOfYear);
      const path = offsetPolyline(centre, CROSS_SECTION[network] * halfWidth);
      const pieces = cutIntoPieces(path, {
        nextLength,
        chordTolerance: CHORD_TOLERANCE_M[gravity ? 'gravity' : 'pressure'],
        minLength: 0.4 * meanSegmentM,
      });
      for (const piece of pieces) {
        // Some stretches were dug up and relaid since.
        const year = runYear < asOfYear - 5 && chance(rng, 0.15) ? randomInt(rng, runYear + 5, asOfYear) : runYear;
        const material = pickMaterial(rng, network, year, diameter, pressure);
        let coords: Position[] = (gravity ? [piece[0]!, piece[piece.length - 1]!] : piece).map(([x, y]) => {
          const [lon, lat] = origin.toLonLat(x, y);
          return [round(lon), round(lat)];
        });
        if (gravity) {
          // Flow runs from the first coordinate to the last: put the higher end first.
          const a = groundAt(dem, coords[0]![0]!, coords[0]![1]!);
          const b = groundAt(dem, coords[coords.length - 1]![0]!, coords[coords.length - 1]![1]!);
          if (b > a) coords = coords.reverse();
        }
        counters[network]++;
        out.push({
          type: 'Feature',
          properties: {
            id: `${NETWORK_CODE[network]}-${String(counters[network]).padStart(6, '0')}`,
            network,
            diameter_mm: diameter,
            depth_m: pickDepth(rng, network, diameter),
            material,
            install_year: year,
            condition: pickCondition(rng, year, material, asOfYear),
            pressure,
          },
          geometry: { type: 'LineString', coordinates: coords },
        });
      }
    }
  }
  return out;
}

/**
 * Pipe segments under `roads`. With one depth per segment, a gravity segment laid from
 * its higher end to its lower end has an invert that never rises along the flow.
 */
export function generateLifelines(
  roads: FeatureCollection<LineString, RoadProperties>,
  dem: ElevationGrid,
  options: LifelineOptions,
): FeatureCollection<LineString, LifelineProperties> {
  const minSegments = options.minSegments ?? LIFELINE_DEFAULTS.minSegments;
  const asOfYear = options.asOfYear ?? LIFELINE_DEFAULTS.asOfYear;
  let mean = options.meanSegmentM ?? LIFELINE_DEFAULTS.meanSegmentM;
  for (;;) {
    const features = generate(roads, dem, options.seed, mean, asOfYear);
    if (features.length >= minSegments) return { type: 'FeatureCollection', features };
    if (mean <= MIN_MEAN_SEGMENT_M) {
      throw new Error(
        `生命线管段不足 / too few lifeline segments: ${features.length} < ${minSegments} even at ${mean.toFixed(1)} m spacing; ` +
          `the road network is too short (${roads.features.length} roads)`,
      );
    }
    // Shorten the spacing in proportion to the shortfall (a little extra so one retry usually does).
    mean = Math.max(MIN_MEAN_SEGMENT_M, (mean * features.length) / (minSegments * 1.05));
  }
}
