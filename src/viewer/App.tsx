/**
 * The viewer's root: the 3D scene (terrain, basemap, buildings coloured by grade,
 * renewal areas, rail, lifelines) and the chrome around it (search, layers, filters,
 * legend, the dossier and pipe panels), all driven by one view state that lives in
 * the URL. It composes: the state and effects live in hooks/ (one job each), clicks
 * go through the pick router (picking/), the layers' list in layers/layer-registry.ts.
 */
import type { Viewer as CesiumViewer } from 'cesium';
import { lazy, Suspense, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Viewer } from 'resium';
import type { SafetyGrade } from '../core/grades.ts';
import { DEFAULT_RISK_PARAMS } from '../core/lifelines.ts';
import type { BuildingSummary } from './api/archive-client.ts';
import { modeFromUrl } from './app-mode.ts';
import { fetchAnalysisGrid } from './api/analysis-client.ts';
import { AnalysisHost } from './analysis/AnalysisHost.tsx';
import type { AnalysisSceneSources } from './analysis/analysis-scene.ts';
import type { AnalysisView } from './analysis/analysis-url-state.ts';
import { LanguageSwitch } from './chrome/LanguageSwitch.tsx';
import { LayerPanel } from './chrome/LayerPanel.tsx';
import { Legend } from './chrome/Legend.tsx';
import { StatusBanners } from './chrome/StatusBanners.tsx';
import type { BuildingFilters } from './filters/building-filter.ts';
import { FilterPanel } from './filters/FilterPanel.tsx';
import { useAreaFilter } from './hooks/use-area-filter.ts';
import { useAutomation } from './hooks/use-automation.ts';
import { useBuildingsLayer } from './hooks/use-buildings-layer.ts';
import { useCameraUrl } from './hooks/use-camera-url.ts';
import { useEscapeKey } from './hooks/use-escape-key.ts';
import { useGradeChangesOf, useGradesFeed } from './hooks/use-grades-feed.ts';
import { usePageLanguage } from './hooks/use-page-language.ts';
import { usePipeSelection } from './hooks/use-pipe-selection.ts';
import { useUndergroundView } from './hooks/use-underground-view.ts';
import { AreasLayer } from './layers/AreasLayer.tsx';
import { BuildingsLayer } from './layers/BuildingsLayer.tsx';
import type { PipeFeatureProperties } from './layers/lifeline-styling.ts';
import { LifelinesControls, LifelinesLayer } from './layers/LifelinesLayer.tsx';
import { RailLayer } from './layers/RailLayer.tsx';
import { DossierPanel } from './panel/DossierPanel.tsx';
import { BuildingPipesSection, PipePanel } from './panel/PipePanel.tsx';
import { PickHandler } from './picking/PickHandler.tsx';
import { PickRouter } from './picking/pick-router.ts';
import { Basemap, createOfflineBaseLayer } from './scene/local-imagery.ts';
import { SceneSetup } from './scene/SceneSetup.tsx';
import { createTerrainProvider, TerrainLighting } from './scene/terrain.ts';
import { SearchBox } from './search/SearchBox.tsx';
import type { ViewState } from './state/url-state.ts';
import { useViewState } from './state/use-view-state.ts';

// The wall and tour faces load on demand: the desk viewer does not carry echarts.
const ScreenMode = lazy(() => import('./screen/ScreenMode.tsx').then((m) => ({ default: m.ScreenMode })));
const TourMode = lazy(() => import('./tour/TourMode.tsx').then((m) => ({ default: m.TourMode })));

/** Cesium's own widgets, all off: the app has its own chrome (and no entity picking, no clock). */
const CESIUM_WIDGETS = ['baseLayerPicker', 'geocoder', 'sceneModePicker', 'navigationHelpButton', 'animation', 'timeline', 'fullscreenButton', 'infoBox', 'selectionIndicator'] as const;
const NO_CESIUM_WIDGETS = Object.fromEntries(CESIUM_WIDGETS.map((w) => [w, false])) as Record<(typeof CESIUM_WIDGETS)[number], false>;

export function App() {
  const { t } = useTranslation();
  const { view, update, recordCamera, onHistory } = useViewState();
  const [viewer, setViewer] = useState<CesiumViewer | null>(null);
  const [webglLost, setWebglLost] = useState(false);
  const onWebglContextLost = useCallback(() => setWebglLost(true), []);
  const baseLayer = useMemo(() => createOfflineBaseLayer(), []);
  const terrainProvider = useMemo(() => createTerrainProvider(), []);
  const initialView = useRef(view);
  // The wall screen and the tour share this scene; they outline their own building, not the URL's selection.
  const mode = useMemo(() => modeFromUrl(window.location.search), []);
  const [highlight, setHighlight] = useState<string | null>(null);
  // One click, one winner (picking/pick-router.ts): a pipe over a building, else the building.
  const pickRouter = useMemo(() => new PickRouter(), []);

  const grades = useGradesFeed();
  const { feed } = grades;
  const buildings = useBuildingsLayer(viewer);
  const { flyTo } = buildings;
  const select = useCallback((code: string | null) => update({ selected: code }), [update]);
  const dossierRefresh = useGradeChangesOf(feed, view.selected);
  const filters = view.filters;
  const { areas, areaCodes, count, loadedCount } = useAreaFilter(filters, feed, () => buildings.current()?.loaded);
  // Lifelines (issue #7): the switch is a layer like the others; filters and underground view live in the URL too.
  const lifelinesOn = view.layers.lifelines;
  const { filters: pipeFilters, highlightRisk, underground } = view.lifelines;
  // Stable (the tour's step player is rebuilt when its callbacks change): patches the current view's lifelines.
  const setLifelines = useCallback((patch: Partial<ViewState['lifelines']>) => update((current) => ({ lifelines: { ...current.lifelines, ...patch } })), [update]);
  const setLifelinesOn = useCallback((on: boolean) => update((current) => ({ layers: { ...current.layers, lifelines: on } })), [update]);
  const [pipeMaterials, setPipeMaterials] = useState<string[]>([]);
  const { pipe, setPipe, risk: pipeRisk, riskError: pipeRiskError } = usePipeSelection(grades.version);

  usePageLanguage(view.lang);
  useUndergroundView(viewer, underground, buildings.ready, feed);
  useCameraUrl(viewer, { recordCamera, onHistory, initialView: initialView.current, buildingsReady: buildings.ready, flyTo });
  useAutomation(viewer, { buildingsLoaded: buildings.firstLoad, select, flyTo });
  useEscapeKey(useCallback(() => select(null), [select]));

  // A pipe pick replaces the building selection.
  const onPipePick = useCallback(
    (p: PipeFeatureProperties | null) => {
      setPipe(p);
      if (p) select(null);
    },
    [select, setPipe],
  );
  const onFilters = useCallback((next: BuildingFilters) => update({ filters: next }), [update]);
  const onChoose = useCallback(
    (b: BuildingSummary) => {
      select(b.code);
      void flyTo(b.code, b).catch((e: unknown) => console.warn(e));
    },
    [select, flyTo],
  );
  // The analysis tools (issue 18): the open tool lives in the URL; its data loads on first use.
  const setAnalysis = useCallback((analysis: AnalysisView | null) => update({ analysis }), [update]);
  const analysisSources = useMemo<AnalysisSceneSources>(() => ({ pickIndex: () => buildings.ready.then((h) => h.pickIndex()), grid: fetchAnalysisGrid }), [buildings.ready]);
  const analysisOpen = view.analysis !== null;
  const buildingsTileset = useCallback(() => buildings.current()?.tileset ?? null, [buildings]);
  const showLifelines = useCallback(() => setLifelinesOn(true), [setLifelinesOn]);
  const useOf = useCallback((code: string) => buildings.current()?.loaded.building(code)?.use ?? null, [buildings]);
  const onGradeRecorded = useCallback((code: string, grade: SafetyGrade) => feed.applyLocal(code, grade), [feed]);

  return (
    <div className={`app app-${mode}`}>
      <Viewer
        full
        baseLayer={baseLayer}
        terrainProvider={terrainProvider}
        {...NO_CESIUM_WIDGETS}
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
          overlayOn={view.layers.hazard && grades.known}
          filters={filters}
          areaCodes={areaCodes}
          selected={mode === 'desk' ? view.selected : highlight}
          gpuPickOnly={lifelinesOn || underground}
          pickRouter={pickRouter}
          onPick={select}
          onReady={buildings.onReady}
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
          gradesVersion={grades.version}
        />
        <AreasLayer showAreas={view.layers.areas} showCommunities={view.layers.communities} language={view.lang} />
        <RailLayer show={view.layers.rail} />
      </Viewer>
      <Suspense fallback={null}>
        {mode === 'screen' && <ScreenMode viewer={viewer} buildingsReady={buildings.firstLoad} onHighlight={setHighlight} />}
        {mode === 'tour' && (
          <TourMode viewer={viewer} buildingsReady={buildings.firstLoad} buildings={buildings.ready} update={update} onHighlight={setHighlight} />
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
          <AnalysisHost
            viewer={viewer}
            view={view.analysis}
            onChange={setAnalysis}
            pickRouter={pickRouter}
            sources={analysisSources}
            grades={feed.grades}
            buildingsTileset={buildingsTileset}
            lifelinesOn={lifelinesOn}
            onShowLifelines={showLifelines}
            useOf={useOf}
          />
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
          {pipe && !view.selected && !analysisOpen && (
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
          {view.selected && !analysisOpen && <DossierPanel key={view.selected} code={view.selected} refresh={dossierRefresh} onClose={() => select(null)} onGradeRecorded={onGradeRecorded} />}
          {view.selected && lifelinesOn && !analysisOpen && (
            <div className="building-pipes-box panel-box">
              <BuildingPipesSection code={view.selected} refresh={dossierRefresh} />
            </div>
          )}
        </>
      )}
      <StatusBanners feedStatus={grades.status} webglLost={webglLost} />
    </div>
  );
}
