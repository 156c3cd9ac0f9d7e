/**
 * A building's footprint for the close-up, from the archive
 * (`GET /api/buildings/:code/footprint`, same read policy as the dossier): about 220
 * bytes (geometry median 160, at most 288 in the sample)
 * for the selected building, where the viewer once downloaded the whole 5.6 MB
 * buildings.geojson source file (from /tiles/source, now unserved) for one outline.
 * Answers are kept for the session, the most recent 200 buildings.
 */
import { ArchiveError, fetchFootprint, type BuildingFootprint } from './archive-client.ts';

const KEEP = 200;
/** Outer ring (lon, lat pairs) of each asked building's largest polygon, by code. */
const cache = new Map<string, Promise<Array<[number, number]> | null>>();

function largestOuterRing(geometry: BuildingFootprint['geometry']): Array<[number, number]> {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best: Array<[number, number]> = [];
  for (const polygon of polygons) {
    const ring = (polygon[0] ?? []) as Array<[number, number]>;
    if (ring.length > best.length) best = ring;
  }
  return best;
}

/** The footprint's outer ring, or null when the archive has none for that code. */
export function footprintOf(code: string): Promise<Array<[number, number]> | null> {
  let ring = cache.get(code);
  if (ring) {
    cache.delete(code); // most recent last
  } else {
    ring = fetchFootprint(code).then(
      (feature) => largestOuterRing(feature.geometry),
      (error: unknown) => {
        if (error instanceof ArchiveError && error.status === 404) return null;
        cache.delete(code); // try again next time
        throw error;
      },
    );
  }
  cache.set(code, ring);
  if (cache.size > KEEP) cache.delete(cache.keys().next().value!);
  return ring;
}
