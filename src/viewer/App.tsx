/**
 * The viewer's root: the 3D scene (terrain, basemap, buildings coloured by grade,
 * renewal areas, rail) and the chrome around it (search, layers, filters, legend,
 * the dossier panel), all driven by one view state that lives in the URL.
 */
import type { Viewer as CesiumViewer } from 'cesium';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Viewer } from 'resium';
import type { SafetyGrade } from '../core/grades.ts';
import { type BuildingSummary, codesInArea, countMatching, fetchDossier } from './api/archive-client.ts';
import { type FeedStatus, GradesFeed } from './api/grades-feed.ts';
import { modeFromUrl, renderScaleFromUrl } from './app-mode.ts';
import { extendAutomationHandle, installAutomationHandle } from './automation-handle.ts';
import { LanguageSwitch } from './chrome/LanguageSwitch.tsx';
import { LayerPanel } from './chrome/LayerPanel.tsx';
import { Legend } from './chrome/Legend.tsx';
import { StatusBanners } from './chrome/StatusBanners.tsx';
import { type BuildingFilters, isFilterActive, matchesFilters } from './filters/building-filter.ts';
import { type AreaOption, FilterPanel } from './filters/FilterPanel.tsx';
import { AREAS_URL, AreasLayer } from './layers/AreasLayer.tsx';
import { BuildingsLayer, type BuildingsLayerHandle } from './layers/BuildingsLayer.tsx';
import { RailLayer } from './layers/RailLayer.tsx';
import { DossierPanel } from './panel/DossierPanel.tsx';
import { DEFAULT_RISK_PARAMS, type PipeRisk } from '../core/lifelines.ts';
import { fetchPipeRisk, LifelinesControls, LifelinesLayer } from './layers/LifelinesLayer.tsx';
import type { PipeFeatureProperties } from './layers/lifeline-styling.ts';
import { BuildingPipesSection, PipePanel } from './panel/PipePanel.tsx';
import { enterUndergroundMode, type UndergroundMode } from './scene/underground-mode.ts';
import { cameraView, readCamera } from './scene/camera-state.ts';
import { flyToBuilding } from './scene/fly-to-building.ts';
import { Basemap, createOfflineBaseLayer } from './scene/local-imagery.ts';
import { SceneSetup } from './scene/SceneSetup.tsx';
import { adaptiveResolutionOf } from './scene/adaptive-resolution.ts';
import { applyRenderProfile, wantsFullRendering } from './scene/software-rendering.ts';
import { createTerrainProvider, TerrainLighting } from './scene/terrain.ts';
import { whenTilesLoaded } from './scene/tiles-loaded.ts';
import { SearchBox } from './search/SearchBox.tsx';
import { PickHandler } from './picking/PickHandler.tsx';
import { PickRouter } from './picking/pick-router.ts';
import type { ViewState } from './state/url-state.ts';
import { useViewState } from './state/use-view-state.ts';
import { exportPng } from './tour/export-png.ts';

// The wall and tour faces load on demand: the desk viewer does not carry echarts.
const ScreenMode = lazy(() => import('./screen/ScreenMode.tsx').then((m) => ({ default: m.ScreenMode })));
const TourMode = lazy(() => import('./tour/TourMode.tsx').then((m) => ({ default: m.TourMode })));

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export function App() {
  const { t, i18n } = useTranslation();
  const { view, update, recordCamera, onHistory } = useViewState();
  const [viewer, setViewer] = useState<CesiumViewer | null>(null);
  const [webglLost, setWebglLost] = useState(false);
  const onWebglContextLost = useCallback(() => setWebglLost(true), []);
  const baseLayer = useMemo(() => createOfflineBaseLayer(), []);
  const terrainProvider = useMemo(() => createTerrainProvider(), []);
  const feed = useMemo(() => new GradesFeed(), []);
  const [feedStatus, setFeedStatus] = useState<FeedStatus>(feed.status);
  // Until the archive has given grades once, buildings are neutral, not "not appraised" grey.
  const [gradesKnown, setGradesKnown] = useState(false);
  const buildings = useMemo(() => deferred<BuildingsLayerHandle>(), []);
  const buildingsRef = useRef<BuildingsLayerHandle | null>(null);
  const buildingsLoaded = useMemo(() => buildings.promise.then((h) => h.firstLoad), [buildings]);
  const [areaCodes, setAreaCodes] = useState<ReadonlySet<string> | null>(null);
  const [areas, setAreas] = useState<AreaOption[]>([]);
  const [count, setCount] = useState<number | null>(null);
  const [loadedCount, setLoadedCount] = useState(0);
  const initialView = useRef(view);
  const [dossierRefresh, setDossierRefresh] = useState(0);
  // Lifelines (issue #7): layer, filters and underground view live in the URL with the rest.
  const { on: lifelinesOn, filters: pipeFilters, highlightRisk, underground } = view.lifelines;
  // Stable (the tour's step player is rebuilt when its callbacks change): patches the current view's lifelines.
  const setLifelines = useCallback((patch: Partial<ViewState['lifelines']>) => update((current) => ({ lifelines: { ...current.lifelines, ...patch } })), [update]);
  const setLifelinesOn = useCallback((on: boolean) => setLifelines({ on }), [setLifelines]);
  const [pipeMaterials, setPipeMaterials] = useState<string[]>([]);
  const [pipe, setPipe] = useState<PipeFeatureProperties | null>(null);
  const [pipeRisk, setPipeRisk] = useState<PipeRisk | null>(null);
  const [pipeRiskError, setPipeRiskError] = useState<string | null>(null);
  const [gradesVersion, setGradesVersion] = useState(0);
  // The wall screen and the tour share this scene; they outline their own building, not the URL's selection.
  const mode = useMemo(() => modeFromUrl(window.location.search), []);
  const [highlight, setHighlight] = useState<string | null>(null);

  // Grades: live from the archive; the banner follows its status.
  useEffect(() => {
    const off = feed.onStatus(setFeedStatus);
    const offGrades = feed.onGrades(() => setGradesKnown(true));
    feed.start();
    return () => {
      off();
      offGrades();
      feed.stop();
    };
  }, [feed]);

  // The open dossier follows grade changes made elsewhere, like the map does.
  const selected = view.selected;
  useEffect(() => {
    if (!selected) return;
    return feed.onGrades((changed) => {
      if (changed.includes(selected)) setDossierRefresh((n) => n + 1);
    });
  }, [feed, selected]);

  useEffect(() => {
    document.title = `${t('app.title')} · ${t('app.subtitle')}`;
    document.documentElement.lang = i18n.language;
  }, [t, i18n.language]);

  useEffect(() => {
    if (i18n.language !== view.lang) void i18n.changeLanguage(view.lang);
  }, [i18n, view.lang]);

  const onBuildingsReady = useCallback(
    (handle: BuildingsLayerHandle) => {
      buildingsRef.current = handle;
      buildings.resolve(handle);
    },
    [buildings],
  );

  /** Flies to a building; the position comes from the archive, the ground from the tiles if loaded. */
  const flyTo = useCallback(
    async (code: string, known?: Pick<BuildingSummary, 'lon' | 'lat' | 'height'>) => {
      if (!viewer) return;
      const place = known ?? (await fetchDossier(code)).building;
      const loaded = buildingsRef.current?.loaded.building(code);
      await flyToBuilding(viewer, { lon: place.lon, lat: place.lat, height: place.height, ground: loaded ? loaded.groundMin : null });
    },
    [viewer],
  );

  const select = useCallback((code: string | null) => update({ selected: code }), [update]);

  // Lifelines: risk follows grade changes; underground mode while toggled; the picked pipe's risk.
  useEffect(() => feed.onGrades(() => setGradesVersion((n) => n + 1)), [feed]);
  useEffect(() => {
    if (!viewer || !underground) return;
    let mode: UndergroundMode | null = null;
    let live = true;
    void buildings.promise.then((h) => {
      if (live) mode = enterUndergroundMode(viewer, h);
    });
    const off = feed.onGrades(() => mode?.refade());
    return () => {
      live = false;
      off();
      mode?.exit();
    };
  }, [viewer, underground, buildings, feed]);
  useEffect(() => {
    setPipeRisk(null);
    setPipeRiskError(null);
    if (!pipe) return;
    const abort = new AbortController();
    fetchPipeRisk(pipe.id, DEFAULT_RISK_PARAMS, abort.signal).then(setPipeRisk, (e: unknown) => {
      if (!abort.signal.aborted) setPipeRiskError(e instanceof Error ? e.message : String(e));
    });
    return () => abort.abort();
  }, [pipe, gradesVersion]);
  // One click, one winner (picking/pick-router.ts): a pipe over a building, else the building.
  const pickRouter = useMemo(() => new PickRouter(), []);
  const onBuildingPick = select;
  // A pipe pick replaces the building selection.
  const onPipePick = useCallback(
    (p: PipeFeatureProperties | null) => {
      setPipe(p);
      if (p) select(null);
    },
    [select],
  );

  // The view in the URL: camera moves rewrite it, back/forward restore it.
  useEffect(() => {
    if (!viewer) return;
    const removeMoveEnd = viewer.camera.moveEnd.addEventListener(() => recordCamera(readCamera(viewer)));
    const offHistory = onHistory((next) => viewer.camera.flyTo({ ...cameraView(next.camera), duration: 1 }));
    return () => {
      removeMoveEnd();
      offHistory();
    };
  }, [viewer, recordCamera, onHistory]);

  // The automation handle (README "Automation handle").
  useEffect(() => {
    if (!viewer) return;
    installAutomationHandle(viewer, {
      buildingsLoaded,
      select: async (code) => {
        select(code);
        await flyTo(code);
        await whenTilesLoaded(viewer);
      },
      clearSelection: () => select(null),
    });
  }, [viewer, buildingsLoaded, flyTo, select]);

  // Rendering: the lighter profile on a software renderer (`?render=full` keeps Cesium's
  // defaults), the scale (`?scale=0.5` renders at half resolution) and the PNG export, in every mode.
  useEffect(() => {
    if (!viewer) return;
    // The URL's scale first: the profile's adaptive resolution returns to it when still.
    const scale = renderScaleFromUrl(window.location.search);
    if (scale !== null) viewer.resolutionScale = scale;
    const renderProfile = applyRenderProfile(viewer, { full: wantsFullRendering(window.location.search) });
    const removeHandle = extendAutomationHandle({ exportPng: (size) => exportPng(viewer, size), renderProfile });
    return () => {
      removeHandle();
      if (!viewer.isDestroyed()) adaptiveResolutionOf(viewer)?.remove();
    };
  }, [viewer]);

  // A link with a selection but no camera: go to the building.
  useEffect(() => {
    const first = initialView.current;
    if (!viewer || !first.selected || first.camera) return;
    void buildings.promise.then(() => flyTo(first.selected!).catch((e: unknown) => console.warn('无法定位建筑 / cannot locate building', e)));
  }, [viewer, buildings, flyTo]);

  // Esc clears the selection.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) select(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [select]);

  // The area list for the filter (names in both languages).
  useEffect(() => {
    fetch(AREAS_URL)
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((fc: { features: Array<{ properties: { id: string; kind: string; name: string; name_en: string } }> }) =>
        setAreas(fc.features.map((f) => ({ id: f.properties.id, kind: f.properties.kind, name: f.properties.name, nameEn: f.properties.name_en }))),
      )
      .catch((e: unknown) => console.warn('片区列表未加载 / area list not loaded', e));
  }, []);

  // The buildings of the filtered area, from the archive.
  const filters = view.filters;
  useEffect(() => {
    setAreaCodes(null);
    if (!filters.area) return;
    const abort = new AbortController();
    codesInArea(filters.area, abort.signal).then(setAreaCodes, (e: unknown) => {
      if (!abort.signal.aborted) console.warn('片区建筑未加载 / area buildings not loaded', e);
    });
    return () => abort.abort();
  }, [filters.area]);

  // How many buildings match: the district total from the archive, and the loaded ones as a fallback.
  useEffect(() => {
    setCount(null);
    if (!isFilterActive(filters)) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      countMatching(filters, abort.signal).then(setCount, () => setCount(null));
    }, 200);
    const loaded = buildingsRef.current?.loaded;
    let n = 0;
    if (loaded) for (const [b] of loaded.entries()) if (matchesFilters(b, feed.grades.get(b.code), filters, areaCodes)) n++;
    setLoadedCount(n);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [filters, areaCodes, feed]);

  const onFilters = useCallback((next: BuildingFilters) => update({ filters: next }), [update]);
  const onChoose = useCallback(
    (b: BuildingSummary) => {
      select(b.code);
      void flyTo(b.code, b).catch((e: unknown) => console.warn(e));
    },
    [select, flyTo],
  );
  const onGradeRecorded = useCallback((code: string, grade: SafetyGrade) => feed.applyLocal(code, grade), [feed]);

  return (
    <div className={`app app-${mode}`}>
      <Viewer
        full
        baseLayer={baseLayer}
        terrainProvider={terrainProvider}
        baseLayerPicker={false}
        geocoder={false}
        sceneModePicker={false}
        navigationHelpButton={false}
        animation={false}
        timeline={false}
        fullscreenButton={false}
        infoBox={false}
        selectionIndicator={false}
        // No star field: a city seen from a few kilometres shows sky only as a strip of
        // atmosphere, and the six star images were a quarter of the opening view's bytes.
        skyBox={false}
        // Render only when something changes (tiles, camera, data): an idle wall screen or
        // a background tab then costs no GPU/CPU. Whatever changes the scene requests a frame.
        requestRenderMode
        maximumRenderTimeChange={Infinity}
      >
        <PickHandler router={pickRouter} />
        <SceneSetup initialCamera={initialView.current.camera} onWebglContextLost={onWebglContextLost} onViewer={setViewer} />
        <Basemap />
        <TerrainLighting />
        <BuildingsLayer
          feed={feed}
          overlayOn={view.layers.hazard && gradesKnown}
          filters={filters}
          areaCodes={areaCodes}
          selected={mode === 'desk' ? view.selected : highlight}
          gpuPickOnly={lifelinesOn || underground}
          pickRouter={pickRouter}
          onPick={onBuildingPick}
          onReady={onBuildingsReady}
        />
        <LifelinesLayer
          show={lifelinesOn}
          filters={pipeFilters}
          highlightRisk={highlightRisk}
          risk={DEFAULT_RISK_PARAMS}
          selectedId={pipe?.id ?? null}
          pickRouter={pickRouter}
          onPick={onPipePick}
          onMaterials={setPipeMaterials}
          gradesVersion={gradesVersion}
        />
        <AreasLayer showAreas={view.layers.areas} showCommunities={view.layers.communities} language={view.lang} />
        <RailLayer show={view.layers.rail} />
      </Viewer>
      <Suspense fallback={null}>
        {mode === 'screen' && <ScreenMode viewer={viewer} buildingsReady={buildingsLoaded} onHighlight={setHighlight} />}
        {mode === 'tour' && (
          <TourMode viewer={viewer} buildingsReady={buildingsLoaded} buildings={buildings.promise} update={update} onHighlight={setHighlight} onLifelines={setLifelinesOn} />
        )}
      </Suspense>
      {mode === 'desk' && (
        <>
          <header className="app-title">
            <h1>{t('app.title')}</h1>
            <p>{t('app.subtitle')}</p>
          </header>
          <div className="toolbar">
            <SearchBox onChoose={onChoose} />
            <LanguageSwitch language={view.lang} onChange={(lang) => update({ lang })} />
          </div>
          <div className="side-left">
            <LayerPanel layers={view.layers} onChange={(layers) => update({ layers })} />
            <FilterPanel filters={filters} onChange={onFilters} areas={areas} count={count} loadedCount={loadedCount} />
            <Legend overlayOn={view.layers.hazard} />
            <LifelinesControls
              show={lifelinesOn}
              onShow={setLifelinesOn}
              filters={pipeFilters}
              onFilters={(filters) => setLifelines({ filters })}
              materials={pipeMaterials}
              highlightRisk={highlightRisk}
              onHighlightRisk={(on) => setLifelines({ highlightRisk: on })}
              underground={underground}
              onUnderground={(on) => setLifelines({ underground: on })}
            />
          </div>
          {pipe && !view.selected && (
            <PipePanel
              pipe={pipe}
              risk={pipeRisk}
              riskError={pipeRiskError}
              onClose={() => setPipe(null)}
              onSelectBuilding={(code) => {
                setPipe(null);
                select(code);
                void flyTo(code).catch((e: unknown) => console.warn(e));
              }}
            />
          )}
          {view.selected && <DossierPanel key={view.selected} code={view.selected} refresh={dossierRefresh} onClose={() => select(null)} onGradeRecorded={onGradeRecorded} />}
          {view.selected && lifelinesOn && (
            <div className="building-pipes-box panel-box">
              <BuildingPipesSection code={view.selected} refresh={dossierRefresh} />
            </div>
          )}
        </>
      )}
      <StatusBanners feedStatus={feedStatus} webglLost={webglLost} />
    </div>
  );
}
