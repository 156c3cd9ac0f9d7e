/**
 * Guided tours for planning meetings (`/?mode=tour`): a tour is a data file
 * (`public/tours/<name>.json`, listed in `public/tours/index.json`), so adding one
 * needs no code change. Validation lives here, without I/O, so the viewer, a CLI
 * and the tests all give the same messages: each names the tour, the step and the
 * field, and says what would be right.
 */
import { z } from 'zod';
import { BUILDING_CODE_PATTERN } from './building-code.ts';
import { SAFETY_GRADES } from './grades.ts';
import { TOUR_LAYER_IDS } from './layer-ids.ts';

// The layer ids live in layer-ids.ts (one list with the viewer's layer registry).
export { TOUR_LAYER_IDS, type TourLayerId } from './layer-ids.ts';
const GRADE_KEYS = [...SAFETY_GRADES, 'none'] as const;

const Caption = z.object({
  'zh-CN': z.string().trim().min(1, { message: '需要中文说明 / a zh-CN caption is required' }),
  en: z.string().trim().min(1, { message: '需要英文说明 / an English caption is required' }),
});

/** Degrees and metres, like the `cam=` URL parameter. */
const Camera = z
  .object({
    lon: z.number().min(105.5).max(107.5),
    lat: z.number().min(29).max(30.2),
    height: z.number().gt(0).max(100_000),
    heading: z.number().min(-360).max(360).default(0),
    pitch: z.number().min(-90).max(0).default(-45),
  })
  .strict();

const Filters = z
  .object({
    grades: z.array(z.enum(GRADE_KEYS)).default([]),
    area: z.string().regex(/^[\w-]{1,100}$/).nullable().default(null),
    heritage: z.boolean().nullable().default(null),
  })
  .strict();

const AREA_ID_MESSAGE = '片区 id 只能含字母、数字、-_ / an area id holds letters, digits, - and _ only';

/** Before/after of one renewal area: today (grades) left of the split, the plan (outcomes) right. */
const Compare = z
  .object({
    area: z.string().regex(/^[\w-]{1,100}$/, { message: AREA_ID_MESSAGE }),
    /** Only the swipe so far; named so a side-by-side mode can follow without a schema break. */
    mode: z.enum(['swipe']).default('swipe'),
    /** Where the split starts, as a fraction of the width from the left. */
    split: z.number().min(0, { message: '分割位置应在 0 到 1 之间 / split is a fraction of the width, 0 to 1' }).max(1, { message: '分割位置应在 0 到 1 之间 / split is a fraction of the width, 0 to 1' }).default(0.5),
  })
  .strict();
export type TourCompare = z.infer<typeof Compare>;

export const TourStepSchema = z
  .object({
    id: z.string().regex(/^[\w-]{1,60}$/, { message: '步骤 id 只能含字母、数字、-_ / a step id holds letters, digits, - and _ only' }),
    caption: Caption,
    /** Where the camera flies; omitted: it stays. */
    camera: Camera.optional(),
    /** Layers switched on for this step; the others are switched off. */
    layers: z.array(z.enum(TOUR_LAYER_IDS)).default(['hazard']),
    filters: Filters.default({ grades: [], area: null, heritage: null }),
    /** Buildings to outline (the map outlines the first). */
    highlight: z.array(z.string().regex(BUILDING_CODE_PATTERN, { message: '楼栋编码格式应为 YZ-00001 / building codes look like YZ-00001' })).default([]),
    /** Before/after of a renewal area (swipe between today and the plan); omitted: the normal view. */
    compare: Compare.optional(),
    /** Seconds before "play" moves on. */
    seconds: z.number().min(1).max(600).default(8),
  })
  .strict();

export const TourSchema = z
  .object({
    title: Caption,
    steps: z.array(TourStepSchema).min(1, { message: '至少需要一步 / a tour needs at least one step' }),
  })
  .strict();

export type TourStep = z.infer<typeof TourStepSchema>;
export type Tour = z.infer<typeof TourSchema>;

export const TourIndexSchema = z.object({
  tours: z.array(z.object({ name: z.string().regex(/^[\w-]{1,60}$/), title: Caption }).strict()).min(1),
});
export type TourIndex = z.infer<typeof TourIndexSchema>;

export interface TourProblem {
  tour: string;
  /** 1-based step number, or null for the tour's own fields. */
  step: number | null;
  stepId: string | null;
  /** Dotted path inside the step (or the tour), e.g. `camera.height`. */
  field: string;
  message: string;
}

export type TourResult = { ok: true; tour: Tour } | { ok: false; problems: TourProblem[] };

/** One line a user can act on: which tour, which step, which field, what is wrong. */
export function describeTourProblem(p: TourProblem): string {
  const where = p.step === null ? '' : ` 第 ${p.step} 步 / step ${p.step}${p.stepId ? ` (${p.stepId})` : ''},`;
  return `导览 / tour "${p.tour}",${where} 字段 / field "${p.field || '(root)'}": ${p.message}`;
}

function stepIdAt(input: unknown, index: number): string | null {
  const steps = (input as { steps?: unknown } | null)?.steps;
  const id = Array.isArray(steps) ? (steps[index] as { id?: unknown } | undefined)?.id : undefined;
  return typeof id === 'string' ? id : null;
}

export interface TourContext {
  /** Area ids that exist (e.g. from areas.geojson); when given, a step naming another area is a problem. */
  areaIds?: ReadonlySet<string>;
}

function unknownAreaMessage(id: string, known: ReadonlySet<string>): string {
  const some = [...known].filter((a) => !a.startsWith('old-community')).slice(0, 12).join(', ');
  return `没有 id 为 "${id}" 的片区 / no area with id "${id}"; known areas include: ${some}`;
}

/**
 * Validates a parsed tour file; `name` is the tour's name (its file name without
 * `.json`). With `context.areaIds`, area ids (filters.area, compare.area) must be known.
 */
export function validateTour(name: string, input: unknown, context: TourContext = {}): TourResult {
  const parsed = TourSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue): TourProblem => {
      const path = issue.path.map(String);
      if (path[0] === 'steps' && path.length >= 2 && /^\d+$/.test(path[1]!)) {
        const index = Number(path[1]);
        return { tour: name, step: index + 1, stepId: stepIdAt(input, index), field: path.slice(2).join('.'), message: issue.message };
      }
      return { tour: name, step: null, stepId: null, field: path.join('.'), message: issue.message };
    });
    return { ok: false, problems };
  }
  const seen = new Map<string, number>();
  const problems: TourProblem[] = [];
  parsed.data.steps.forEach((step, i) => {
    const first = seen.get(step.id);
    if (first !== undefined) problems.push({ tour: name, step: i + 1, stepId: step.id, field: 'id', message: `与第 ${first + 1} 步重复 / repeats the id of step ${first + 1}: ids must be unique` });
    else seen.set(step.id, i);
    const known = context.areaIds;
    if (!known) return;
    if (step.filters.area !== null && !known.has(step.filters.area)) {
      problems.push({ tour: name, step: i + 1, stepId: step.id, field: 'filters.area', message: unknownAreaMessage(step.filters.area, known) });
    }
    if (step.compare && !known.has(step.compare.area)) {
      problems.push({ tour: name, step: i + 1, stepId: step.id, field: 'compare.area', message: unknownAreaMessage(step.compare.area, known) });
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, tour: parsed.data };
}
