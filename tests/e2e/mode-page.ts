/**
 * Helpers for the wall-screen, tour and soak browser tests: the 4K viewport, the
 * archive written through its HTTP API (as an inspector elsewhere would), and the
 * stats the screen should show.
 */
import type { ArchiveStats } from '../../src/core/archive-stats.ts';

/** The wall: 16:9 at 4K. */
export const VIEWPORT_4K = { width: 3840, height: 2160 };
/** A 32:9 wall at the same height class. */
export const VIEWPORT_32_9 = { width: 3840, height: 1080 };
/**
 * SwiftShader draws 4K at well under one frame a second: the tests render at a quarter
 * of the resolution with the viewer's documented `scale=` option; layout and text
 * are still laid out at full 4K.
 */
export const TEST_RENDER_SCALE = '0.25';

export async function fetchStats(base: string): Promise<ArchiveStats> {
  const response = await fetch(`${base}/api/stats`);
  if (!response.ok) throw new Error(`/api/stats: HTTP ${response.status}`);
  return (await response.json()) as ArchiveStats;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Logs in as the run's inspector and records an inspection (no grade change) for `code`. */
export async function recordInspectionViaApi(base: string, inspector: { name: string; password: string }, code: string): Promise<void> {
  const login = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(inspector) });
  if (!login.ok) throw new Error(`login: HTTP ${login.status}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const dossier = (await (await fetch(`${base}/api/buildings/${code}`)).json()) as { version: number };
  const res = await fetch(`${base}/api/buildings/${code}/inspections`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ date: today(), findings: 'e2e: wall screen live update', version: dossier.version }),
  });
  if (!res.ok) throw new Error(`inspection: HTTP ${res.status} ${await res.text()}`);
}
