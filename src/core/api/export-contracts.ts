/** `GET /api/export?format=…`: csv and xlsx in the import format, geojson with grade and plan. */
import { z } from 'zod';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'geojson'] as const;

export const ExportQuerySchema = z.object({ format: z.enum(EXPORT_FORMATS).default('csv') });
