/**
 * The Excavate tool (开挖): clicks draw the pit's outline and a depth is typed; inside
 * it the terrain and the buildings are clipped away (Cesium ClippingPolygonCollection on
 * the globe and on the buildings tileset), the pit gets earth-coloured walls and a flat
 * floor (excavate-result.ts), the lifelines under it show (the layer is switched on with
 * a button), and the panel lists the pipes inside from the archive. Outline and depth
 * live in the URL; closing the tool removes the cut.
 */
import { Cartesian3, ClippingPolygon, ClippingPolygonCollection, Color, PolygonHierarchy, type Cesium3DTileset, type Viewer } from 'cesium';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchPipesWithin } from '../../api/analysis-client.ts';
import type { PickRouter } from '../../picking/pick-router.ts';
import { AnalysisPanel } from '../AnalysisPanel.tsx';
import type { AnalysisScene } from '../analysis-scene.ts';
import { ANALYSIS_NS } from '../analysis-tools.ts';
import { PIT_DEPTH_RANGE, type AnalysisView } from '../analysis-url-state.ts';
import { PointControls } from '../PointControls.tsx';
import { redraw, useToolDataSource } from '../tool-drawing.ts';
import { pointsKey, useKeyedRequest } from '../use-keyed-request.ts';
import { useToolPicks } from '../use-tool-clicks.ts';
import { excavateResult } from './excavate-result.ts';

type ExcavateView = Extract<AnalysisView, { tool: 'excavate' }>;

export interface ExcavateToolProps {
  viewer: Viewer;
  view: ExcavateView;
  scene: AnalysisScene | null;
  buildingsTileset(): Cesium3DTileset | null;
  lifelinesOn: boolean;
  onShowLifelines(): void;
  pickRouter: PickRouter;
  onChange(view: ExcavateView): void;
  onClose(): void;
}

const EARTH = Color.fromCssColorString('#8b5a2b');
const OUTLINE = Color.fromCssColorString('#fb923c');

/** Clips the globe and the buildings inside the ring while it is set (≥ 3 points). */
function useClipping(viewer: Viewer, tileset: () => Cesium3DTileset | null, ring: readonly (readonly [number, number, number])[]): void {
  const key = pointsKey(ring);
  useEffect(() => {
    if (ring.length < 3) return;
    const positions = ring.map(([lon, lat, h]) => Cartesian3.fromDegrees(lon, lat, h));
    const collection = () => new ClippingPolygonCollection({ polygons: [new ClippingPolygon({ positions })] });
    const globe = viewer.scene.globe;
    const before = { globe: globe.clippingPolygons, backFace: globe.backFaceCulling };
    globe.clippingPolygons = collection();
    // The pit's inside: see the walls from within, not through the globe's back.
    globe.backFaceCulling = false;
    const buildings = tileset();
    const beforeBuildings = buildings?.clippingPolygons;
    if (buildings) buildings.clippingPolygons = collection();
    viewer.scene.requestRender();
    return () => {
      if (viewer.isDestroyed()) return;
      globe.clippingPolygons = before.globe;
      globe.backFaceCulling = before.backFace;
      if (buildings && !buildings.isDestroyed()) buildings.clippingPolygons = beforeBuildings as ClippingPolygonCollection;
      viewer.scene.requestRender();
    };
    // `key` stands for the ring's points: a new array with the same points changes nothing.
  }, [viewer, tileset, key]);
}

export function ExcavateTool({ viewer, view, scene, buildingsTileset, lifelinesOn, onShowLifelines, pickRouter, onChange, onClose }: ExcavateToolProps) {
  const { t } = useTranslation(ANALYSIS_NS);
  const current = useKeyedRequest(view.points.length >= 3 ? pointsKey(view.points) : null, (signal) => fetchPipesWithin(view.points.map(([lon, lat]) => [lon, lat] as const), signal));
  const outcome = useMemo(
    () => (scene ? excavateResult(view.points, view.depth, scene, current?.value?.pipes ?? null, t, current?.error ? [t('excavate.pipesFailed', { message: current.error })] : []) : null),
    [scene, view.points, view.depth, current, t],
  );
  useClipping(viewer, buildingsTileset, view.points);

  useToolPicks(viewer, scene, pickRouter, (hit) => onChange({ ...view, points: [...view.points, hit.point] }), { snap: false });

  const source = useToolDataSource(viewer, 'analysis-excavate');
  useEffect(() => {
    if (!source) return;
    redraw(viewer, source, (add) => {
      const pit = outcome?.pit;
      for (const [lon, lat, h] of view.points) add({ position: Cartesian3.fromDegrees(lon, lat, h), point: { pixelSize: 8, color: OUTLINE, outlineColor: Color.BLACK, outlineWidth: 1, disableDepthTestDistance: Number.POSITIVE_INFINITY } });
      if (!pit) {
        if (view.points.length >= 2) add({ polyline: { positions: view.points.map(([lon, lat, h]) => Cartesian3.fromDegrees(lon, lat, h)), width: 2, material: OUTLINE } });
        return;
      }
      const ring = [...pit.outline, pit.outline[0]!];
      const top = ring.map((p) => (Number.isFinite(p.ground) ? p.ground : pit.rimMinM));
      add({
        wall: {
          positions: ring.map((p, i) => Cartesian3.fromDegrees(p.lon, p.lat, top[i]!)),
          maximumHeights: top,
          minimumHeights: ring.map(() => pit.floorM),
          material: EARTH.withAlpha(0.95),
          outline: false,
        },
      });
      add({ polygon: { hierarchy: new PolygonHierarchy(pit.outline.map((p) => Cartesian3.fromDegrees(p.lon, p.lat, pit.floorM))), height: pit.floorM, material: EARTH.brighten(0.2, new Color()), perPositionHeight: false } });
      add({ polyline: { positions: ring.map((p, i) => Cartesian3.fromDegrees(p.lon, p.lat, top[i]! + 0.1)), width: 2, material: OUTLINE } });
    });
  }, [viewer, source, view.points, outcome]);

  const busy = !scene ? t('loading') : view.points.length >= 3 && !current ? t('computing') : null;
  return (
    <AnalysisPanel tool="excavate" title={t('excavate.title')} result={outcome?.result ?? null} busy={busy} onClose={onClose}>
      <div className="analysis-controls">
        <label>
          {t('excavate.depth')}{' '}
          <input type="number" name="pit-depth" min={PIT_DEPTH_RANGE[0]} max={PIT_DEPTH_RANGE[1]} step={0.5} value={view.depth} onChange={(e) => { const d = e.currentTarget.valueAsNumber; if (d >= PIT_DEPTH_RANGE[0] && d <= PIT_DEPTH_RANGE[1]) onChange({ ...view, depth: d }); }} />
        </label>
        <PointControls points={view.points} onPoints={(points) => onChange({ ...view, points })} />
        {!lifelinesOn && (
          <button type="button" name="show-lifelines" onClick={onShowLifelines}>
            {t('excavate.showPipes')}
          </button>
        )}
      </div>
      <p className="muted analysis-hint">{t('clickHint')}</p>
    </AnalysisPanel>
  );
}
