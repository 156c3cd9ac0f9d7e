/**
 * One wording for "this input file cannot be opened", shared by every reader and
 * command (terrain, basemap, buildings, lifelines, archive import), so a missing or
 * unreadable file is a sentence naming the file, the cause and the fix (zh-CN /
 * English) instead of a raw ENOENT stack. Pure: takes the error Node threw.
 */

/** What a file-system error code means, and what to do about it. */
const CAUSES: Record<string, { zh: string; en: string }> = {
  ENOENT: { zh: '文件不存在，请检查路径（相对路径以当前目录为准）', en: 'the file does not exist: check the path (relative paths start from the current folder)' },
  EACCES: { zh: '没有读取权限，请检查文件权限', en: 'permission denied: check the file permissions' },
  EPERM: { zh: '没有读取权限，请检查文件权限', en: 'permission denied: check the file permissions' },
  EISDIR: { zh: '这是一个文件夹，请给出其中的文件', en: 'this is a folder: give the file inside it' },
  ENOTDIR: { zh: '路径中的某一级不是文件夹，请检查路径', en: 'a part of the path is not a folder: check the path' },
  EMFILE: { zh: '打开的文件过多，请稍后重试', en: 'too many open files: try again' },
};

/** The error's code (ENOENT, EACCES, …), or null when it is not a file-system error. */
export function fileErrorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/**
 * `<file>: 无法读取<what> (ENOENT: …) / cannot read the <what> (ENOENT: …): <fix>`.
 * `what` names the file's role, e.g. `{ zh: '建筑轮廓', en: 'footprints' }`.
 */
export function describeReadError(file: string, error: unknown, what: { zh: string; en: string }, hint?: { zh: string; en: string }): string {
  const code = fileErrorCode(error);
  const cause = code ? CAUSES[code] : undefined;
  const raw = error instanceof Error ? error.message : String(error);
  const zh = cause ? `${cause.zh}（${code}）` : `（${raw}）`;
  const en = cause ? `${cause.en} (${code})` : `(${raw})`;
  const more = hint ? { zh: `；${hint.zh}`, en: `; ${hint.en}` } : { zh: '', en: '' };
  return `${file}: 无法读取${what.zh}：${zh}${more.zh} / cannot read the ${what.en}: ${en}${more.en}`;
}
