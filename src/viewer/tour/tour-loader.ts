/**
 * Tours are static files: `/tours/index.json` lists them, `/tours/<name>.json` holds
 * one. Loading validates with src/core/tour-schema.ts, so a bad file shows the same
 * tour/step/field messages the tests and a CLI see.
 */
import { type TourIndex, TourIndexSchema, type TourProblem, type TourResult, validateTour } from '../../core/tour-schema.ts';

export const TOURS_URL = '/tours';

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

export async function loadTour(name: string, signal?: AbortSignal): Promise<TourResult> {
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
  return validateTour(name, body);
}
