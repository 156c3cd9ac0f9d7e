/**
 * Finds the file of each role in a hand-over folder (issue 17): the ones its
 * `handover.json` names (src/core/handover.ts), else the sample's base name with any
 * extension the role accepts (`buildings.shp`, `buildings.gpkg`, `buildings.geojson` …,
 * in any letter case, as Windows tools write them). The build plan, the importers and
 * `npm run sources:check` all ask here, so they read the same files.
 *
 * Problems name the folder or file and what to do: a manifest that is not JSON or not
 * the schema (with the JSON path), a named file that is missing, a format a role does
 * not take, two candidates for one role (`buildings.geojson` and `buildings.shp`: which
 * one is meant is not ours to guess), a required role missing in a district's folder.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative } from 'node:path';
import { EXCHANGE_ROLES, HANDOVER_MANIFEST, HANDOVER_ROLES, type HandoverRole } from '../core/exchange-files.ts';
import { HandoverSchema, type FileReadSettings, type Handover, type SourceReadSettings } from '../core/handover.ts';
import type { Problem } from '../core/problem.ts';
import { failure, success, type Result } from '../core/result.ts';

export type HandoverProblemReason = 'manifest-not-json' | 'manifest-invalid' | 'missing-file' | 'wrong-format' | 'ambiguous' | 'missing-role' | 'no-folder';
export type HandoverProblem = Problem<HandoverProblemReason>;

/** One role's file and how to read it (the manifest's per-file settings over its defaults, and its mapping file). */
export interface HandoverFileEntry extends SourceReadSettings {
  role: HandoverRole;
  path: string;
  /** Named in `handover.json`, or found by its default name. */
  foundBy: 'manifest' | 'default-name';
}

export interface HandoverFolder {
  folder: string;
  /** The parsed `handover.json`, or null for a folder without one (the sample, or a district using our names). */
  manifest: Handover | null;
  /** The field mapping file, when the manifest names one (absolute). */
  mappingFile: string | null;
  /** Each role's file, or null when the folder has none. */
  files: Record<HandoverRole, HandoverFileEntry | null>;
}

function problem(reason: HandoverProblemReason, file: string, message: string, fix?: string): HandoverProblem {
  return { reason, file, message, ...(fix ? { fix } : {}) };
}

function readManifest(path: string): Result<Handover, HandoverProblem> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    return failure([
      problem('manifest-not-json', path, `${path}: 不是有效的 JSON / not valid JSON (${(error as Error).message})`, '用 UTF-8 保存并检查引号与逗号 / save it as UTF-8 and check quotes and commas (see README, "Bringing real data")'),
    ]);
  }
  const checked = HandoverSchema.safeParse(parsed);
  if (checked.success) return success(checked.data);
  return failure(
    checked.error.issues.map((issue) => {
      const at = issue.path.length > 0 ? issue.path.join('.') : '(根 / top level)';
      return problem('manifest-invalid', path, `${path} ${at}: ${issue.message}`, `按 README “Bringing real data” 中的格式改正 / fix it as described in the README, "Bringing real data" (roles: ${HANDOVER_ROLES.join(', ')})`);
    }),
  );
}

function settingsOf(defaults: FileReadSettings, own: FileReadSettings): Pick<HandoverFileEntry, 'crs' | 'datum' | 'encoding'> {
  const crs = own.crs ?? defaults.crs;
  const datum = own.datum ?? defaults.datum;
  const encoding = own.encoding ?? defaults.encoding;
  return { ...(crs ? { crs } : {}), ...(datum ? { datum } : {}), ...(encoding ? { encoding } : {}) };
}

/** The folder's files whose name is `<baseName><accepted extension>`, any letter case. */
function candidates(names: readonly string[], role: HandoverRole): string[] {
  const { baseName, extensions } = EXCHANGE_ROLES[role];
  return names.filter((name) => {
    const ext = extname(name).toLowerCase();
    return (extensions as readonly string[]).includes(ext) && name.slice(0, name.length - ext.length).toLowerCase() === baseName;
  });
}

export interface HandoverFolderOptions {
  /** Refuse a folder without the roles a build needs (DEM, buildings). Default: when it has a `handover.json`. */
  requireRoles?: boolean;
}

/** Reads `handover.json` (if any) and finds every role's file; every problem at once. */
export function readHandoverFolder(folder: string, options: HandoverFolderOptions = {}): Result<HandoverFolder, HandoverProblem> {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    return failure([problem('no-folder', folder, `${folder}: 交付文件夹不存在 / the hand-over folder does not exist`, '检查路径或 SOURCE_DATA 设置 / check the path or SOURCE_DATA')]);
  }
  const manifestPath = join(folder, HANDOVER_MANIFEST);
  let manifest: Handover | null = null;
  if (existsSync(manifestPath)) {
    const read = readManifest(manifestPath);
    if (!read.ok) return read;
    manifest = read.value;
  }
  const requireRoles = options.requireRoles ?? manifest !== null;
  const names = readdirSync(folder);
  const problems: HandoverProblem[] = [];
  const files = {} as Record<HandoverRole, HandoverFileEntry | null>;
  const defaults: FileReadSettings = manifest ?? {};
  for (const role of HANDOVER_ROLES) {
    const { what, extensions, required } = EXCHANGE_ROLES[role];
    files[role] = null;
    const named = manifest?.files?.[role];
    if (named !== undefined) {
      const entry = typeof named === 'string' ? { path: named } : named;
      const path = isAbsolute(entry.path) ? entry.path : join(folder, entry.path);
      const ext = extname(path).toLowerCase();
      if (!(extensions as readonly string[]).includes(ext)) {
        problems.push(problem('wrong-format', path, `${path}: ${what.zh}不支持 ${ext || '无扩展名'} 格式 / ${what.en} cannot be ${ext || 'a file without extension'}`, `可用格式 / accepted: ${extensions.join(', ')}`));
        continue;
      }
      if (!existsSync(path)) {
        problems.push(problem('missing-file', path, `${path}: handover.json 中的${what.zh}文件不存在 / the ${what.en} file named in handover.json does not exist`, `检查 files.${role} 的文件名 / check the name given as files.${role}`));
        continue;
      }
      files[role] = { role, path, ...('layer' in entry && entry.layer ? { layer: entry.layer } : {}), ...settingsOf(defaults, entry), foundBy: 'manifest' };
      continue;
    }
    const found = candidates(names, role);
    // The sample writes both archive.csv and archive.xlsx from the same rows: the CSV is read, as the importer always did.
    const pick = role === 'archive' && found.length === 2 && found.some((n) => extname(n).toLowerCase() === '.csv') && found.some((n) => extname(n).toLowerCase() === '.xlsx')
      ? found.filter((n) => extname(n).toLowerCase() === '.csv')
      : found;
    if (pick.length > 1) {
      problems.push(problem('ambiguous', folder, `${folder}: ${what.zh}有多个文件 ${pick.join('、')} / several ${what.en} files: ${pick.join(', ')}`, `在 handover.json 的 files.${role} 中指明用哪个，或移走其余的 / name the one to use as files.${role} in handover.json, or move the others away`));
      continue;
    }
    if (pick.length === 1) {
      files[role] = { role, path: join(folder, pick[0]!), ...settingsOf(defaults, {}), foundBy: 'default-name' };
      continue;
    }
    if (requireRoles && required) {
      problems.push(problem('missing-role', folder, `${folder}: 缺少${what.zh} / no ${what.en} file`, `放入 ${EXCHANGE_ROLES[role].baseName}${extensions[0]}（或 ${extensions.slice(1).join(', ')}），或在 handover.json 的 files.${role} 中写明文件名 / add ${EXCHANGE_ROLES[role].baseName}${extensions[0]} (or ${extensions.slice(1).join(', ')}), or name the file as files.${role} in handover.json`));
    }
  }
  const mappingFile = manifest?.mapping ? (isAbsolute(manifest.mapping) ? manifest.mapping : join(folder, manifest.mapping)) : null;
  if (mappingFile && !existsSync(mappingFile)) {
    problems.push(problem('missing-file', mappingFile, `${mappingFile}: handover.json 中的字段映射文件不存在 / the field mapping file named in handover.json does not exist`, '检查 mapping 的文件名 / check the name given as mapping'));
  }
  if (problems.length > 0) return failure(problems);
  if (mappingFile) {
    for (const entry of Object.values(files)) if (entry && entry.role !== 'dem') entry.mappingFile = mappingFile;
  }
  return success({ folder, manifest, mappingFile, files });
}

/** A path as shown in messages: relative to the folder when inside it. */
export function shownPath(folder: string, path: string): string {
  const rel = relative(folder, path);
  return rel.startsWith('..') ? path : rel;
}
