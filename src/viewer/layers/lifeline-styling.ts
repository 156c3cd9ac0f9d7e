/**
 * How a pipe looks on the map, as pure functions of its tile properties (no Cesium,
 * so they are unit-tested): colour by network from NETWORK_INFO (the one source for
 * map, legend, panels and charts), the at-risk highlight, and the layer's filters
 * (networks on/off, age, material, condition).
 */
import { NETWORKS, NETWORK_INFO, PIPE_CONDITIONS, pipeAgeYears, type Network, type PipeCondition, type PipeRecord } from '../../core/lifelines.ts';
import { PIPE_TILE_PROPERTIES as P, type PipeTileProperty } from '../../core/tile-properties.ts';

/** What the viewer reads from a pipe feature (the tileset's property table). */
export type PipeFeatureProperties = Omit<PipeRecord, 'length_m'> & { length_m?: number };

export interface LifelineFilters {
  /** Networks shown. */
  networks: Record<Network, boolean>;
  /** Only pipes at least / at most this many years old (null: no bound). */
  minAgeYears: number | null;
  maxAgeYears: number | null;
  /** Only these materials (null: all). */
  materials: readonly string[] | null;
  /** Only these conditions (null: all). */
  conditions: readonly PipeCondition[] | null;
}

export const DEFAULT_LIFELINE_FILTERS: LifelineFilters = {
  networks: Object.fromEntries(NETWORKS.map((n) => [n, true])) as Record<Network, boolean>,
  minAgeYears: null,
  maxAgeYears: null,
  materials: null,
  conditions: null,
};

/** Highlight of at-risk segments: magenta, because red, yellow and brown already mean power, gas and sewage. */
export const RISK_HIGHLIGHT_CSS = '#ff2bd6';
/** Selected segment. */
export const SELECTED_PIPE_CSS = '#00e5ff';
export function networkColourCss(network: string): string {
  return (NETWORK_INFO as Record<string, { color: string }>)[network]?.color ?? '#9e9e9e';
}

export function matchesPipeFilters(p: PipeFeatureProperties, f: LifelineFilters, now: Date = new Date()): boolean {
  if (!f.networks[p.network]) return false;
  const age = pipeAgeYears(p.install_year, now);
  if (f.minAgeYears !== null && age < f.minAgeYears) return false;
  if (f.maxAgeYears !== null && age > f.maxAgeYears) return false;
  if (f.materials && !f.materials.includes(p.material)) return false;
  if (f.conditions && !f.conditions.includes(p.condition)) return false;
  return true;
}

export interface PipeAppearanceContext {
  filters: LifelineFilters;
  /** Ids of at-risk segments (from /api/lifelines/risk), or null while unknown. */
  riskIds: ReadonlySet<string> | null;
  highlightRisk: boolean;
  selectedId: string | null;
  now?: Date;
}

export function pipeAppearance(p: PipeFeatureProperties, ctx: PipeAppearanceContext): { show: boolean; css: string } {
  const show = matchesPipeFilters(p, ctx.filters, ctx.now);
  if (p.id === ctx.selectedId) return { show: true, css: SELECTED_PIPE_CSS };
  if (ctx.highlightRisk && ctx.riskIds?.has(p.id)) return { show, css: RISK_HIGHLIGHT_CSS };
  return { show, css: networkColourCss(p.network) };
}

/** Legend rows in network order: colour and both names. */
export function networkLegend(): { network: Network; css: string; zh: string; en: string }[] {
  return NETWORKS.map((n) => ({ network: n, css: NETWORK_INFO[n].color, zh: NETWORK_INFO[n].zh, en: NETWORK_INFO[n].en }));
}

/** Condition options in severity order, for the filter. */
export const CONDITION_OPTIONS: readonly PipeCondition[] = PIPE_CONDITIONS;

/** Reads a picked feature's properties into PipeFeatureProperties (null if it is not a pipe). */
export function readPipeProperties(get: (name: PipeTileProperty) => unknown): PipeFeatureProperties | null {
  const id = get(P.id);
  const network = get(P.network);
  if (typeof id !== 'string' || typeof network !== 'string' || !(NETWORKS as readonly string[]).includes(network)) return null;
  const depth = get(P.depthM);
  const pressure = get(P.pressure);
  return {
    id,
    network: network as Network,
    diameter_mm: Number(get(P.diameterMm)),
    depth_m: typeof depth === 'number' && depth >= 0 ? depth : null,
    material: String(get(P.material) ?? ''),
    install_year: Number(get(P.installYear)),
    condition: String(get(P.condition)) as PipeCondition,
    pressure: typeof pressure === 'string' && pressure !== '未知' ? pressure : null,
    length_m: Number(get(P.lengthM)),
  };
}
