/**
 * The viewer's one HTTP client (issue 16: the archive client, the grades feed, the
 * lifelines calls, the autopilot's itinerary, the area list, the wall screen's stats,
 * the tour files and the basemap manifest each had their own fetch, with different
 * credentials, headers and error handling). Same-origin credentials (the archive's
 * session cookie), JSON in and out, abort through a signal, and every failure as an
 * ArchiveError with the HTTP status (0: no answer), a code and a bilingual message,
 * so the UI can tell "down" (network, 5xx) from "not there" (404) from "stale" (409)
 * from "not JSON". An aborted request rejects with the abort error itself, so callers
 * can ignore it. `requestParsed` also checks the body against a core contract schema
 * (src/core/api/, src/core/tour-schema.ts), so a wrong shape fails here, by name,
 * instead of as `undefined` deep in a panel.
 *
 * The static JSON the viewer reads (tours in public/tours/, tiles/overlays/areas.geojson,
 * tiles/basemap/basemap.json) goes through this same client rather than a second
 * helper: it is same-origin JSON too, and its callers need exactly the same three
 * failures (no answer, HTTP status, not JSON) — a tour names each in its problem
 * list. Same-origin credentials are fetch's default anyway, so a static file server
 * sees the same request as before. What stays outside is binary tile data: tiles,
 * glTF and imagery pictures are fetched by Cesium itself (its Resource, with its own
 * retry and request scheduling), and the buildings' pick index — bytes beside the
 * tileset, at a URL derived from the tileset's Resource — by building-ray-picker.ts.
 */
import type { z } from 'zod';

export class ArchiveError extends Error {
  constructor(
    /** HTTP status; 0 when nothing answered. */
    readonly status: number,
    /** The server's error code (e.g. `not_found`), or ours: `network`, `http`, `not_json`. */
    readonly code: string,
    message: string,
    /** `cause`: what went wrong underneath (the JSON parse error, the schema's issues). */
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ArchiveError';
  }
  /** The archive did not answer (network error, 5xx): the UI says "unavailable". */
  get unavailable(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

export interface RequestOptions {
  /** Default GET. */
  method?: string;
  /** Sent as JSON (content-type application/json); omitted: no body. */
  json?: unknown;
  signal?: AbortSignal;
  /** Prefixed to a path starting with `/`; default '' (the page's own origin, where the server serves the API). */
  baseUrl?: string;
  /**
   * The fetch to call; default the page's own (`globalThis.fetch`, looked up on each
   * request, so a test can stub the global). Tests inject a stand-in here.
   */
  fetch?: typeof fetch;
}

/** Default base URL: same origin. */
export const DEFAULT_BASE_URL = '';

/**
 * `path`'s JSON body. Rejects with ArchiveError: `network` (status 0) when nothing
 * answered, the server's `{ error, message }` on a non-2xx answer (else `http`), and
 * `not_json` (502) when a 2xx answer is not JSON (a server without the archive
 * answers /api/* with the viewer's HTML).
 */
export async function requestJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', json, signal, baseUrl = DEFAULT_BASE_URL } = options;
  // A local binding: called as a method of `options`, the browser's own fetch throws "Illegal invocation".
  const send = options.fetch ?? globalThis.fetch;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (json !== undefined) headers['content-type'] = 'application/json';
  const url = path.startsWith('/') ? `${baseUrl}${path}` : path;
  let response: Response;
  try {
    response = await send(url, { method, signal, credentials: 'same-origin', headers, body: json === undefined ? undefined : JSON.stringify(json) });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ArchiveError(0, 'network', `无法连接 / no answer from ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const text = await response.text();
  let body: unknown = null;
  let parseError: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (error) {
    // A proxy's HTML error page: keep the status, the message says what came back.
    parseError = error;
  }
  if (!response.ok) {
    const err = (body ?? {}) as { error?: string; message?: string };
    throw new ArchiveError(response.status, err.error ?? 'http', err.message ?? `请求失败 / ${path}: HTTP ${response.status}`);
  }
  if (parseError !== undefined) {
    const reason = parseError instanceof Error ? parseError.message : String(parseError);
    throw new ArchiveError(502, 'not_json', `返回的不是 JSON / ${path}: not JSON (${reason})`, { cause: parseError });
  }
  return body as T;
}

/**
 * `path`'s JSON body, checked against `schema` (a core contract) and returned as the
 * schema's output (unknown keys dropped). Besides requestJson's failures, a body of
 * another shape rejects with ArchiveError `bad_response` (502: the server, or a proxy
 * in front of it, answered with something that is not this contract), naming the
 * first wrong field; the Zod error is its `cause`.
 */
export async function requestParsed<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}): Promise<z.output<S>> {
  const body = await requestJson<unknown>(path, options);
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(body)';
  throw new ArchiveError(502, 'bad_response', `返回的数据格式不对 / ${path}: unexpected answer at ${where}: ${issue?.message ?? 'invalid'}`, { cause: parsed.error });
}
