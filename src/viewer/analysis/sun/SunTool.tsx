/**
 * The Sunlight tool: a day and a time (China Standard Time; 大寒日 and 冬至日 one click
 * away) put the real sun over Yuzhong (Cesium's SunLight at that instant) with shadows on
 * buildings and hills; a click on a building counts the sun hours around it and on its
 * ground-floor walls on that day, in a Web Worker (sun-hours-client.ts), drawn as
 * coloured points (red < 1 h, orange < 2 h, yellow ≥ 2 h). Inputs live in the URL.
 */
import { Cartesian3, Color, JulianDate, ShadowMode, SunLight, type Viewer } from 'cesium';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { solarTerm, type StandardSolarTerm } from '../../../core/analysis/solar-terms.ts';
import type { PickRouter } from '../../picking/pick-router.ts';
import { AnalysisPanel } from '../AnalysisPanel.tsx';
import type { AnalysisScene } from '../analysis-scene.ts';
import { ANALYSIS_NS } from '../analysis-tools.ts';
import type { AnalysisView } from '../analysis-url-state.ts';
import { redraw, useToolDataSource } from '../tool-drawing.ts';
import { PointControls } from '../PointControls.tsx';
import { pointsKey } from '../use-keyed-request.ts';
import { useToolPicks } from '../use-tool-clicks.ts';
import { sunHoursClient } from './sun-hours-client.ts';
import type { SunHoursAnswer } from './sun-hours-job.ts';
import { chinaInstant, DEFAULT_TIME, defaultSunDate, formatDate, parseDate, sunRequest, sunResult } from './sun-result.ts';

type SunView = Extract<AnalysisView, { tool: 'sun' }>;

export interface SunToolProps {
  viewer: Viewer;
  view: SunView;
  scene: AnalysisScene | null;
  /** A loaded building's use (住宅 is residential), or null when unknown: an area screens its residential walls. */
  useOf(code: string): string | null;
  pickRouter: PickRouter;
  onChange(view: SunView): void;
  onClose(): void;
}

/** Colour of a point by its hours: red < 1 h, orange < 2 h, yellow ≥ 2 h, pale ≥ 4 h. */
export function hoursColour(hours: number): string {
  return hours < 1 ? '#dc2626' : hours < 2 ? '#f97316' : hours < 4 ? '#facc15' : '#fef9c3';
}

/** Real sun and shadows while the tool is open; the page's fixed light and no shadows after. */
function useSunScene(viewer: Viewer, instant: number): void {
  useEffect(() => {
    const { scene } = viewer;
    const before = { light: scene.light, shadows: viewer.shadows, terrainShadows: viewer.terrainShadows, time: viewer.clock.currentTime.clone(), animate: viewer.clock.shouldAnimate };
    scene.light = new SunLight();
    viewer.shadows = true;
    viewer.terrainShadows = ShadowMode.ENABLED;
    viewer.shadowMap.softShadows = false;
    viewer.shadowMap.maximumDistance = 3000;
    viewer.clock.shouldAnimate = false;
    return () => {
      if (viewer.isDestroyed()) return;
      scene.light = before.light;
      viewer.shadows = before.shadows;
      viewer.terrainShadows = before.terrainShadows;
      viewer.clock.currentTime = before.time;
      viewer.clock.shouldAnimate = before.animate;
      scene.requestRender();
    };
  }, [viewer]);
  useEffect(() => {
    viewer.clock.currentTime = JulianDate.fromDate(new Date(instant));
    viewer.scene.requestRender();
  }, [viewer, instant]);
}

export function SunTool({ viewer, view, scene, useOf, pickRouter, onChange, onClose }: SunToolProps) {
  const { t } = useTranslation(ANALYSIS_NS);
  const date = view.date ?? defaultSunDate();
  const time = view.time ?? DEFAULT_TIME;
  const instant = chinaInstant(date, time);
  useSunScene(viewer, instant);

  const [run, setRun] = useState<{ key: string; answer: SunHoursAnswer | null; error: string | null; progress: [number, number] | null } | null>(null);
  const area = view.mode === 'area';
  const runKey = area ? (view.points.length >= 3 ? `area:${pointsKey(view.points)}@${date}` : null) : view.building ? `${view.building}@${date}` : null;
  useEffect(() => {
    if (!runKey || !scene?.buildings) return;
    let stale = false;
    setRun({ key: runKey, answer: null, error: null, progress: null });
    sunHoursClient
      .run({ index: scene.buildings, terrain: scene.terrain }, sunRequest(view, date, scene.buildings.codes, useOf), (done, total) => !stale && setRun((r) => (r && r.key === runKey ? { ...r, progress: [done, total] } : r)))
      .then(
        (answer) => !stale && setRun({ key: runKey, answer, error: null, progress: null }),
        (e: unknown) => !stale && setRun({ key: runKey, answer: null, error: e instanceof Error ? e.message : String(e), progress: null }),
      );
    return () => {
      stale = true;
    };
    // runKey stands for the inputs (building or outline, and day).
  }, [runKey, scene]);
  const current = run && run.key === runKey ? run : null;
  const result = useMemo(() => {
    const notes = [...(scene?.problems ?? []), ...(current?.error ? [current.error] : []), ...(area ? (view.points.length < 3 ? [t('sun.needArea')] : []) : !view.building ? [t('sun.needBuilding')] : [])];
    return sunResult(date, time, current?.answer ?? null, scene?.buildings ?? null, t, notes);
  }, [date, time, current, scene, view.building, view.points.length, area, t]);

  useToolPicks(
    viewer,
    scene,
    pickRouter,
    (hit) => {
      if (area) onChange({ ...view, date, time, points: [...view.points, hit.point] });
      else if (hit.on.kind === 'building') onChange({ ...view, date, time, building: hit.on.code });
    },
    { snap: false },
  );

  const source = useToolDataSource(viewer, 'analysis-sun');
  useEffect(() => {
    if (!source) return;
    redraw(viewer, source, (add) => {
      if (area && view.points.length >= 2) {
        const ring = view.points.map(([lon, lat, h]) => Cartesian3.fromDegrees(lon, lat, h));
        add({ polyline: { positions: view.points.length >= 3 ? [...ring, ring[0]!] : ring, width: 2, material: Color.ORANGE, clampToGround: true } });
      }
      const answer = current?.answer;
      const frame = scene?.frame;
      if (!answer || !frame) return;
      const { samples, result: r } = answer;
      for (let p = 0; p < samples.buildings.length; p++) {
        const g = frame.toGeodetic(samples.positions[3 * p]!, samples.positions[3 * p + 1]!, samples.positions[3 * p + 2]! + 0.2);
        add({ position: Cartesian3.fromDegrees(g.lon, g.lat, g.height), point: { pixelSize: samples.buildings[p]! < 0 ? 6 : 8, color: Color.fromCssColorString(hoursColour(r.hours[p]!)), outlineColor: Color.BLACK, outlineWidth: 1 } });
      }
    });
  }, [viewer, source, current, scene, area, view.points]);

  const year = parseDate(date).year;
  const termDate = (term: StandardSolarTerm) => {
    const m = solarTerm(term, year);
    return m.ok ? formatDate(m.value.date) : null;
  };
  const busy = !scene ? t('loading') : current && !current.answer && !current.error ? t('sun.computing', { done: current.progress?.[0] ?? 0, total: current.progress?.[1] ?? '…' }) : null;
  return (
    <AnalysisPanel tool="sun" title={t('sun.title')} result={result} busy={busy} onClose={onClose}>
      <div className="analysis-controls">
        <label>
          {t('sun.date')} <input type="date" name="sun-date" value={date} onChange={(e) => e.currentTarget.value && onChange({ ...view, date: e.currentTarget.value, time })} />
        </label>
        <label>
          {t('sun.time')} <input type="time" name="sun-time" step={300} value={time} onChange={(e) => e.currentTarget.value && onChange({ ...view, date, time: e.currentTarget.value.slice(0, 5) })} />
        </label>
        <input type="range" name="sun-slider" aria-label={t('sun.time')} min={6 * 60} max={19 * 60} step={5} value={Number(time.slice(0, 2)) * 60 + Number(time.slice(3))} onChange={(e) => { const m = Number(e.currentTarget.value); onChange({ ...view, date, time: `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}` }); }} />
      </div>
      <div className="analysis-controls" role="group">
        {(['building', 'area'] as const).map((mode) => (
          <label key={mode} className="analysis-choice">
            <input type="radio" name="sun-mode" value={mode} checked={view.mode === mode} onChange={() => onChange({ ...view, date, time, mode })} /> {t(mode === 'area' ? 'sun.modeArea' : 'sun.modeBuilding')}
          </label>
        ))}
        {area && <PointControls points={view.points} onPoints={(points) => onChange({ ...view, date, time, points })} />}
      </div>
      <div className="analysis-presets" role="group">
        {(['major-cold', 'winter-solstice'] as const).map((term) => {
          const d = termDate(term);
          return (
            <button key={term} type="button" data-term={term} disabled={!d} aria-pressed={d === date} onClick={() => d && onChange({ ...view, date: d, time })}>
              {t(`sun.terms.${term}`)} {d}
            </button>
          );
        })}
      </div>
      <p className="muted analysis-hint">{t('sun.standardNote')}</p>
    </AnalysisPanel>
  );
}
