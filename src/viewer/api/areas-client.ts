/**
 * The renewal areas and old communities (tiles/overlays/areas.geojson, a build output
 * the areas layer drapes), read as data through the one HTTP client: the filter's
 * area list, the autopilot's itinerary and the tour check of area ids.
 */
import { AREAS_URL } from '../layers/overlay-urls.ts';
import { requestJson } from './http-client.ts';

export interface AreaFeature {
  properties: { id: string; kind: string; name: string; name_en: string };
  geometry: { type: string; coordinates: unknown };
}

export async function fetchAreaFeatures(signal?: AbortSignal): Promise<AreaFeature[]> {
  const fc = await requestJson<{ features?: AreaFeature[] }>(AREAS_URL, { signal });
  return fc.features ?? [];
}
