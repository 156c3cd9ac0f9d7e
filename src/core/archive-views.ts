/**
 * What the archive answers with: a building's summary, its dossier, a search page, an
 * inspection's and a plan's answers, the session. Shared by the archive (store and API)
 * and the viewer (its API client), so the two cannot drift apart. The types are inferred
 * from the API contract's Zod schemas (src/core/api/), which the server validates with and
 * documents in openapi.json: one definition, not two.
 */
export type {
  AppraisalView,
  AreaRecord,
  BuildingFootprint,
  BuildingSummary,
  Dossier,
  InspectionView,
  PlanView,
} from './api/dossier-contracts.ts';
export type { SearchPage } from './api/search-contracts.ts';
export type { GradeMapView } from './api/grade-contracts.ts';
export type { InspectionInput, InspectionSaved } from './api/inspection-contracts.ts';
export type { PlanInput, PlanSaved } from './api/plan-contracts.ts';
export type { SessionView, UserView } from './api/session-contracts.ts';
export type { ApiError } from './api/error-contract.ts';
