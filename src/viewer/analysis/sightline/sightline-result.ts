/**
 * The Sightline tool's answer: from the observer (first point, eye `observerHeight`
 * above the clicked surface) to the target (second point): visible or blocked, the first
 * obstacle named (a building's code, or the terrain) and where; and, with a radius, the
 * viewshed on the ground around the observer with its visible share. Pure: the numbers
 * are src/core/analysis/sightline.ts's.
 */
import type { TFunction } from 'i18next';
import { formatLength } from '../../../core/analysis/measure.ts';
import { sightline, viewshed, type Sightline, type Viewshed } from '../../../core/analysis/sightline.ts';
import type { AnalysisResult, Cell, SummaryLine } from '../analysis-result.ts';
import type { AnalysisScene } from '../analysis-scene.ts';
import type { AnalysisView } from '../analysis-url-state.ts';

type SightlineView = Extract<AnalysisView, { tool: 'sightline' }>;

export interface SightlineNumbers extends Record<string, Cell> {
  visible: boolean | null;
  distanceM: number | null;
  /** 'building' | 'terrain' | null. */
  obstacleKind: string | null;
  /** The blocking building's code. */
  obstacleCode: string | null;
  obstacleDistanceM: number | null;
  obstacleLon: number | null;
  obstacleLat: number | null;
  obstacleHeight: number | null;
  radiusM: number | null;
  visibleShare: number | null;
  visibleCells: number | null;
  hiddenCells: number | null;
}

export interface SightlineOutcome {
  result: AnalysisResult<SightlineNumbers>;
  line: Sightline | null;
  viewshed: Viewshed | null;
}

function sightSceneOf(scene: AnalysisScene) {
  return { ...(scene.terrain ? { terrain: scene.terrain } : {}), ...(scene.buildings ? { buildings: scene.buildings } : {}) };
}

/**
 * The viewshed of a view (null without an observer or a radius). It depends on the
 * observer, its eye height and the radius only: the tool keeps it while the target moves
 * (at 500 m it is ~0.1 s, at 2 km ~1 s) and hands it to sightlineResult.
 */
export function viewshedOf(view: SightlineView, scene: AnalysisScene): ReturnType<typeof viewshed> | null {
  const o = view.points[0];
  if (!o || view.radius === null) return null;
  return viewshed(sightSceneOf(scene), { lon: o[0], lat: o[1], height: o[2] + view.observerHeight }, view.radius);
}

/** `shedResult`: the view's viewshed if already computed (viewshedOf), else it is computed here. */
export function sightlineResult(view: SightlineView, scene: AnalysisScene, t: TFunction, shedResult: ReturnType<typeof viewshed> | null = viewshedOf(view, scene)): SightlineOutcome {
  const n: SightlineNumbers = { visible: null, distanceM: null, obstacleKind: null, obstacleCode: null, obstacleDistanceM: null, obstacleLon: null, obstacleLat: null, obstacleHeight: null, radiusM: view.radius, visibleShare: null, visibleCells: null, hiddenCells: null };
  const notes: string[] = [...scene.problems];
  const summary: SummaryLine[] = [];
  const features: AnalysisResult['features'][number][] = [];
  const sightScene = sightSceneOf(scene);
  const [o, target] = view.points;
  let line: Sightline | null = null;
  let shed: Viewshed | null = null;
  if (!o) notes.push(t('sightline.needObserver'));
  else {
    const observer = { lon: o[0], lat: o[1], height: o[2] + view.observerHeight };
    if (!target) notes.push(t('sightline.needTarget'));
    else {
      const r = sightline(sightScene, observer, { lon: target[0], lat: target[1], height: target[2] });
      if (!r.ok) notes.push(...r.problems.map((p) => p.message));
      else {
        line = r.value;
        n.visible = line.visible;
        n.distanceM = line.distance;
        summary.push({ key: 'visible', label: t('sightline.title'), text: line.visible ? t('sightline.visible') : t('sightline.blocked') });
        summary.push({ key: 'distanceM', label: t('sightline.distance'), text: formatLength(line.distance) });
        const ob = line.obstacle;
        if (ob) {
          n.obstacleKind = ob.kind;
          n.obstacleCode = ob.kind === 'building' ? ob.code : null;
          n.obstacleDistanceM = ob.distance;
          n.obstacleLon = ob.position.lon;
          n.obstacleLat = ob.position.lat;
          n.obstacleHeight = ob.position.height;
          summary.push({ key: 'obstacleKind', label: t('sightline.blockedBy'), text: ob.kind === 'building' ? ob.code : t('sightline.terrain') });
          summary.push({ key: 'obstacleDistanceM', label: t('sightline.obstacleDistance'), text: formatLength(ob.distance) });
          features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [ob.position.lon, ob.position.lat, ob.position.height] }, properties: { role: 'obstacle', kind: ob.kind, code: n.obstacleCode } });
        }
        features.push({
          type: 'Feature',
          geometry: { type: 'LineString', coordinates: [[line.observer.lon, line.observer.lat, line.observer.height], [line.target.lon, line.target.lat, line.target.height]] },
          properties: { role: 'sightline', visible: line.visible, distanceM: line.distance, obstacleKind: n.obstacleKind, obstacleCode: n.obstacleCode },
        });
      }
    }
    if (view.radius !== null && shedResult) {
      const v = shedResult;
      if (!v.ok) notes.push(...v.problems.map((p) => p.message));
      else {
        shed = v.value;
        n.visibleShare = shed.visibleShare;
        n.visibleCells = shed.visibleCount;
        n.hiddenCells = shed.hiddenCount;
        summary.push({ key: 'visibleShare', label: t('sightline.visibleShare'), text: `${(shed.visibleShare * 100).toFixed(1)} % (${formatLength(view.radius)})` });
      }
    }
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [observer.lon, observer.lat, observer.height] }, properties: { role: 'observer', eyeHeightM: view.observerHeight } });
  }
  return { result: { tool: 'sightline', summary, tables: [], features, numbers: n, notes }, line, viewshed: shed };
}
