import { problemText, type FeatureProblem, type Problem } from '../core/problem.ts';

/**
 * One thing wrong with an import file, located so a person can find and fix it.
 *
 * Not the core `Problem` (src/core/problem.ts) itself: here `reason` is the whole
 * zh-CN / English text (the core's `message`, then its `fix`), and the archive's
 * reports, `npm run archive:import` and the tests read it so. A core problem of a
 * feature file becomes one through `importProblemOf`, the one mapping; its reason
 * code stays with the validator.
 */
export interface ImportProblem {
  /** 1-based row in the file as a spreadsheet shows it (the header is row 1). For GeoJSON: feature index + 1. */
  row: number;
  /** Column (or property) name, or null when the whole row or file is at fault. */
  column: string | null;
  /** The offending value as read, if any. */
  value?: string;
  /** zh-CN / English. */
  reason: string;
}

/** A feature file's core problem as an import problem: row = feature index + 1, the value its id, the text `<file> <message>；修改办法 / fix: <fix>`. */
export function importProblemOf(file: string, problem: FeatureProblem, column: string | null): ImportProblem {
  return {
    row: problem.index + 1,
    column,
    ...(problem.id !== null ? { value: problem.id } : {}),
    reason: `${file} ${problemText(problem)}`,
  };
}

/** A problem of a whole file (unreadable, a bad hand-over or mapping file) as an import problem: the row it broke at (a GeoJSON stream's `featureIndex`, a feature's `index`), else row 1. */
export function fileImportProblem(problem: Problem): ImportProblem {
  const at = problem as { featureIndex?: number; index?: number };
  return { row: (at.featureIndex ?? at.index ?? 0) + 1, column: null, reason: problemText(problem) };
}

/** Longest value quoted in a message; a runaway cell is shown by its start. */
const SHOWN_VALUE_CHARS = 60;

export function formatProblem(p: ImportProblem): string {
  const where = p.column ? `第 ${p.row} 行 ${p.column} / row ${p.row}, column ${p.column}` : `第 ${p.row} 行 / row ${p.row}`;
  const shown = p.value !== undefined && p.value.length > SHOWN_VALUE_CHARS ? `${p.value.slice(0, SHOWN_VALUE_CHARS)}…` : p.value;
  const value = shown !== undefined && shown !== '' ? ` [${shown}]` : '';
  return `${where}${value}: ${p.reason}`;
}

/** A readable report: the first `limit` problems and how many more there are. */
export function formatProblems(problems: readonly ImportProblem[], limit = 50): string {
  const lines = problems.slice(0, limit).map(formatProblem);
  if (problems.length > limit) lines.push(`…另有 ${problems.length - limit} 个问题 / …and ${problems.length - limit} more problems`);
  return lines.join('\n');
}
