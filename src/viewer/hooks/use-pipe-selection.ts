/**
 * The picked pipe and its risk (the archive's /api/lifelines/:id, refetched when
 * grades change: a pipe's risk depends on the buildings near it).
 */
import { useEffect, useState } from 'react';
import { DEFAULT_RISK_PARAMS, type PipeRisk, type RiskParams } from '../../core/lifelines.ts';
import { fetchPipeRisk } from '../api/lifelines-client.ts';
import type { PipeFeatureProperties } from '../layers/lifeline-styling.ts';

export interface PipeSelection {
  pipe: PipeFeatureProperties | null;
  setPipe(pipe: PipeFeatureProperties | null): void;
  risk: PipeRisk | null;
  riskError: string | null;
}

/** `gradesVersion` moves when grades change; `params` default DEFAULT_RISK_PARAMS. */
export function usePipeSelection(gradesVersion: number, params: RiskParams = DEFAULT_RISK_PARAMS): PipeSelection {
  const [pipe, setPipe] = useState<PipeFeatureProperties | null>(null);
  const [risk, setRisk] = useState<PipeRisk | null>(null);
  const [riskError, setRiskError] = useState<string | null>(null);
  const { ageYears, distanceM } = params;
  useEffect(() => {
    setRisk(null);
    setRiskError(null);
    if (!pipe) return;
    const abort = new AbortController();
    fetchPipeRisk(pipe.id, { ageYears, distanceM }, abort.signal).then(setRisk, (e: unknown) => {
      if (!abort.signal.aborted) setRiskError(e instanceof Error ? e.message : String(e));
    });
    return () => abort.abort();
  }, [pipe, gradesVersion, ageYears, distanceM]);
  return { pipe, setPipe, risk, riskError };
}
