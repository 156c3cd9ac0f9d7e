/**
 * The wall screen's timings, from the URL so a kiosk (or a test) can tune them
 * without a build: `idle=` seconds of no input before the autopilot resumes (60),
 * `dwell=` seconds at each stop (8), `fly=` seconds per flight (4), `per-area=` D
 * buildings visited per area (2), `poll=` seconds between stats polls (3).
 */
import { type AutopilotOptions, DEFAULT_AUTOPILOT_OPTIONS } from './autopilot.ts';
import { DEFAULT_ITINERARY_OPTIONS } from './itinerary.ts';

export interface ScreenOptions {
  autopilot: Pick<AutopilotOptions, 'idleSeconds' | 'dwellSeconds' | 'flySeconds'>;
  buildingsPerArea: number;
  pollMs: number;
}

function seconds(q: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const text = q.get(name);
  const n = text === null ? NaN : Number(text);
  return Number.isFinite(n) && n >= min && n <= max ? n : fallback;
}

export function screenOptionsFromUrl(search: string): ScreenOptions {
  const q = new URLSearchParams(search);
  return {
    autopilot: {
      idleSeconds: seconds(q, 'idle', DEFAULT_AUTOPILOT_OPTIONS.idleSeconds, 1, 3600),
      dwellSeconds: seconds(q, 'dwell', DEFAULT_AUTOPILOT_OPTIONS.dwellSeconds, 0, 600),
      flySeconds: seconds(q, 'fly', DEFAULT_AUTOPILOT_OPTIONS.flySeconds, 0, 60),
    },
    buildingsPerArea: Math.round(seconds(q, 'per-area', DEFAULT_ITINERARY_OPTIONS.buildingsPerArea, 0, 20)),
    pollMs: seconds(q, 'poll', 3, 1, 60) * 1000,
  };
}
