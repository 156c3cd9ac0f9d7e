/** Esc does `action` (the desk clears the selection with it), unless something else handled the key. */
import { useEffect } from 'react';

export function useEscapeKey(action: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [action]);
}
