/** Renovation plans (一楼一策: one plan per building) and their vocabulary. */

export const RENOVATION_MEASURES = [
  '危房改造',
  '抗震加固',
  '节能改造',
  '拆除重建',
  '修缮保护',
  '管线更新',
  '消除安全隐患',
  '加装电梯',
  '停车及充电设施',
  '一老一小服务设施',
  '闲置空间改造为创客/人才公寓',
  '外立面整治',
  '街区更新/后巷经济',
] as const;
export type RenovationMeasure = (typeof RENOVATION_MEASURES)[number];

export const MEASURE_EN: Record<RenovationMeasure, string> = {
  危房改造: 'Dangerous-building renovation',
  抗震加固: 'Seismic strengthening',
  节能改造: 'Energy upgrade',
  拆除重建: 'Demolish and rebuild',
  修缮保护: 'Heritage repair and protection',
  管线更新: 'Replace aged pipes',
  消除安全隐患: 'Remove safety hazards',
  加装电梯: 'Add lifts',
  停车及充电设施: 'Parking and EV charging',
  一老一小服务设施: 'Services for the elderly and children',
  '闲置空间改造为创客/人才公寓': 'Convert idle space to maker / talent apartments',
  外立面整治: 'Facade work',
  '街区更新/后巷经济': 'Street and block renewal / back-lane economy',
};

/** Heritage buildings are repaired, never demolished (老城不能再拆). */
export const FORBIDDEN_FOR_HERITAGE: readonly RenovationMeasure[] = ['拆除重建'];

export const PLAN_STATUSES = ['待评估', '已立项', '设计中', '施工中', '已完成'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_EN: Record<PlanStatus, string> = {
  待评估: 'To assess',
  已立项: 'Approved',
  设计中: 'In design',
  施工中: 'Under construction',
  已完成: 'Done',
};

export const FUNDING_SOURCES = ['财政', '社会资本', '居民出资', '专项债'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export const FUNDING_EN: Record<FundingSource, string> = {
  财政: 'Public finance',
  社会资本: 'Private capital',
  居民出资: 'Residents',
  专项债: 'Special bonds',
};
