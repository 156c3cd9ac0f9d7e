/**
 * Checks one raw pipe segment: id, geometry (LineString / MultiLineString of lon/lat,
 * at least two distinct points per part), attributes against the core lifelines
 * schema, and a depth — `depth_m` (cover to the pipe's top) or invert elevations at
 * both ends (`invert_start_m`, `invert_end_m`), as drainage surveys give them.
 * Messages name the likely mistake: projected metres or swapped lon/lat, and a column
 * under a near-miss name (`depth` for `depth_m`, `diameter` for `diameter_mm`).
 */
import { z } from 'zod';
import { LifelinePropertiesSchema } from '../core/lifelines.ts';
import type { Pipe } from './pipe.ts';
import type { RawFeature } from './raw-feature.ts';
import { pipeProblem, type PipeProblem } from './pipe-problem.ts';
import { coordinateHint, renameHint, withHints } from './input-hints.ts';

/** Other names the depth column goes by. */
const DEPTH_ALIASES = ['埋深', '覆土', '覆土深度', 'cover', 'cover_m', 'depth_cm'];

const hintText = (hint: { zh: string; en: string } | null) => (hint ? ` (${hint.zh} / ${hint.en})` : '');

export interface PipeValidatorOptions {
  /** Most vertices per segment (a segment is one street block, not a whole network). Default 5,000. */
  maxVertices?: number;
  /**
   * Longest segment (m). Default 1,000: a segment runs between two manholes or junctions;
   * longer lines are a whole main to be split (and tiles quantize pipes in 1.5 km cells).
   */
  maxLengthM?: number;
}

const DEFAULTS: Required<PipeValidatorOptions> = { maxVertices: 5_000, maxLengthM: 1_000 };

/** The core schema with depth optional (inverts may stand in) and pressure optional (only gas and water have one). */
const AttributesSchema = LifelinePropertiesSchema.omit({ id: true, depth_m: true, pressure: true }).extend({
  depth_m: z.number().positive().max(30).optional(),
  pressure: LifelinePropertiesSchema.shape.pressure.optional(),
  invert_start_m: z.number().min(-500).max(9000).optional(),
  invert_end_m: z.number().min(-500).max(9000).optional(),
});

const DEG = Math.PI / 180;

/** Rough length of a lon/lat line (m); exact enough for a sanity limit and for km figures. */
export function lineLengthM(line: Float64Array): number {
  let sum = 0;
  for (let i = 2; i < line.length; i += 2) {
    const lat = ((line[i + 1]! + line[i - 1]!) / 2) * DEG;
    const dx = (line[i]! - line[i - 2]!) * 111_320 * Math.cos(lat);
    const dy = (line[i + 1]! - line[i - 1]!) * 110_574;
    sum += Math.hypot(dx, dy);
  }
  return sum;
}

export interface PipeValidator {
  validate(raw: RawFeature): { ok: true; pipe: Pipe } | { ok: false; problem: PipeProblem };
}

export function createPipeValidator(options: PipeValidatorOptions = {}): PipeValidator {
  const o = { ...DEFAULTS, ...options };
  const seen = new Set<string>();
  return {
    validate(raw) {
      const fail = (id: string | null, reason: Parameters<typeof pipeProblem>[2], detail?: string) =>
        ({ ok: false as const, problem: pipeProblem(raw.index, id, reason, detail) });
      const id = typeof raw.id === 'string' ? raw.id.trim() : typeof raw.id === 'number' ? String(raw.id) : '';
      if (!id) return fail(null, 'missing-id');
      if (seen.has(id)) return fail(id, 'duplicate-id');
      const g = raw.geometry;
      if (!g) return fail(id, 'missing-geometry');
      if (g.type !== 'LineString' && g.type !== 'MultiLineString') return fail(id, 'unsupported-geometry', g.type);
      const lines = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
      const parts: Float64Array[] = [];
      let vertices = 0;
      for (const line of lines) {
        if (!Array.isArray(line)) return fail(id, 'missing-geometry');
        const flat: number[] = [];
        for (const p of line) {
          const lon = p?.[0];
          const lat = p?.[1];
          if (typeof lon !== 'number' || typeof lat !== 'number' || !(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) {
            const hint = coordinateHint(lon, lat);
            return fail(id, 'coordinates-out-of-range', `${JSON.stringify(p)}${hint ? `: ${hint}` : ''}`);
          }
          // Repeated points make zero-length tube sections: drop them.
          if (flat.length && flat[flat.length - 2] === lon && flat[flat.length - 1] === lat) continue;
          flat.push(lon, lat);
        }
        vertices += flat.length / 2;
        if (flat.length >= 4) parts.push(Float64Array.from(flat));
      }
      if (parts.length === 0) return fail(id, 'too-few-points');
      if (vertices > o.maxVertices) return fail(id, 'too-many-vertices', `${vertices} > ${o.maxVertices}`);
      const length = parts.reduce((s, p) => s + lineLengthM(p), 0);
      if (length > o.maxLengthM) return fail(id, 'too-long', `${Math.round(length)} m > ${o.maxLengthM} m`);

      const parsed = AttributesSchema.safeParse(raw.properties);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = issue.path.join('.');
        return fail(id, 'bad-attribute', `${field} = ${JSON.stringify(raw.properties[field] ?? null)}: ${issue.message}${hintText(renameHint(raw.properties, field))}`);
      }
      const a = parsed.data;
      const invert: [number, number] | null =
        a.invert_start_m !== undefined && a.invert_end_m !== undefined ? [a.invert_start_m, a.invert_end_m] : null;
      if (a.depth_m === undefined && !invert) return fail(id, 'missing-depth', withHints('没有 depth_m', 'no depth_m', [renameHint(raw.properties, 'depth_m', DEPTH_ALIASES)]));
      seen.add(id);
      return {
        ok: true,
        pipe: {
          id,
          index: raw.index,
          network: a.network,
          diameterMm: a.diameter_mm,
          depthM: a.depth_m ?? null,
          invert: a.depth_m === undefined ? invert : null,
          material: a.material,
          installYear: a.install_year,
          condition: a.condition,
          pressure: a.pressure ?? null,
          parts,
          properties: { ...raw.properties, id },
        },
      };
    },
  };
}
