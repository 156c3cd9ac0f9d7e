/**
 * One shape for "something is wrong with an input", whoever found it (issue 16: the
 * footprint validator, the pipe validator, the GeoJSON stream and the archive import
 * each had their own): a reason code typed per reader, where it is (file, feature index,
 * id, spreadsheet row and column), a zh-CN / English message that names the feature or
 * row, and, when the reason has a usual cure, a zh-CN / English fix.
 *
 * Problems are values, never exceptions: one bad feature is reported and skipped (or
 * refuses an import) without crashing the run. Field names are the ones report.json
 * and the archive's messages already carry (`index`, `id`, `reason`, `message`); the
 * writers list only those, so `fix` and the location fields add nothing to report.json.
 */

/** Where a problem is, as far as the reader knows it. */
export interface ProblemLocation {
  /** The file as the caller named it. */
  file?: string;
  /** 0-based position of the feature in the file. */
  index?: number;
  /** The feature's id as given, or null when it has none. */
  id?: string | null;
  /** 1-based row as a spreadsheet shows it (the header is row 1). */
  row?: number;
  /** Column (or property) name, or null when the whole row is at fault. */
  column?: string | null;
  /** Byte offset in the file, when it is one place. */
  offset?: number;
}

export interface Problem<Reason extends string = string> extends ProblemLocation {
  /** What is wrong, as a code the reader defines (e.g. `self-intersection`). */
  reason: Reason;
  /** What is wrong, zh-CN / English, naming the feature or row and the offending value. */
  message: string;
  /** What to do about it, zh-CN / English, when there is a usual fix. */
  fix?: string;
}

/** A problem about one feature of a feature file: its index and id are always known (id null when it has none). */
export interface FeatureProblem<Reason extends string = string> extends Problem<Reason> {
  index: number;
  id: string | null;
}

/**
 * `<id or #index>: <reason text> — <detail>`: the message every feature validator
 * writes, so reports read alike.
 */
export function featureProblem<Reason extends string>(
  index: number,
  id: string | null,
  reason: Reason,
  text: string,
  detail?: string,
  fix?: string,
): FeatureProblem<Reason> {
  const who = id ?? `#${index}`;
  const problem: FeatureProblem<Reason> = { index, id, reason, message: `${who}: ${text}${detail ? ` — ${detail}` : ''}` };
  if (fix !== undefined) problem.fix = fix;
  return problem;
}

/**
 * A problem thrown, for the one place a value cannot be returned: out of a feature
 * generator, when a whole file stops being readable half-way. `message` is the
 * problem's; readers name their own subclass (`GeoJsonReadError`, `VectorReadError`).
 */
export class ProblemError<P extends Problem> extends Error {
  readonly problem: P;
  constructor(problem: P) {
    super(problem.message);
    this.problem = problem;
  }
}

/** `<message>；修改办法 / fix: <fix>`: a problem as one line of text, the way every report and error prints it. */
export function problemText(problem: Problem): string {
  return `${problem.message}${problem.fix ? `；修改办法 / fix: ${problem.fix}` : ''}`;
}
