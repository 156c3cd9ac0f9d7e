/**
 * The `archive` build step of `npm start`: imports the sample's building registry and
 * hazard archive into the archive database when the database is missing or a source
 * file is newer. Inspector writes make the database newer than its sources, so a
 * restart never re-imports over them. With `ARCHIVE_DEMO_USERS=1` it also creates
 * the demo accounts (printing their random passwords once).
 *
 * An import the archive refuses (a source file with nothing valid in it, or pipes that
 * would shrink the stored network by more than 10 %: core/import-shrink.ts) fails the
 * step with the refusal, so `npm start` stops before serving instead of serving an
 * archive that silently lost its pipes. Nothing is written and the database keeps its
 * old mtime, so the next start checks the file again. `ARCHIVE_ALLOW_SHRINK=1` is the
 * build step's `--allow-shrink`.
 */
import { existsSync, utimesSync } from 'node:fs';
import { archiveDbPath } from '../../archive/config.ts';
import type { BuildStep } from '../build-steps.ts';
import { planSources, type SourcePlan } from '../source-plan.ts';
import { readSettingsOf } from './feature-tiles-step.ts';

export interface ArchiveStepPaths {
  root: string;
  sourceData: string;
}

export function archiveImportStep(paths: ArchiveStepPaths, env: NodeJS.ProcessEnv = process.env, sources: SourcePlan = planSources(paths.sourceData)): BuildStep {
  const dbPath = archiveDbPath(paths.root, env);
  const demoUsers = env.ARCHIVE_DEMO_USERS === '1' || env.ARCHIVE_DEMO_USERS === 'true';
  const allowShrink = env.ARCHIVE_ALLOW_SHRINK === '1' || env.ARCHIVE_ALLOW_SHRINK === 'true';
  const refused = (text: string) =>
    new Error(text.includes('--allow-shrink') ? `${text}\n（npm start 时可设 ARCHIVE_ALLOW_SHRINK=1 代替 --allow-shrink / for npm start, ARCHIVE_ALLOW_SHRINK=1 stands for --allow-shrink）` : text);
  // Pipes are optional: a source folder without them imports the archive alone. Asked
  // when the step is checked and run, not when the plan is made: on a fresh machine the
  // sample step that writes lifelines.geojson runs after the plan is made.
  const { buildings, archive, areas, lifelines } = sources.files;
  const lifelinesPath = lifelines?.path ?? null;
  const withLifelines = () => lifelinesPath !== null && existsSync(lifelinesPath);
  return {
    name: 'archive',
    title: '导入房屋安全档案 / archive import',
    get inputs() {
      return [buildings!.path, ...(archive ? [archive.path] : []), ...(areas ? [areas.path] : []), ...(withLifelines() ? [lifelinesPath!] : [])];
    },
    outputs: [dbPath],
    async run(progress) {
      // Loaded here, not at the top: planning the build must not need the native SQLite module.
      const [{ SqliteArchiveStore }, { importSourceFiles }, { formatProblems }, { createDemoUsers }, { importLifelinesFile }] = await Promise.all([
        import('../../archive/store/sqlite/sqlite-archive-store.ts'),
        import('../../archive/import/archive-importer.ts'),
        import('../../sources/import-problem.ts'),
        import('../../archive/auth/demo-users.ts'),
        import('../../archive/lifelines/lifeline-file-import.ts'),
      ]);
      const store = new SqliteArchiveStore({ path: dbPath });
      try {
        const result = await importSourceFiles(store, { buildings: buildings!, archive, areas }, {
          progressEvery: 5000,
          onProgress: (done, total) => progress(`${done}/${total}`),
          allowShrink,
        });
        if (!result.ok) throw refused(`${result.error.file}:\n${formatProblems(result.error.problems)}`);
        const { registry, archive: table } = result.value;
        const tableLine = table ? `档案 ${table.rows} rows (+${table.appraisalsAdded} appraisals, ~${table.plansChanged} plans)` : '无档案表 / no archive table in the hand-over';
        progress(`楼栋 ${registry.buildings} buildings (+${registry.added}, ~${registry.changed}); ${tableLine}`);
        // Pipes and their proximity to the buildings just imported (risk queries, /api/stats).
        if (withLifelines()) {
          const imported = await importLifelinesFile(store, lifelinesPath!, { allowShrink, read: readSettingsOf(lifelines!) });
          if (!imported.ok) throw refused(`${lifelinesPath}:\n${imported.error}`);
          const l = imported.value;
          progress(`管线 ${l.segments} lifeline segments, ${l.pairs} pipe–building pairs ≤ ${l.maxDistanceM} m, ${l.problems.length} skipped`);
        }
        if (demoUsers) {
          for (const u of await createDemoUsers(store)) {
            progress(`演示账号 / demo user ${u.name} (${u.role}) 密码 password: ${u.password}  ← 仅显示一次 / shown once`);
          }
        }
      } catch (error) {
        // The registry may have been written before the pipes were refused, making the database newer than
        // its sources: date it back so the next start checks the refused file again instead of counting as fresh.
        await store.close();
        if (existsSync(dbPath)) utimesSync(dbPath, new Date(), new Date(0));
        throw error;
      } finally {
        await store.close();
      }
      // An import that changed nothing leaves the file's mtime alone; touch it so the step counts as fresh.
      const now = new Date();
      utimesSync(dbPath, now, now);
    },
  };
}
