/**
 * `npm run archive:import -- <file.csv|file.xlsx>`: validate and import a hazard-archive
 * table into the archive database (ARCHIVE_DB, default var/archive.sqlite). All rows or
 * none; the same file twice changes nothing. Problems are listed by row and column.
 *
 *   --buildings <buildings.geojson> [--areas <areas.geojson>]   import/refresh the building registry first
 *   --source <folder>     registry + archive.csv from a folder laid out like var/source/
 *   --lifelines <lifelines.geojson>   replace the pipe segments and their proximity to the buildings
 *   --allow-shrink        go ahead although the import would leave more than 10 % fewer stored items
 *                         or more than 10 % of the file's features were rejected (src/core/import-shrink.ts);
 *                         a file with nothing valid is refused even then
 *   --db <file>           database file (overrides ARCHIVE_DB)
 *   --encoding utf-8|gbk|gb18030   the CSV's encoding; default: detected (BOM or valid UTF-8 → UTF-8,
 *                         else GB18030); one that would garble the text is refused
 *   --mapping <file.json> field mapping (src/sources/README.md, "Field mapping"): the table's column names and values
 *                         → ours, over the built-in Chinese names (房屋编号, 鉴定日期, 安全等级 …)
 */
import { parseArgs } from 'node:util';
import { archiveDbPath } from '../src/archive/config.ts';
import { importArchiveFile, importRegistryFiles, importSourceFolder } from '../src/archive/import/archive-importer.ts';
import { TABLE_ENCODINGS, type TableEncoding } from '../src/sources/archive-table-reader.ts';
import { formatProblems } from '../src/sources/import-problem.ts';
import { readFieldMappingFile } from '../src/sources/field-mapping/read-mapping-file.ts';
import { importLifelinesFile } from '../src/archive/lifelines/lifeline-file-import.ts';
import { SqliteArchiveStore } from '../src/archive/store/sqlite/sqlite-archive-store.ts';
import { PROJECT_ROOT } from './project-root.ts';

const USAGE = `用法 / usage: npm run archive:import -- <archive.csv|archive.xlsx> [--buildings buildings.geojson [--areas areas.geojson]] [--encoding utf-8|gbk|gb18030] [--mapping mapping.json] [--db file]
       npm run archive:import -- --source var/source [--db file]
       npm run archive:import -- --lifelines var/source/lifelines.geojson [--allow-shrink] [--db file]`;

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: { lifelines: { type: 'string' }, buildings: { type: 'string' }, areas: { type: 'string' }, source: { type: 'string' }, db: { type: 'string' }, encoding: { type: 'string' }, mapping: { type: 'string' }, 'allow-shrink': { type: 'boolean' }, help: { type: 'boolean' } },
  });
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}
const file = args.positionals[0];
if (args.values.help || (!file && !args.values.source && !args.values.buildings && !args.values.lifelines)) {
  console.log(USAGE);
  process.exit(args.values.help ? 0 : 2);
}

const encodingArg = args.values.encoding?.toLowerCase();
if (encodingArg !== undefined && !(TABLE_ENCODINGS as readonly string[]).includes(encodingArg)) {
  console.error(`--encoding ${args.values.encoding}: 只支持 ${TABLE_ENCODINGS.join('、')} / must be one of ${TABLE_ENCODINGS.join(', ')}\n${USAGE}`);
  process.exit(2);
}
const encoding = encodingArg as TableEncoding | undefined;

let mapping = null;
if (args.values.mapping !== undefined) {
  const read = await readFieldMappingFile(args.values.mapping);
  if (!read.ok) {
    console.error(`字段映射文件有误，数据库未改动 / the field mapping file is wrong, the database is unchanged:\n${read.problems.map((p) => `${p.message}${p.fix ? `；修改办法 / fix: ${p.fix}` : ''}`).join('\n')}`);
    process.exit(2);
  }
  mapping = read.value;
}

const dbPath = args.values.db ?? archiveDbPath(PROJECT_ROOT);
const allowShrink = args.values['allow-shrink'] ?? false;
const store = new SqliteArchiveStore({ path: dbPath });
const progress = (done: number, total: number) => console.log(`导入中 / importing ${done}/${total}`);
const fail = (what: string, text: string): never => {
  console.error(`导入失败，数据库未改动 / import failed, the database is unchanged (${what}):\n${text}`);
  process.exit(1);
};

try {
  console.log(`数据库 / database: ${dbPath}`);
  if (args.values.source) {
    const result = await importSourceFolder(store, args.values.source, { onProgress: progress, allowShrink });
    if (!result.ok) fail(result.error.file, formatProblems(result.error.problems));
    else console.log(JSON.stringify(result.value));
  }
  if (args.values.buildings) {
    const result = await importRegistryFiles(store, args.values.buildings, args.values.areas ?? null, { allowShrink });
    if (!result.ok) fail(args.values.buildings, formatProblems(result.error));
    else console.log(`楼栋名录 / registry: ${JSON.stringify(result.value)}`);
  }
  if (file) {
    const result = await importArchiveFile(store, file, { onProgress: progress, allowShrink, encoding, mapping });
    if (!result.ok) fail(file, formatProblems(result.error));
    else {
      const s = result.value;
      console.log(
        `完成 / done: ${s.rows} 行 rows, 新增鉴定 ${s.appraisalsAdded} appraisals added, 方案变更 ${s.plansChanged} plans changed, 等级变化 ${s.gradesChanged} grades changed, 未变 ${s.unchanged} unchanged (version ${s.version})`,
      );
    }
  }
  if (args.values.lifelines) {
    const result = await importLifelinesFile(store, args.values.lifelines, { allowShrink });
    if (!result.ok) fail(args.values.lifelines, result.error);
    else {
      const s = result.value;
      console.log(`管线 / lifelines: ${s.segments} segments, ${s.pairs} pipe–building pairs ≤ ${s.maxDistanceM} m, ${s.problems.length} skipped (${s.seconds.toFixed(1)} s)`);
      console.log(`  写锁 / write lock: longest ${s.lock.longestMs} ms, swap ${s.lock.swapMs} ms, ${s.lock.transactions} transactions (proximity computed unlocked in ${s.computeSeconds.toFixed(1)} s)`);
      for (const p of s.problems.slice(0, 20)) console.log(`  跳过 / skipped ${p.message}`);
    }
  }
} finally {
  await store.close();
}
