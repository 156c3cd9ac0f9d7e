/**
 * Which face the viewer shows (`?mode=`): the desk viewer (default), the wall screen
 * (`screen`: KPI panels and the autopilot) or the planning-meeting tour (`tour`).
 * All three share one scene and its layers.
 */
export const APP_MODES = ['desk', 'screen', 'tour'] as const;
export type AppMode = (typeof APP_MODES)[number];

export function modeFromUrl(search: string): AppMode {
  const mode = new URLSearchParams(search).get('mode');
  return mode === 'screen' || mode === 'tour' ? mode : 'desk';
}

/**
 * `?scale=` renders the 3D view at that fraction of the screen's resolution (0.25–2):
 * a weak GPU on a 4K wall (or a software renderer in tests) stays smooth at 0.5.
 * Null when not given or out of range.
 */
export function renderScaleFromUrl(search: string): number | null {
  const text = new URLSearchParams(search).get('scale');
  const n = text === null ? NaN : Number(text);
  return Number.isFinite(n) && n >= 0.25 && n <= 2 ? n : null;
}
