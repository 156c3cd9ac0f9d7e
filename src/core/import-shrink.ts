/**
 * When an import may not go ahead: the rule that stops a wrong file from wiping the
 * archive. Before it, an empty lifelines FeatureCollection (or one whose every feature
 * was rejected: `network: "steam"`, a `depth` column instead of `depth_m`) exited 0 and
 * took the store from 40,958 segments and 515,313 pipe–building pairs to none, and the big
 * screen then said "no risk anywhere"; 199 bad features of 200 replaced the network by one
 * segment. Pure (counts in, verdict out) so the CLI, the `npm start` build step and the
 * tests share one rule:
 *
 * 1. nothing valid in the file → always refused (no flag overrides it: fix the file);
 * 2. the stored set would shrink by more than {@link MAX_SHRINK_SHARE} (10 %) → refused;
 * 3. more than {@link MAX_REJECTED_SHARE} (10 %) of the file's features were rejected → refused.
 *
 * 2 and 3 give way to `--allow-shrink` (`ARCHIVE_ALLOW_SHRINK=1` for the build step). The
 * sample's own lifelines file rejects 0 of 40,958 features, and a re-import of the same
 * survey keeps the count, so neither limit is near an honest import.
 */

/** More than this share fewer stored items after the import is refused without `--allow-shrink`. */
export const MAX_SHRINK_SHARE = 0.1;
/** More than this share of the file's features rejected is refused without `--allow-shrink`. */
export const MAX_REJECTED_SHARE = 0.1;
/** How many rejection reasons a refusal quotes. */
export const REASONS_SHOWN = 5;

export interface ShrinkSubject {
  /** What is counted, zh-CN and English plural: 管段 / pipe segments. */
  zh: string;
  en: string;
  /** The command that overrides rules 2 and 3. */
  override: string;
}

export interface ShrinkCheck {
  /** Stored before the import. */
  stored: number;
  /** Stored after it, were it to go ahead. */
  remaining: number;
  /** Valid items in the file. */
  valid: number;
  /** Items in the file that were rejected. */
  rejected: number;
  /** The first reasons for rejections, each zh-CN / English. */
  reasons: readonly string[];
  allowShrink: boolean;
}

const pct = (share: number) => `${Number((share * 100).toFixed(1))} %`;
const n = (value: number) => value.toLocaleString('en-US');

/** null when the import may go ahead, else the refusal: zh-CN / English, with counts, first reasons and the way out. */
export function shrinkRefusal(subject: ShrinkSubject, check: ShrinkCheck): string | null {
  const { stored, remaining, valid, rejected } = check;
  const total = valid + rejected;
  const counts =
    `库中现有 ${n(stored)} 个${subject.zh}，导入后将剩 ${n(remaining)} 个；文件 ${n(total)} 个要素中 ${n(rejected)} 个被拒绝` +
    ` / the archive holds ${n(stored)} ${subject.en} and would keep ${n(remaining)}; ${n(rejected)} of the file's ${n(total)} features were rejected`;
  const reasons =
    check.reasons.length > 0
      ? `\n前几条拒绝原因 / first reasons:\n${check.reasons.slice(0, REASONS_SHOWN).map((r) => `  ${r}`).join('\n')}`
      : '';
  if (valid === 0) {
    return (
      `拒绝导入：文件中没有任何有效的${subject.zh}，数据库未改动；请修正文件后重试 / import refused: the file has no valid ${subject.en}, ` +
      `nothing was written; fix the file and run again.\n${counts}${reasons}`
    );
  }
  if (check.allowShrink) return null;
  const shrink = stored > 0 ? (stored - remaining) / stored : 0;
  const rejectedShare = total > 0 ? rejected / total : 0;
  const why: [zh: string, en: string][] = [];
  if (shrink > MAX_SHRINK_SHARE) why.push([`${subject.zh}将减少 ${pct(shrink)}（上限 ${pct(MAX_SHRINK_SHARE)}）`, `${pct(shrink)} fewer ${subject.en} (limit ${pct(MAX_SHRINK_SHARE)})`]);
  if (rejectedShare > MAX_REJECTED_SHARE) {
    why.push([`${pct(rejectedShare)} 的要素被拒绝（上限 ${pct(MAX_REJECTED_SHARE)}）`, `${pct(rejectedShare)} of the features rejected (limit ${pct(MAX_REJECTED_SHARE)})`]);
  }
  if (why.length === 0) return null;
  return (
    `拒绝导入，数据库未改动：${why.map((w) => w[0]).join('；')} / import refused, nothing was written: ${why.map((w) => w[1]).join('; ')}.\n` +
    `${counts}${reasons}\n` +
    `若确认文件无误、确实要缩减，请加 --allow-shrink 重新运行 / if the file is right and the smaller set is intended, run again with --allow-shrink: ${subject.override}`
  );
}
