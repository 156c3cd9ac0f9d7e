/**
 * A building's footprint for the close-up. The dossier gives only a point (lon/lat),
 * so the outline comes from the footprint source the tiles were built from,
 * `/tiles/source/buildings.geojson`: fetched once on the first close-up (compressed by
 * the server), indexed by code, kept for the session.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export const FOOTPRINTS_URL = '/tiles/source/buildings.geojson';

/** Outer ring (lon, lat pairs) of each building's largest polygon. */
let index: Promise<Map<string, Array<[number, number]>>> | null = null;

function largestOuterRing(geometry: Polygon | MultiPolygon): Array<[number, number]> {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best: Array<[number, number]> = [];
  for (const polygon of polygons) {
    const ring = (polygon[0] ?? []) as Array<[number, number]>;
    if (ring.length > best.length) best = ring;
  }
  return best;
}

export function footprintOf(code: string): Promise<Array<[number, number]> | null> {
  index ??= fetch(FOOTPRINTS_URL)
    .then((r) => {
      if (!r.ok) throw new Error(`${FOOTPRINTS_URL}: HTTP ${r.status}`);
      return r.json() as Promise<FeatureCollection>;
    })
    .then((fc) => {
      const map = new Map<string, Array<[number, number]>>();
      for (const f of fc.features as Array<Feature<Polygon | MultiPolygon>>) {
        const id = f.properties?.id as unknown;
        if (typeof id === 'string' && f.geometry) map.set(id, largestOuterRing(f.geometry));
      }
      return map;
    })
    .catch((error: unknown) => {
      index = null; // try again next time
      throw error;
    });
  return index.then((m) => m.get(code) ?? null);
}
