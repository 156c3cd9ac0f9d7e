/** City lifelines (城市生命线): utility networks and their pipe segments. */
import { z } from 'zod';
import type { GradeOrUnappraised, SafetyGrade } from './grades.ts';

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

export interface RiskParams {
  /** Age (years) from which a pipe counts as old. */
  ageYears: number;
  /** Distance (m) to a C/D building. */
  distanceM: number;
}
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

export interface PipeSegmentView {
  id: string;
  network: Network;
  diameterMm: number;
  depthM: number | null;
  material: string;
  installYear: number;
  ageYears: number;
  condition: PipeCondition;
  pressure: string | null;
  lengthM: number;
  lon: number;
  lat: number;
  old: boolean;
  poorCondition: boolean;
  /** Old or poor, and within the distance of a C/D building. */
  atRisk: boolean;
}

export interface NearbyBuilding {
  code: string;
  address: string;
  name: string | null;
  grade: GradeOrUnappraised;
  distanceM: number;
  /** The pipe crosses the footprint. */
  under: boolean;
}

export interface NearbyPipe extends PipeSegmentView {
  distanceM: number;
  under: boolean;
}

/** GET /api/lifelines/:id */
export interface PipeRisk extends RiskParams {
  segment: PipeSegmentView;
  buildings: NearbyBuilding[];
}

/** GET /api/buildings/:code/lifelines */
export interface BuildingPipes extends RiskParams {
  code: string;
  grade: GradeOrUnappraised;
  pipes: NearbyPipe[];
}

/** The `lifelines` block of /api/stats. */
export interface LifelineRiskStats extends RiskParams {
  /** All segments in the archive. */
  segments: number;
  /** At-risk segments. */
  total: number;
  byNetwork: Record<Network, number>;
}

/** GET /api/lifelines/risk */
export interface RiskList extends LifelineRiskStats {
  ids: string[];
}

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
