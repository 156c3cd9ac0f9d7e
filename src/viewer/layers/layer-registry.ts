/**
 * The map's layers, one entry each (ids from src/core/layer-ids.ts): label, default
 * visibility, how the switch travels in the URL, whether the layer panel shows the
 * switch, whether tours may toggle it. The URL state (state/url-state.ts), the layer
 * panel (chrome/LayerPanel.tsx) and the tour mode read this list instead of each
 * special-casing a layer (issue 16: the lifelines were, in all three).
 */
import { LAYER_IDS, type LayerId, TOUR_LAYER_IDS } from '../../core/layer-ids.ts';
import { LIFELINES_PARAMS } from '../state/lifelines-url-state.ts';

/** How a layer's switch travels in the URL. */
export type LayerUrl =
  /** Listed in `layers=` (which, when present, lists every such layer that is on). */
  | { kind: 'list' }
  /** On while its own parameter is present; the layer's settings use `params` (the first is the switch). */
  | { kind: 'own'; params: readonly [string, ...string[]] };

export interface LayerDefinition {
  id: LayerId;
  label: { 'zh-CN': string; en: string };
  defaultOn: boolean;
  url: LayerUrl;
  /** Whether the layer panel holds the switch (false: the layer's own controls do). */
  inLayerPanel: boolean;
  /** Whether a tour step may switch it (src/core/layer-ids.ts TOUR_LAYER_IDS). */
  tours: boolean;
}

const LIST: LayerUrl = { kind: 'list' };
const tours = (id: LayerId) => (TOUR_LAYER_IDS as readonly LayerId[]).includes(id);

const DEFINITIONS: Record<LayerId, Omit<LayerDefinition, 'id' | 'tours'>> = {
  hazard: { label: { 'zh-CN': '房屋安全等级着色', en: 'Colour by safety grade' }, defaultOn: true, url: LIST, inLayerPanel: true },
  // The draped areas cost SwiftShader and low-end GPUs dearly: off until asked for.
  areas: { label: { 'zh-CN': '更新片区（一核两翼三带五片区）', en: 'Renewal areas (core, wings, belts, areas)' }, defaultOn: false, url: LIST, inLayerPanel: true },
  communities: { label: { 'zh-CN': '老旧小区', en: 'Old residential communities' }, defaultOn: false, url: LIST, inLayerPanel: true },
  rail: { label: { 'zh-CN': '轨道交通', en: 'Rail transit' }, defaultOn: true, url: LIST, inLayerPanel: true },
  // ~20 MB of pipes: off by default; `pipes=` carries the switch and the networks shown,
  // and the lifelines controls box (with filters and the underground view) holds the switch.
  lifelines: { label: { 'zh-CN': '地下管线', en: 'Underground lifelines' }, defaultOn: false, url: { kind: 'own', params: LIFELINES_PARAMS }, inLayerPanel: false },
};

/** Every layer, in LAYER_IDS order (the layer panel's order). */
export const LAYERS: readonly LayerDefinition[] = LAYER_IDS.map((id) => ({ id, ...DEFINITIONS[id], tours: tours(id) }));

export type LayerVisibility = Record<LayerId, boolean>;

export const DEFAULT_LAYERS: LayerVisibility = Object.fromEntries(LAYERS.map((l) => [l.id, l.defaultOn])) as LayerVisibility;

/** Every layer off (e.g. `layers=` lists none of the listed ones). */
export const layersWith = (on: (layer: LayerDefinition) => boolean): LayerVisibility =>
  Object.fromEntries(LAYERS.map((l) => [l.id, on(l)])) as LayerVisibility;

export { LAYER_IDS, type LayerId };
