/**
 * The outcome of reading or checking an input: its value, or every problem found
 * (issue 16: each reader had its own `{ ok, … }` shape). A list, not one problem,
 * because one area, row or feature can be wrong in several ways and a person fixing
 * a hand-over file wants them all at once. Older shapes that still carry a single
 * problem (`GeoJsonResult`, the store's `Result<T, E>`) are converted as they are
 * touched.
 */
export type Result<T, P> = { ok: true; value: T } | { ok: false; problems: P[] };

export function success<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function failure<P>(problems: P[]): { ok: false; problems: P[] } {
  return { ok: false, problems };
}
