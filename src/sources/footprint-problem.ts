/**
 * Problems with input features: values, not exceptions, so one bad footprint is
 * reported by id and skipped (or, with --strict, stops the build) and never crashes it.
 * Notes are the kept features whose input was changed or is doubtful (a height taken
 * from floors): listed in report.json too, so no value is replaced silently.
 */

export type ProblemReason =
  | 'missing-id'
  | 'duplicate-id'
  | 'missing-geometry'
  | 'unsupported-geometry'
  | 'too-few-points'
  | 'unclosed-ring'
  | 'self-intersection'
  | 'zero-area'
  | 'coordinates-out-of-range'
  | 'too-many-vertices'
  | 'too-large'
  | 'missing-height'
  | 'implausible-height'
  | 'outside-dem';

/** What each reason means to a user, zh-CN / English. */
export const PROBLEM_TEXT: Record<ProblemReason, string> = {
  'missing-id': '缺少编号 / no id',
  'duplicate-id': '编号重复 / duplicate id',
  'missing-geometry': '缺少几何 / no geometry',
  'unsupported-geometry': '几何类型不支持（仅 Polygon、MultiPolygon）/ unsupported geometry type (Polygon, MultiPolygon only)',
  'too-few-points': '环的点数不足 4 个 / ring has fewer than 4 positions',
  'unclosed-ring': '环未闭合（首尾坐标不同）/ ring is not closed (first and last positions differ)',
  'self-intersection': '多边形自相交 / polygon intersects itself',
  'zero-area': '面积为零或过小 / zero or tiny area',
  'coordinates-out-of-range': '坐标超出经纬度范围，请使用 WGS84/CGCS2000 经纬度 / coordinates out of lon/lat range: use WGS84 or CGCS2000 lon/lat, not projected metres',
  'too-many-vertices': '顶点过多 / too many vertices',
  'too-large': '轮廓过大，不像一栋建筑 / footprint too large to be one building',
  'missing-height': '既无 height 也无 floors / neither height nor floors',
  'implausible-height': '高度不可能，请核对 height（米）与 floors（层数）/ impossible height: check height (metres) and floors (storeys)',
  'outside-dem': '位于高程模型范围之外 / outside the elevation model',
};

export interface BuildingProblem {
  /** Position of the feature in the input (0-based). */
  index: number;
  /** The feature's id as given, or null when it has none. */
  id: string | null;
  reason: ProblemReason;
  /** Actionable detail, zh-CN / English. */
  message: string;
}

export type NoteReason = 'height-from-floors' | 'tall-storeys' | 'floors-ignored';

export const NOTE_TEXT: Record<NoteReason, string> = {
  'height-from-floors': '高度由层数推算 / height taken from floors',
  'tall-storeys': '层高超过 10 m，请核对 / more than 10 m a storey: check height and floors',
  'floors-ignored': '层数无效，已忽略 / floors is not a usable number and was ignored',
};

/** A feature that was kept, with what was changed or looks doubtful. */
export interface BuildingNote {
  index: number;
  id: string | null;
  reason: NoteReason;
  message: string;
}

export function note(index: number, id: string | null, reason: NoteReason, detail?: string): BuildingNote {
  const who = id ?? `#${index}`;
  return { index, id, reason, message: `${who}: ${NOTE_TEXT[reason]}${detail ? ` — ${detail}` : ''}` };
}

export function problem(index: number, id: string | null, reason: ProblemReason, detail?: string): BuildingProblem {
  const who = id ?? `#${index}`;
  return { index, id, reason, message: `${who}: ${PROBLEM_TEXT[reason]}${detail ? ` — ${detail}` : ''}` };
}
