/** Reading a VectorSource in the tests: the opened source (or the problems' messages thrown), all its features, its one refusal. */
import type { Result } from '../../../src/core/result.ts';
import type { RawFeature } from '../../../src/sources/raw-feature.ts';
import type { VectorSource, VectorSourceProblem } from '../../../src/sources/formats/vector-source.ts';

export async function openedSource(opening: Promise<Result<VectorSource, VectorSourceProblem>>): Promise<VectorSource> {
  const result = await opening;
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.value;
}

export async function allFeatures(source: VectorSource): Promise<RawFeature[]> {
  const out: RawFeature[] = [];
  for await (const f of source.features()) out.push(f);
  return out;
}

/** The one problem of a refused file; fails the test when the file was accepted or refused for several reasons. */
export async function refusal(opening: Promise<Result<VectorSource, VectorSourceProblem>>): Promise<VectorSourceProblem> {
  const result = await opening;
  if (result.ok) throw new Error(`expected a refusal, the file was opened: ${result.value.path}`);
  if (result.problems.length !== 1) throw new Error(`expected one problem, got ${result.problems.length}`);
  return result.problems[0]!;
}
