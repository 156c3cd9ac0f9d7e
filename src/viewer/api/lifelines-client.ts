/** The archive's lifelines API (src/archive/api/lifeline-routes.ts), through the one HTTP client. */
import { DEFAULT_RISK_PARAMS, type BuildingPipes, type PipeRisk, type RiskList, type RiskParams } from '../../core/lifelines.ts';
import { requestJson } from './http-client.ts';

const query = (p: RiskParams) => `age=${encodeURIComponent(p.ageYears)}&distance=${encodeURIComponent(p.distanceM)}`;

export const fetchPipeRisk = (id: string, p: RiskParams = DEFAULT_RISK_PARAMS, signal?: AbortSignal) =>
  requestJson<PipeRisk>(`/api/lifelines/${encodeURIComponent(id)}?${query(p)}`, { signal });
export const fetchBuildingPipes = (code: string, p: RiskParams = DEFAULT_RISK_PARAMS, signal?: AbortSignal) =>
  requestJson<BuildingPipes>(`/api/buildings/${encodeURIComponent(code)}/lifelines?${query(p)}`, { signal });
export const fetchRiskIds = (p: RiskParams = DEFAULT_RISK_PARAMS, signal?: AbortSignal) =>
  requestJson<RiskList>(`/api/lifelines/risk?${query(p)}`, { signal });
