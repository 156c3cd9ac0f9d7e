/** City lifelines (城市生命线): utility networks and their pipe segments. */
import { z } from 'zod';

export const NETWORKS = ['water', 'storm', 'sewage', 'gas', 'power', 'telecom'] as const;
export type Network = (typeof NETWORKS)[number];

/** Colours follow the usual Chinese pipeline-map convention (CJJ 61). */
export const NETWORK_INFO: Record<Network, { zh: string; en: string; color: string }> = {
  water: { zh: '供水', en: 'Water supply', color: '#1f78ff' },
  storm: { zh: '雨水', en: 'Storm drainage', color: '#33c1c7' },
  sewage: { zh: '污水', en: 'Sewage', color: '#8a5a2b' },
  gas: { zh: '燃气', en: 'Gas', color: '#f5d800' },
  power: { zh: '供电', en: 'Power', color: '#e8412c' },
  telecom: { zh: '通信', en: 'Telecom', color: '#2bb24c' },
};

/** Networks that flow by gravity: their pipes must fall downhill. */
export const GRAVITY_NETWORKS: readonly Network[] = ['storm', 'sewage'];

export const PIPE_CONDITIONS = ['良好', '一般', '较差', '危险'] as const;
export type PipeCondition = (typeof PIPE_CONDITIONS)[number];
export const PIPE_CONDITION_EN: Record<PipeCondition, string> = {
  良好: 'Good',
  一般: 'Fair',
  较差: 'Poor',
  危险: 'Critical',
};

export const PRESSURE_CLASSES = ['低压', '中压', '次高压', '高压'] as const;
export type PressureClass = (typeof PRESSURE_CLASSES)[number];

export const LifelinePropertiesSchema = z.object({
  id: z.string().min(1),
  network: z.enum(NETWORKS),
  diameter_mm: z.number().positive().max(4000),
  depth_m: z.number().positive().max(30),
  material: z.string().min(1),
  install_year: z.number().int().min(1900).max(2100),
  condition: z.enum(PIPE_CONDITIONS),
  pressure: z.enum(PRESSURE_CLASSES).nullable(),
});
export type LifelineProperties = z.infer<typeof LifelinePropertiesSchema>;
