/**
 * `npm run bench:viewer [-- --runs 3] [--timeout 600] [--flight 10] [--clicks 20] [--naive-buildings N] [--viewport 1280x720] [--street-only] [--analysis-repeats 3] [--analysis-only] [--out file]`
 *
 * Our viewer against the usual way (the same buildings as GeoJSON entities, see
 * page/naive.html), in the same headless Chromium (SwiftShader software WebGL) on
 * the same server, alternating ours and naive run by run; then the analysis tools'
 * answer after the last click and one building's sun hours (analysis-run.ts;
 * `--analysis-only` skips the comparison). Writes every run and the medians to
 * bench/results/viewer.json. Not a test: figures vary with the machine.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { Cartographic, Math as CesiumMath } from 'cesium';
import { PROJECT_ROOT } from '../../scripts/project-root.ts';
import { OPENING_VIEW } from '../../src/viewer/scene/opening-view.ts';
import { launchChromium } from '../../tests/e2e/chromium.ts';
import { machineInfo } from '../machine.ts';
import { runAnalysisBench, type AnalysisBench } from './analysis-run.ts';
import { startBenchServer } from './bench-server.ts';
import { type CameraStop, runViewer, type ViewerRun } from './viewer-run.ts';
import { compareViewers } from './viewer-summary.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    timeout: { type: 'string', default: '600' },
    flight: { type: 'string', default: '10' },
    clicks: { type: 'string', default: '20' },
    'naive-buildings': { type: 'string' },
    viewport: { type: 'string', default: '1280x720' },
    // Smoke runs: open both pages at the street-level view (few tiles) and load nothing else.
    'street-only': { type: 'boolean', default: false },
    'analysis-repeats': { type: 'string', default: '3' },
    'analysis-only': { type: 'boolean', default: false },
    out: { type: 'string', default: join(PROJECT_ROOT, 'bench', 'results', 'viewer.json') },
  },
});
const runs = Number(values.runs);
const timeoutMs = Number(values.timeout) * 1000;
if (![runs, timeoutMs, Number(values.flight), Number(values.clicks)].every((n) => Number.isFinite(n) && n > 0)) {
  console.error('--runs, --timeout, --flight and --clicks must be positive numbers');
  process.exit(2);
}

const rad = (r: number) => Math.round(CesiumMath.toDegrees(r) * 1e6) / 1e6;
const opening = Cartographic.fromCartesian(OPENING_VIEW.destination);
const openingView: CameraStop = [rad(opening.longitude), rad(opening.latitude), Math.round(opening.height), rad(OPENING_VIEW.orientation.heading), rad(OPENING_VIEW.orientation.pitch)];
// Jiefangbei from 180 m south, 35° down: the close view of tests/e2e/viewer.e2e.ts.
const streetView: CameraStop = [106.572584, 29.560129, 393.2, 0, -35];
// From the opening view across the peninsula to above Jiefangbei.
const flightPath: CameraStop[] = [openingView, [106.562, 29.532, 2400, -15, -30], [106.574, 29.548, 1100, 10, -35]];
const subset = values['naive-buildings'];
const [width, height] = values.viewport!.split('x').map(Number) as [number, number];
const streetOnly = values['street-only']!;

function writeReport(): void {
  const report = {
    date: new Date().toISOString(),
    command: `npm run bench:viewer -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine: { ...machineBefore, loadAverageAfter: machineInfo().loadAverage, chromium: browser.version(), webgl: 'SwiftShader (software)' },
    settings: { runs, readyTimeoutMs: timeoutMs, flightMs: Number(values.flight) * 1000, clicks: Number(values.clicks), viewport: `${width}×${height}`, streetOnly, naiveBuildings: subset ? Number(subset) : 'all', openingView, streetView, flightPath },
    summary: all.length ? compareViewers(all, timeoutMs) : null,
    runs: all,
    analysis,
  };
  mkdirSync(dirname(values.out!), { recursive: true });
  writeFileSync(values.out!, `${JSON.stringify(report, null, 2)}\n`);
  if (report.summary) console.log(`load ratio ${report.summary.loadRatio}${report.summary.loadRatioIsLowerBound ? ' (lower bound)' : ''}, fps ratio ${report.summary.fpsRatio} → ${values.out}`);
}

const machineBefore = machineInfo();
const server = await startBenchServer({ root: PROJECT_ROOT });
const browser = await launchChromium();
const all: ViewerRun[] = [];
let analysis: AnalysisBench | null = null;
try {
  for (let i = 0; i < (values['analysis-only'] ? 0 : runs); i++) {
    for (const kind of ['ours', 'naive'] as const) {
      console.log(`— run ${i + 1}/${runs}: ${kind} …`);
      const run = await runViewer(browser, {
        baseUrl: server.baseUrl,
        kind,
        openingView: streetOnly ? streetView : openingView,
        openingByUrl: streetOnly,
        street: !streetOnly,
        streetView,
        viewport: { width, height },
        flightPath,
        flightMs: Number(values.flight) * 1000,
        clicks: Number(values.clicks),
        readyTimeoutMs: timeoutMs,
        naiveBuildingsUrl: subset ? `/bench/buildings-subset.geojson?limit=${Number(subset)}` : undefined,
      }, (m) => console.log(`  ${kind}: ${m}`));
      const clickMs = run.clicks.map((c) => c.ms);
      console.log(
        `  opening ${run.opening.timedOut ? `timed out (> ${timeoutMs / 1000} s)` : `${run.opening.loadMs} ms`}, ${run.opening.streaming.requests} requests, ${Math.round(run.opening.streaming.bytes / 1024)} KiB; ` +
          `street ${run.street.timedOut ? 'timed out' : `${run.street.loadMs} ms`}; fps ${run.flight?.fps.toFixed(2) ?? '—'}; ` +
          `pick ${clickMs.length ? `${Math.min(...clickMs).toFixed(1)}–${Math.max(...clickMs).toFixed(1)} ms` : '—'} (${run.clicks.filter((c) => c.code === c.expected).length}/${run.clicks.length} identified)`,
      );
      all.push(run);
      // After every run, so a run stopped part-way still leaves what it measured.
      writeReport();
    }
  }
  console.log('— analysis tools …');
  analysis = await runAnalysisBench(browser, server.baseUrl, Number(values['analysis-repeats']), (m) => console.log(`  ${m}`));
  writeReport();
} finally {
  await browser.close();
  await server.close();
}
