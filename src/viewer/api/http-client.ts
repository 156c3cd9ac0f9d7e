/**
 * The viewer's one HTTP client (issue 16: the archive client, the grades feed, the
 * lifelines calls, the autopilot's itinerary and the area list each had their own
 * fetch, with different credentials, headers and error handling). Same-origin
 * credentials (the archive's session cookie), JSON in and out, abort through a
 * signal, and every failure as an ArchiveError with the HTTP status (0: no answer),
 * a code and a bilingual message, so the UI can tell "down" (network, 5xx) from "not
 * there" (404) from "stale" (409). An aborted request rejects with the abort error
 * itself, so callers can ignore it.
 */

export class ArchiveError extends Error {
  constructor(
    /** HTTP status; 0 when nothing answered. */
    readonly status: number,
    /** The server's error code (e.g. `not_found`), or ours: `network`, `http`, `not_json`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
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
  const headers: Record<string, string> = { accept: 'application/json' };
  if (json !== undefined) headers['content-type'] = 'application/json';
  const url = path.startsWith('/') ? `${baseUrl}${path}` : path;
  let response: Response;
  try {
    response = await fetch(url, { method, signal, credentials: 'same-origin', headers, body: json === undefined ? undefined : JSON.stringify(json) });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ArchiveError(0, 'network', `无法连接 / no answer from ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's HTML error page: keep the status, the message says what came back.
  }
  if (!response.ok) {
    const err = (body ?? {}) as { error?: string; message?: string };
    throw new ArchiveError(response.status, err.error ?? 'http', err.message ?? `请求失败 / ${path}: HTTP ${response.status}`);
  }
  if (body === null && text) throw new ArchiveError(502, 'not_json', `返回的不是 JSON / ${path}: not JSON`);
  return body as T;
}
