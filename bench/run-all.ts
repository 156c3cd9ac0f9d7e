/**
 * `npm run bench [-- --runs 3] [--only viewer,terrain,…] [--viewer-timeout 600]`: every benchmark, then
 * bench/results.json and docs/BENCHMARKS.md rendered from it.
 * `--resume` continues a stopped full run: the runs already in bench/results/full/
 * (`<bench>-runN.json`) count, only the missing ones run.
 * `--collect` runs nothing: it renders results.json and the page from the runs already
 * in bench/results/full/ (e.g. after stopping a full run that ran out of time).
 * `--only a,b` runs those benches; in a full run the others keep their figures from the
 * bench/results.json it replaces, each marked on the page with when it was measured.
 * `npm run bench -- --smoke`: small sizes, one run, written to bench/results/smoke/
 * (git-ignored) so the committed results stay as they are; what CI runs.
 *
 * Order: the viewer first (the headline; it writes after each of its runs, so a
 * stopped run keeps what it measured), then the API and the pipelines, 1M buildings last. Benches that measure one run per invocation (terrain, buildings, lifelines, API)
 * run `--runs` times and every number is the median across runs; the viewer bench
 * takes `--runs` itself. A bench that fails is reported as failed on the page and
 * makes the command exit non-zero; lifelines is skipped, with a note, when
 * package.json has no `bench:lifelines`.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../scripts/project-root.ts';
import { type BenchName, type BenchResults, type BenchSection, buildResults, keptSections, type ViewerReport } from './bench-results.ts';
import { renderBenchmarksMarkdown } from './benchmarks-markdown.ts';
import { machineInfo } from './machine.ts';
import { medianOfReports } from './median-of-reports.ts';

const { values } = parseArgs({
  options: { smoke: { type: 'boolean', default: false }, resume: { type: 'boolean', default: false }, collect: { type: 'boolean', default: false }, runs: { type: 'string' }, only: { type: 'string' }, 'viewer-timeout': { type: 'string', default: '600' } },
});
const smoke = values.smoke!;
const runs = Number(values.runs ?? (smoke ? 1 : 3));
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs 须为正整数 / --runs must be a positive integer, got "${values.runs}"`);
  process.exit(2);
}
const only = values.only ? new Set(values.only.split(',')) : null;
const resultsDir = join(PROJECT_ROOT, 'bench', 'results');
const workDir = join(resultsDir, smoke ? 'smoke' : 'full');
const outJson = smoke ? join(workDir, 'results.json') : join(PROJECT_ROOT, 'bench', 'results.json');
const outMarkdown = smoke ? join(workDir, 'BENCHMARKS.md') : join(PROJECT_ROOT, 'docs', 'BENCHMARKS.md');
if (!values.resume && !values.collect) rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });

const scripts = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

interface Bench {
  name: BenchName;
  script: string;
  /** Where the bench writes its report. */
  output: string;
  args: string[];
  /** Invocations: the viewer bench repeats inside. */
  invocations: number;
}

const file = (name: string) => join(workDir, `${name}.json`);
const benches: Bench[] = [
  {
    name: 'viewer',
    script: 'bench:viewer',
    output: file('viewer'),
    args: smoke ? ['--runs', '1', '--flight', '2', '--clicks', '3', '--naive-buildings', '300', '--street-only', '--viewport', '640x360', '--timeout', '150', '--analysis-repeats', '1', '--out', file('viewer')] : ['--runs', String(runs), '--timeout', values['viewer-timeout']!, '--out', file('viewer')],
    invocations: 1,
  },
  { name: 'api', script: 'bench:api', output: file('api'), args: ['--duration', smoke ? '1' : '10', '--out', file('api')], invocations: runs },
  { name: 'terrain', script: 'bench:terrain', output: file('terrain'), args: ['--report', file('terrain'), ...(smoke ? ['--bounds', '106.565,29.55,106.58,29.56'] : [])], invocations: runs },
  { name: 'lifelines', script: 'bench:lifelines', output: file('lifelines'), args: [...(smoke ? ['--sizes', '2000'] : []), '--out', file('lifelines')], invocations: runs },
  { name: 'sources', script: 'bench:sources', output: file('sources'), args: ['--size', smoke ? '5000' : '100000', '--out', file('sources')], invocations: runs },
  { name: 'buildings', script: 'bench:buildings', output: file('buildings'), args: ['--sizes', smoke ? '2000' : '12000,100000,1000000', '--out', file('buildings')], invocations: runs },
];

// `--only` (full mode) keeps the other benches' figures from the results it replaces, marked with when they were measured.
const kept = only && !smoke && existsSync(outJson) ? keptSections(JSON.parse(readFileSync(outJson, 'utf8')) as BenchResults) : {};

function runBench(bench: Bench): BenchSection<unknown> {
  if (only && !only.has(bench.name)) return kept[bench.name] ?? { status: 'skipped', reason: `not selected (--only ${values.only})` };
  if (!scripts[bench.script]) return { status: 'skipped', reason: `package.json has no "${bench.script}" script on this branch` };
  const reports: unknown[] = [];
  const runFile = (i: number) => join(workDir, `${bench.name}-run${i + 1}.json`);
  if (values.collect) {
    const files = bench.invocations > 1 ? Array.from({ length: bench.invocations }, (_, i) => runFile(i)) : [bench.output];
    for (const f of files.filter((f) => existsSync(f))) reports.push(JSON.parse(readFileSync(f, 'utf8')));
    if (reports.length === 0) return { status: 'skipped', reason: 'not run: the full run was stopped before this bench (out of time)' };
    return { status: 'ok', report: medianOfReports(reports), runs: bench.invocations > 1 ? reports.length : runs };
  }
  for (let i = 0; i < bench.invocations; i++) {
    if (values.resume && bench.invocations > 1 && existsSync(runFile(i))) {
      console.log(`=== ${bench.name} run ${i + 1}: kept from the stopped run`);
      reports.push(JSON.parse(readFileSync(runFile(i), 'utf8')));
      continue;
    }
    console.log(`\n=== ${bench.name}${bench.invocations > 1 ? ` (run ${i + 1}/${bench.invocations})` : ''}: npm run ${bench.script} -- ${bench.args.join(' ')}`);
    rmSync(bench.output, { force: true });
    const started = Date.now();
    const result = spawnSync('npm', ['run', '--silent', bench.script, '--', ...bench.args], { cwd: PROJECT_ROOT, stdio: 'inherit' });
    // The viewer bench writes after every run: a run stopped part-way keeps what it measured.
    const partial = bench.name === 'viewer' && result.status !== 0 && existsSync(bench.output);
    if (partial) console.error(`=== viewer: stopped (${result.status ?? result.signal}); keeping the runs it completed`);
    else if (result.status !== 0 || !existsSync(bench.output)) {
      return { status: 'failed', reason: `npm run ${bench.script} exited with ${result.status ?? result.signal}${existsSync(bench.output) ? '' : ` and wrote no ${relative(PROJECT_ROOT, bench.output)}`}` };
    }
    console.log(`=== ${bench.name}: ${Math.round((Date.now() - started) / 1000)} s`);
    if (bench.invocations > 1) copyFileSync(bench.output, runFile(i));
    reports.push(JSON.parse(readFileSync(bench.output, 'utf8')));
  }
  return { status: 'ok', report: medianOfReports(reports), runs: reports.length };
}

const machine = machineInfo();
const sections = Object.fromEntries(benches.map((b) => [b.name, { status: 'skipped', reason: 'not run: the run stopped before this bench' }])) as Record<Bench['name'], BenchSection<unknown>>;

/** Written after every bench, so a run stopped part-way still leaves what it measured. */
/** When the collected runs were measured: the earliest and latest `date` of their reports. */
function measuredBetween(): { measuredFrom: string; measuredTo: string } | undefined {
  const dates = Object.values(sections)
    .flatMap((s) => (s.status === 'ok' ? [s.report as { date?: unknown }] : []))
    .map((r) => r.date)
    .filter((d): d is string => typeof d === 'string')
    .sort();
  return dates.length ? { measuredFrom: dates[0]!, measuredTo: dates.at(-1)! } : undefined;
}

function writeResults(): void {
  const results = buildResults({
    date: new Date().toISOString(),
    collected: values.collect ? measuredBetween() : undefined,
    mode: smoke ? 'smoke' : 'full',
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    runs,
    machine,
    loadAverageAtEnd: machineInfo().loadAverage,
    viewer: sections.viewer as BenchSection<ViewerReport>,
    terrain: sections.terrain,
    buildings: sections.buildings,
    lifelines: sections.lifelines,
    sources: sections.sources,
    api: sections.api,
  });
  mkdirSync(dirname(outMarkdown), { recursive: true });
  writeFileSync(outJson, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(outMarkdown, renderBenchmarksMarkdown(results));
}

for (const bench of benches) {
  sections[bench.name] = runBench(bench);
  writeResults();
}
console.log(`\n→ ${relative(PROJECT_ROOT, outJson)}, ${relative(PROJECT_ROOT, outMarkdown)}`);
const failed = Object.entries(sections).filter(([, s]) => s.status === 'failed');
for (const [name, s] of failed) console.error(`基准失败 / ${name} failed: ${(s as { reason: string }).reason}`);
process.exit(failed.length ? 1 : 0);
