/**
 * The pipes a drawn line crosses (the Section tool) and the pipes inside a drawn
 * outline (the Excavate tool), with what the lifelines archive knows of each: network,
 * depth, age, condition, risk by the current grades, and (for a pit) the buildings it runs
 * under. Geometry is core section.ts's; a bounding-box pre-check keeps the 41k-segment
 * sample's answer to a few milliseconds of geometry, and the archive is asked only for
 * the pipes found (at most PIPES_ANSWER_LIMIT).
 */
import { lengthInside, lineCrossings } from '../../core/analysis/section.ts';
import { PIPES_ANSWER_LIMIT, type PipesAlong, type PipesWithin } from '../../core/api/analysis-contracts.ts';
import type { ElevationGrid } from '../../core/elevation-grid.ts';
import { sampleElevation } from '../../core/elevation-grid.ts';
import type { LifelineLine } from '../store/lifeline-store.ts';
import type { Lifelines } from './lifelines.ts';

type LonLat = { lon: number; lat: number };

function parts(line: LifelineLine): number[][][] {
  return line.geometry.type === 'LineString' ? [line.geometry.coordinates] : line.geometry.coordinates;
}

function boxOf(points: readonly { lon: number; lat: number }[]): [number, number, number, number] {
  return [Math.min(...points.map((p) => p.lon)), Math.min(...points.map((p) => p.lat)), Math.max(...points.map((p) => p.lon)), Math.max(...points.map((p) => p.lat))];
}

function partBox(part: number[][]): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const [x, y] of part) {
    w = Math.min(w, x!);
    e = Math.max(e, x!);
    s = Math.min(s, y!);
    n = Math.max(n, y!);
  }
  return [w, s, e, n];
}

const overlaps = (a: [number, number, number, number], b: [number, number, number, number]) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** The archive's facts of a segment (null fields when it does not know it any more). */
async function facts(lifelines: Lifelines, line: LifelineLine) {
  const found = await lifelines.segment(line.id);
  const s = found?.segment;
  return {
    found,
    facts: { id: line.id, network: line.network, depthM: line.depthM, installYear: s?.installYear ?? null, ageYears: s?.ageYears ?? null, condition: s?.condition ?? null, atRisk: s?.atRisk ?? false },
  };
}

export async function pipesAlong(lines: readonly LifelineLine[], section: readonly LonLat[], lifelines: Lifelines): Promise<PipesAlong> {
  const box = boxOf(section);
  const hits: { line: LifelineLine; distanceM: number; lon: number; lat: number }[] = [];
  for (const line of lines) {
    for (const part of parts(line)) {
      if (!overlaps(box, partBox(part))) continue;
      for (const c of lineCrossings(section, part)) hits.push({ line, ...c });
    }
  }
  hits.sort((a, b) => a.distanceM - b.distanceM || (a.line.id < b.line.id ? -1 : 1));
  const shown = hits.slice(0, PIPES_ANSWER_LIMIT);
  const pipes = [];
  for (const h of shown) pipes.push({ ...(await facts(lifelines, h.line)).facts, distanceM: h.distanceM, lon: h.lon, lat: h.lat });
  return { pipes, truncated: hits.length > shown.length };
}

export async function pipesWithin(lines: readonly LifelineLine[], ring: readonly LonLat[], lifelines: Lifelines, terrain: ElevationGrid | null): Promise<PipesWithin> {
  const box = boxOf(ring);
  const inside: { line: LifelineLine; lengthM: number; lon: number; lat: number }[] = [];
  for (const line of lines) {
    let total = 0;
    let at: { lon: number; lat: number } | null = null;
    for (const part of parts(line)) {
      if (!overlaps(box, partBox(part))) continue;
      const r = lengthInside(ring, part);
      if (r) {
        total += r.lengthM;
        at ??= r;
      }
    }
    if (at) inside.push({ line, lengthM: total, lon: at.lon, lat: at.lat });
  }
  inside.sort((a, b) => b.lengthM - a.lengthM || (a.line.id < b.line.id ? -1 : 1));
  const shown = inside.slice(0, PIPES_ANSWER_LIMIT);
  const pipes = [];
  for (const p of shown) {
    const { found, facts: f } = await facts(lifelines, p.line);
    const ground = terrain ? sampleElevation(terrain, p.lon, p.lat) : Number.NaN;
    pipes.push({
      ...f,
      lengthInsideM: p.lengthM,
      lon: p.lon,
      lat: p.lat,
      groundM: Number.isFinite(ground) ? ground : null,
      buildings: (found?.buildings ?? []).filter((b) => b.under).map((b) => ({ code: b.code, grade: b.grade })),
    });
  }
  return { pipes, truncated: inside.length > shown.length };
}
