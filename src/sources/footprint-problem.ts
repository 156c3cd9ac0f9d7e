/**
 * Problems with input features: values, not exceptions, so one bad footprint is
 * reported by id and skipped (or, with --strict, stops the build) and never crashes it.
 * Notes are the kept features whose input was changed or is doubtful (a height taken
 * from floors): listed in report.json too, so no value is replaced silently.
 * Both are the core Problem shape (src/core/problem.ts); the same problems, with the same
 * messages, reach the tiles' report.json and the archive's registry import, which runs
 * this validator too. A fix (zh-CN / English) goes with each geometry reason; it is
 * not part of report.json (whose fields stay index, id, reason, message).
 */
import { featureProblem, type FeatureProblem } from '../core/problem.ts';

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

/** What to do about a reason, zh-CN / English, where there is a usual cure. */
export const PROBLEM_FIX: Partial<Record<ProblemReason, string>> = {
  'missing-id': '请为每栋建筑填写唯一的 id / give every building a unique id',
  'duplicate-id': '请改正重复的 id，每栋建筑一个编号 / correct the repeated id: one id per building',
  'missing-geometry': '请补上该建筑的轮廓多边形 / add the building\'s footprint polygon',
  'unsupported-geometry': '请导出为 Polygon 或 MultiPolygon 轮廓 / export the footprint as a Polygon or MultiPolygon',
  'too-few-points': '请在 GIS 中重新描绘该轮廓 / redraw the footprint in the GIS',
  'unclosed-ring': '请闭合环（最后一点与第一点相同）/ close the ring: repeat the first position at the end',
  'self-intersection': '请在 GIS 中修复几何（如 QGIS「修复几何」或 ST_MakeValid）/ repair the geometry in the GIS (e.g. QGIS "Fix geometries" or ST_MakeValid)',
  'zero-area': '请删除该要素或重新描绘轮廓 / delete the feature or redraw the footprint',
  'coordinates-out-of-range': '请将坐标转换为 WGS84/CGCS2000 经纬度后重新导出 / reproject the layer to WGS84 or CGCS2000 lon/lat and export it again',
  'too-many-vertices': '请简化该轮廓（如 QGIS「简化」）/ simplify the footprint (e.g. QGIS "Simplify")',
  'too-large': '请检查是否把片区或街坊边界当成了建筑 / check whether an area or block outline was taken for a building',
  'missing-height': '请填写 height（米）或 floors（层数）/ fill in height (metres) or floors (storeys)',
  'implausible-height': '请核对 height（米）与 floors（层数）/ check height (metres) and floors (storeys)',
};

/** A footprint that was refused, and why: the core Problem with its reason typed. */
export type BuildingProblem = FeatureProblem<ProblemReason>;

export type NoteReason = 'height-from-floors' | 'tall-storeys' | 'floors-ignored';

export const NOTE_TEXT: Record<NoteReason, string> = {
  'height-from-floors': '高度由层数推算 / height taken from floors',
  'tall-storeys': '层高超过 10 m，请核对 / more than 10 m a storey: check height and floors',
  'floors-ignored': '层数无效，已忽略 / floors is not a usable number and was ignored',
};

/** A feature that was kept, with what was changed or looks doubtful (same shape as a problem). */
export type BuildingNote = FeatureProblem<NoteReason>;

export function note(index: number, id: string | null, reason: NoteReason, detail?: string): BuildingNote {
  return featureProblem(index, id, reason, NOTE_TEXT[reason], detail);
}

export function problem(index: number, id: string | null, reason: ProblemReason, detail?: string): BuildingProblem {
  return featureProblem(index, id, reason, PROBLEM_TEXT[reason], detail, PROBLEM_FIX[reason]);
}
