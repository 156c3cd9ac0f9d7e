/** Appraisals and inspections of one building as one timeline, newest first. */
import { useTranslation } from 'react-i18next';
import type { Appraisal, Inspection } from '../api/archive-client.ts';
import { vocab } from '../i18n/vocabulary.ts';

type Event =
  | { kind: 'appraisal'; date: string; key: string; item: Appraisal }
  | { kind: 'inspection'; date: string; key: string; item: Inspection };

export function InspectionTimeline({ appraisals, inspections }: { appraisals: Appraisal[]; inspections: Inspection[] }) {
  const { t, i18n } = useTranslation();
  // An inspection that changed the grade also made an appraisal: show it once, as the inspection.
  const events: Event[] = [
    ...appraisals.filter((a) => a.inspectionId === null).map((a) => ({ kind: 'appraisal' as const, date: a.date, key: `a${a.id}`, item: a })),
    ...inspections.map((i) => ({ kind: 'inspection' as const, date: i.date, key: `i${i.id}`, item: i })),
  ].sort((a, b) => b.date.localeCompare(a.date) || b.key.localeCompare(a.key));
  if (events.length === 0) return <p className="muted">{t('panel.noHistory')}</p>;
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.key} className={`timeline-${e.kind}`}>
          <time dateTime={e.date}>{e.date}</time>
          {e.kind === 'appraisal' ? (
            <div>
              <strong>{t('panel.appraisalEvent')}</strong> · {t(`grade.${e.item.grade}`)} · {e.item.agency}
              {e.item.hazards.length > 0 && <div className="muted">{e.item.hazards.map((h) => vocab('hazard', h, i18n.language)).join('、')}</div>}
            </div>
          ) : (
            <div>
              <strong>{t('panel.inspection')}</strong> · {t('panel.by', { name: e.item.inspector })}
              {e.item.gradeAfter && e.item.gradeAfter !== e.item.gradeBefore && (
                <> · {t('panel.gradeChange', { from: e.item.gradeBefore ?? t('grade.short.none'), to: e.item.gradeAfter })}</>
              )}
              <div>{e.item.findings}</div>
              {e.item.hazards.length > 0 && <div className="muted">{e.item.hazards.map((h) => vocab('hazard', h, i18n.language)).join('、')}</div>}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
