/**
 * A tool's request to the archive for its current inputs (the flood lists at a level,
 * the pipes of a line or an outline): made when the inputs' key changes, the older one
 * aborted, and the answer given only while it belongs to the current key — so a panel
 * never shows one level's lists under another level's water.
 */
import { useEffect, useState } from 'react';

export type KeyedAnswer<T> = { value: T; error: null } | { value: null; error: string };

/** The answer for `key` (null while it is on its way, or when `key` is null: nothing to ask). */
export function useKeyedRequest<T>(key: string | null, request: (signal: AbortSignal) => Promise<T>): KeyedAnswer<T> | null {
  const [answer, setAnswer] = useState<{ key: string; answer: KeyedAnswer<T> } | null>(null);
  useEffect(() => {
    if (key === null) return;
    const abort = new AbortController();
    request(abort.signal).then(
      (value) => setAnswer({ key, answer: { value, error: null } }),
      (e: unknown) => abort.signal.aborted || setAnswer({ key, answer: { value: null, error: e instanceof Error ? e.message : String(e) } }),
    );
    return () => abort.abort();
    // The request is the key's: a new closure with the same key asks nothing new.
  }, [key]);
  return answer && answer.key === key ? answer.answer : null;
}

/** The key of a list of points (lon/lat as the URL keeps them). */
export const pointsKey = (points: readonly (readonly number[])[]) => points.map((p) => `${p[0]},${p[1]}`).join(';');
