/** The archive header under our column names: built-in Chinese names, a mapping file, what is missing, unmapped or doubled. */
import { describe, expect, it } from 'vitest';
import { ARCHIVE_COLUMNS } from '../../../src/core/archive-record.ts';
import { mapArchiveHeader } from '../../../src/sources/field-mapping/archive-header.ts';

describe('mapArchiveHeader', () => {
  it('our own names map to themselves: the English header is unchanged', () => {
    const m = mapArchiveHeader(ARCHIVE_COLUMNS);
    expect(m.header).toEqual([...ARCHIVE_COLUMNS]);
    expect(m.missing).toEqual([]);
    expect(m.columns.every((c) => c.by === 'ours')).toBe(true);
  });

  it('Chinese names, with missing, unmapped, ignored and doubled columns reported', () => {
    const m = mapArchiveHeader(['房屋编号', '鉴定日期', '鉴定单位', '安全等级', '备注', 'code', '序号'], { archive: { ignore: ['序号'] } });
    expect(m.header).toEqual(['code', 'appraisal_date', 'appraisal_agency', 'grade', '备注']);
    expect(m.unmapped).toEqual(['备注']);
    expect(m.missing).toEqual(ARCHIVE_COLUMNS.filter((c) => !['code', 'appraisal_date', 'appraisal_agency', 'grade'].includes(c)));
    expect(m.conflicts).toEqual([{ to: 'code', winner: 'code', others: ['房屋编号'] }]);
    expect(m.columns.at(-1)).toEqual({ from: '序号', to: null, by: null, ignored: true });
  });
});
