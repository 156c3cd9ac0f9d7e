/**
 * Checks one raw feature and turns it into a Footprint, or says precisely why not:
 * geometry type, ring closure, self-intersection, area, coordinate range, vertex
 * count, height/floors and duplicate ids. Stateful only for duplicate ids.
 *
 * Heights: an impossible one (negative, not a number, over 700 m, or far more than
 * 10 m a storey) is refused, never quietly replaced; a missing one (absent or 0) is
 * floors × storey height, and that replacement is a note in the report, as is a
 * storey over 10 m that a roof, dome or spire can explain. Messages name the likely
 * mistake: projected metres or swapped lon/lat, a `Height` or `高度` column.
 */
import type { Position } from 'geojson';
import { DEFAULT_STOREY_HEIGHT_M } from '../core/building.ts';
import type { Footprint, PolygonRings } from './footprint.ts';
import type { RawFeature } from './raw-feature.ts';
import { coordinateHint, renameHint, withHints } from './input-hints.ts';
import { note, problem, type BuildingNote, type BuildingProblem } from './footprint-problem.ts';
import { findSelfIntersection, reverseRing, signedArea } from '../core/planar-geometry.ts';

export interface FootprintValidatorOptions {
  /** Storey height (m) for features with floors but no height. Default: DEFAULT_STOREY_HEIGHT_M. */
  storeyHeightM?: number;
  /** Features with more vertices than this are rejected (a runaway polygon would stall tiling). Default 20,000. */
  maxVertices?: number;
  /** Polygons smaller than this (m²) count as zero-area. Default 1. */
  minAreaM2?: number;
  /** Largest believable building height (m); taller is refused. Default 700 (China's tallest is 632 m). */
  maxHeightM?: number;
  /** Storeys taller than this (m) are noted in the report. Default 10. */
  maxStoreyHeightM?: number;
  /**
   * Height a roof, dome, spire or monument may add above `floors × maxStoreyHeightM`
   * before the height is refused as impossible. Default 30 (a 65 m four-storey hall
   * with its dome passes; 900 m on two storeys does not).
   */
  roofAllowanceM?: number;
  /**
   * Largest footprint extent (m). Larger ones are data errors (a district outline
   * traced as a building) and would also break the 5 cm quantization budget. Default 2,000.
   */
  maxExtentM?: number;
}

const DEFAULTS: Required<FootprintValidatorOptions> = {
  storeyHeightM: DEFAULT_STOREY_HEIGHT_M,
  maxVertices: 20_000,
  minAreaM2: 1,
  maxHeightM: 700,
  maxStoreyHeightM: 10,
  roofAllowanceM: 30,
  maxExtentM: 2_000,
};

/** Other names the height and floors columns go by. */
const HEIGHT_ALIASES = ['高度', '建筑高度', 'height_m', 'bldg_height', 'h'];
const FLOORS_ALIASES = ['层数', '楼层', '楼层数', 'levels', 'building:levels', 'storeys', 'stories', 'floor', 'num_floors', 'floor_count'];

const METRES_PER_DEGREE = 111_195;

export type ValidationResult = { ok: true; footprint: Footprint; notes: BuildingNote[] } | { ok: false; problem: BuildingProblem };

export interface FootprintValidator {
  validate(feature: RawFeature): ValidationResult;
}

function idOf(raw: unknown): string | null {
  if (typeof raw === 'string' && raw.trim() !== '') return raw.trim();
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  return null;
}

function positiveNumber(value: unknown, max: number): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 && n <= max ? n : null;
}

/** A property as a number: null when absent (missing, null, ""), NaN when present but not a number. */
function numberOrAbsent(value: unknown): number | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return null;
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : Number.NaN;
}

/** True when every point of the ring lies on one straight line. */
function isCollinear(ring: Float64Array): boolean {
  const x0 = ring[0]!;
  const y0 = ring[1]!;
  let fx = x0, fy = y0, best = 0;
  for (let i = 2; i < ring.length; i += 2) {
    const d = (ring[i]! - x0) ** 2 + (ring[i + 1]! - y0) ** 2;
    if (d > best) [best, fx, fy] = [d, ring[i]!, ring[i + 1]!];
  }
  const len = Math.sqrt(best);
  if (len === 0) return true;
  for (let i = 2; i < ring.length; i += 2) {
    const cross = (fx - x0) * (ring[i + 1]! - y0) - (fy - y0) * (ring[i]! - x0);
    if (Math.abs(cross) / len > 1e-9) return false; // 1e-9° ≈ 0.1 mm
  }
  return true;
}

export function createFootprintValidator(options: FootprintValidatorOptions = {}): FootprintValidator {
  const o = { ...DEFAULTS, ...options };
  const seen = new Set<string>();

  return {
    validate(feature) {
      const id = idOf(feature.id);
      const fail = (reason: Parameters<typeof problem>[2], detail?: string): ValidationResult => ({
        ok: false,
        problem: problem(feature.index, id, reason, detail),
      });
      if (id === null) return fail('missing-id', 'properties.id 为空 / properties.id is empty');
      if (seen.has(id)) return fail('duplicate-id', `已在前面出现 / already used by an earlier feature`);

      const geometry = feature.geometry;
      if (!geometry) return fail('missing-geometry');
      let polygonsIn: Position[][][];
      if (geometry.type === 'Polygon') polygonsIn = [geometry.coordinates];
      else if (geometry.type === 'MultiPolygon') polygonsIn = geometry.coordinates;
      else return fail('unsupported-geometry', geometry.type);
      if (!Array.isArray(polygonsIn) || polygonsIn.length === 0) return fail('missing-geometry', 'no polygons');

      // Count first: a polygon of millions of vertices is refused before any O(n) work on it.
      let count = 0;
      for (const rings of polygonsIn) {
        if (!Array.isArray(rings) || rings.length === 0) return fail('missing-geometry', 'empty polygon');
        for (const ring of rings) count += Array.isArray(ring) ? ring.length : 0;
      }
      if (count > o.maxVertices) return fail('too-many-vertices', `${count} > ${o.maxVertices}`);

      const polygons: PolygonRings[] = [];
      for (const ringsIn of polygonsIn) {
        const rings: Float64Array[] = [];
        for (const [r, ringIn] of ringsIn.entries()) {
          if (!Array.isArray(ringIn) || ringIn.length < 4) {
            return fail('too-few-points', `${Array.isArray(ringIn) ? ringIn.length : 0} positions`);
          }
          for (const p of ringIn) {
            const lon = Array.isArray(p) ? p[0] : undefined;
            const lat = Array.isArray(p) ? p[1] : undefined;
            if (
              typeof lon !== 'number' || typeof lat !== 'number' ||
              !Number.isFinite(lon) || !Number.isFinite(lat) ||
              lon < -180 || lon > 180 || lat < -90 || lat > 90
            ) {
              const hint = coordinateHint(lon, lat);
              return fail('coordinates-out-of-range', `[${String(lon)}, ${String(lat)}]${hint ? `: ${hint}` : ''}`);
            }
          }
          const first = ringIn[0]!;
          const last = ringIn[ringIn.length - 1]!;
          if (first[0] !== last[0] || first[1] !== last[1]) {
            return fail('unclosed-ring', `[${first[0]}, ${first[1]}] ≠ [${last[0]}, ${last[1]}]`);
          }
          // Drop the closing repeat and consecutive duplicates (harmless, but they make zero-length walls).
          const flat: number[] = [];
          for (let k = 0; k < ringIn.length - 1; k++) {
            const [x, y] = ringIn[k] as [number, number];
            const n = flat.length;
            if (n >= 2 && flat[n - 2] === x && flat[n - 1] === y) continue;
            flat.push(x, y);
          }
          if (flat.length >= 4 && flat[0] === flat[flat.length - 2] && flat[1] === flat[flat.length - 1]) flat.length -= 2;
          if (flat.length < 6) return fail('too-few-points', `${flat.length / 2} distinct positions`);
          let ring: Float64Array = Float64Array.from(flat);
          const area = signedArea(ring);
          // Outer rings counter-clockwise, holes clockwise: walls then face outward by one rule.
          if ((r === 0 && area < 0) || (r > 0 && area > 0)) ring = reverseRing(ring);
          rings.push(ring);
        }
        const crossing = findSelfIntersection(rings);
        // A ring folded onto one line overlaps itself too, but "zero area" is the useful news.
        if (crossing && rings.some(isCollinear)) return fail('zero-area', '所有点共线 / all points on one line');
        if (crossing) return fail('self-intersection', `near [${crossing[0]}, ${crossing[1]}]`);
        const lat = rings[0]![1]!;
        const scale = METRES_PER_DEGREE * METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
        let area = 0;
        for (const ring of rings) area += signedArea(ring) * scale;
        if (!(area >= o.minAreaM2)) return fail('zero-area', `${area.toFixed(3)} m²`);
        polygons.push(rings);
      }

      let w = Infinity, e = -Infinity, so = Infinity, no = -Infinity;
      for (const rings of polygons) {
        const outer = rings[0]!;
        for (let k = 0; k < outer.length; k += 2) {
          w = Math.min(w, outer[k]!);
          e = Math.max(e, outer[k]!);
          so = Math.min(so, outer[k + 1]!);
          no = Math.max(no, outer[k + 1]!);
        }
      }
      const extent = Math.max((e - w) * METRES_PER_DEGREE * Math.cos((so * Math.PI) / 180), (no - so) * METRES_PER_DEGREE);
      if (extent > o.maxExtentM) return fail('too-large', `${Math.round(extent)} m > ${o.maxExtentM} m`);

      const props = feature.properties;
      const notes: BuildingNote[] = [];
      const given = numberOrAbsent(props.height);
      const floorsRaw = positiveNumber(props.floors, 500);
      const floors = floorsRaw !== null && Number.isInteger(floorsRaw) ? floorsRaw : null;
      const shown = `height=${JSON.stringify(props.height ?? null)}, floors=${JSON.stringify(props.floors ?? null)}`;
      if (Number.isNaN(given)) return fail('implausible-height', `${shown}: height 不是数字 / height is not a number (metres)`);
      if (given !== null && given < 0) return fail('implausible-height', `${shown}: 高度为负 / a negative height`);
      if (given !== null && given > o.maxHeightM) {
        return fail('implausible-height', `${shown}: 超过 ${o.maxHeightM} m / over ${o.maxHeightM} m (China's tallest building is 632 m): centimetres or feet?`);
      }
      // 0 is how many registers write "unknown": treated as missing, and noted.
      const height = given !== null && given > 0 ? given : null;
      if (height !== null && floors !== null) {
        const perStorey = height / floors;
        if (height > floors * o.maxStoreyHeightM + o.roofAllowanceM) {
          return fail(
            'implausible-height',
            `${shown}: 每层 ${perStorey.toFixed(1)} m / ${perStorey.toFixed(1)} m a storey (more than ${o.maxStoreyHeightM} m a storey plus ${o.roofAllowanceM} m of roof or spire)`,
          );
        }
        if (perStorey > o.maxStoreyHeightM) notes.push(note(feature.index, id, 'tall-storeys', `${shown}: ${perStorey.toFixed(1)} m a storey`));
      }
      if (height === null && floors === null) {
        const hints = [renameHint(props, 'height', HEIGHT_ALIASES), renameHint(props, 'floors', FLOORS_ALIASES)];
        return fail('missing-height', hints.some(Boolean) ? `${shown}: ${withHints('', '', hints)}` : shown);
      }
      if (floors === null && props.floors !== undefined && props.floors !== null && props.floors !== '') {
        notes.push(note(feature.index, id, 'floors-ignored', `floors=${JSON.stringify(props.floors)}: 应为 1–500 的整数 / must be a whole number 1–500`));
      }
      const effectiveHeight = height ?? floors! * o.storeyHeightM;
      const storeyHeight = height !== null && floors !== null ? height / floors : o.storeyHeightM;
      if (height === null) {
        notes.push(note(feature.index, id, 'height-from-floors', `${shown} → ${floors} × ${o.storeyHeightM} m = ${effectiveHeight} m`));
      }

      seen.add(id);
      return {
        ok: true,
        footprint: {
          id,
          index: feature.index,
          polygons,
          // The id as validated (trimmed, stringified); the input object is ours to keep.
          properties: props.id === id ? props : Object.assign(props, { id }),
          height: effectiveHeight,
          storeyHeight,
        },
        notes,
      };
    },
  };
}
