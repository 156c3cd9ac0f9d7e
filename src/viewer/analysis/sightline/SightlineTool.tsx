/**
 * The Sightline tool: the first click places the observer, the next the target (a later
 * click moves the target); the line is drawn green when visible, red from the first
 * obstacle on, and the obstacle (a building's code or the terrain) is named in the
 * panel. With a radius, the viewshed is draped on the ground. Inputs live in the URL.
 */
import { Cartesian2, Cartesian3, Color, ImageMaterialProperty, LabelStyle, Rectangle, VerticalOrigin, type Viewer } from 'cesium';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AnalysisPanel } from '../AnalysisPanel.tsx';
import type { AnalysisScene } from '../analysis-scene.ts';
import { ANALYSIS_NS } from '../analysis-tools.ts';
import type { AnalysisView } from '../analysis-url-state.ts';
import { redraw, useToolDataSource } from '../tool-drawing.ts';
import type { PickRouter } from '../../picking/pick-router.ts';
import { useToolPicks } from '../use-tool-clicks.ts';
import { sightlineResult, viewshedOf } from './sightline-result.ts';
import { viewshedImage } from './viewshed-image.ts';

type SightlineView = Extract<AnalysisView, { tool: 'sightline' }>;

export interface SightlineToolProps {
  viewer: Viewer;
  view: SightlineView;
  scene: AnalysisScene | null;
  pickRouter: PickRouter;
  onChange(view: SightlineView): void;
  onClose(): void;
}

const VISIBLE = Color.fromCssColorString('#22c55e');
const BLOCKED = Color.fromCssColorString('#ef4444');
const POINT = { pixelSize: 10, outlineColor: Color.BLACK, outlineWidth: 1, disableDepthTestDistance: Number.POSITIVE_INFINITY };
const LABEL = { font: '14px sans-serif', fillColor: Color.WHITE, outlineColor: Color.BLACK, outlineWidth: 3, style: LabelStyle.FILL_AND_OUTLINE, verticalOrigin: VerticalOrigin.BOTTOM, pixelOffset: new Cartesian2(0, -12), disableDepthTestDistance: Number.POSITIVE_INFINITY };

export function SightlineTool({ viewer, view, scene, pickRouter, onChange, onClose }: SightlineToolProps) {
  const { t } = useTranslation(ANALYSIS_NS);
  // The viewshed is kept while only the target moves (see viewshedOf).
  const o = view.points[0];
  const shed = useMemo(
    () => (scene ? viewshedOf({ ...view, points: o ? [o] : [] }, scene) : null),
    [scene, o?.[0], o?.[1], o?.[2], view.observerHeight, view.radius],
  );
  const outcome = useMemo(() => (scene ? sightlineResult(view, scene, t, shed) : null), [scene, view, t, shed]);

  useToolPicks(viewer, scene, pickRouter, (hit) => onChange({ ...view, points: view.points.length === 0 ? [hit.point] : [view.points[0]!, hit.point] }), { snap: false });

  const source = useToolDataSource(viewer, 'analysis-sightline');
  useEffect(() => {
    if (!source || !outcome) return;
    redraw(viewer, source, (add) => {
      const [o, target] = view.points;
      if (o) add({ position: Cartesian3.fromDegrees(o[0], o[1], o[2] + view.observerHeight), point: { ...POINT, color: Color.WHITE } });
      const line = outcome.line;
      if (line && target) {
        const from = Cartesian3.fromDegrees(line.observer.lon, line.observer.lat, line.observer.height);
        const to = Cartesian3.fromDegrees(line.target.lon, line.target.lat, line.target.height);
        add({ position: to, point: { ...POINT, color: line.visible ? VISIBLE : BLOCKED } });
        const ob = line.obstacle;
        if (!ob) add({ polyline: { positions: [from, to], width: 3, material: VISIBLE } });
        else {
          const at = Cartesian3.fromDegrees(ob.position.lon, ob.position.lat, ob.position.height);
          add({ polyline: { positions: [from, at], width: 3, material: VISIBLE } });
          add({ polyline: { positions: [at, to], width: 3, material: BLOCKED } });
          add({ position: at, point: { ...POINT, color: BLOCKED }, label: { ...LABEL, text: ob.kind === 'building' ? ob.code : t('sightline.terrain') } });
        }
      }
      if (outcome.viewshed) {
        const img = viewshedImage(outcome.viewshed);
        add({ rectangle: { coordinates: Rectangle.fromDegrees(img.west, img.south, img.east, img.north), material: new ImageMaterialProperty({ image: img.canvas, transparent: true }) } });
      }
    });
  }, [viewer, source, outcome, view.points, view.observerHeight, t]);

  return (
    <AnalysisPanel tool="sightline" title={t('sightline.title')} result={outcome?.result ?? null} busy={scene ? null : t('loading')} onClose={onClose}>
      <div className="analysis-controls">
        <label>
          {t('sightline.observerHeight')}{' '}
          <input type="number" name="observer-height" min={0} max={500} step={0.1} value={view.observerHeight} onChange={(e) => Number.isFinite(e.currentTarget.valueAsNumber) && onChange({ ...view, observerHeight: e.currentTarget.valueAsNumber })} />
        </label>
        <label>
          {t('sightline.radius')}{' '}
          <input type="number" name="viewshed-radius" min={0} max={5000} step={50} value={view.radius ?? 0} onChange={(e) => { const r = e.currentTarget.valueAsNumber; onChange({ ...view, radius: Number.isFinite(r) && r >= 10 ? r : null }); }} />
        </label>
        <button type="button" disabled={view.points.length === 0} onClick={() => onChange({ ...view, points: [] })}>
          {t('clear')}
        </button>
      </div>
      <p className="muted analysis-hint">{view.points.length === 0 ? t('sightline.needObserver') : t('sightline.needTarget')}</p>
    </AnalysisPanel>
  );
}
