/**
 * Tours are static files: `/tours/index.json` lists them, `/tours/<name>.json` holds
 * one. Loading validates with src/core/tour-schema.ts, so a bad file shows the same
 * tour/step/field messages the tests and a CLI see. Both are read through the viewer's
 * one HTTP client (src/viewer/api/http-client.ts), whose three failures — no answer,
 * an HTTP status, not JSON — each become a problem naming the file.
 */
import { type TourContext, type TourIndex, TourIndexSchema, type TourProblem, type TourResult, validateTour } from '../../core/tour-schema.ts';
import { fetchAreaFeatures } from '../api/areas-client.ts';
import { ArchiveError, requestJson, requestParsed } from '../api/http-client.ts';

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
    return await requestParsed(`${TOURS_URL}/index.json`, TourIndexSchema, { signal });
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
  let body: unknown;
  try {
    body = await requestJson<unknown>(url, { signal });
  } catch (error) {
    const e = error instanceof ArchiveError ? error : null;
    if (e?.code === 'not_json') {
      const reason = e.cause instanceof Error ? e.cause.message : e.message;
      return fileProblem(name, `${url} 不是有效的 JSON / is not valid JSON: ${reason}`);
    }
    if (e && e.code !== 'network') return fileProblem(name, `${url}: HTTP ${e.status} — 请检查 public/tours/ / check the file is in public/tours/ and listed in index.json`);
    // No answer (or aborted): the underlying fetch error, as before.
    const cause = e?.cause ?? error;
    return fileProblem(name, `无法读取 ${url} / cannot fetch ${url}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  return validateTour(name, body, context);
}
