/**
 * The lifelines part of the view in the URL (see url-state.ts), so a copied link
 * brings the pipes, their filters and the underground view back. Pure, unit-tested.
 *
 *   pipes=all | water,gas,… | none     lifelines layer on, with these networks (absent: off)
 *   pipeage=30-60                      age in years, either bound optional
 *   pipemat=铸铁,PE | none              materials shown (absent: all)
 *   pipecond=较差,危险 | none            conditions shown (absent: all)
 *   piperisk=0                         at-risk highlight off (default on)
 *   under=1                            underground view
 */
import { NETWORKS, type Network, PIPE_CONDITIONS, type PipeCondition } from '../../core/lifelines.ts';
import { DEFAULT_LIFELINE_FILTERS, type LifelineFilters } from '../layers/lifeline-styling.ts';

/** The lifelines layer's settings; its switch is `layers.lifelines` (on while `pipes=` is present, layers/layer-registry.ts). */
export interface LifelinesView {
  filters: LifelineFilters;
  highlightRisk: boolean;
  underground: boolean;
}

export const DEFAULT_LIFELINES_VIEW: LifelinesView = { filters: DEFAULT_LIFELINE_FILTERS, highlightRisk: true, underground: false };

export const LIFELINES_PARAMS = ['pipes', 'pipeage', 'pipemat', 'pipecond', 'piperisk', 'under'] as const;

const NONE = 'none';

function decodeAge(text: string | undefined): number | null {
  if (!text) return null;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 && n <= 200 ? n : null;
}

/** A list parameter: absent → null (all), `none` → [], else the valid entries. */
function decodeList<T extends string>(text: string | null, valid: (s: string) => s is T): T[] | null {
  if (text === null) return null;
  if (text === NONE) return [];
  return text.split(',').filter(valid);
}

const isNetwork = (s: string): s is Network => (NETWORKS as readonly string[]).includes(s);
const isCondition = (s: string): s is PipeCondition => (PIPE_CONDITIONS as readonly string[]).includes(s);
// Materials come from the data (an open list): any short, plain name.
const isMaterial = (s: string): s is string => s.length > 0 && s.length <= 40 && !/[<>"]/.test(s);

export function decodeLifelinesView(q: URLSearchParams): LifelinesView {
  const pipes = q.get('pipes');
  const shown = pipes === null || pipes === 'all' ? null : decodeList(pipes, isNetwork);
  const [min, max] = (q.get('pipeage') ?? '').split('-');
  return {
    filters: {
      networks: Object.fromEntries(NETWORKS.map((n) => [n, shown === null || shown.includes(n)])) as Record<Network, boolean>,
      minAgeYears: decodeAge(min),
      maxAgeYears: decodeAge(max),
      materials: decodeList(q.get('pipemat'), isMaterial),
      conditions: decodeList(q.get('pipecond'), isCondition),
    },
    highlightRisk: q.get('piperisk') !== '0',
    underground: q.get('under') === '1',
  };
}

const encodeList = (list: readonly string[]) => (list.length === 0 ? NONE : list.join(','));

/** Writes the lifelines parameters into `q`; defaults are left out. `pipes=` and the filters travel only while the layer is `on`. */
export function encodeLifelinesView(state: LifelinesView, on: boolean, q: URLSearchParams): void {
  if (on) {
    const f = state.filters;
    const shown = NETWORKS.filter((n) => f.networks[n]);
    q.set('pipes', shown.length === NETWORKS.length ? 'all' : encodeList(shown));
    if (f.minAgeYears !== null || f.maxAgeYears !== null) q.set('pipeage', `${f.minAgeYears ?? ''}-${f.maxAgeYears ?? ''}`);
    if (f.materials) q.set('pipemat', encodeList(f.materials));
    if (f.conditions) q.set('pipecond', encodeList(f.conditions));
    if (!state.highlightRisk) q.set('piperisk', '0');
  }
  if (state.underground) q.set('under', '1');
}
