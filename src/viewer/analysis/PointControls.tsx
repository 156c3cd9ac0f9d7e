/** Undo the last point and clear all: the drawing tools' shared buttons. */
import { useTranslation } from 'react-i18next';
import { ANALYSIS_NS } from './analysis-tools.ts';
import type { ToolPoint } from './analysis-url-state.ts';

export function PointControls({ points, onPoints }: { points: readonly ToolPoint[]; onPoints(points: readonly ToolPoint[]): void }) {
  const { t } = useTranslation(ANALYSIS_NS);
  return (
    <>
      <button type="button" disabled={points.length === 0} onClick={() => onPoints(points.slice(0, -1))}>
        {t('undo')}
      </button>
      <button type="button" disabled={points.length === 0} onClick={() => onPoints([])}>
        {t('clear')}
      </button>
    </>
  );
}
