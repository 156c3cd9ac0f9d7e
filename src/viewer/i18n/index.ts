/** i18next set-up: zh-CN by default, English on request (`?lang=en`). */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function languageFromUrl(search: string): Language {
  const lang = new URLSearchParams(search).get('lang');
  return lang === 'en' ? 'en' : 'zh-CN';
}

export async function initI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'zh-CN',
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    interpolation: { escapeValue: false }, // React escapes already
  });
  return i18next;
}
