/**
 * `/?mode=screen`: the governance centre's wall. The shared 3D scene fills the
 * middle, KPI panels (echarts, live from `/api/stats`) stand on both sides, and the
 * autopilot tours the renewal areas with a callout on each D-grade building. No desk
 * chrome: nobody at a wall uses a mouse.
 */
import type { Viewer } from 'cesium';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './screen.css';
import { extendAutomationHandle, withLiveFields } from '../automation-handle.ts';
import { whenTilesLoaded } from '../scene/tiles-loaded.ts';
import { Autopilot, type AutopilotSnapshot } from './autopilot.ts';
import { buildItinerary } from './itinerary.ts';
import { loadDBuildings, loadRenewalPolygons } from './itinerary-source.ts';
import { KpiPanels } from './KpiPanels.tsx';
import { ScreenCallout } from './ScreenCallout.tsx';
import { screenOptionsFromUrl } from './screen-options.ts';
import { StatsFeed, type StatsSnapshot } from './stats-feed.ts';
import { applyCacheLimits, reloadOnContextLost } from './watchdog.ts';

export interface ScreenModeProps {
  viewer: Viewer | null;
  /** Resolves when the buildings tileset exists (its cache is bounded then). */
  buildingsReady: Promise<unknown>;
  /** Outline a building on the map (the autopilot's current one), or none. */
  onHighlight(code: string | null): void;
}

export function ScreenMode({ viewer, buildingsReady, onHighlight }: ScreenModeProps) {
  const { t, i18n } = useTranslation();
  const options = useMemo(() => screenOptionsFromUrl(window.location.search), []);
  const feed = useMemo(() => new StatsFeed({ pollMs: options.pollMs }), [options]);
  const [stats, setStats] = useState<StatsSnapshot>(feed.current);
  const [pilot, setPilot] = useState<AutopilotSnapshot | null>(null);

  useEffect(() => {
    feed.onChange(setStats);
    feed.start();
    return () => {
      feed.stop();
      feed.onChange(null);
    };
  }, [feed]);

  useEffect(() => {
    if (!viewer) return;
    const undoReload = reloadOnContextLost(viewer);
    const autopilot = new Autopilot(viewer, options.autopilot);
    autopilot.onChange(setPilot);
    const abort = new AbortController();
    void buildingsReady.then(async () => {
      if (abort.signal.aborted) return;
      applyCacheLimits(viewer);
      // The opening view settles first (what `yz.ready` waits for), then the tour begins.
      await whenTilesLoaded(viewer);
      try {
        const areas = await loadRenewalPolygons(abort.signal);
        // A few spare per area: a building shared with an earlier area is shown only once.
        const buildings = await loadDBuildings(areas.map((a) => a.id), options.buildingsPerArea * 4, abort.signal);
        if (!abort.signal.aborted) autopilot.start(buildItinerary(areas, buildings, { buildingsPerArea: options.buildingsPerArea }));
      } catch (error) {
        if (!abort.signal.aborted) console.warn('自动巡游未启动 / autopilot not started', error);
      }
    });
    const undoHandle = extendAutomationHandle({
      autopilot: withLiveFields({ pause: () => autopilot.pause(), resume: () => autopilot.resume() }, () => autopilot.snapshot(), ['state', 'loops', 'index', 'phase', 'stops']),
    });
    return () => {
      abort.abort();
      autopilot.dispose();
      undoReload();
      undoHandle();
    };
  }, [viewer, buildingsReady, options]);

  const current = pilot && pilot.state !== 'waiting' ? pilot.current : null;
  const highlighted = current?.kind === 'building' ? current.code : null;
  useEffect(() => onHighlight(highlighted), [highlighted, onHighlight]);

  return (
    <div className="screen" data-autopilot={pilot?.state ?? 'waiting'}>
      <header className="screen-title">
        <h1>{t('app.title')}</h1>
        <p>{t('screen.subtitle')}</p>
      </header>
      <KpiPanels stats={stats.stats} language={i18n.language} />
      <ScreenCallout stop={current} paused={pilot?.state === 'paused'} />
      {stats.status === 'reconnecting' && (
        <div className="screen-badge" role="status">
          {t('screen.reconnecting')}
        </div>
      )}
    </div>
  );
}
