/**
 * Keeps the view (url-state.ts) and the address bar in step. Selection, layer,
 * filter and language changes push a history entry (back/forward undo them); camera
 * moves only replace the current entry, so back does not replay every drag.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { type CameraState, decodeViewState, encodeViewState, type ViewState } from './url-state.ts';

export type ViewPatch = Partial<Omit<ViewState, 'camera'>>;

export interface ViewStateControls {
  view: ViewState;
  /** Change selection, layers, filters or language: a new history entry. A function gets the current view (for patches that build on it). */
  update(patch: ViewPatch | ((view: ViewState) => ViewPatch)): void;
  /** The camera stopped: rewrite the current entry. */
  recordCamera(camera: CameraState): void;
  /** Back/forward landed on a view: called with it (the camera is the caller's to move). */
  onHistory(listener: (view: ViewState) => void): () => void;
}

function urlFor(view: ViewState): string {
  return `${window.location.pathname}${encodeViewState(view, new URLSearchParams(window.location.search))}${window.location.hash}`;
}

export function useViewState(): ViewStateControls {
  const [view, setView] = useState(() => decodeViewState(window.location.search));
  const current = useRef(view);
  const listeners = useRef(new Set<(view: ViewState) => void>());

  const update = useCallback((patch: ViewPatch | ((view: ViewState) => ViewPatch)) => {
    const next = { ...current.current, ...(typeof patch === 'function' ? patch(current.current) : patch) };
    const url = urlFor(next);
    current.current = next;
    setView(next);
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) window.history.pushState(null, '', url);
  }, []);

  const recordCamera = useCallback((camera: CameraState) => {
    current.current = { ...current.current, camera };
    window.history.replaceState(null, '', urlFor(current.current));
  }, []);

  const onHistory = useCallback((listener: (view: ViewState) => void) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);

  useEffect(() => {
    const onPop = () => {
      const next = decodeViewState(window.location.search);
      current.current = next;
      setView(next);
      for (const l of listeners.current) l(next);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  return { view, update, recordCamera, onHistory };
}
