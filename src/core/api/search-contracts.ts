/** `GET /api/buildings?q=…`: the query string the search accepts and the page it answers. */
import { z } from 'zod';
import { BUILDING_USES, STRUCTURES } from '../building.ts';
import { SAFETY_GRADES } from '../grades.ts';
import { BuildingSummarySchema } from './dossier-contracts.ts';

const boolText = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const year = z.coerce.number().int().min(1800).max(2100);

export const SearchQuerySchema = z
  .object({
    q: z.string().max(100).optional().describe('code, address, name or community (Chinese text); words are ANDed'),
    grade: z.enum([...SAFETY_GRADES, 'none']).optional().describe('current grade; none = not appraised'),
    use: z.enum(BUILDING_USES).optional(),
    structure: z.enum(STRUCTURES).optional(),
    year_from: year.optional(),
    year_to: year.optional(),
    area: z.string().max(100).optional().describe('renewal area or old-community id'),
    heritage: boolText.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    page_size: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type SearchQuery = z.infer<typeof SearchQuerySchema>;

export const SearchPageSchema = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(BuildingSummarySchema),
});
export type SearchPage = z.infer<typeof SearchPageSchema>;
