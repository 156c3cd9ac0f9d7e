/**
 * The toolbar's tools, in one list (like the layer registry): id, icon, keyboard
 * shortcut and the i18n keys of the label and tooltip (namespace 'analysis'). The
 * toolbar renders this list; a tool's behaviour lives in its own module under
 * analysis/ — adding a tool is one entry here and one component.
 *
 * Icons are inline SVG paths (24 × 24, stroke): the viewer loads nothing from a CDN.
 */
import i18next from 'i18next';
import en from '../i18n/analysis.en.json';
import zhCN from '../i18n/analysis.zh-CN.json';
import { ANALYSIS_TOOLS, type AnalysisToolId } from './analysis-url-state.ts';

export const ANALYSIS_NS = 'analysis';

/** Adds the 'analysis' namespace to i18next (now, or once i18next is initialised). */
export function registerAnalysisI18n(instance: typeof i18next = i18next): void {
  const add = () => {
    instance.addResourceBundle('zh-CN', ANALYSIS_NS, zhCN, true, true);
    instance.addResourceBundle('en', ANALYSIS_NS, en, true, true);
  };
  if (instance.isInitialized) add();
  else instance.on('initialized', add);
}
registerAnalysisI18n();

export interface AnalysisToolInfo {
  id: AnalysisToolId;
  /** One-letter shortcut (pressed without modifiers, outside text fields). */
  key: string;
  /** SVG path data, 24 × 24 viewBox, drawn as a 2-px stroke. */
  icon: string;
}

export const ANALYSIS_TOOL_INFO: Readonly<Record<AnalysisToolId, AnalysisToolInfo>> = {
  // A ruler.
  measure: { id: 'measure', key: 'm', icon: 'M3 17 17 3l4 4L7 21zM7 13l2 2M10 10l2 2M13 7l2 2' },
  // An eye with a line.
  sightline: { id: 'sightline', key: 'l', icon: 'M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12zM12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z' },
  // A pit: ground line with a cut below it.
  excavate: { id: 'excavate', key: 'e', icon: 'M2 7h5l2 10h6l2-10h5M9 17V11M15 17V11M9 13h6' },
  // A profile: a hill line over a baseline.
  section: { id: 'section', key: 'p', icon: 'M2 19h20M2 16l5-7 4 4 4-8 7 11' },
  // Waves.
  flood: { id: 'flood', key: 'f', icon: 'M2 10c2.5-2 4.5-2 7 0s4.5 2 7 0 4.5-2 6 0M2 16c2.5-2 4.5-2 7 0s4.5 2 7 0 4.5-2 6 0M12 2v5' },
  // A sun.
  sun: { id: 'sun', key: 's', icon: 'M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM12 2v2M12 20v2M2 12h2M20 12h2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4' },
};

export const TOOLBAR_ORDER: readonly AnalysisToolId[] = ANALYSIS_TOOLS;

/** The tool a key press opens, or null (modifiers and text fields are the caller's to rule out). */
export function toolForKey(key: string): AnalysisToolId | null {
  const k = key.toLowerCase();
  return TOOLBAR_ORDER.find((id) => ANALYSIS_TOOL_INFO[id].key === k) ?? null;
}
