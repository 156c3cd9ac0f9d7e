/** City lifelines (城市生命线): utility networks and their pipe segments. */
import { z } from 'zod';
import { SAFETY_GRADES, type GradeOrUnappraised, type SafetyGrade } from './grades.ts';

export const NETWORKS = ['water', 'storm', 'sewage', 'gas', 'power', 'telecom'] as const;
export type Network = (typeof NETWORKS)[number];

/** Colours follow the usual Chinese pipeline-map convention (CJJ 61). */
export const NETWORK_INFO: Record<Network, { zh: string; en: string; color: string }> = {
  water: { zh: '供水', en: 'Water supply', color: '#1f78ff' },
  storm: { zh: '雨水', en: 'Storm drainage', color: '#33c1c7' },
  sewage: { zh: '污水', en: 'Sewage', color: '#8a5a2b' },
  gas: { zh: '燃气', en: 'Gas', color: '#f5d800' },
  power: { zh: '供电', en: 'Power', color: '#e8412c' },
  telecom: { zh: '通信', en: 'Telecom', color: '#2bb24c' },
};

/** Networks that flow by gravity: their pipes must fall downhill. */
export const GRAVITY_NETWORKS: readonly Network[] = ['storm', 'sewage'];

export const PIPE_CONDITIONS = ['良好', '一般', '较差', '危险'] as const;
export type PipeCondition = (typeof PIPE_CONDITIONS)[number];
export const PIPE_CONDITION_EN: Record<PipeCondition, string> = {
  良好: 'Good',
  一般: 'Fair',
  较差: 'Poor',
  危险: 'Critical',
};

export const PRESSURE_CLASSES = ['低压', '中压', '次高压', '高压'] as const;
export type PressureClass = (typeof PRESSURE_CLASSES)[number];

export const LifelinePropertiesSchema = z.object({
  id: z.string().min(1),
  network: z.enum(NETWORKS),
  diameter_mm: z.number().positive().max(4000),
  depth_m: z.number().positive().max(30),
  material: z.string().min(1),
  install_year: z.number().int().min(1900).max(2100),
  condition: z.enum(PIPE_CONDITIONS),
  pressure: z.enum(PRESSURE_CLASSES).nullable(),
});
export type LifelineProperties = z.infer<typeof LifelinePropertiesSchema>;

// ---- Pipe risk (one rule for the archive's queries and the viewer) ----

/** A pipe this many years old or older counts as old, unless the user asks otherwise. */
export const DEFAULT_RISK_AGE_YEARS = 30;
/** Default distance (m) from a C or D building within which an old or poor pipe is at risk. */
export const DEFAULT_RISK_DISTANCE_M = 15;
/** Conditions that count as poor. */
export const POOR_CONDITIONS: readonly PipeCondition[] = ['较差', '危险'];
/** Grades that make a nearby old or poor pipe a risk. */
export const RISK_GRADES: readonly SafetyGrade[] = ['C', 'D'];

export const RiskParamsSchema = z.object({
  /** Age (years) from which a pipe counts as old. */
  ageYears: z.number(),
  /** Distance (m) to a C/D building. */
  distanceM: z.number(),
});
export type RiskParams = z.infer<typeof RiskParamsSchema>;
export const DEFAULT_RISK_PARAMS: RiskParams = { ageYears: DEFAULT_RISK_AGE_YEARS, distanceM: DEFAULT_RISK_DISTANCE_M };

export function pipeAgeYears(installYear: number, now: Date = new Date()): number {
  return now.getFullYear() - installYear;
}

export function isOldPipe(installYear: number, ageYears: number = DEFAULT_RISK_AGE_YEARS, now: Date = new Date()): boolean {
  return pipeAgeYears(installYear, now) >= ageYears;
}

export function isPoorCondition(condition: string): boolean {
  return (POOR_CONDITIONS as readonly string[]).includes(condition);
}

/** Whether a building of this grade puts the old or poor pipes near it at risk. */
export function isRiskGrade(grade: GradeOrUnappraised): boolean {
  return grade !== null && RISK_GRADES.includes(grade);
}

// ---- What the archive's lifelines API answers (src/archive/api/lifeline-routes.ts) ----
// Schemas here rather than in src/core/api/lifeline-contracts.ts: they are built from the
// vocabularies above, and the viewer takes the types from this module.

export const PipeSegmentViewSchema = z.object({
  id: z.string(),
  network: z.enum(NETWORKS),
  diameterMm: z.number(),
  depthM: z.number().nullable(),
  material: z.string(),
  installYear: z.number(),
  ageYears: z.number(),
  condition: z.enum(PIPE_CONDITIONS),
  pressure: z.string().nullable(),
  lengthM: z.number(),
  lon: z.number(),
  lat: z.number(),
  old: z.boolean(),
  poorCondition: z.boolean(),
  atRisk: z.boolean().describe('old or in poor condition, and within the distance of a C or D building (current grade)'),
});
export type PipeSegmentView = z.infer<typeof PipeSegmentViewSchema>;

export const NearbyBuildingSchema = z.object({
  code: z.string(),
  address: z.string(),
  name: z.string().nullable(),
  grade: z.enum(SAFETY_GRADES).nullable(),
  distanceM: z.number(),
  under: z.boolean().describe('the pipe crosses the footprint'),
});
export type NearbyBuilding = z.infer<typeof NearbyBuildingSchema>;

export const NearbyPipeSchema = PipeSegmentViewSchema.extend({ distanceM: z.number(), under: z.boolean() });
export type NearbyPipe = z.infer<typeof NearbyPipeSchema>;

/** GET /api/lifelines/:id */
export const PipeRiskSchema = z.object({ ...RiskParamsSchema.shape, segment: PipeSegmentViewSchema, buildings: z.array(NearbyBuildingSchema) });
export type PipeRisk = z.infer<typeof PipeRiskSchema>;

/** GET /api/buildings/:code/lifelines */
export const BuildingPipesSchema = z.object({
  ...RiskParamsSchema.shape,
  code: z.string(),
  grade: z.enum(SAFETY_GRADES).nullable(),
  pipes: z.array(NearbyPipeSchema),
});
export type BuildingPipes = z.infer<typeof BuildingPipesSchema>;

/** The `lifelines` block of /api/stats. */
export const LifelineRiskStatsSchema = z.object({
  ...RiskParamsSchema.shape,
  segments: z.number().describe('all segments in the archive'),
  total: z.number().describe('at-risk segments'),
  byNetwork: z.record(z.enum(NETWORKS), z.number()),
});
export type LifelineRiskStats = z.infer<typeof LifelineRiskStatsSchema>;

/** GET /api/lifelines/risk */
export const RiskListSchema = LifelineRiskStatsSchema.extend({ ids: z.array(z.string()).describe('at-risk segment ids, sorted') });
export type RiskList = z.infer<typeof RiskListSchema>;

/** A segment's attributes as stored in the archive table and the tiles' property table (input names). */
export interface PipeRecord {
  id: string;
  network: Network;
  diameter_mm: number;
  /** Null when the input gave invert elevations instead. */
  depth_m: number | null;
  material: string;
  install_year: number;
  condition: PipeCondition;
  pressure: string | null;
  length_m: number;
}
