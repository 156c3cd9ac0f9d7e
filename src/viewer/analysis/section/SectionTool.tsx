/**
 * The Section tool (剖面): clicks draw a line; the panel charts the ground along it, the
 * buildings it crosses (grade colours, base to roof) and the pipes it crosses at their
 * depth (the archive's answer), with the tables and exports. The line lives in the URL.
 */
import { Cartesian3, Color, type Viewer } from 'cesium';
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { GradeOrUnappraised } from '../../../core/grades.ts';
import { fetchPipesAlong } from '../../api/analysis-client.ts';
import type { PickRouter } from '../../picking/pick-router.ts';
import { AnalysisPanel } from '../AnalysisPanel.tsx';
import type { AnalysisScene } from '../analysis-scene.ts';
import { ANALYSIS_NS } from '../analysis-tools.ts';
import type { AnalysisView } from '../analysis-url-state.ts';
import { PointControls } from '../PointControls.tsx';
import { redraw, useToolDataSource } from '../tool-drawing.ts';
import { pointsKey, useKeyedRequest } from '../use-keyed-request.ts';
import { useToolPicks } from '../use-tool-clicks.ts';
import { sectionChartOption, sectionResult } from './section-result.ts';

const SectionChart = lazy(() => import('./SectionChart.tsx'));

type SectionView = Extract<AnalysisView, { tool: 'section' }>;

export interface SectionToolProps {
  viewer: Viewer;
  view: SectionView;
  scene: AnalysisScene | null;
  grades: ReadonlyMap<string, GradeOrUnappraised>;
  pickRouter: PickRouter;
  onChange(view: SectionView): void;
  onClose(): void;
}

const LINE = Color.fromCssColorString('#f472b6');

export function SectionTool({ viewer, view, scene, grades, pickRouter, onChange, onClose }: SectionToolProps) {
  const { t } = useTranslation(ANALYSIS_NS);
  const current = useKeyedRequest(view.points.length >= 2 ? pointsKey(view.points) : null, (signal) => fetchPipesAlong(view.points.map(([lon, lat]) => [lon, lat] as const), signal));
  const outcome = useMemo(
    () => (scene ? sectionResult(view.points, scene, grades, current?.value?.pipes ?? null, t, current?.error ? [t('section.pipesFailed', { message: current.error })] : []) : null),
    [scene, view.points, grades, current, t],
  );
  const option = useMemo(() => (outcome?.profile ? sectionChartOption(outcome, t) : null), [outcome, t]);

  useToolPicks(viewer, scene, pickRouter, (hit) => onChange({ ...view, points: [...view.points, hit.point] }), { snap: false });

  const source = useToolDataSource(viewer, 'analysis-section');
  useEffect(() => {
    if (!source) return;
    redraw(viewer, source, (add) => {
      const positions = view.points.map(([lon, lat, h]) => Cartesian3.fromDegrees(lon, lat, h));
      for (const p of positions) add({ position: p, point: { pixelSize: 8, color: LINE, outlineColor: Color.BLACK, outlineWidth: 1, disableDepthTestDistance: Number.POSITIVE_INFINITY } });
      if (positions.length >= 2) add({ polyline: { positions, width: 3, material: LINE, clampToGround: true } });
      for (const p of outcome?.pipes ?? []) {
        if (p.groundM !== null && p.depthM !== null) add({ position: Cartesian3.fromDegrees(p.lon, p.lat, p.groundM - p.depthM), point: { pixelSize: 7, color: Color.CYAN, outlineColor: Color.BLACK, outlineWidth: 1 } });
      }
    });
  }, [viewer, source, view.points, outcome]);

  const busy = !scene ? t('loading') : view.points.length >= 2 && !current ? t('computing') : null;
  return (
    <AnalysisPanel tool="section" title={t('section.title')} result={outcome?.result ?? null} busy={busy} onClose={onClose}>
      <div className="analysis-controls">
        <PointControls points={view.points} onPoints={(points) => onChange({ ...view, points })} />
      </div>
      {option && (
        <Suspense fallback={<p className="muted">{t('loading')}</p>}>
          <SectionChart option={option} label={t('section.title')} />
        </Suspense>
      )}
    </AnalysisPanel>
  );
}
