/**
 * The Flood tool: a water level (slider, typed value, or a preset: 寸滩's warning and
 * guarantee levels and the 1981 and 2020 crests, each with its source in the tooltip),
 * the water surface drawn flat at that level over the river-connected cells below it,
 * and the archive's lists of the buildings and pipes under water. The level lives in
 * the URL; typing and dragging settle for 300 ms before the level is computed.
 */
import { Color, ImageMaterialProperty, Rectangle, type Viewer } from 'cesium';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FLOOD_LEVEL_PRESETS } from '../../../core/analysis/flood-levels.ts';
import { fetchFloodReport, floodCsvUrl } from '../../api/analysis-client.ts';
import { AnalysisPanel } from '../AnalysisPanel.tsx';
import type { AnalysisScene } from '../analysis-scene.ts';
import { ANALYSIS_NS } from '../analysis-tools.ts';
import { FLOOD_LEVEL_RANGE, type AnalysisView } from '../analysis-url-state.ts';
import { redraw, useToolDataSource } from '../tool-drawing.ts';
import { useKeyedRequest } from '../use-keyed-request.ts';
import { floodImage } from './flood-image.ts';
import { floodOf, floodResult } from './flood-result.ts';

type FloodView = Extract<AnalysisView, { tool: 'flood' }>;

export interface FloodToolProps {
  viewer: Viewer;
  view: FloodView;
  scene: AnalysisScene | null;
  onChange(view: FloodView): void;
  onClose(): void;
}

/** The slider's span: the lowest winter river to above the 2020 crest, in the DEM's frame. */
const SLIDER: readonly [number, number] = [160, 200];

export function FloodTool({ viewer, view, scene, onChange, onClose }: FloodToolProps) {
  const { t, i18n } = useTranslation(ANALYSIS_NS);
  const zh = i18n.language !== 'en';
  const [draft, setDraft] = useState<string>(view.level === null ? '' : view.level.toFixed(2));
  useEffect(() => setDraft(view.level === null ? '' : view.level.toFixed(2)), [view.level]);
  useEffect(() => {
    const n = Number(draft);
    if (draft.trim() === '' || !Number.isFinite(n) || n < FLOOD_LEVEL_RANGE[0] || n > FLOOD_LEVEL_RANGE[1] || (view.level !== null && Math.abs(n - view.level) < 0.005)) return;
    const timer = setTimeout(() => onChange({ ...view, level: Math.round(n * 100) / 100 }), 300);
    return () => clearTimeout(timer);
  }, [draft, view, onChange]);

  const level = view.level;
  const flood = useMemo(() => (scene && level !== null ? floodOf(scene, level) : null), [scene, level]);
  const current = useKeyedRequest(level === null ? null : String(level), (signal) => fetchFloodReport(level!, signal));
  const result = useMemo(() => {
    if (!scene) return null;
    const notes = [...(flood?.problems ?? []), ...(current?.error ? [t('flood.reportFailed', { message: current.error })] : [])];
    if (!scene.terrain && level !== null) notes.push(...scene.problems);
    return floodResult(level, flood?.map ?? null, current?.value ?? null, t, notes);
  }, [scene, level, flood, current, t]);

  const source = useToolDataSource(viewer, 'analysis-flood');
  useEffect(() => {
    if (!source) return;
    redraw(viewer, source, (add) => {
      const map = flood?.map;
      const img = map ? floodImage(map) : null;
      if (!img || level === null) return;
      add({
        rectangle: {
          coordinates: Rectangle.fromDegrees(img.west, img.south, img.east, img.north),
          height: level,
          material: new ImageMaterialProperty({ image: img.canvas, transparent: true, color: Color.WHITE }),
        },
      });
    });
  }, [viewer, source, flood, level]);

  const busy = !scene ? t('loading') : level !== null && !current ? t('computing') : null;
  return (
    <AnalysisPanel tool="flood" title={t('flood.title')} result={result} busy={busy} onClose={onClose}>
      <div className="analysis-controls">
        <label>
          {t('flood.level')}{' '}
          <input type="number" name="flood-level" min={FLOOD_LEVEL_RANGE[0]} max={FLOOD_LEVEL_RANGE[1]} step={0.1} value={draft} onChange={(e) => setDraft(e.currentTarget.value)} />
        </label>
        <input type="range" name="flood-slider" aria-label={t('flood.level')} min={SLIDER[0]} max={SLIDER[1]} step={0.1} value={draft === '' ? SLIDER[0] : Math.min(SLIDER[1], Math.max(SLIDER[0], Number(draft)))} onChange={(e) => setDraft(Number(e.currentTarget.value).toFixed(2))} />
      </div>
      <div className="analysis-presets" role="group" aria-label={t('flood.presets')}>
        {FLOOD_LEVEL_PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            data-preset={p.id}
            aria-pressed={level !== null && Math.abs(level - p.levelM) < 0.005}
            title={`${zh ? p.label.zh : p.label.en}: ${p.publishedM.toFixed(2)} m (${p.datum === 'wusong' ? '吴淞 / Wusong' : '1985'}) → ${p.levelM.toFixed(2)} m\n${p.citations.map((c) => `${c.publisher}, ${c.title}, ${c.date}`).join('\n')}`}
            onClick={() => onChange({ ...view, level: p.levelM })}
          >
            {zh ? p.label.zh : p.label.en} {p.levelM.toFixed(2)}
          </button>
        ))}
      </div>
      <p className="muted analysis-hint">{t('flood.datumNote')}</p>
      {level !== null && current?.value && (
        <p className="analysis-links">
          <a href={floodCsvUrl(level, 'buildings')} download>
            {t('flood.csvBuildings')}
          </a>{' '}
          <a href={floodCsvUrl(level, 'pipes')} download>
            {t('flood.csvPipes')}
          </a>
        </p>
      )}
    </AnalysisPanel>
  );
}
