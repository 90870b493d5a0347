import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isLanguage, languageFromLocales, resources, type Language } from '../i18n';

const STORAGE_KEY = 'firstline.language';

const remembered = (): Language | null => {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
};

/** The agent's chosen language, else the OS/browser locale (zh* → zh-CN, else English). */
export const initialLanguage = (): Language =>
  remembered() ?? languageFromLocales(typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? []), navigator.language]);

const applyToDocument = (lang: Language): void => {
  document.documentElement.lang = lang;
};

/** Starts i18next once, before the first render. */
export const setUpI18n = async (): Promise<void> => {
  const lng = initialLanguage();
  await i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  applyToDocument(lng);
};

/** Switches the interface language and remembers the choice on this workstation. */
export const switchLanguage = async (lang: Language): Promise<void> => {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Storage may be unavailable (private mode); the switch still applies to this session.
  }
  await i18next.changeLanguage(lang);
  applyToDocument(lang);
};
