import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildLifelinesTileset } from '../../../src/pipeline/lifelines/build-lifelines-tileset.ts';
import { parseLifelinesArgs, runLifelinesCommand } from '../../../src/pipeline/lifelines/lifelines-command.ts';
import { densifyLine, placePipe } from '../../../src/pipeline/lifelines/pipe-placement.ts';
import { createPipeValidator } from '../../../src/sources/pipe-validator.ts';
import { createSyntheticNetwork } from '../../../src/sample/synthetic/synthetic-network.ts';
import { tempDir } from '../buildings/fixtures.ts';

const defaults = { input: 'in.geojson', dem: 'dem.tif', out: 'out' };

describe('the lifelines command', () => {
  const dir = tempDir('lifelines-cmd');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parses its options and explains bad ones', () => {
    expect(parseLifelinesArgs(['--exaggeration', '5', '--sides', '8'], defaults)).toMatchObject({ exaggeration: 5, sides: 8, input: 'in.geojson' });
    expect(parseLifelinesArgs(['--exaggeration', '0'], defaults)).toMatch(/--exaggeration must be a number from 1 to 50/);
    expect(parseLifelinesArgs(['--nope'], defaults)).toMatch(/usage/);
  });

  it('returns errors as values for a missing DEM or input', async () => {
    const missingDem = await runLifelinesCommand({ input: 'x.geojson', dem: join(dir, 'none.tif'), out: join(dir, 'o'), log: () => {} });
    expect(missingDem).toMatchObject({ ok: false });
    expect(!missingDem.ok && missingDem.error).toMatch(/cannot read the DEM/);
  });

  it('with --strict stops at the first bad segment: no tiles, only the report of why', async () => {
    const network = createSyntheticNetwork({ count: 40 });
    const features = [...network.features()];
    features[3] = { ...features[3]!, properties: { ...features[3]!.properties, condition: 'broken' } };
    const out = join(dir, 'strict');
    const result = await buildLifelinesTileset({ features, grid: network.grid, outDir: out, workers: 0, strict: true });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/condition/);
    expect(readdirSync(out)).toEqual(['report.json']);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { failed: boolean; problems: { reason: string }[] };
    expect(report).toMatchObject({ failed: true, problems: [{ reason: 'bad-attribute' }] });
    expect(existsSync(join(out, 'tileset.json'))).toBe(false);
    expect(readdirSync(dir, { recursive: true }).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('reads invert elevations instead of a depth, and exaggerates the radius downwards', () => {
    const network = createSyntheticNetwork({ count: 6 });
    const raw = [...network.features()][0]!;
    const props = { ...raw.properties, depth_m: undefined, invert_start_m: 200, invert_end_m: 198, diameter_mm: 400 };
    const checked = createPipeValidator().validate({ ...raw, properties: props });
    if (!checked.ok) throw new Error(checked.problem.message);
    const placed = placePipe(network.grid, checked.pipe, { radiusExaggeration: 3 });
    if (!placed.ok) throw new Error(placed.problem.message);
    const line = placed.pipe.centreLines[0]!;
    // Top of the bore at the first point: invert + 0.4 m; the drawn tube (r = 0.6 m) hangs below it.
    expect(line[2]! + 0.6).toBeCloseTo(200.4, 6);
    expect(line[line.length - 1]! + 0.6).toBeCloseTo(198.4, 6);
  });

  it('densifies a line so no step exceeds the DEM spacing', () => {
    const d = densifyLine(Float64Array.from([106.55, 29.55, 106.551, 29.55]), 10);
    expect(d.length / 2).toBe(11); // ~97 m in 10 steps
  });
});
