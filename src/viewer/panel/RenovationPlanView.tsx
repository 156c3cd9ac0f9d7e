/** The building's renovation plan (一楼一策): measures, status, schedule, budget, funding, unit, key project. */
import { useTranslation } from 'react-i18next';
import type { RenovationPlanBody } from '../api/archive-client.ts';
import { vocab } from '../i18n/vocabulary.ts';

export function RenovationPlanView({ plan }: { plan: RenovationPlanBody | null }) {
  const { t, i18n } = useTranslation();
  if (!plan) return <p className="muted">{t('panel.noPlan')}</p>;
  const lang = i18n.language;
  return (
    <dl className="facts plan">
      <dt>{t('panel.measures')}</dt>
      <dd>
        <ul className="chips">
          {plan.measures.map((m) => (
            <li key={m}>{vocab('measure', m, lang)}</li>
          ))}
        </ul>
      </dd>
      <dt>{t('panel.status')}</dt>
      <dd>
        <span className={`plan-status plan-status-${plan.status}`}>{vocab('status', plan.status, lang)}</span>
      </dd>
      <dt>{t('panel.schedule')}</dt>
      <dd>
        {plan.start} – {plan.end}
      </dd>
      <dt>{t('panel.budget')}</dt>
      <dd>{t('panel.budgetValue', { value: plan.budgetWan.toLocaleString(lang) })}</dd>
      <dt>{t('panel.funding')}</dt>
      <dd>{plan.funding.map((f) => vocab('funding', f, lang)).join('、')}</dd>
      <dt>{t('panel.unit')}</dt>
      <dd>{plan.unit}</dd>
      <dt>{t('panel.keyProject')}</dt>
      <dd>{plan.keyProject ?? t('panel.none')}</dd>
    </dl>
  );
}
