/**
 * The Measure tool: clicks on terrain or buildings add points (snapped to building
 * corners), the map shows the line or polygon with running lengths in m/km and the
 * area in m², the panel the numbers of measure-result.ts. Line ↔ polygon, undo and
 * clear are in the panel; the points live in the URL.
 */
import { Cartesian2, Cartesian3, Color, HeightReference, LabelStyle, PolygonHierarchy, VerticalOrigin, type Viewer } from 'cesium';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AnalysisPanel } from '../AnalysisPanel.tsx';
import type { AnalysisScene } from '../analysis-scene.ts';
import { ANALYSIS_NS } from '../analysis-tools.ts';
import type { AnalysisView, ToolPoint } from '../analysis-url-state.ts';
import { PointControls } from '../PointControls.tsx';
import { redraw, useToolDataSource } from '../tool-drawing.ts';
import type { PickRouter } from '../../picking/pick-router.ts';
import { useToolPicks } from '../use-tool-clicks.ts';
import { measureResult, runningLengths } from './measure-result.ts';

type MeasureView = Extract<AnalysisView, { tool: 'measure' }>;

export interface MeasureToolProps {
  viewer: Viewer;
  view: MeasureView;
  scene: AnalysisScene | null;
  pickRouter: PickRouter;
  onChange(view: MeasureView): void;
  onClose(): void;
}

const LINE_COLOUR = Color.fromCssColorString('#facc15');
const cartesian = ([lon, lat, h]: ToolPoint) => Cartesian3.fromDegrees(lon, lat, h);

export function MeasureTool({ viewer, view, scene, pickRouter, onChange, onClose }: MeasureToolProps) {
  const { t } = useTranslation(ANALYSIS_NS);
  const result = useMemo(() => (scene ? measureResult(view.mode, view.points, scene, t) : null), [scene, view.mode, view.points, t]);

  useToolPicks(viewer, scene, pickRouter, (hit) => onChange({ ...view, points: [...view.points, hit.point] }));

  const source = useToolDataSource(viewer, 'analysis-measure');
  useEffect(() => {
    if (!source) return;
    redraw(viewer, source, (add) => {
      const positions = view.points.map(cartesian);
      const labels = view.mode === 'line' ? runningLengths(view.points) : [];
      view.points.forEach((p, i) => {
        add({
          position: positions[i]!,
          point: { pixelSize: 9, color: LINE_COLOUR, outlineColor: Color.BLACK, outlineWidth: 1, disableDepthTestDistance: Number.POSITIVE_INFINITY },
          ...(labels[i]
            ? { label: { text: labels[i]!, font: '14px sans-serif', fillColor: Color.WHITE, outlineColor: Color.BLACK, outlineWidth: 3, style: LabelStyle.FILL_AND_OUTLINE, verticalOrigin: VerticalOrigin.BOTTOM, pixelOffset: new Cartesian2(0, -10), disableDepthTestDistance: Number.POSITIVE_INFINITY } }
            : {}),
        });
      });
      if (positions.length >= 2) {
        const ring = view.mode === 'area' && positions.length >= 3 ? [...positions, positions[0]!] : positions;
        add({ polyline: { positions: ring, width: 3, material: LINE_COLOUR, depthFailMaterial: LINE_COLOUR.withAlpha(0.5) } });
      }
      if (view.mode === 'area' && positions.length >= 3 && result?.numbers.areaM2 != null) {
        const centre = Cartesian3.fromDegrees(
          view.points.reduce((s, p) => s + p[0], 0) / view.points.length,
          view.points.reduce((s, p) => s + p[1], 0) / view.points.length,
          Math.max(...view.points.map((p) => p[2])),
        );
        add({ polygon: { hierarchy: new PolygonHierarchy(positions), perPositionHeight: true, material: LINE_COLOUR.withAlpha(0.25), heightReference: HeightReference.NONE } });
        const area = result.summary.find((s) => s.key === 'areaM2')?.text ?? '';
        add({ position: centre, label: { text: area, font: '15px sans-serif', fillColor: Color.WHITE, outlineColor: Color.BLACK, outlineWidth: 3, style: LabelStyle.FILL_AND_OUTLINE, disableDepthTestDistance: Number.POSITIVE_INFINITY } });
      }
    });
  }, [viewer, source, view.points, view.mode, result]);

  return (
    <AnalysisPanel tool="measure" title={t('measure.title')} result={result} busy={scene ? null : t('loading')} onClose={onClose}>
      <div className="analysis-controls" role="group">
        {(['line', 'area'] as const).map((mode) => (
          <label key={mode} className="analysis-choice">
            <input type="radio" name="measure-mode" value={mode} checked={view.mode === mode} onChange={() => onChange({ ...view, mode })} /> {t(`measure.${mode}`)}
          </label>
        ))}
        <PointControls points={view.points} onPoints={(points) => onChange({ ...view, points })} />
      </div>
      <p className="muted analysis-hint">{t('clickHint')}</p>
    </AnalysisPanel>
  );
}
