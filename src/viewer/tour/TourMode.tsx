/**
 * `/?mode=tour`: a guided tour for planning meetings. Loads the tour named by `?tour=`
 * (else the first in /tours/index.json), shows each step — camera, layers, filters,
 * highlighted building, caption in the current language, the lifelines layer, and a
 * before/after swipe of a renewal area (`compare`) — and takes the presenter's keys
 * (arrows, PageUp/PageDown, Space, Home/End). Export saves the view as a PNG.
 */
import type { Viewer } from 'cesium';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './tour.css';
import { describeTourProblem, type Tour, type TourCompare, type TourStep } from '../../core/tour-schema.ts';
import { extendAutomationHandle, withLiveFields } from '../automation-handle.ts';
import { PlanCompare } from '../compare/PlanCompare.tsx';
import type { BuildingsLayerHandle } from '../layers/BuildingsLayer.tsx';
import { NO_FILTERS } from '../filters/building-filter.ts';
import { cameraView } from '../scene/camera-state.ts';
import { layersWith } from '../layers/layer-registry.ts';
import type { ViewStateControls } from '../state/use-view-state.ts';
import { downloadPng, exportPng } from './export-png.ts';
import { loadAreaIds, loadTour, loadTourIndex } from './tour-loader.ts';
import { tourKeyAction, TourPlayer, type TourPlayerState } from './tour-player.ts';

export interface TourModeProps {
  viewer: Viewer | null;
  /** Resolves when the buildings tileset has loaded once: the first step waits for it. */
  buildingsReady: Promise<unknown>;
  /** The desk's buildings layer: a before/after step hides it while it shows its own two. */
  buildings: Promise<BuildingsLayerHandle>;
  update: ViewStateControls['update'];
  onHighlight(code: string | null): void;
}

type Loaded = { name: string; tour: Tour } | { name: string; problems: string[] } | null;

const FLY_SECONDS = 2;

export function TourMode({ viewer, buildingsReady, buildings, update, onHighlight }: TourModeProps) {
  const { t, i18n } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded>(null);
  const [compare, setCompare] = useState<TourCompare | null>(null);
  const [state, setState] = useState<TourPlayerState | null>(null);
  const [exporting, setExporting] = useState(false);
  const playerRef = useRef<TourPlayer | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    void (async () => {
      const wanted = new URLSearchParams(window.location.search).get('tour');
      const name = wanted ?? (await loadTourIndex(abort.signal))?.tours[0]?.name ?? 'district-plan';
      const areaIds = await loadAreaIds(abort.signal);
      const result = await loadTour(name, abort.signal, areaIds ? { areaIds } : {});
      if (abort.signal.aborted) return;
      if (result.ok) setLoaded({ name, tour: result.tour });
      else {
        const problems = result.problems.map(describeTourProblem);
        for (const p of problems) console.warn(p);
        setLoaded({ name, problems });
      }
    })();
    return () => abort.abort();
  }, []);

  const show = useCallback(
    async (step: TourStep) => {
      // The step's layers on, the other tour layers off (the registry says which layers tours switch).
      const on = new Set<string>(step.layers);
      update((view) => ({ layers: layersWith((l) => (l.tours ? on.has(l.id) : view.layers[l.id])), filters: { ...NO_FILTERS, ...step.filters }, selected: null }));
      onHighlight(step.highlight[0] ?? null);
      setCompare(step.compare ?? null);
      if (!viewer || !step.camera) return;
      const camera = step.camera;
      await new Promise<void>((resolve) => {
        viewer.camera.flyTo({ ...cameraView(camera), duration: FLY_SECONDS, complete: resolve, cancel: resolve });
      });
    },
    [viewer, update, onHighlight],
  );

  const tour = loaded && 'tour' in loaded ? loaded.tour : null;
  const player = useMemo(() => (tour ? new TourPlayer(tour, show) : null), [tour, show]);

  useEffect(() => {
    if (!player || !loaded) return;
    playerRef.current = player;
    player.onChange(setState);
    setState(player.state());
    void buildingsReady.then(() => player.goTo(0));
    const undo = extendAutomationHandle({
      tour: withLiveFields(
        {
          name: loaded.name,
          problems: [],
          next: () => player.next(),
          prev: () => player.prev(),
          goTo: (i: number) => player.goTo(i),
          play: () => player.play(),
          pause: () => player.pause(),
        },
        () => player.state(),
        ['index', 'count', 'playing'],
      ),
    });
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
      // The before/after divider uses the arrows and Home/End itself.
      if (e.target instanceof HTMLElement && e.target.getAttribute('role') === 'slider') return;
      const action = tourKeyAction(e.key);
      if (!action) return;
      e.preventDefault();
      if (action === 'next') void player.next();
      else if (action === 'prev') void player.prev();
      else if (action === 'toggle') player.toggle();
      else if (action === 'first') void player.goTo(0);
      else void player.goTo(player.state().count - 1);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      undo();
      player.dispose();
      playerRef.current = null;
    };
  }, [player, loaded, buildingsReady]);

  // A tour file with problems: the handle reports them too, so a test or kiosk script sees why.
  useEffect(() => {
    if (!loaded || !('problems' in loaded)) return;
    const problems = loaded.problems;
    return extendAutomationHandle({
      tour: { name: loaded.name, index: 0, count: 0, playing: false, problems, next: async () => {}, prev: async () => {}, goTo: async () => {}, play: () => {}, pause: () => {} },
    });
  }, [loaded]);

  const onExport = async (size: { scale?: number; width?: number }, suffix: string) => {
    if (!viewer || exporting) return;
    setExporting(true);
    try {
      downloadPng(await exportPng(viewer, size), `yuzhong-${loaded?.name ?? 'view'}-${(state?.index ?? 0) + 1}-${suffix}.png`);
    } finally {
      setExporting(false);
    }
  };

  if (!loaded) return null;
  if ('problems' in loaded) {
    return (
      <div className="tour-problems" role="alert">
        <h2>{t('tour.invalid', { name: loaded.name })}</h2>
        <ul>
          {loaded.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </div>
    );
  }
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const step = state ? loaded.tour.steps[state.index] : undefined;
  return (
    <div className="tour">
      {compare && viewer && (
        <PlanCompare key={`${compare.area}/${state?.index ?? 0}`} viewer={viewer} area={compare.area} split={compare.split} buildings={buildings} language={lang} />
      )}
      <header className="tour-title">
        <h1>{loaded.tour.title[lang]}</h1>
      </header>
      {step && state && (
        <div className="tour-caption" data-step={step.id} data-index={state.index}>
          <p>{step.caption[lang]}</p>
          <div className="tour-controls">
            <button type="button" onClick={() => void playerRef.current?.prev()} disabled={state.index === 0} aria-label={t('tour.prev')}>
              ◀
            </button>
            <button type="button" onClick={() => playerRef.current?.toggle()} aria-label={state.playing ? t('tour.pause') : t('tour.play')}>
              {state.playing ? '❚❚' : '▶'}
            </button>
            <button type="button" onClick={() => void playerRef.current?.next()} disabled={state.index >= state.count - 1} aria-label={t('tour.next')}>
              ▶▶
            </button>
            <span className="tour-progress">{t('tour.progress', { index: state.index + 1, count: state.count })}</span>
            <button type="button" onClick={() => void onExport({ scale: 1 }, 'screen')} disabled={exporting}>
              {t('tour.exportScreen')}
            </button>
            <button type="button" onClick={() => void onExport({ width: 3840 }, '4k')} disabled={exporting}>
              {t('tour.export4k')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
