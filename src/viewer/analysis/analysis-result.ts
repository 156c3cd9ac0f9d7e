/**
 * What every tool answers, in one shape: the panel shows it, the exports write it, and
 * `window.yz.analysis.<tool>` returns its `numbers`. A tool builds it with a pure
 * function from its inputs and the scene data (unit-tested), so the panel, the link
 * and the automation handle agree.
 */
import type { Feature, Geometry } from 'geojson';

export type Cell = string | number | boolean | null;

export interface SummaryLine {
  /** Stable key (the CSV's and `numbers`' name). */
  key: string;
  /** Label, in the page's language. */
  label: string;
  /** The value as shown (units, m/km). */
  text: string;
}

export interface ResultTable {
  /** e.g. 'buildings', 'pipes', 'points': the CSV file's name part. */
  name: string;
  title: string;
  columns: readonly { key: string; label: string }[];
  rows: readonly Record<string, Cell>[];
}

export interface AnalysisResult<N extends Record<string, Cell> = Record<string, Cell>> {
  tool: string;
  summary: readonly SummaryLine[];
  tables: readonly ResultTable[];
  /** What the GeoJSON export writes (lon/lat, ellipsoid heights as the third coordinate). */
  features: readonly Feature<Geometry, Record<string, Cell>>[];
  /** The raw numbers (SI units), as `window.yz.analysis.<tool>` returns them. */
  numbers: N;
  /** Why there is no answer yet, or a warning (shown above the summary). */
  notes: readonly string[];
}
