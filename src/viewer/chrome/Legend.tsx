/** The grade legend, colours from src/core/grades.ts: the same as the map and the badges. */
import { useTranslation } from 'react-i18next';
import { gradeInfo, SAFETY_GRADES } from '../../core/grades.ts';
import { NEUTRAL_BUILDING_CSS } from '../layers/building-colouring.ts';

export function Legend({ overlayOn }: { overlayOn: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="legend panel-box" aria-label={t('legend.title')}>
      <h4>{t('legend.title')}</h4>
      {overlayOn ? (
        <ul>
          {[...SAFETY_GRADES, null].map((g) => (
            <li key={g ?? 'none'}>
              <span className="swatch" style={{ background: gradeInfo(g).color }} />
              {t(`grade.${g ?? 'none'}`)}
            </li>
          ))}
        </ul>
      ) : (
        <p>
          <span className="swatch" style={{ background: NEUTRAL_BUILDING_CSS }} />
          {t('legend.neutral')}
        </p>
      )}
    </div>
  );
}
