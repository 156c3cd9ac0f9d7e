/** zh-CN ⇄ English. */
import { useTranslation } from 'react-i18next';
import type { LanguageCode } from '../state/url-state.ts';

export function LanguageSwitch({ language, onChange }: { language: LanguageCode; onChange(language: LanguageCode): void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="language-switch" aria-label={t('language.label')} onClick={() => onChange(language === 'en' ? 'zh-CN' : 'en')}>
      {t('language.switchTo')}
    </button>
  );
}
