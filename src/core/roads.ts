/** Streets of the footprint source (`roads.geojson`). */
import { z } from 'zod';

export const ROAD_CLASSES = ['arterial', 'secondary', 'local', 'stairway'] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

export const ROAD_CLASS_INFO: Record<RoadClass, { zh: string; en: string; widthM: number }> = {
  arterial: { zh: '主干道', en: 'Arterial road', widthM: 24 },
  secondary: { zh: '次干道', en: 'Secondary road', widthM: 14 },
  local: { zh: '支路', en: 'Local street', widthM: 8 },
  stairway: { zh: '梯道', en: 'Stairway', widthM: 3 },
};

export const RoadPropertiesSchema = z.object({
  id: z.string().min(1),
  class: z.enum(ROAD_CLASSES),
  name: z.string().min(1),
  width_m: z.number().positive(),
});
export type RoadProperties = z.infer<typeof RoadPropertiesSchema>;
