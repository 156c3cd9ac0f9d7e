/**
 * The archive HTTP API as the viewer uses it (src/archive/api/openapi.json). Response
 * types come from src/core/archive-views.ts, shared with the archive, rather than from
 * the server's Zod schemas, which would pull server code into the bundle. Requests go
 * through http-client.ts (errors as ArchiveError with the HTTP status).
 */
import type { SafetyGrade } from '../../core/grades.ts';
import type { AreaPlanOutcomes } from '../../core/plan-outcome.ts';
import type { AppraisalView, BuildingSummary, Dossier, InspectionInput, InspectionView, PlanView, SearchPage } from '../../core/archive-views.ts';
import type { BuildingFilters, GradeKey } from '../filters/building-filter.ts';
import { ArchiveError, requestJson } from './http-client.ts';

// The response shapes are shared with the archive through src/core (types only, no server code).
export type { BuildingSummary, Dossier, SearchPage };
export type Appraisal = AppraisalView;
export type Inspection = InspectionView;
export type RenovationPlanBody = PlanView;

export interface SessionUser {
  id: number;
  name: string;
  role: 'viewer' | 'inspector' | 'planner' | 'admin';
}

/** What the inspection form sends (photos are not taken in the browser yet). */
export type InspectionFormInput = Omit<InspectionInput, 'photos'>;

export { ArchiveError };

const request = <T>(path: string, init: { method?: string; json?: unknown } = {}, signal?: AbortSignal) => requestJson<T>(path, { ...init, signal });

/** `GET /api/buildings/:code/footprint`: the building's footprint from the registry import. */
export interface BuildingFootprint {
  type: 'Feature';
  properties: { code: string };
  geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
}

export function fetchFootprint(code: string, signal?: AbortSignal): Promise<BuildingFootprint> {
  return request<BuildingFootprint>(`/api/buildings/${encodeURIComponent(code)}/footprint`, {}, signal);
}

/**
 * The dossier. A 404 is "no such building" only if the archive itself answers: a
 * server running without the archive answers every /api path with 404 too, and that
 * is "unavailable", not "not found".
 */
export async function fetchDossier(code: string, signal?: AbortSignal): Promise<Dossier> {
  try {
    return await request<Dossier>(`/api/buildings/${encodeURIComponent(code)}`, {}, signal);
  } catch (error) {
    if (error instanceof ArchiveError && error.status === 404 && !(await archiveAnswers(signal))) throw new ArchiveError(503, 'archive_unavailable', error.message);
    throw error;
  }
}

/** Whether the archive API is there at all (a cheap grades delta: nothing changed since far ahead). */
export async function archiveAnswers(signal?: AbortSignal): Promise<boolean> {
  try {
    await request<unknown>('/api/grades?since=2147483647', {}, signal);
    return true;
  } catch {
    return false;
  }
}

export function searchBuildings(q: string, pageSize = 8, signal?: AbortSignal): Promise<SearchPage> {
  const params = new URLSearchParams({ q, page_size: String(pageSize) });
  return request<SearchPage>(`/api/buildings?${params}`, {}, signal);
}

/** Search parameters for the filters the API understands (one grade at a time). */
export function filterSearchParams(filters: BuildingFilters, grade: GradeKey | null): URLSearchParams {
  const p = new URLSearchParams();
  if (grade) p.set('grade', grade);
  if (filters.yearFrom !== null) p.set('year_from', String(filters.yearFrom));
  if (filters.yearTo !== null) p.set('year_to', String(filters.yearTo));
  if (filters.structure) p.set('structure', filters.structure);
  if (filters.use) p.set('use', filters.use);
  if (filters.area) p.set('area', filters.area);
  if (filters.heritage !== null) p.set('heritage', filters.heritage ? 'true' : 'false');
  return p;
}

/** How many buildings of the whole district match the filters (grades are disjoint: one count each). */
export async function countMatching(filters: BuildingFilters, signal?: AbortSignal): Promise<number> {
  const grades: Array<GradeKey | null> = filters.grades.length > 0 ? filters.grades : [null];
  const totals = await Promise.all(
    grades.map((g) => {
      const p = filterSearchParams(filters, g);
      p.set('page_size', '1');
      return request<SearchPage>(`/api/buildings?${p}`, {}, signal).then((r) => r.total);
    }),
  );
  return totals.reduce((a, b) => a + b, 0);
}

/** Every building code in a renewal area or old community (paged, 100 at a time). */
export async function codesInArea(area: string, signal?: AbortSignal): Promise<Set<string>> {
  const page = (n: number) => request<SearchPage>(`/api/buildings?${new URLSearchParams({ area, page: String(n), page_size: '100' })}`, {}, signal);
  const first = await page(1);
  const pages = Math.ceil(first.total / 100);
  const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => page(i + 2)));
  return new Set([first, ...rest].flatMap((r) => r.items.map((b) => b.code)));
}

/** A renewal area's buildings with what their plans do (the before/after comparison). */
export function fetchPlanOutcomes(area: string, signal?: AbortSignal): Promise<AreaPlanOutcomes> {
  return request<AreaPlanOutcomes>(`/api/areas/${encodeURIComponent(area)}/plan-outcomes`, {}, signal);
}

export async function fetchSession(): Promise<SessionUser | null> {
  const body = await request<{ user: SessionUser | null }>('/api/session');
  return body.user;
}

export async function logIn(name: string, password: string): Promise<SessionUser> {
  await request('/api/session', { method: 'POST', json: { name, password } });
  const user = await fetchSession();
  if (!user) throw new ArchiveError(401, 'unauthorized', 'no session');
  return user;
}

export async function logOut(): Promise<void> {
  await request('/api/session', { method: 'DELETE' });
}

/** What the server says about a recorded inspection: `gradeApplied` false when a newer appraisal keeps the grade. */
export interface InspectionSaved {
  version: number;
  gradeApplied: boolean;
  currentAppraisal: { date: string; grade: SafetyGrade } | null;
}

export function recordInspection(code: string, input: InspectionFormInput): Promise<InspectionSaved> {
  return request(`/api/buildings/${encodeURIComponent(code)}/inspections`, { method: 'POST', json: input });
}
