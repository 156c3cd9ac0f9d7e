/**
 * `npm run bench -- --smoke` end to end, so the benchmark code cannot rot: every
 * bench runs once at small sizes (the viewer side by side against a 300-building
 * naive page), the results and the page are written under bench/results/smoke/, and
 * the committed bench/results.json is left alone. Figures are not checked (they are
 * not results), their presence and shape are.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchResults } from '../../bench/bench-results.ts';

const root = process.cwd();
const committed = join(root, 'bench', 'results.json');
const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : null);

let running: number | undefined;

function npmRunBenchSmoke(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    // Its own process group, so a timed-out run and its browser can be stopped as a whole.
    const child = spawn('npm', ['run', '--silent', 'bench', '--', '--smoke'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running = child.pid;
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('close', (code) => {
      running = undefined;
      resolve({ code, output });
    });
  });
}

afterAll(() => {
  if (running) process.kill(-running, 'SIGTERM');
});

describe('npm run bench -- --smoke', () => {
  it('runs every benchmark once and renders the page without touching the committed results', { timeout: 600_000 }, async () => {
    const before = read(committed);
    const { code, output } = await npmRunBenchSmoke();
    expect(code, output.slice(-4000)).toBe(0);
    expect(read(committed)).toBe(before);

    const results = JSON.parse(readFileSync(join(root, 'bench', 'results', 'smoke', 'results.json'), 'utf8')) as BenchResults;
    expect(results.mode).toBe('smoke');
    expect(results.runs).toBe(1);
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.machine.chromium).toMatch(/^\d+\./);
    if (results.viewer.status !== 'ok') throw new Error(`viewer bench ${results.viewer.status}: ${results.viewer.reason}`);
    expect(results.viewer.ours.opening.loadMs).toBeGreaterThan(0);
    expect(results.viewer.naive.opening.timedOutRuns + (results.viewer.naive.opening.loadMs ? 1 : 0)).toBeGreaterThan(0);
    expect(results.viewer.loadRatio).toBeGreaterThan(0);
    expect(results.viewer.fpsRatio).toBeGreaterThan(0);
    expect(results.viewer.ours.opening.bytes).toBeGreaterThan(0);
    expect(results.viewer.ours.street.requests).toBeGreaterThan(0);
    expect(results.viewer.ours.pick.identified).toBeGreaterThan(0);
    expect(results.viewer.ours.tilesetBytes).toBeGreaterThan(0);
    expect(results.viewer.naive.webglBufferBytes).toBeGreaterThan(0);
    // The analysis tools' answer after the last click, each tool, and one building's sun hours.
    const analysis = results.viewer.analysis!;
    expect(new Set(analysis.timings.map((t) => t.tool))).toEqual(new Set(['measure', 'sightline', 'flood', 'sun']));
    for (const t of analysis.timings) expect(t.medianMs).toBeGreaterThan(0);
    expect(analysis.sunHours?.points).toBeGreaterThan(0);
    for (const section of [results.pipelines.terrain, results.pipelines.buildings, results.api]) expect(section.status).toBe('ok');
    // Lifelines runs when its bench exists on the branch, else is skipped with the reason.
    const hasLifelines = 'bench:lifelines' in (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(results.pipelines.lifelines.status).toBe(hasLifelines ? 'ok' : 'skipped');

    const page = readFileSync(join(root, 'bench', 'results', 'smoke', 'BENCHMARKS.md'), 'utf8');
    expect(page).toContain('Smoke run');
    expect(page).toContain('SwiftShader');
  });
});
