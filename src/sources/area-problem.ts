/**
 * Problems with renewal areas (`areas.geojson`): the core Problem shape, as the
 * buildings' and pipes', so the archive's registry and the map overlays report a bad
 * area with the same message and the same fix.
 */
import { AREA_KINDS } from '../core/renewal-areas.ts';
import { featureProblem, type FeatureProblem } from '../core/problem.ts';

export type AreaProblemReason = 'bad-property' | 'unsupported-geometry';

export const AREA_PROBLEM_TEXT: Record<AreaProblemReason, string> = {
  'bad-property': '属性值无效 / invalid property',
  'unsupported-geometry': '需要 Polygon 或 MultiPolygon / needs a Polygon or MultiPolygon',
};

/** The usual fix per property (and for the geometry): what the viewer and the archive need. */
const FIX: Record<string, string> = {
  id: '填写片区编号（非空文本，如 core-jiefangbei） / give the area an id (non-empty text, e.g. core-jiefangbei)',
  kind: `kind 应为 ${AREA_KINDS.join('、')} 之一（地图按类别着色） / kind must be one of ${AREA_KINDS.join(', ')} (the map colours areas by kind)`,
  name: '填写中文名称（地图标注用） / give the area its Chinese name (the map labels it)',
  name_en: '填写英文名称（英文界面标注用） / give the area its English name (the English map labels it)',
  year_from: '填写整数年份或留空 / give a whole year or leave it empty',
  year_to: '填写整数年份或留空 / give a whole year or leave it empty',
  geometry: '修正或删除该要素（WGS84 经纬度面） / fix or remove that feature (a WGS84 lon/lat polygon)',
};

/** A refused area: the core Problem, its `column` the property (or `geometry`) at fault, null for the whole properties object. */
export interface AreaProblem extends FeatureProblem<AreaProblemReason> {
  column: string | null;
}

export function areaProblem(index: number, id: string | null, reason: AreaProblemReason, column: string | null, detail?: string): AreaProblem {
  const fix = column !== null ? FIX[column] : undefined;
  return { ...featureProblem(index, id, reason, AREA_PROBLEM_TEXT[reason], detail, fix), column };
}
