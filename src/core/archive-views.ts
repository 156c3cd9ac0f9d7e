/**
 * What the archive answers with: a building's summary, its dossier, a search page.
 * Shared by the archive (store and API) and the viewer (its API client), so the two
 * cannot drift apart.
 */
import type { RenovationPlan } from './archive-record.ts';
import type { BuildingProperties } from './building.ts';
import type { SafetyGrade } from './grades.ts';
import type { HazardItem } from './hazards.ts';
import type { AreaKind } from './renewal-areas.ts';
import type { PlanStatus } from './renovation-plan.ts';

export interface AreaRecord {
  id: string;
  kind: AreaKind;
  name: string;
  nameEn: string;
}

export interface AppraisalView {
  id: number;
  date: string;
  agency: string;
  grade: SafetyGrade;
  hazards: HazardItem[];
  /** `import` for exchange-file rows, `inspection` when an inspector's grade change made it. */
  source: 'import' | 'inspection';
  inspectionId: number | null;
}

export interface InspectionView {
  id: number;
  date: string;
  inspector: string;
  findings: string;
  hazards: HazardItem[];
  gradeBefore: SafetyGrade | null;
  gradeAfter: SafetyGrade | null;
  photos: string[];
  recordedAt: string;
}

export interface PlanView extends RenovationPlan {
  updatedAt: string;
  updatedBy: string;
}

export interface BuildingSummary {
  code: string;
  name: string | null;
  address: string;
  community: string | null;
  floors: number;
  height: number;
  yearBuilt: number;
  structure: BuildingProperties['structure'];
  use: BuildingProperties['use'];
  heritage: boolean;
  lon: number;
  lat: number;
  grade: SafetyGrade | null;
  planStatus: PlanStatus | null;
  areas: string[];
}

/** Everything the archive knows about one building. */
export interface Dossier {
  building: BuildingSummary;
  /** Optimistic-concurrency token: send it back with a write; it grows with every change. */
  version: number;
  grade: SafetyGrade | null;
  /** Hazards of the newest record, appraisal or inspection, whichever is later. */
  hazards: HazardItem[];
  appraisals: AppraisalView[];
  inspections: InspectionView[];
  plan: PlanView | null;
  areas: AreaRecord[];
}

export interface SearchPage {
  total: number;
  page: number;
  pageSize: number;
  items: BuildingSummary[];
}

/** An inspection as recorded through the API (`POST /api/buildings/:code/inspections`). */
export interface InspectionInput {
  date: string;
  findings: string;
  hazards: HazardItem[];
  /** New grade when the inspection changes it; a change also creates an appraisal. */
  grade?: SafetyGrade;
  /** Agency of the appraisal a grade change creates. */
  agency?: string;
  photos: string[];
  /** The dossier version the inspector saw. */
  version: number;
}
