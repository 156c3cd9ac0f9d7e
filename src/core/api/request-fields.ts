/** Request fields several routes share: a building code in the path, a calendar day in a body. */
import { z } from 'zod';
import { BUILDING_CODE_PATTERN } from '../building-code.ts';
import { isIsoDay } from '../calendar-day.ts';

const DATE_MESSAGE = '日期应为 YYYY-MM-DD 格式的真实日期 / date must be a real date as YYYY-MM-DD';

/** A real calendar day as YYYY-MM-DD: the format check, then the calendar (no 2026-02-30). */
export const IsoDaySchema = z.iso.date({ message: DATE_MESSAGE }).refine(isIsoDay, { message: DATE_MESSAGE });

/** `:code` of the `/buildings/:code…` routes. */
export const CodeParamsSchema = z.object({
  code: z.string().regex(BUILDING_CODE_PATTERN, { message: '楼栋编码格式应为 YZ-00001 / building code must look like YZ-00001' }),
});
