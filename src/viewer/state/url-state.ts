/**
 * The view in the URL: camera, selection, layers, filters and language. Copying the
 * address to another browser restores the same view; back/forward walk through
 * selections and filter changes. Pure encode/decode, unit-tested; the hook that
 * syncs it with the page lives in use-view-state.ts.
 *
 * Parameters (all optional; defaults are omitted so plain `/` stays plain):
 *   cam=lon,lat,height,heading,pitch   degrees, metres
 *   sel=YZ-00001                       selected building
 *   layers=hazard,areas,communities,rail   visible layers listed in `layers=` (layers/layer-registry.ts: default hazard,rail)
 *   grade=C,D  year=1980-2000  structure=砖混  use=住宅  area=core-jiefangbei  heritage=1|0
 *   lang=en                            (zh-CN is the default)
 *   pipes=… pipeage=… pipemat=… pipecond=… piperisk=0 under=1   a layer with its own parameters:
 *                                      on while the first is present (the registry), settings in lifelines-url-state.ts
 *   tool=measure&tp=… …                the open analysis tool and its inputs (analysis/analysis-url-state.ts)
 */
import { isBuildingCode } from '../../core/building-code.ts';
import {
  type BuildingFilters,
  isBuildingUse,
  isGradeKey,
  isStructure,
  NO_FILTERS,
} from '../filters/building-filter.ts';
import { DEFAULT_LAYERS, LAYERS, layersWith, type LayerVisibility } from '../layers/layer-registry.ts';
import { ANALYSIS_PARAMS, type AnalysisView, decodeAnalysisView, encodeAnalysisView } from '../analysis/analysis-url-state.ts';
import { decodeLifelinesView, DEFAULT_LIFELINES_VIEW, encodeLifelinesView, type LifelinesView } from './lifelines-url-state.ts';

export { DEFAULT_LAYERS, LAYER_IDS, type LayerId, type LayerVisibility } from '../layers/layer-registry.ts';

export interface CameraState {
  lon: number;
  lat: number;
  height: number;
  /** Degrees. */
  heading: number;
  pitch: number;
}

export type LanguageCode = 'zh-CN' | 'en';

export interface ViewState {
  camera: CameraState | null;
  selected: string | null;
  layers: LayerVisibility;
  filters: BuildingFilters;
  /** The lifelines layer's settings (its switch is in `layers`). */
  lifelines: LifelinesView;
  /** The open analysis tool and its inputs (analysis/analysis-url-state.ts), or null. */
  analysis: AnalysisView | null;
  lang: LanguageCode;
}

export const DEFAULT_VIEW_STATE: ViewState = { camera: null, selected: null, layers: DEFAULT_LAYERS, filters: NO_FILTERS, lifelines: DEFAULT_LIFELINES_VIEW, analysis: null, lang: 'zh-CN' };

const round = (value: number, digits: number) => Number(value.toFixed(digits));

function decodeCamera(text: string | null): CameraState | null {
  if (!text) return null;
  const parts = text.split(',').map(Number);
  if (parts.length !== 5 || parts.some((n) => !Number.isFinite(n))) return null;
  const [lon, lat, height, heading, pitch] = parts as [number, number, number, number, number];
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90 || height <= 0 || height > 1e7) return null;
  return { lon, lat, height, heading, pitch };
}

function decodeYear(text: string | undefined): number | null {
  if (!text) return null;
  const n = Number(text);
  return Number.isInteger(n) && n >= 1800 && n <= 2100 ? n : null;
}

/** Listed layers from `layers=` (absent: their defaults), the others on while their own parameter is present. */
function decodeLayers(q: URLSearchParams): LayerVisibility {
  const listed = q.get('layers');
  const named = new Set((listed ?? '').split(','));
  return layersWith((l) => (l.url.kind === 'own' ? q.get(l.url.params[0]) !== null : listed === null ? l.defaultOn : named.has(l.id)));
}

function encodeLayers(layers: LayerVisibility, q: URLSearchParams): void {
  const listed = LAYERS.filter((l) => l.url.kind === 'list');
  if (listed.some((l) => layers[l.id] !== DEFAULT_LAYERS[l.id])) q.set('layers', listed.filter((l) => layers[l.id]).map((l) => l.id).join(','));
}

export function decodeViewState(search: string): ViewState {
  const q = new URLSearchParams(search);
  const layers = decodeLayers(q);
  const [yearFrom, yearTo] = (q.get('year') ?? '').split('-');
  const structure = q.get('structure');
  const use = q.get('use');
  const heritage = q.get('heritage');
  const sel = q.get('sel');
  const area = q.get('area');
  return {
    camera: decodeCamera(q.get('cam')),
    selected: isBuildingCode(sel) ? sel : null,
    layers,
    filters: {
      grades: (q.get('grade') ?? '').split(',').filter(isGradeKey),
      yearFrom: decodeYear(yearFrom),
      yearTo: decodeYear(yearTo),
      structure: isStructure(structure) ? structure : null,
      use: isBuildingUse(use) ? use : null,
      area: area && /^[\w-]{1,100}$/.test(area) ? area : null,
      heritage: heritage === '1' ? true : heritage === '0' ? false : null,
    },
    lifelines: decodeLifelinesView(q),
    analysis: decodeAnalysisView(q),
    lang: q.get('lang') === 'en' ? 'en' : 'zh-CN',
  };
}

/**
 * The query string for a view (with its leading `?`, or '' for the default view).
 * `keep` carries parameters that are not ours (e.g. `basemap`, `terrain`) through.
 */
export function encodeViewState(state: ViewState, keep: URLSearchParams = new URLSearchParams()): string {
  const q = new URLSearchParams();
  for (const [key, value] of keep) if (!OWN_PARAMS.has(key)) q.set(key, value);
  const c = state.camera;
  if (c) q.set('cam', [round(c.lon, 6), round(c.lat, 6), round(c.height, 1), round(c.heading, 1), round(c.pitch, 1)].join(','));
  if (state.selected) q.set('sel', state.selected);
  encodeLayers(state.layers, q);
  const f = state.filters;
  if (f.grades.length > 0) q.set('grade', f.grades.join(','));
  if (f.yearFrom !== null || f.yearTo !== null) q.set('year', `${f.yearFrom ?? ''}-${f.yearTo ?? ''}`);
  if (f.structure) q.set('structure', f.structure);
  if (f.use) q.set('use', f.use);
  if (f.area) q.set('area', f.area);
  if (f.heritage !== null) q.set('heritage', f.heritage ? '1' : '0');
  encodeLifelinesView(state.lifelines, state.layers.lifelines, q);
  encodeAnalysisView(state.analysis, q);
  if (state.lang === 'en') q.set('lang', 'en');
  const text = q.toString();
  return text ? `?${text}` : '';
}

const OWN_PARAMS = new Set<string>(['cam', 'sel', 'layers', 'grade', 'year', 'structure', 'use', 'area', 'heritage', 'lang', ...ANALYSIS_PARAMS, ...LAYERS.flatMap((l) => (l.url.kind === 'own' ? l.url.params : []))]);

/** Everything but the camera: a change here is a history step, a camera move is not. */
export function sameViewExceptCamera(a: ViewState, b: ViewState): boolean {
  return encodeViewState({ ...a, camera: null }) === encodeViewState({ ...b, camera: null });
}
