import { describe, expect, it } from 'vitest';
import { isAfterDay, isIsoDay, shanghaiDay } from '../../src/core/calendar-day.ts';

describe('calendar days', () => {
  it('isIsoDay accepts real days as YYYY-MM-DD only', () => {
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2023-02-29')).toBe(false);
    expect(isIsoDay('2026-02-30')).toBe(false);
    expect(isIsoDay('2026-1-05')).toBe(false);
    expect(isIsoDay('2026-01-05T00:00:00Z')).toBe(false);
  });

  it('today is the Asia/Shanghai day, and later days are after it', () => {
    expect(shanghaiDay(new Date('2026-03-01T17:30:00Z'))).toBe('2026-03-02');
    expect(isAfterDay('2026-03-03', '2026-03-02')).toBe(true);
    expect(isAfterDay('2026-03-02', '2026-03-02')).toBe(false);
  });
});
