/**
 * The results panel every tool shares: the tool's own controls, notes (what is missing,
 * what to click next), the summary lines, the tables (buildings, pipes, points) and the
 * CSV / GeoJSON exports (result-export.ts). Closing it closes the tool.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalysisResult } from './analysis-result.ts';
import { ANALYSIS_NS } from './analysis-tools.ts';
import { downloadText, resultCsvFiles, resultGeoJson } from './result-export.ts';

export interface AnalysisPanelProps {
  tool: string;
  title: string;
  result: AnalysisResult | null;
  /** The tool's own inputs (mode switch, sliders), above the results. */
  children?: ReactNode;
  /** Shown instead of the results while they are being computed or loaded. */
  busy?: string | null;
  onClose(): void;
}

/** Longest table shown; the export holds every row. */
const SHOWN_ROWS = 200;

export function AnalysisPanel({ tool, title, result, children, busy, onClose }: AnalysisPanelProps) {
  const { t } = useTranslation(ANALYSIS_NS);
  const stem = `yuzhong-${tool}`;
  return (
    <section className="analysis-panel panel-box" data-tool={tool} aria-label={title}>
      <button type="button" className="panel-close" aria-label={t('close')} title={t('close')} onClick={onClose}>
        ×
      </button>
      <h2>{title}</h2>
      {children}
      {busy && <p className="muted analysis-busy" role="status">{busy}</p>}
      {result && (
        <>
          {result.notes.map((note) => (
            <p key={note} className="analysis-note muted">
              {note}
            </p>
          ))}
          {result.summary.length > 0 && (
            <dl className="analysis-summary">
              {result.summary.map((line) => (
                <div key={line.key} data-key={line.key}>
                  <dt>{line.label}</dt>
                  <dd>{line.text}</dd>
                </div>
              ))}
            </dl>
          )}
          {result.tables.map((table) =>
            table.rows.length === 0 ? null : (
              <details key={table.name} className="analysis-table" data-table={table.name} open={table.name !== 'points'}>
                <summary>
                  {table.title} ({table.rows.length})
                </summary>
                <table>
                  <thead>
                    <tr>
                      {table.columns.map((c) => (
                        <th key={c.key}>{c.label}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {table.rows.slice(0, SHOWN_ROWS).map((row, i) => (
                      <tr key={i}>
                        {table.columns.map((c) => (
                          <td key={c.key}>{row[c.key] === null || row[c.key] === undefined ? '—' : String(row[c.key])}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            ),
          )}
          <div className="analysis-exports">
            <button
              type="button"
              onClick={() => {
                for (const file of resultCsvFiles(result, stem)) downloadText(file.name, file.text, 'text/csv;charset=utf-8');
              }}
            >
              {t('export.csv')}
            </button>
            <button type="button" disabled={result.features.length === 0} onClick={() => downloadText(`${stem}.geojson`, resultGeoJson(result), 'application/geo+json')}>
              {t('export.geojson')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
