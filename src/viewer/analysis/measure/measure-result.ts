/**
 * The Measure tool's answer from its points (analysis-url-state.ts) and the scene: a
 * line gives the straight 3D distance first → last, the horizontal (geodesic) and 3D
 * polyline lengths, the ground distance along the terrain and the height difference; a
 * polygon gives its ellipsoidal area and perimeter and its area on the terrain surface.
 * Pure: the numbers are src/core/analysis/measure.ts's, the labels the page's.
 */
import type { TFunction } from 'i18next';
import { sampleElevation } from '../../../core/elevation-grid.ts';
import {
  formatArea,
  formatLength,
  groundDistance,
  heightDifference,
  polygonArea,
  polylineLength,
  straightDistance,
  terrainSurfaceArea,
} from '../../../core/analysis/measure.ts';
import type { AnalysisResult, Cell, SummaryLine } from '../analysis-result.ts';
import type { MeasureMode, ToolPoint } from '../analysis-url-state.ts';
import type { AnalysisScene } from '../analysis-scene.ts';

export interface MeasureNumbers extends Record<string, Cell> {
  mode: MeasureMode;
  points: number;
  /** Line: 3D chord first → last (m). */
  straightM: number | null;
  /** Line: sum of the geodesic lengths of the segments (m). */
  horizontalM: number | null;
  /** Line: sum of the 3D segment lengths (m). */
  polylineM: number | null;
  /** Line: along the terrain surface under the line (m); null without terrain. */
  groundM: number | null;
  /** Line: last point's height − first's (m). */
  heightDiffM: number | null;
  /** Polygon: ellipsoidal area (m²) and perimeter (m). */
  areaM2: number | null;
  perimeterM: number | null;
  /** Polygon: area on the terrain surface (m²); null without terrain. */
  terrainAreaM2: number | null;
}

const lonLatH = ([lon, lat, height]: ToolPoint) => ({ lon, lat, height });

function valueOr<T>(r: { ok: true; value: T } | { ok: false }): T | null {
  return r.ok ? r.value : null;
}

export function measureResult(mode: MeasureMode, points: readonly ToolPoint[], scene: Pick<AnalysisScene, 'terrain'>, t: TFunction): AnalysisResult<MeasureNumbers> {
  const n: MeasureNumbers = { mode, points: points.length, straightM: null, horizontalM: null, polylineM: null, groundM: null, heightDiffM: null, areaM2: null, perimeterM: null, terrainAreaM2: null };
  const notes: string[] = [];
  const summary: SummaryLine[] = [{ key: 'points', label: t('measure.points'), text: String(points.length) }];
  const sampler = scene.terrain ? (lon: number, lat: number) => sampleElevation(scene.terrain!, lon, lat) : null;
  const ll = points.map(lonLatH);
  const line = (key: keyof MeasureNumbers & string, label: string, value: number | null, format: (v: number) => string) => {
    (n as Record<string, Cell>)[key] = value;
    if (value !== null) summary.push({ key, label, text: format(value) });
  };
  const signed = (v: number) => `${v > 0 ? '+' : ''}${v.toFixed(2)} m`;
  if (mode === 'line') {
    if (points.length < 2) notes.push(t('measure.needPoints', { count: 2 }));
    else {
      const first = ll[0]!, last = ll[ll.length - 1]!;
      const poly = valueOr(polylineLength(ll));
      line('straightM', t('measure.straight'), valueOr(straightDistance(first, last)), formatLength);
      line('horizontalM', t('measure.horizontal'), poly?.geodesic ?? null, formatLength);
      if (points.length > 2) line('polylineM', t('measure.polyline'), poly?.spatial ?? null, formatLength);
      else n.polylineM = poly?.spatial ?? null;
      line('groundM', t('measure.ground'), sampler ? (valueOr(groundDistance(ll, sampler))?.distance ?? null) : null, formatLength);
      line('heightDiffM', t('measure.heightDiff'), valueOr(heightDifference(first, last)), signed);
    }
  } else if (points.length < 3) notes.push(t('measure.needPoints', { count: 3 }));
  else {
    const area = polygonArea(ll);
    if (!area.ok) notes.push(...area.problems.map((p) => p.message));
    line('areaM2', t('measure.planarArea'), area.ok ? area.value.area : null, formatArea);
    line('perimeterM', t('measure.perimeter'), area.ok ? area.value.perimeter : null, formatLength);
    line('terrainAreaM2', t('measure.terrainArea'), sampler && area.ok ? (valueOr(terrainSurfaceArea(ll, sampler))?.area ?? null) : null, formatArea);
  }
  const coords = points.map(([lon, lat, h]) => [lon, lat, h]);
  const props: Record<string, Cell> = { ...n };
  const features: AnalysisResult['features'] =
    mode === 'area' && points.length >= 3
      ? [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[...coords, coords[0]!]] }, properties: props }]
      : points.length >= 2
        ? [{ type: 'Feature', geometry: { type: 'LineString', coordinates: coords }, properties: props }]
        : points.map((p, i) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [p[0], p[1], p[2]] }, properties: { index: i } }));
  const table = {
    name: 'points',
    title: t('measure.points'),
    columns: [{ key: 'index', label: '#' }, { key: 'lon', label: 'lon' }, { key: 'lat', label: 'lat' }, { key: 'height', label: 'h (m)' }],
    rows: points.map(([lon, lat, h], i) => ({ index: i + 1, lon: Number(lon.toFixed(7)), lat: Number(lat.toFixed(7)), height: Number(h.toFixed(2)) })),
  };
  return { tool: 'measure', summary, tables: [table], features, numbers: n, notes };
}

/** The label at each point along a line: the running 3D length (first point: none). */
export function runningLengths(points: readonly ToolPoint[]): (string | null)[] {
  const out: (string | null)[] = [null];
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const d = straightDistance(lonLatH(points[i - 1]!), lonLatH(points[i]!));
    total += d.ok ? d.value : 0;
    out.push(formatLength(total));
  }
  return out;
}
