/** The page follows the view's language: i18next switches, the title and `<html lang>` follow. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { LanguageCode } from '../state/url-state.ts';

export function usePageLanguage(lang: LanguageCode): void {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    document.title = `${t('app.title')} · ${t('app.subtitle')}`;
    document.documentElement.lang = i18n.language;
  }, [t, i18n.language]);
  useEffect(() => {
    if (i18n.language !== lang) void i18n.changeLanguage(lang);
  }, [i18n, lang]);
}
