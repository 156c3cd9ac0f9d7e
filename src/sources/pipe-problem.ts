/**
 * Problems with input pipe segments: values, not exceptions, so one bad segment is
 * reported by id and skipped (or, with --strict, stops the build) and never crashes it.
 * The core Problem shape (src/core/problem.ts), as the buildings' problems, so reports
 * read alike; the archive's lifelines import runs this validator too.
 */
import { featureProblem, type FeatureProblem } from '../core/problem.ts';

export type PipeProblemReason =
  | 'missing-id'
  | 'duplicate-id'
  | 'missing-geometry'
  | 'unsupported-geometry'
  | 'too-few-points'
  | 'coordinates-out-of-range'
  | 'too-many-vertices'
  | 'too-long'
  | 'bad-attribute'
  | 'missing-depth'
  | 'outside-dem';

export const PIPE_PROBLEM_TEXT: Record<PipeProblemReason, string> = {
  'missing-id': '缺少编号 / no id',
  'duplicate-id': '编号重复 / duplicate id',
  'missing-geometry': '缺少几何 / no geometry',
  'unsupported-geometry': '几何类型不支持（仅 LineString、MultiLineString）/ unsupported geometry type (LineString, MultiLineString only)',
  'too-few-points': '管段少于 2 个不同的点 / segment has fewer than 2 distinct points',
  'coordinates-out-of-range': '坐标超出经纬度范围，请使用 WGS84/CGCS2000 经纬度 / coordinates out of lon/lat range: use WGS84 or CGCS2000 lon/lat, not projected metres',
  'too-many-vertices': '顶点过多 / too many vertices',
  'too-long': '管段过长，请拆分 / segment too long: split it',
  'bad-attribute': '属性值无效 / invalid attribute',
  'missing-depth': '既无 depth_m 也无管底高程 invert_start_m/invert_end_m / neither depth_m nor invert_start_m + invert_end_m',
  'outside-dem': '位于高程模型范围之外 / outside the elevation model',
};

/** A pipe segment that was refused, and why: the core Problem with its reason typed. */
export type PipeProblem = FeatureProblem<PipeProblemReason>;

export function pipeProblem(index: number, id: string | null, reason: PipeProblemReason, detail?: string): PipeProblem {
  return featureProblem(index, id, reason, PIPE_PROBLEM_TEXT[reason], detail);
}
