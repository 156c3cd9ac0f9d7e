/**
 * The `sources` step of `npm start` / `npm run build` for a district's hand-over
 * (issue 17): `npm run sources:check`'s reading of every file, before any tile or the
 * database is touched. A hand-over with problems — files in different CRSs, features
 * off the DEM, a file nothing of which passes — stops the build here, with every
 * problem named, and the previous tiles and database stay as they were. What it found
 * is kept in `var/handover-check.json` (the fresh-check's output; rewritten when a
 * hand-over file changes).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BuildStep } from '../build-steps.ts';
import type { ProjectPaths } from '../project-paths.ts';
import type { SourcePlan } from '../source-plan.ts';

export function handoverCheckStep(paths: ProjectPaths, sources: SourcePlan): BuildStep {
  const report = join(paths.root, 'var', 'handover-check.json');
  return {
    name: 'sources',
    title: '检查交付数据 / hand-over check',
    inputs: Object.values(sources.files).flatMap((f) => (f ? [f.path] : [])),
    outputs: [report],
    async run(progress) {
      const { checkHandover, formatHandoverCheck } = await import('../../sources/handover-check.ts');
      const check = await checkHandover(sources.folder);
      if (!check.ok) throw new Error(formatHandoverCheck(check));
      mkdirSync(dirname(report), { recursive: true });
      writeFileSync(report, `${JSON.stringify(check, null, 2)}\n`);
      progress(check.files.map((f) => `${f.role} ${f.info.format ?? ''} ${f.info.crs?.label ?? ''} ×${f.summary?.features ?? 0}`).join('; '));
    },
  };
}
