/**
 * The side panel of a selected pipe segment, like a building's dossier: its
 * attributes from the picked tile feature (shown at once), its age, condition and
 * risk, and the buildings it runs under or near with their current grade (from
 * /api/lifelines/:id, given in as `risk`). Also the list of pipes near a selected
 * building, for the building's panel. Props in, no global state.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { gradeInfo, type GradeOrUnappraised } from '../../core/grades.ts';
import { DEFAULT_RISK_DISTANCE_M, DEFAULT_RISK_PARAMS, isPoorCondition, NETWORK_INFO, pipeAgeYears, type BuildingPipes, type PipeRisk, type RiskParams } from '../../core/lifelines.ts';
import { fetchBuildingPipes } from '../api/lifelines-client.ts';
import { networkColourCss, RISK_HIGHLIGHT_CSS, type PipeFeatureProperties } from '../layers/lifeline-styling.ts';

const NS = 'lifelines';

export interface PipePanelProps {
  /** The picked feature's properties. */
  pipe: PipeFeatureProperties;
  /** The risk answer for this pipe, null while loading. */
  risk: PipeRisk | null;
  /** Why the risk could not be loaded (archive down, no lifelines imported). */
  riskError?: string | null;
  onClose(): void;
  /** A nearby building was chosen (select it and fly there). */
  onSelectBuilding?(code: string): void;
  now?: Date;
}

function GradeChip({ grade }: { grade: GradeOrUnappraised }) {
  const { t } = useTranslation(NS);
  const info = gradeInfo(grade);
  return (
    <span className="grade-chip" data-grade={grade ?? 'none'} style={{ background: info.color, color: grade === 'B' || grade === null ? '#1f2937' : '#fff' }}>
      {grade ? t('grade', { grade }) : t('ungraded')}
    </span>
  );
}

export function PipePanel({ pipe, risk, riskError, onClose, onSelectBuilding, now }: PipePanelProps) {
  const { t, i18n } = useTranslation(NS);
  const zh = i18n.language !== 'en';
  const info = NETWORK_INFO[pipe.network];
  const age = pipeAgeYears(pipe.install_year, now);
  const segment = risk && risk.segment.id === pipe.id ? risk.segment : null;
  const rows: [string, string][] = [
    [t('id'), pipe.id],
    [t('network'), zh ? info.zh : info.en],
    [t('diameter'), `DN ${pipe.diameter_mm}`],
    [t('depth'), pipe.depth_m !== null ? t('metres', { value: pipe.depth_m.toFixed(2) }) : t('depthInvert')],
    [t('material'), pipe.material],
    [t('installYear'), String(pipe.install_year)],
    [t('age'), t('ageValue', { count: age })],
    [t('condition'), t(`conditions.${pipe.condition}`)],
    ...(pipe.pressure ? [[t('pressure'), pipe.pressure] as [string, string]] : []),
    ...(pipe.length_m ? [[t('length'), t('metres', { value: pipe.length_m.toFixed(1) })] as [string, string]] : []),
  ];
  return (
    <aside className="dossier-panel pipe-panel" aria-label={t('pipe')} data-pipe-id={pipe.id}>
      <header>
        <h2>
          <span className="swatch" style={{ background: networkColourCss(pipe.network) }} aria-hidden="true" /> {t('pipe')} {pipe.id}
        </h2>
        <button type="button" className="panel-close" onClick={onClose} aria-label={t('close')}>×</button>
      </header>
      {segment && (
        <p className="pipe-risk" data-at-risk={segment.atRisk} style={segment.atRisk ? { borderColor: RISK_HIGHLIGHT_CSS } : undefined}>
          <strong>{segment.atRisk ? t('atRisk') : t('notAtRisk')}</strong>
          {segment.old && <span> · {t('old', { years: risk!.ageYears })}</span>}
          {isPoorCondition(pipe.condition) && <span> · {t('poor')}</span>}
        </p>
      )}
      <dl className="pipe-attributes">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <section>
        <h3>{t('nearby', { distance: risk?.distanceM ?? DEFAULT_RISK_DISTANCE_M })}</h3>
        {riskError ? (
          <p className="muted">{t('riskUnavailable', { message: riskError })}</p>
        ) : !segment ? (
          <p className="muted">{t('loading')}</p>
        ) : risk!.buildings.length === 0 ? (
          <p>{t('noneNearby')}</p>
        ) : (
          <ul className="nearby-buildings">
            {risk!.buildings.map((b) => (
              <li key={b.code} data-code={b.code}>
                <button type="button" className="link" onClick={() => onSelectBuilding?.(b.code)}>
                  {b.name ?? b.address} <small>{b.code}</small>
                </button>{' '}
                <GradeChip grade={b.grade} /> {b.under ? t('under') : t('metres', { value: b.distanceM.toFixed(1) })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </aside>
  );
}

export interface BuildingPipesListProps {
  pipes: BuildingPipes | null;
  error?: string | null;
  onSelectPipe?(id: string): void;
}

/** The pipes within the risk distance of a building, nearest first, at-risk ones marked. */
export function BuildingPipesList({ pipes, error, onSelectPipe }: BuildingPipesListProps) {
  const { t, i18n } = useTranslation(NS);
  const zh = i18n.language !== 'en';
  if (error) return <p className="muted">{t('riskUnavailable', { message: error })}</p>;
  if (!pipes) return <p className="muted">{t('loading')}</p>;
  return (
    <section className="building-pipes">
      <h3>{t('nearbyPipes', { distance: pipes.distanceM })}</h3>
      {pipes.pipes.length === 0 ? (
        <p>{t('noneNearby')}</p>
      ) : (
        <ul>
          {pipes.pipes.map((p) => (
            <li key={p.id} data-pipe-id={p.id} data-at-risk={p.atRisk}>
              <span className="swatch" style={{ background: networkColourCss(p.network) }} aria-hidden="true" />{' '}
              <button type="button" className="link" onClick={() => onSelectPipe?.(p.id)}>
                {zh ? NETWORK_INFO[p.network].zh : NETWORK_INFO[p.network].en} {p.id}
              </button>{' '}
              DN {p.diameterMm} · {p.installYear} · {t(`conditions.${p.condition}`)} · {p.under ? t('under') : t('metres', { value: p.distanceM.toFixed(1) })}
              {p.atRisk && <strong style={{ color: RISK_HIGHLIGHT_CSS }}> · {t('atRisk')}</strong>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export interface BuildingPipesSectionProps {
  code: string;
  params?: RiskParams;
  /** Bump to refetch (e.g. when the building's grade changed). */
  refresh?: number;
  onSelectPipe?(id: string): void;
}

/** BuildingPipesList with its own fetch of /api/buildings/:code/lifelines, for next to the dossier. */
export function BuildingPipesSection({ code, params = DEFAULT_RISK_PARAMS, refresh = 0, onSelectPipe }: BuildingPipesSectionProps) {
  const [pipes, setPipes] = useState<BuildingPipes | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { ageYears, distanceM } = params;
  useEffect(() => {
    const abort = new AbortController();
    setPipes(null);
    setError(null);
    fetchBuildingPipes(code, { ageYears, distanceM }, abort.signal).then(setPipes, (e: unknown) => {
      if (!abort.signal.aborted) setError(e instanceof Error ? e.message : String(e));
    });
    return () => abort.abort();
  }, [code, ageYears, distanceM, refresh]);
  return <BuildingPipesList pipes={pipes} error={error} onSelectPipe={onSelectPipe} />;
}
