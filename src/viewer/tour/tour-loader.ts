/**
 * Tours are static files: `/tours/index.json` lists them, `/tours/<name>.json` holds
 * one. Loading validates with src/core/tour-schema.ts, so a bad file shows the same
 * tour/step/field messages the tests and a CLI see.
 */
import { type TourContext, type TourIndex, TourIndexSchema, type TourProblem, type TourResult, validateTour } from '../../core/tour-schema.ts';
import { fetchAreaFeatures } from '../api/areas-client.ts';

export const TOURS_URL = '/tours';

/** The area ids of areas.geojson, so a tour naming an unknown area says so; null when they cannot be read (then not checked). */
export async function loadAreaIds(signal?: AbortSignal): Promise<Set<string> | null> {
  try {
    const features = (await fetchAreaFeatures(signal)) as Array<{ properties?: { id?: unknown } }>;
    const ids = features.map((f) => f.properties?.id).filter((id): id is string => typeof id === 'string');
    return ids.length > 0 ? new Set(ids) : null;
  } catch {
    return null;
  }
}

export async function loadTourIndex(signal?: AbortSignal): Promise<TourIndex | null> {
  try {
    const response = await fetch(`${TOURS_URL}/index.json`, { signal });
    if (!response.ok) return null;
    const parsed = TourIndexSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function fileProblem(name: string, message: string): TourResult {
  const problem: TourProblem = { tour: name, step: null, stepId: null, field: '', message };
  return { ok: false, problems: [problem] };
}

export async function loadTour(name: string, signal?: AbortSignal, context: TourContext = {}): Promise<TourResult> {
  if (!/^[\w-]{1,60}$/.test(name)) return fileProblem(name, '导览名只能含字母、数字、-_ / a tour name holds letters, digits, - and _ only');
  const url = `${TOURS_URL}/${name}.json`;
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    return fileProblem(name, `无法读取 ${url} / cannot fetch ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) return fileProblem(name, `${url}: HTTP ${response.status} — 请检查 public/tours/ / check the file is in public/tours/ and listed in index.json`);
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    return fileProblem(name, `${url} 不是有效的 JSON / is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return validateTour(name, body, context);
}
