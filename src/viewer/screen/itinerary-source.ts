/**
 * Where the autopilot's itinerary comes from: the renewal-area polygons
 * (areas.geojson, already served for the areas layer) and each area's D-grade
 * buildings (the archive's search: `grade=D&area=…`).
 */
import type { SearchPage } from '../../core/archive-views.ts';
import { AREA_KINDS, type AreaKind } from '../../core/renewal-areas.ts';
import { requestJson } from '../api/http-client.ts';
import { type AreaFeature, fetchAreaFeatures } from '../api/areas-client.ts';
import type { AreaPolygon, ItineraryBuilding } from './itinerary.ts';

const json = <T>(url: string, signal?: AbortSignal) => requestJson<T>(url, { signal });

/** The outer ring of a Polygon, or of a MultiPolygon's largest part by vertex count. */
function outerRing(geometry: AreaFeature['geometry']): Array<[number, number]> {
  if (geometry.type === 'Polygon') return ((geometry.coordinates as number[][][])[0] ?? []) as Array<[number, number]>;
  if (geometry.type === 'MultiPolygon') {
    const rings = (geometry.coordinates as number[][][][]).map((p) => p[0] ?? []);
    return (rings.sort((a, b) => b.length - a.length)[0] ?? []) as Array<[number, number]>;
  }
  return [];
}

/** Renewal areas only (old communities are left out here). */
export async function loadRenewalPolygons(signal?: AbortSignal): Promise<AreaPolygon[]> {
  const features = await fetchAreaFeatures(signal);
  return features
    .filter((f) => (AREA_KINDS as readonly string[]).includes(f.properties.kind) && f.properties.kind !== 'old-community')
    .map((f) => ({ id: f.properties.id, kind: f.properties.kind as AreaKind, name: f.properties.name, nameEn: f.properties.name_en, ring: outerRing(f.geometry) }));
}

/** Up to `limit` D-grade buildings of each area, by area id. An area the archive cannot answer for gets none. */
export async function loadDBuildings(areaIds: readonly string[], limit: number, signal?: AbortSignal): Promise<Map<string, ItineraryBuilding[]>> {
  const pageSize = String(Math.min(100, Math.max(1, limit)));
  const pages = await Promise.all(
    areaIds.map((area) =>
      json<SearchPage>(`/api/buildings?${new URLSearchParams({ grade: 'D', area, page_size: pageSize })}`, signal).then(
        (page) => [area, page.items] as const,
        () => [area, []] as const,
      ),
    ),
  );
  return new Map(pages.map(([area, items]) => [area, items.map(({ code, name, address, grade, lon, lat, height }) => ({ code, name, address, grade, lon, lat, height }))]));
}
