/**
 * What `GET /api/stats` answers with: the big screen's numbers. Shared by the archive
 * (store and route) and the viewer's screen mode, so the two cannot drift apart.
 */
import type { Network } from './lifelines.ts';
import type { AreaKind } from './renewal-areas.ts';
import type { PlanStatus } from './renovation-plan.ts';

export interface CountByGrade {
  A: number;
  B: number;
  C: number;
  D: number;
  unappraised: number;
}

/**
 * Pipes at risk next to C/D buildings, as the lifelines part of the archive reports
 * them. Optional in {@link ArchiveStats}: an archive without lifelines leaves it out,
 * and the screen says so rather than showing zeros.
 */
export interface LifelineRiskCounts {
  /** The age (years) and distance (m) the counts were made with. */
  ageYears?: number;
  distanceM?: number;
  /** All segments in the archive. */
  segments: number;
  /** At-risk segments. */
  total: number;
  byNetwork: Partial<Record<Network, number>>;
}

export interface ArchiveStats {
  version: number;
  buildings: number;
  byGrade: CountByGrade;
  byPlanStatus: Record<PlanStatus, number>;
  byArea: Array<{ id: string; kind: AreaKind; name: string; nameEn: string; buildings: number; byGrade: CountByGrade }>;
  inspectionsThisMonth: number;
  month: string;
  lifelines?: LifelineRiskCounts;
}
