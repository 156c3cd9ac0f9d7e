/**
 * The autopilot's itinerary: the renewal areas 一核两翼三带五片区 in plan order,
 * each followed by a few of its D-grade buildings. Pure, so a unit test pins it.
 * Areas come as polygons (areas.geojson), not as the plan's nominal centres: some of
 * those fall outside the land the sample covers, the polygons never do.
 */
import { AREA_KINDS, type AreaKind, RENEWAL_AREAS } from '../../core/renewal-areas.ts';
import type { SafetyGrade } from '../../core/grades.ts';

export interface AreaPolygon {
  id: string;
  kind: AreaKind;
  name: string;
  nameEn: string;
  /** Outer ring, [lon, lat] degrees. */
  ring: ReadonlyArray<readonly [number, number]>;
}

export interface ItineraryBuilding {
  code: string;
  name: string | null;
  address: string;
  grade: SafetyGrade | null;
  lon: number;
  lat: number;
  height: number;
}

export interface AreaStop {
  kind: 'area';
  areaId: string;
  name: string;
  nameEn: string;
  /** Centre of the polygon's bounding box and its half-diagonal (m): what the camera frames. */
  lon: number;
  lat: number;
  radiusM: number;
}

export interface BuildingStop extends ItineraryBuilding {
  kind: 'building';
  areaId: string;
  areaName: string;
  areaNameEn: string;
}

export type Stop = AreaStop | BuildingStop;

export interface ItineraryOptions {
  /** D-grade buildings visited per area (the first ones by code). */
  buildingsPerArea: number;
}

export const DEFAULT_ITINERARY_OPTIONS: ItineraryOptions = { buildingsPerArea: 2 };

const METRES_PER_DEGREE = 111_320;

/** Bounding-box centre and half-diagonal; null for an empty or degenerate ring. */
export function frameOf(ring: AreaPolygon['ring']): { lon: number; lat: number; radiusM: number } | null {
  if (ring.length < 3) return null;
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const [lon, lat] of ring) {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  const lat = (south + north) / 2;
  const dx = (east - west) * METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  const dy = (north - south) * METRES_PER_DEGREE;
  const radiusM = Math.hypot(dx, dy) / 2;
  return radiusM > 0 ? { lon: (west + east) / 2, lat, radiusM } : null;
}

const planOrder = (id: string) => {
  const i = RENEWAL_AREAS.findIndex((a) => a.id === id);
  return i < 0 ? RENEWAL_AREAS.length : i;
};

/**
 * Renewal areas (never old communities) in kind order, then plan order; after each,
 * up to `buildingsPerArea` of its D-grade buildings that no earlier area showed.
 */
export function buildItinerary(
  areas: readonly AreaPolygon[],
  dBuildingsByArea: ReadonlyMap<string, readonly ItineraryBuilding[]>,
  options: Partial<ItineraryOptions> = {},
): Stop[] {
  const { buildingsPerArea } = { ...DEFAULT_ITINERARY_OPTIONS, ...options };
  const renewal = areas
    .filter((a) => a.kind !== 'old-community')
    .sort((a, b) => AREA_KINDS.indexOf(a.kind) - AREA_KINDS.indexOf(b.kind) || planOrder(a.id) - planOrder(b.id) || a.id.localeCompare(b.id));
  const shown = new Set<string>();
  const stops: Stop[] = [];
  for (const area of renewal) {
    const frame = frameOf(area.ring);
    if (!frame) continue;
    stops.push({ kind: 'area', areaId: area.id, name: area.name, nameEn: area.nameEn, ...frame });
    const candidates = [...(dBuildingsByArea.get(area.id) ?? [])]
      .filter((b) => b.grade === 'D' && !shown.has(b.code))
      .sort((a, b) => a.code.localeCompare(b.code))
      .slice(0, Math.max(0, buildingsPerArea));
    for (const b of candidates) {
      shown.add(b.code);
      stops.push({ kind: 'building', areaId: area.id, areaName: area.name, areaNameEn: area.nameEn, ...b });
    }
  }
  return stops;
}
