/**
 * The side panel of the selected building: its dossier from the archive (name,
 * address, code, grade badge with appraisal date and agency, hazards, history,
 * renovation plan, static attributes), a three.js close-up, and — for a logged-in
 * inspector — the form to record an inspection. If the archive is down it says so;
 * the 3D view around it keeps working.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { gradeInfo, type SafetyGrade } from '../../core/grades.ts';
import { ArchiveError, type Dossier, fetchDossier, fetchSession, logOut, type SessionUser } from '../api/archive-client.ts';
import { footprintOf } from '../api/footprints.ts';
import { vocab } from '../i18n/vocabulary.ts';
import { BuildingCloseUp } from './BuildingCloseUp.tsx';
import { GradeBadge } from './GradeBadge.tsx';
import { hazardPins } from './hazard-pins.ts';
import { InspectionForm } from './InspectionForm.tsx';
import { InspectionTimeline } from './InspectionTimeline.tsx';
import { LoginForm } from './LoginForm.tsx';
import { RenovationPlanView } from './RenovationPlanView.tsx';

export interface DossierPanelProps {
  code: string;
  /** Bumped when the archive reports a change to this building: reload the dossier. */
  refresh?: number;
  onClose(): void;
  /** This viewer recorded a grade change: recolour at once, before the feed echoes it. */
  onGradeRecorded(code: string, grade: SafetyGrade): void;
}

type Load = { state: 'loading' } | { state: 'ok'; dossier: Dossier } | { state: 'unavailable' } | { state: 'not-found' };

const CAN_INSPECT = new Set(['inspector', 'admin']);

export function DossierPanel({ code, refresh: liveRefresh = 0, onClose, onGradeRecorded }: DossierPanelProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [reload, setReload] = useState(0);
  const [user, setUser] = useState<SessionUser | null>(null);
  const [footprint, setFootprint] = useState<Array<[number, number]> | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    setLoad((l) => (l.state === 'ok' && l.dossier.building.code === code ? l : { state: 'loading' }));
    fetchDossier(code, abort.signal)
      .then((dossier) => setLoad({ state: 'ok', dossier }))
      .catch((e: unknown) => {
        if (abort.signal.aborted) return;
        setLoad(e instanceof ArchiveError && e.status === 404 ? { state: 'not-found' } : { state: 'unavailable' });
      });
    return () => abort.abort();
  }, [code, reload, liveRefresh]);

  useEffect(() => {
    fetchSession().then(setUser, () => setUser(null));
  }, []);

  useEffect(() => {
    let live = true;
    setFootprint(null);
    footprintOf(code).then(
      (ring) => live && setFootprint(ring),
      (e: unknown) => console.warn('轮廓未加载 / footprint not loaded', e),
    );
    return () => {
      live = false;
    };
  }, [code]);

  const refresh = useCallback(() => setReload((n) => n + 1), []);
  const dossier = load.state === 'ok' ? load.dossier : null;
  const pins = useMemo(
    () =>
      dossier
        ? hazardPins(
            dossier.hazards,
            [...dossier.appraisals, ...dossier.inspections.map((i) => ({ ...i, date: `${i.date}T${i.recordedAt}` }))],
            dossier.building.floors,
          )
        : [],
    [dossier],
  );

  return (
    <aside className="dossier-panel" aria-label={code} data-code={code} data-state={load.state}>
      <button type="button" className="panel-close" onClick={onClose} aria-label={t('panel.close')}>
        ×
      </button>
      {load.state === 'loading' && <p className="muted">{t('panel.loading')}</p>}
      {load.state === 'unavailable' && (
        <div className="panel-error" role="alert">
          <h2 className="dossier-code">{code}</h2>
          <p>{t('panel.unavailable')}</p>
        </div>
      )}
      {load.state === 'not-found' && (
        <p className="panel-error" role="alert">
          {t('panel.notFound', { code })}
        </p>
      )}
      {dossier && (
        <>
          <header>
            <h2 className="dossier-name">{dossier.building.name ?? t('panel.unnamed')}</h2>
            <p className="dossier-address">{dossier.building.address}</p>
            <p>
              {t('panel.code')}: <code className="dossier-code">{dossier.building.code}</code>
              {dossier.building.community && (
                <>
                  {' · '}
                  {t('panel.community')}: {dossier.building.community}
                </>
              )}
            </p>
          </header>

          <section className="grade-section">
            <GradeBadge grade={dossier.grade} />
            {dossier.appraisals[0] ? (
              <dl className="facts">
                <dt>{t('panel.appraisalDate')}</dt>
                <dd className="appraisal-date">{newestAppraisal(dossier).date}</dd>
                <dt>{t('panel.agency')}</dt>
                <dd>{newestAppraisal(dossier).agency}</dd>
              </dl>
            ) : (
              <p className="muted">{t('panel.notAppraised')}</p>
            )}
          </section>

          <section>
            <h3>{t('panel.hazards')}</h3>
            {dossier.hazards.length === 0 ? (
              <p className="muted">{t('panel.noHazards')}</p>
            ) : (
              <ul className="chips hazards">
                {dossier.hazards.map((h) => (
                  <li key={h}>{vocab('hazard', h, lang)}</li>
                ))}
              </ul>
            )}
          </section>

          <section>
            <h3>{t('panel.closeUp')}</h3>
            <BuildingCloseUp
              footprint={footprint}
              floors={dossier.building.floors}
              height={dossier.building.height}
              colour={gradeInfo(dossier.grade).color}
              pins={pins}
              vocabulary={(h) => vocab('hazard', h, lang)}
            />
          </section>

          <section>
            <h3>{t('panel.plan')}</h3>
            <RenovationPlanView plan={dossier.plan} />
          </section>

          <section>
            <h3>{t('panel.history')}</h3>
            <InspectionTimeline appraisals={dossier.appraisals} inspections={dossier.inspections} />
          </section>

          <section>
            <h3>{t('panel.attributes')}</h3>
            <dl className="facts">
              <dt>{t('panel.floors')}</dt>
              <dd>{t('panel.floorsValue', { count: dossier.building.floors })}</dd>
              <dt>{t('panel.height')}</dt>
              <dd>{t('panel.heightValue', { value: dossier.building.height.toFixed(1) })}</dd>
              <dt>{t('panel.yearBuilt')}</dt>
              <dd>{dossier.building.yearBuilt}</dd>
              <dt>{t('panel.structure')}</dt>
              <dd>{vocab('structure', dossier.building.structure, lang)}</dd>
              <dt>{t('panel.use')}</dt>
              <dd>{vocab('use', dossier.building.use, lang)}</dd>
              <dt>{t('panel.heritage')}</dt>
              <dd>{dossier.building.heritage ? t('filters.yes') : t('filters.no')}</dd>
              {dossier.areas.length > 0 && (
                <>
                  <dt>{t('panel.areas')}</dt>
                  <dd>{dossier.areas.map((a) => (lang === 'en' ? a.nameEn : a.name)).join('、')}</dd>
                </>
              )}
            </dl>
          </section>

          <section className="inspect-section">
            <h3>{t('inspect.title')}</h3>
            {user === null ? (
              <LoginForm onLoggedIn={setUser} />
            ) : (
              <>
                <p className="muted">
                  {t('inspect.loggedInAs', { name: user.name, role: t(`role.${user.role}`) })}{' '}
                  <button type="button" className="link" onClick={() => void logOut().finally(() => setUser(null))}>
                    {t('inspect.logOut')}
                  </button>
                </p>
                {CAN_INSPECT.has(user.role) ? (
                  <InspectionForm
                    code={dossier.building.code}
                    version={dossier.version}
                    onSaved={(grade) => {
                      if (grade) onGradeRecorded(dossier.building.code, grade);
                      refresh();
                    }}
                    onStale={refresh}
                  />
                ) : (
                  <p className="muted">{t('inspect.notAllowed')}</p>
                )}
              </>
            )}
          </section>
        </>
      )}
    </aside>
  );
}

function newestAppraisal(dossier: Dossier) {
  return [...dossier.appraisals].sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id)[0]!;
}
