/**
 * What the archive answers about buildings: a building's summary (also the search
 * results' items), its whole dossier (`GET /api/buildings/:code`) and its footprint
 * (`GET /api/buildings/:code/footprint`). The server validates and documents with these
 * schemas; the store, the service and the viewer use the types inferred from them, so
 * the OpenAPI document, the server and the viewer cannot drift apart.
 */
import { z } from 'zod';
import { RenovationPlanSchema } from '../archive-record.ts';
import { BUILDING_USES, STRUCTURES } from '../building.ts';
import { SAFETY_GRADES } from '../grades.ts';
import { HAZARD_ITEMS } from '../hazards.ts';
import { AREA_KINDS } from '../renewal-areas.ts';
import { PLAN_STATUSES } from '../renovation-plan.ts';

export const GradeSchema = z.enum(SAFETY_GRADES);
export const HazardSchema = z.enum(HAZARD_ITEMS);
export const PlanStatusSchema = z.enum(PLAN_STATUSES);

/** A renewal area or old community a building lies in. */
export const AreaRecordSchema = z.object({ id: z.string(), kind: z.enum(AREA_KINDS), name: z.string(), nameEn: z.string() });
export type AreaRecord = z.infer<typeof AreaRecordSchema>;

export const BuildingSummarySchema = z.object({
  code: z.string(),
  name: z.string().nullable(),
  address: z.string(),
  community: z.string().nullable(),
  floors: z.number(),
  height: z.number(),
  yearBuilt: z.number(),
  structure: z.enum(STRUCTURES),
  use: z.enum(BUILDING_USES),
  heritage: z.boolean(),
  lon: z.number(),
  lat: z.number(),
  grade: GradeSchema.nullable(),
  planStatus: PlanStatusSchema.nullable(),
  areas: z.array(z.string()),
});
export type BuildingSummary = z.infer<typeof BuildingSummarySchema>;

export const AppraisalViewSchema = z.object({
  id: z.number(),
  date: z.string(),
  agency: z.string(),
  grade: GradeSchema,
  hazards: z.array(HazardSchema),
  /** `import` for exchange-file rows, `inspection` when an inspector's grade change made it. */
  source: z.enum(['import', 'inspection']),
  inspectionId: z.number().nullable(),
});
export type AppraisalView = z.infer<typeof AppraisalViewSchema>;

export const InspectionViewSchema = z.object({
  id: z.number(),
  date: z.string(),
  inspector: z.string(),
  findings: z.string(),
  hazards: z.array(HazardSchema),
  gradeBefore: GradeSchema.nullable(),
  gradeAfter: GradeSchema.nullable(),
  photos: z.array(z.string()),
  recordedAt: z.string(),
});
export type InspectionView = z.infer<typeof InspectionViewSchema>;

export const PlanViewSchema = RenovationPlanSchema.extend({ updatedAt: z.string(), updatedBy: z.string() });
export type PlanView = z.infer<typeof PlanViewSchema>;

/** Everything the archive knows about one building. */
export const DossierSchema = z.object({
  building: BuildingSummarySchema,
  /** Optimistic-concurrency token: send it back with a write; it grows with every change. */
  version: z.number().describe('send back with writes (optimistic concurrency)'),
  grade: GradeSchema.nullable(),
  /** Hazards of the newest record, appraisal or inspection, whichever is later. */
  hazards: z.array(HazardSchema),
  appraisals: z.array(AppraisalViewSchema),
  inspections: z.array(InspectionViewSchema),
  plan: PlanViewSchema.nullable(),
  areas: z.array(AreaRecordSchema),
});
export type Dossier = z.infer<typeof DossierSchema>;

const Position = z.array(z.number()).min(2).max(3);
const Ring = z.array(Position);

/** A building's footprint from the registry import: a GeoJSON Feature in WGS84 lon/lat. */
export const BuildingFootprintSchema = z.object({
  type: z.literal('Feature'),
  properties: z.object({ code: z.string() }),
  geometry: z.discriminatedUnion('type', [
    z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring) }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring)) }),
  ]),
});
export type BuildingFootprint = z.infer<typeof BuildingFootprintSchema>;
