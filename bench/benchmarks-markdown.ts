/**
 * Pure: `bench/results.json` → `docs/BENCHMARKS.md`. Every number on the page comes
 * from the results; the page says which figures are ratios (comparable across
 * machines) and which absolute (this machine, software WebGL), and whether each target
 * is met.
 */
import type { BenchResults, BenchSection, Target } from './bench-results.ts';
import type { AnalysisBench } from './viewer/analysis-run.ts';
import type { ViewerSummary } from './viewer/viewer-summary.ts';

const dash = '—';
const num = (n: number | null | undefined, digits = 0) => (typeof n === 'number' && Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : dash);
const ms = (n: number | null | undefined, digits = 0) => (typeof n === 'number' ? `${num(n, digits)} ms` : dash);
const seconds = (n: number | null | undefined) => (typeof n === 'number' ? `${num(n / 1000, 1)} s` : dash);
const mib = (n: number | null | undefined) => (typeof n === 'number' ? `${num(n / 2 ** 20, 1)} MiB` : dash);
const times = (n: number | null | undefined) => (typeof n === 'number' ? `${num(n, 2)}×` : dash);
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: string[][]) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

function notRun(section: { status: string; reason?: string }): string {
  return `_Not measured (${section.status}): ${section.reason ?? 'no reason given'}._`;
}

function targetLine(name: string, t: Target): string {
  return `- **${name}**: target ${t.target}; measured ${t.actual === null ? dash : num(t.actual, 2)} → **${t.met ? 'met' : 'not met'}**${t.note ? ` (${t.note})` : ''}`;
}

function loadCell(s: ViewerSummary['opening']): string {
  if (s.loadMs === null) return dash;
  return `${s.loadIsLowerBound ? '> ' : ''}${seconds(s.loadMs)}${s.timedOutRuns ? ` (${s.timedOutRuns} of the runs timed out)` : ''}`;
}

function profileSentence(p: ViewerSummary['renderProfile']): string {
  if (p && !p.applied) return "it ran with Cesium's defaults (no software renderer detected, or `?render=full`).";
  return `on this machine's software WebGL it runs its software profile (README "Rendering without a GPU"): no anti-aliasing, no sky atmosphere, a 250 ms globe tile-load budget per frame, and adaptive resolution: frames are drawn at ${p?.busyScale ?? dash} of the canvas resolution while the camera moves or tiles load, and at full resolution once the scene is still, so every still picture (and the ready frame) is full resolution while the flight's frames are not.`;
}

function viewerSection(r: BenchResults): string {
  const v = r.viewer;
  if (v.status !== 'ok') return `## Viewer: ours vs the usual way\n\n${notRun(v)}`;
  const o = v.ours;
  const n = v.naive;
  const s = v.settings as { runs?: number; flightMs?: number; clicks?: number; viewport?: string; naiveBuildings?: number | string; readyTimeoutMs?: number };
  return `## Viewer: ours vs the usual way

${keptNote(v.keptFrom)}Ours: the viewer as shipped (3D Tiles buildings, \`window.yz.ready\`); ${profileSentence(o.renderProfile)} The naive page keeps Cesium's defaults (MSAA ×4, FXAA, full resolution always, 5 ms). \`npm run bench:frame-cost [-- naive]\` shows where a frame's time goes. The usual way: \`bench/viewer/page/naive.html\`, a minimal page on the same server with the same terrain (\`/tiles/terrain\`), the same offline basemap, the same opening camera and canvas (${s.viewport ?? dash}), and the buildings (${s.naiveBuildings === 'all' ? 'all of' : `the first ${s.naiveBuildings} of`} \`var/source/buildings.geojson\`) loaded with \`GeoJsonDataSource.load\` and extruded as entities: the ground under each building sampled once with \`sampleTerrainMostDetailed\`, then \`polygon.height\` = ground and \`polygon.extrudedHeight\` = ground + the \`height\` property (the other common recipe, \`RELATIVE_TO_GROUND\` heights, never settled here: \`dataSourceDisplay.ready\` stayed false even with 300 buildings).

${(s as { streetOnly?: boolean }).streetOnly ? '**Both pages opened at the street-level view (smoke run): the "opening view" figures are the street view\'s.**\n\n' : ''}Runs completed: ours ${o.runs}, naive ${n.runs} (of ${s.runs ?? dash} requested), alternating ours and naive.${[...o.errors.map((e) => `ours: ${e}`), ...n.errors.map((e) => `naive: ${e}`)].map((e) => `\n- Measurement failed: ${e}`).join('')}

Ready means: 4 rendered frames in a row with the globe's tiles loaded and the camera still, plus for ours every 3D tileset loaded (after the buildings tileset's first full load), for the naive page the data source loaded and \`viewer.dataSourceDisplay.ready\` (every entity's geometry built). Load time is from navigation start (\`performance.now()\` in the page) to ready, in a fresh browser context (empty cache). Timeout ${seconds(s.readyTimeoutMs)}; a timeout is reported as "more than".

| figure | ours | naive | ratio | kind |
|---|---|---|---|---|
| load, opening view | ${loadCell(o.opening)} | ${loadCell(n.opening)} | ${v.loadRatioIsLowerBound ? '≥ ' : ''}${times(v.loadRatio)} (naive ÷ ours) | ratio; times absolute |
| buildings layer loaded, opening view | ${ms(o.opening.buildingsMs)} | ${ms(n.opening.buildingsMs)} | ${times(v.buildingsLoadRatio)} (naive ÷ ours) | ratio; times absolute |
| buildings drawn in the opening view | ${num(o.opening.buildingsDrawn)} | ${num(n.opening.buildingsDrawn)} | | absolute |
| load, street-level view | ${loadCell(o.street)} | ${loadCell(n.street)} | ${times(v.streetLoadRatio)} (naive ÷ ours) | ratio; times absolute |
| frames per second, ${num((s.flightMs ?? 0) / 1000)} s scripted flight | ${num(o.fps, 2)} | ${num(n.fps, 2)} | ${times(v.fpsRatio)} (ours ÷ naive) | ratio; fps absolute (software WebGL) |
| click → building identified, median (p95, max) | ${ms(o.pick.medianMs, 1)} (${ms(o.pick.p95Ms, 1)}, ${ms(o.pick.maxMs, 1)}) | ${ms(n.pick.medianMs, 1)} (${ms(n.pick.p95Ms, 1)}, ${ms(n.pick.maxMs, 1)}) | ${times(n.pick.medianMs !== null && o.pick.medianMs ? n.pick.medianMs / o.pick.medianMs : null)} (naive ÷ ours) | absolute |
| first click of a page (median over runs) | ${ms(o.pick.firstMs, 1)} | ${ms(n.pick.firstMs, 1)} | | absolute |
| clicks identified correctly | ${o.pick.identified} of ${o.pick.clicks} | ${n.pick.identified} of ${n.pick.clicks} | | |
| click → dossier open (ours only, archive round trip included) | ${ms(v.ours.dossierMs)} | n/a | | absolute |
| JS heap after GC (main thread) | ${mib(o.jsHeapBytes)} | ${mib(n.jsHeapBytes)} | ${times(n.jsHeapBytes && o.jsHeapBytes ? n.jsHeapBytes / o.jsHeapBytes : null)} | absolute |
| WebGL buffers (bytes given to bufferData, live) | ${mib(o.webglBufferBytes)} | ${mib(n.webglBufferBytes)} | ${times(n.webglBufferBytes && o.webglBufferBytes ? n.webglBufferBytes / o.webglBufferBytes : null)} | absolute |
| WebGL textures (estimated, live) | ${mib(o.webglTextureBytes)} | ${mib(n.webglTextureBytes)} | | absolute |
| Cesium's reported memory: \`tileset.totalMemoryUsageInBytes\` | ${mib(o.tilesetBytes)} | no public figure for entities | | absolute |

How each is measured:
- **Buildings layer loaded**: from navigation start to our buildings tileset's first \`allTilesLoaded\` (\`window.yz.buildingsLoaded\`), and to the naive page's data source loaded with \`dataSourceDisplay.ready\` (every entity's geometry built). Terrain and imagery may still be loading at that moment; they are the same for both pages and make up most of the whole-view time.
- **Buildings drawn**: ours refines additively (a tile keeps its most prominent buildings, its children hold the rest), so at the opening view it leaves out the buildings that would be smaller than about 16 pixels on screen (the tileset's maximum screen-space error) until the camera comes closer; the figure is \`statistics.numberOfFeaturesSelected\` of the buildings tileset. The naive page always draws every entity.
- **Frames per second**: \`requestRenderMode\` off for both during the flight; the camera is set every \`preRender\` along the same three waypoints (opening view → over the peninsula → above 解放碑) for the same wall-clock time; frames are counted on \`scene.postRender\`.
- **Click → identified**: ${s.clicks ?? dash} real mouse clicks (Playwright) per run on distinct buildings found by picking a grid over the visible canvas (before each click ours closes the previous dossier and waits for a settled scene that the GPU has finished drawing, since a pick reads back from the GPU and would otherwise wait behind the previous selection's frames; the naive page renders continuously, Cesium's default, so its clicks wait for the frame in progress); a capture-phase \`pointerup\` listener on the canvas takes the event's timestamp. Ours: the time runs until the app's own click handler reports the building it identified (the \`yz:pick\` event): a CPU ray test against the buildings' prisms (\`tiles/buildings/pick-index.bin\`) among the buildings Cesium drew in the last frame, with \`scene.pick\` as the fallback${o.pick.methods ? ` (this run: ${Object.entries(o.pick.methods).map(([k, c]) => `${k} ${c}`).join(', ')})` : ''}. The naive page: until \`scene.pick\` has returned and \`entity.properties.id\` is read, which is how such an app identifies a click. Ours' dossier time runs from the same timestamp until the dossier panel shows that building's archive record (a MutationObserver).
- **JS heap**: CDP \`HeapProfiler.collectGarbage\`, then \`Runtime.getHeapUsage\` (the page's main thread; Cesium's workers are not included).
- **WebGL bytes**: an init script in both pages wraps \`bufferData\`/\`deleteBuffer\` (exact) and \`texImage2D\`/\`texStorage2D\`/\`compressedTexImage2D\`/\`deleteTexture\` (estimated at 4 bytes per texel); renderbuffers and driver overhead are not counted. Cesium has no public GPU-memory figure for entities, so this is the like-for-like figure.

Targets:
${targetLine('Load', v.targets.load)}
${targetLine('Frame rate', v.targets.fps)}
${targetLine('Pick', v.targets.pick)}
${analysisTable(v.analysis ?? null)}`;
}

/** The analysis tools' answer after the last click (bench/viewer/analysis-run.ts). */
function analysisTable(a: AnalysisBench | null): string {
  if (!a) return '';
  const rows = a.timings.map((t) => `| ${t.tool} | ${t.what} | ${ms(t.medianMs)} | ${t.ms.join(', ')} |`).join('\n');
  const sun = a.sunHours ? `\n\nSun hours for one building (${a.sunHours.building}, ${a.sunHours.points} points, 5-minute steps, against every building prism and the DEM): ${ms(a.sunHours.workerMs)} in the Web Worker, ${ms(a.sunHours.callMs)} from \`yz.analysis.sun()\` to its answer (target ≤ 5 s on a desktop).` : '';
  return `
### Analysis tools (issue 18)

Our viewer at \`${a.view}\` (1280×720, software WebGL): for each tool, from the click (or preset button) that completes its input to its answer in the panel, polled every 10 ms in the page.${a.problems.length ? ` Data missing: ${a.problems.join('; ')}.` : ''}

| tool | what | median | each run (ms) |
|---|---|---|---|
${rows}${sun}`;
}

function streamingSection(r: BenchResults): string {
  const v = r.viewer;
  if (v.status !== 'ok') return `## Streaming\n\n${notRun(v)}`;
  const cell = (l: ViewerSummary['opening']) => `${num(l.requests)} requests, ${mib(l.bytes)}${l.timedOutRuns ? ' (counted until the timeout: the view never completed)' : ''}`;
  return `## Streaming

Requests (Playwright \`response\` events) and bytes on the wire (CDP \`Network.loadingFinished\` \`encodedDataLength\`: compressed bodies and headers) from navigation until the view is ready, empty cache. Everything the page loads counts: HTML, scripts, Cesium's workers and assets, terrain, imagery, buildings${v.status === 'ok' ? ', and for ours the archive grades' : ''}.

| view | ours | naive | naive ÷ ours (bytes) |
|---|---|---|---|
| opening view (whole peninsula) | ${cell(v.ours.opening)} | ${cell(v.naive.opening)} | ${times(v.openingBytesRatio)} |
| street-level inspector view (\`cam=${((v.settings as { streetView?: number[] }).streetView ?? []).join(',')}\`) | ${cell(v.ours.street)} | ${cell(v.naive.street)} | ${times(v.naive.street.bytes && v.ours.street.bytes ? v.naive.street.bytes / v.ours.street.bytes : null)} |`;
}

type Obj = Record<string, unknown>;
const get = (o: unknown, ...path: Array<string | number>): unknown => path.reduce<unknown>((a, k) => (a !== null && typeof a === 'object' ? (a as Obj)[k as string] : undefined), o);
const n = (o: unknown, ...path: Array<string | number>) => {
  const v = get(o, ...path);
  return typeof v === 'number' ? v : null;
};

function keptNote(keptFrom: string | undefined): string {
  return keptFrom ? `_Kept from the results measured ${keptFrom}: not re-measured by \`--only\` this time._\n\n` : '';
}

function runsNote(s: BenchSection<unknown>, runs: number): string {
  if (s.status !== 'ok') return '';
  return keptNote(s.keptFrom) + (s.runs !== undefined && s.runs !== runs && !s.keptFrom ? `_Median of ${s.runs} run${s.runs === 1 ? '' : 's'} only (not ${runs}): the run was stopped early._\n\n` : '');
}

function section<T>(title: string, s: BenchSection<T>, body: (report: T) => string, runs: number): string {
  return `### ${title}\n\n${s.status === 'ok' ? runsNote(s, runs) + body(s.report) : notRun(s)}`;
}

function pipelinesSection(r: BenchResults): string {
  const { terrain, buildings, lifelines, sources } = r.pipelines;
  return `## Pipelines

All absolute, on this machine's CPU (Node ${r.machine.node}).

${section('Terrain (`npm run bench:terrain`)', terrain, (t) => table(['build time', 'CPU time', 'tiles', 'bytes', 'leaf max error', 'leaf RMS error'], [[`${num(n(t, 'buildSeconds'), 1)} s`, `${num(n(t, 'buildCpuSeconds'), 1)} s`, num(n(t, 'tiles')), mib(n(t, 'bytes')), `${num(n(t, 'leaf', 'maxErrorM'), 2)} m`, `${num(n(t, 'leaf', 'rmsErrorM'), 2)} m`]]), r.runs)}

${section('Buildings (`npm run bench:buildings`)', buildings, (b) =>
  table(
    ['buildings', 'input', 'buildings/s', 'bytes/building (raw, gzip)', 'peak RSS', 'tiles'],
    ((get(b, 'results') as unknown[]) ?? []).map((x) => [num(n(x, 'buildings')), n(x, 'size') === 12_000 ? 'sample district (if present)' : 'synthetic', num(n(x, 'buildingsPerSecond')), `${num(n(x, 'bytesPerBuilding'))} B, ${num(n(x, 'gzipBytesPerBuilding'))} B`, `${num(n(x, 'peakRssMB'))} MB`, num(n(x, 'tiles'))]),
  ),
  r.runs,
)}

${section('Lifelines (`npm run bench:lifelines`)', lifelines, (l) =>
  table(
    ['input', 'segments', 'km', 'build time', 'segments/s', 'bytes/km (raw, gzip)', 'peak RSS'],
    ((get(l, 'results') as unknown[]) ?? []).map((x) => [String(get(x, 'input') ?? dash), num(n(x, 'segments')), num(n(x, 'km'), 1), `${num(n(x, 'seconds'), 1)} s`, num(n(x, 'segmentsPerSecond')), `${num(n(x, 'bytesPerKm'))} B, ${num(n(x, 'gzipBytesPerKm'))} B`, `${num(n(x, 'peakRssMB'))} MB`]),
  ),
  r.runs,
)}

${sources ? section('Reading hand-over files (`npm run bench:sources`)', sources, (s) =>
  `${num(n(s, 'size'))} synthetic footprints written three ways (GDAL's ogr2ogr makes the Shapefile and GeoPackage; not timed) and read to the last feature through \`readFootprints\`: container, CRS (proj4), field mapping. Target: ≥ ${num(n(s, 'targetFeaturesPerSecond'))} projected features/s.\n\n${table(
    ['input', 'features', 'read time', 'features/s', 'file bytes', 'target'],
    ((get(s, 'results') as unknown[]) ?? []).map((x) => [String(get(x, 'input') ?? dash), num(n(x, 'features')), `${num(n(x, 'seconds'), 2)} s`, num(n(x, 'featuresPerSecond')), mib(n(x, 'bytes')), get(x, 'meetsTarget') === null ? 'baseline' : get(x, 'meetsTarget') ? '**met**' : '**not met**']),
  )}`,
  r.runs,
) : ''}`;
}

function apiSection(r: BenchResults): string {
  return `## Archive API (\`npm run bench:api\`)

${
  r.api.status === 'ok'
    ? `${runsNote(r.api, r.runs)}Absolute: autocannon on loopback, ${num(n(r.api.report, 'connections'))} connections × ${num(n(r.api.report, 'durationSeconds'))} s per scenario, ${num(n(r.api.report, 'buildings'))} buildings; the server shares the 2 cores with autocannon. \`/api/grades\` for the whole district: ${num(n(r.api.report, 'gradesGzipBytes'))} bytes gzipped.

${table(
  ['scenario', 'requests/s', 'p50', 'p99', 'non-2xx', 'errors'],
  ((get(r.api.report, 'results') as unknown[]) ?? []).map((x) => [String(get(x, 'scenario')), num(n(x, 'requestsPerSecond')), ms(n(x, 'latencyMs', 'p50')), ms(n(x, 'latencyMs', 'p99')), num(n(x, 'non2xx')), num(n(x, 'errors'))]),
)}`
    : notRun(r.api)
}`;
}

export function renderBenchmarksMarkdown(r: BenchResults): string {
  const m = r.machine;
  return `# Benchmarks

<!-- Generated by \`npm run bench\` (bench/run-all.ts) from bench/results.json: do not edit by hand. -->

${r.mode === 'smoke' ? '**Smoke run: small sizes, one run. These figures only show that the benchmark code works; they are not results.**\n\n' : ''}${r.collected ? `Collected ${r.date} with \`${r.command}\` from the runs kept in bench/results/full/, measured between ${r.collected.measuredFrom} and ${r.collected.measuredTo}` : `Measured ${r.date} with \`${r.command}\``}. Every figure is the **median of ${r.runs} run${r.runs === 1 ? '' : 's'}** unless its section says it has fewer (a run stopped for lack of time); load averages are those when the page was rendered, each bench's own report in bench/results/full/ has the ones during its runs.

Machine: ${m.cpu}, ${m.cores} cores, ${num(m.memoryGB, 1)} GB RAM; ${r.collected ? 'load averages: see each bench\'s report (collected results have none of their own).' : `load average ${m.loadAverage.join(' / ')} (1/5/15 min) at the start and ${m.loadAverageAtEnd.join(' / ')} at the end.`} The load average counts the benchmark's own browser (software WebGL keeps every core busy: about ${m.cores} is the bench alone); a higher figure means other work shared the machine, and each bench's report in bench/results/full/ has the load averages during its own runs. Absolute figures are therefore noisy; ours and the naive page ran alternately in the same minutes, so their ratios are fairer than their absolute values. Node ${m.node}, Chromium ${m.chromium ?? dash} (headless), CesiumJS ${m.cesium}. WebGL is **${m.webgl}**: absolute frame rates and load times are far below a real GPU's.

**Ratios** (naive ÷ ours, ours ÷ naive) are the figures to compare; **absolute** figures (ms, fps, bytes, requests/s) hold for this machine only. Byte counts do not depend on the machine.

${viewerSection(r)}

${streamingSection(r)}

${pipelinesSection(r)}

${apiSection(r)}

## Repeating

\`npm run bench\` runs everything (viewer side by side, streaming, terrain, buildings at 12k/100k/1M, reading 100k hand-over footprints (Shapefile, GeoPackage, GeoJSON), lifelines when \`bench:lifelines\` exists, API) ${r.runs} times where a bench measures one run per invocation, writes \`bench/results.json\` and regenerates this page. \`npm run bench -- --resume\` continues a stopped full run, \`-- --collect\` renders from the runs already measured. \`npm run bench -- --smoke\` runs small sizes once and writes to \`bench/results/smoke/\` (git-ignored), leaving the committed results alone.
`;
}
