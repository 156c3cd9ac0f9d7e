/**
 * The outcome of reading or checking an input: its value, or every problem found
 * (issue 16: each reader had its own `{ ok, … }` shape). A list, not one problem,
 * because one area, row or feature can be wrong in several ways and a person fixing
 * a hand-over file wants them all at once.
 *
 * `Outcome<T, E>` is the other shape, for an action that fails in exactly one way (a
 * write refused as not found, a stale version, a name already taken): the error is one
 * value of a small union the caller switches on, not a list of input problems. The
 * archive's stores and services return it; it lived in the store's types until
 * issue 16 put both shapes here.
 */
export type Result<T, P> = { ok: true; value: T } | { ok: false; problems: P[] };

export function success<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function failure<P>(problems: P[]): { ok: false; problems: P[] } {
  return { ok: false, problems };
}

/** An action's outcome: its value, or the one reason it was refused (see the header). */
export type Outcome<T, E> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}
