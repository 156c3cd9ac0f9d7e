/**
 * The archive as GeoJSON for GIS users: each building's footprint (or its centroid
 * when no footprint is stored) with its current grade, hazards-free summary and plan.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { BuildingSummary, PlanView } from '../store/archive-store.ts';

export function archiveFeatureCollection(
  rows: ReadonlyArray<{ summary: BuildingSummary; footprint: Geometry | null; plan: PlanView | null }>,
): FeatureCollection {
  const features: Feature[] = rows.map(({ summary: s, footprint, plan }) => ({
    type: 'Feature',
    id: s.code,
    geometry: footprint ?? { type: 'Point', coordinates: [s.lon, s.lat] },
    properties: {
      code: s.code,
      name: s.name,
      address: s.address,
      community: s.community,
      floors: s.floors,
      height: s.height,
      year_built: s.yearBuilt,
      structure: s.structure,
      use: s.use,
      heritage: s.heritage,
      grade: s.grade,
      areas: s.areas,
      plan_status: plan?.status ?? null,
      plan_measures: plan?.measures ?? null,
      plan_start: plan?.start ?? null,
      plan_end: plan?.end ?? null,
      plan_budget_wan: plan?.budgetWan ?? null,
      plan_funding: plan?.funding ?? null,
      plan_unit: plan?.unit ?? null,
      plan_key_project: plan?.keyProject ?? null,
    },
  }));
  return { type: 'FeatureCollection', features };
}
