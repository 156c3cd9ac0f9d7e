/**
 * The archive table's header under our column names (ARCHIVE_COLUMNS): an Excel
 * export with 房屋编号, 鉴定日期, 安全等级 … (or a mapping file's names) is read as
 * code, appraisal_date, grade …, so the row validator and the XLSX sheet search
 * (archive-table-reader.ts) find their columns. The same names and ranks as the
 * feature mapper (name-resolver.ts); the cells themselves go through the mapper
 * (role `archive`) for grades, dates and lists. Which columns matched nothing and
 * which of ours are missing is reported, so a refusal can say "鉴定机构名称 is not
 * mapped" next to "appraisal_agency is missing".
 */
import { ARCHIVE_COLUMNS, type ArchiveColumn } from '../../core/archive-record.ts';
import type { FieldMappingFile } from './mapping-file.ts';
import { createNameResolver, type MappingSource } from './name-resolver.ts';

export interface ArchiveHeaderColumn {
  /** Their column name as in the file. */
  from: string;
  /** Our column, or null when unmapped (kept under its name) or ignored. */
  to: ArchiveColumn | null;
  by: MappingSource | null;
  ignored: boolean;
}

export interface ArchiveHeaderMapping {
  /** The header the row validator reads: our column for each mapped one (once), their name for the others. */
  header: string[];
  /** Each of their columns, in file order. */
  columns: ArchiveHeaderColumn[];
  /** Our columns none of theirs maps to. */
  missing: ArchiveColumn[];
  /** Their columns kept under their own name (not ignored). */
  unmapped: string[];
  /** Our columns several of theirs map to: the one read first where a row has values in both (field-mapper.ts rule 2), and the others. */
  conflicts: Array<{ to: ArchiveColumn; winner: string; others: string[] }>;
}

export function mapArchiveHeader(header: readonly string[], mapping?: FieldMappingFile | null): ArchiveHeaderMapping {
  const resolve = createNameResolver('archive', mapping);
  const columns: ArchiveHeaderColumn[] = [];
  const byOurs = new Map<ArchiveColumn, Array<{ from: string; rank: number }>>();
  for (const from of header) {
    const r = resolve(from);
    if (r.kind === 'mapped') {
      const to = r.ours as ArchiveColumn;
      columns.push({ from, to, by: r.by, ignored: false });
      const list = byOurs.get(to) ?? [];
      list.push({ from, rank: r.rank });
      byOurs.set(to, list);
    } else columns.push({ from, to: null, by: null, ignored: r.kind === 'ignored' });
  }
  const out: string[] = [];
  for (const c of columns) {
    const name = c.to ?? c.from;
    if (!c.ignored && !out.includes(name)) out.push(name);
  }
  const conflicts = [...byOurs]
    .filter(([, list]) => list.length > 1)
    .map(([to, list]) => {
      const sorted = [...list].sort((a, b) => a.rank - b.rank);
      return { to, winner: sorted[0]!.from, others: sorted.slice(1).map((c) => c.from) };
    });
  return {
    header: out,
    columns,
    missing: ARCHIVE_COLUMNS.filter((c) => !byOurs.has(c)),
    unmapped: columns.filter((c) => c.to === null && !c.ignored).map((c) => c.from),
    conflicts,
  };
}
