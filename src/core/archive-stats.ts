/**
 * What `GET /api/stats` answers with: the big screen's numbers. Shared by the archive
 * (store and route) and the viewer's screen mode, so the two cannot drift apart.
 */
import type { LifelineRiskStats } from './lifelines.ts';
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
 * them (defined with the lifelines rules). An archive with no pipe segments reports
 * `segments: 0`; the screen then says so rather than showing zeros.
 */
export type LifelineRiskCounts = LifelineRiskStats;

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
