/**
 * How each side of the before/after swipe colours a building, as pure functions (no
 * Cesium, so they are unit-tested): left, today — the safety grade, exactly the
 * colour the map uses (building-colouring.ts); right, the plan — the outcome's colour
 * and opacity from src/core/plan-outcome.ts. Buildings outside the compared area are
 * dimmed the same on both sides, so only the area changes across the split.
 * Also the split position's arithmetic for the slider (pointer and keys).
 */
import type { AreaBuildingOutcome, PlanOutcomeCounts } from '../../core/plan-outcome.ts';
import { PLAN_OUTCOME_INFO, PLAN_OUTCOMES, type PlanOutcome } from '../../core/plan-outcome.ts';
import { buildingColourCss } from '../layers/building-colouring.ts';

export type CompareSide = 'today' | 'plan';

export interface Appearance {
  css: string;
  alpha: number;
}

/** Outside the area: dark and plain, apart from every grade and outcome colour. */
export const OUTSIDE_AREA: Appearance = { css: '#4a5260', alpha: 1 };

export type AreaIndex = ReadonlyMap<string, AreaBuildingOutcome>;

export function indexArea(buildings: readonly AreaBuildingOutcome[]): Map<string, AreaBuildingOutcome> {
  return new Map(buildings.map((b) => [b.code, b]));
}

/** A building's look on one side; `area` is null while the area's buildings are not known yet. */
export function compareAppearance(code: string, side: CompareSide, area: AreaIndex | null): Appearance {
  const b = area?.get(code);
  if (!b) return OUTSIDE_AREA;
  if (side === 'today') return { css: buildingColourCss(b.grade, true), alpha: 1 };
  const info = PLAN_OUTCOME_INFO[b.outcome];
  return { css: info.color, alpha: info.alpha };
}

export interface LegendRow {
  outcome: PlanOutcome;
  css: string;
  alpha: number;
  zh: string;
  en: string;
  count: number;
}

/** Legend rows in outcome order, each with its count in the area. */
export function outcomeLegend(counts: PlanOutcomeCounts): LegendRow[] {
  return PLAN_OUTCOMES.map((o) => ({ outcome: o, css: PLAN_OUTCOME_INFO[o].color, alpha: PLAN_OUTCOME_INFO[o].alpha, zh: PLAN_OUTCOME_INFO[o].zh, en: PLAN_OUTCOME_INFO[o].en, count: counts[o] }));
}

/** Cesium's scene.splitPosition is a fraction of the viewport width, 0 to 1. */
export function clampSplit(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0.5;
}

/** The split under a pointer at `clientX` over an element spanning `left`..`left + width`. */
export function splitAtPointer(clientX: number, rect: { left: number; width: number }): number {
  return rect.width > 0 ? clampSplit((clientX - rect.left) / rect.width) : 0.5;
}

/** Small and large keyboard steps (WAI-ARIA slider pattern: arrows, Page Up/Down, Home/End). */
export const SPLIT_STEP = 0.02;
export const SPLIT_PAGE = 0.1;

/** The split after a key on the slider, or null for a key the slider does not use. */
export function splitAfterKey(key: string, current: number, shift = false): number | null {
  const step = shift ? SPLIT_PAGE : SPLIT_STEP;
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return clampSplit(current - step);
    case 'ArrowRight':
    case 'ArrowUp':
      return clampSplit(current + step);
    case 'PageDown':
      return clampSplit(current - SPLIT_PAGE);
    case 'PageUp':
      return clampSplit(current + SPLIT_PAGE);
    case 'Home':
      return 0;
    case 'End':
      return 1;
    default:
      return null;
  }
}
