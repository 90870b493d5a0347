import { en } from './en';
import { zhCN } from './zh-CN';

/** The interface languages. The first is the fallback. */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** i18next resources, one `translation` namespace per language. */
export const resources = {
  en: { translation: en },
  'zh-CN': { translation: zhCN },
} as const;

export const isLanguage = (v: unknown): v is Language => typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);

/** The language matching the OS/browser locale list: any zh* picks zh-CN, anything else English. */
export const languageFromLocales = (locales: readonly string[]): Language => {
  const first = locales.find((l) => l.trim() !== '');
  return first !== undefined && first.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
};

export type { Translation } from './types';
export { en, zhCN };
