/**
 * The wall's KPI panels around the map: buildings by grade, C/D by renewal area and
 * plan progress on the left; inspections this month and lifeline risk on the right.
 * Lifelines are drawn only when the archive reports them, otherwise the panel says so.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveStats } from '../../core/archive-stats.ts';
import { EChart } from './EChart.tsx';
import { areasChart, type ChartText, gradesChart, lifelinesChart, plansChart } from './kpi-charts.ts';
import { useScreenFont } from './use-screen-font.ts';

function Panel({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section className="screen-panel" data-panel={id}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function KpiPanels({ stats, language }: { stats: ArchiveStats | null; language: string }) {
  const { t } = useTranslation();
  const fontPx = useScreenFont();
  const text = useMemo<ChartText>(
    () => ({ language, fontPx, labels: { c: t('grade.C'), d: t('grade.D'), buildings: t('screen.buildings'), segments: t('screen.segments') } }),
    [language, fontPx, t],
  );
  const charts = useMemo(
    () =>
      stats && {
        grades: gradesChart(stats, text),
        areas: areasChart(stats, text),
        plans: plansChart(stats, text),
        lifelines: stats.lifelines?.segments ? lifelinesChart(stats.lifelines, text) : null,
      },
    [stats, text],
  );

  if (!stats || !charts) {
    return (
      <div className="screen-side screen-left">
        <Panel id="loading" title={t('screen.loading')}>
          <p className="screen-note">{t('screen.waitingForArchive')}</p>
        </Panel>
      </div>
    );
  }
  const fmt = (n: number) => n.toLocaleString(language);
  return (
    <>
      <div className="screen-side screen-left">
        <Panel id="grades" title={t('screen.byGrade', { count: stats.buildings, total: fmt(stats.buildings) })}>
          <EChart option={charts.grades} label={t('screen.byGradeLabel')} />
        </Panel>
        <Panel id="areas" title={t('screen.cdByArea')}>
          <EChart option={charts.areas} label={t('screen.cdByArea')} />
        </Panel>
      </div>
      <div className="screen-side screen-right">
        <Panel id="inspections" title={t('screen.inspectionsThisMonth', { month: stats.month })}>
          <p className="screen-big-number" data-value={stats.inspectionsThisMonth}>
            {fmt(stats.inspectionsThisMonth)}
          </p>
        </Panel>
        <Panel id="plans" title={t('screen.plansByStatus')}>
          <EChart option={charts.plans} label={t('screen.plansByStatus')} />
        </Panel>
        <Panel id="lifelines" title={t('screen.lifelineRisk')}>
          {charts.lifelines && stats.lifelines ? (
            <>
              <p className="screen-note" data-value={stats.lifelines.total}>
                {t('screen.lifelineRiskTotal', { total: fmt(stats.lifelines.total), segments: fmt(stats.lifelines.segments) })}
              </p>
              <EChart option={charts.lifelines} label={t('screen.lifelineRisk')} />
            </>
          ) : (
            <p className="screen-note screen-no-data">{t('screen.noLifelines')}</p>
          )}
        </Panel>
      </div>
    </>
  );
}
