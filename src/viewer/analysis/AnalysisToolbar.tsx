/**
 * The analysis toolbar (desk view): one button per tool from analysis-tools.ts, with an
 * icon, a zh-CN/English tooltip and accessible name, `aria-pressed` for the open tool,
 * large enough for a finger (40 px), reachable with Tab and opened with its letter key.
 */
import { useTranslation } from 'react-i18next';
import { ANALYSIS_NS, ANALYSIS_TOOL_INFO, TOOLBAR_ORDER } from './analysis-tools.ts';
import type { AnalysisToolId } from './analysis-url-state.ts';

export interface AnalysisToolbarProps {
  open: AnalysisToolId | null;
  /** A tool's button: opens it, or closes it when it is the open one. */
  onToggle(tool: AnalysisToolId): void;
}

export function AnalysisToolbar({ open, onToggle }: AnalysisToolbarProps) {
  const { t } = useTranslation(ANALYSIS_NS);
  return (
    <div className="analysis-toolbar" role="toolbar" aria-label={t('toolbar')}>
      {TOOLBAR_ORDER.map((id) => {
        const info = ANALYSIS_TOOL_INFO[id];
        const hint = t(`tools.${id}.hint`);
        return (
          <button key={id} type="button" className="analysis-tool-button" data-tool={id} aria-pressed={open === id} title={hint} aria-label={`${t(`tools.${id}.label`)}: ${hint}`} aria-keyshortcuts={info.key.toUpperCase()} onClick={() => onToggle(id)}>
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
              <path d={info.icon} />
            </svg>
            <span className="analysis-tool-label">{t(`tools.${id}.label`)}</span>
          </button>
        );
      })}
    </div>
  );
}
