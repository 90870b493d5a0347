import type { Language } from '../i18n';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A short local date and time, e.g. "2025-03-04 14:05" (zh) or "4 Mar 2025, 14:05" (en). */
export const formatDateTime = (iso: string | null | undefined, lang: Language): string => {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  let f = formatters.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', hour12: false });
    formatters.set(lang, f);
  }
  return f.format(d);
};

/** A person or group name in the interface language: `nameZh` in Chinese when present. */
export const localName = (x: { name: string; nameZh?: string }, lang: Language): string =>
  lang === 'zh-CN' && x.nameZh ? x.nameZh : x.name;
