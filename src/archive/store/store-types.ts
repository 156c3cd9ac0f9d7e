/**
 * What every part of the store seam shares: results as values, write errors, who acts,
 * roles, and the shapes the API answers with (they live in core, so the viewer can share them).
 */
import type {
  AppraisalView,
  AreaRecord,
  BuildingSummary,
  Dossier,
  InspectionInput,
  InspectionView,
  PlanView,
  SearchPage,
} from '../../core/archive-views.ts';
import type { ArchiveStats, CountByGrade } from '../../core/archive-stats.ts';

export type { AppraisalView, AreaRecord, ArchiveStats, BuildingSummary, CountByGrade, Dossier, InspectionInput, InspectionView, PlanView, SearchPage };



export type WriteError =
  | { kind: 'not_found'; code: string }
  | { kind: 'stale_version'; code: string; expected: number; current: number }
  | { kind: 'invalid'; message: string }
  /** A date after today (Asia/Shanghai): it would pin the current grade for good. */
  | { kind: 'future_date'; message: string };

export interface Actor {
  /** User name, or e.g. `import:archive.csv` for batch work. */
  name: string;
  userId: number | null;
}
