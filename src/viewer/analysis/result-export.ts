/**
 * The panel's exports: CSV (UTF-8 with a byte-order mark, so Excel in China opens it
 * without mojibake; RFC 4180 quoting) and GeoJSON (RFC 7946 FeatureCollection). Pure
 * text builders (unit-tested) and one download helper that needs a DOM.
 */
import type { AnalysisResult, Cell, ResultTable } from './analysis-result.ts';

const BOM = '\uFEFF';

function csvCell(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  // Quote what needs it, and anything a spreadsheet would run as a formula.
  const guarded = /^[=+\-@\t\r]/.test(text) && typeof value !== 'number' ? `'${text}` : text;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

function csvLines(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n';
}

/** One table as CSV; the header row is "label (key)", e.g. "编码 (code)". */
export function tableCsv(table: ResultTable): string {
  return BOM + csvLines(table.columns.map((c) => `${c.label} (${c.key})`), table.rows.map((row) => table.columns.map((c) => row[c.key] ?? null)));
}

/** The summary as CSV: key, label, shown value, raw number. */
export function summaryCsv(result: AnalysisResult): string {
  return BOM + csvLines(['key', 'label', 'value', 'number'], result.summary.map((s) => [s.key, s.label, s.text, result.numbers[s.key] ?? null]));
}

/** The CSV files of a result: the summary, then one per table. */
export function resultCsvFiles(result: AnalysisResult, stem: string): { name: string; text: string }[] {
  return [{ name: `${stem}-summary.csv`, text: summaryCsv(result) }, ...result.tables.map((t) => ({ name: `${stem}-${t.name}.csv`, text: tableCsv(t) }))];
}

export function resultGeoJson(result: AnalysisResult): string {
  return JSON.stringify({ type: 'FeatureCollection', features: result.features }, null, 1);
}

/** Saves text as a file (the browser's download). */
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
