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

const timeFormatters = new Map<string, Intl.DateTimeFormat>();

/** A time of day with seconds, e.g. "14:05:07" (both languages). */
export const formatTimeOfDay = (iso: string | null | undefined, lang: Language): string => {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  let f = timeFormatters.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
    timeFormatters.set(lang, f);
  }
  return f.format(d);
};

/** A person or group name in the interface language: `nameZh` in Chinese when present. */
export const localName = (x: { name: string; nameZh?: string }, lang: Language): string =>
  lang === 'zh-CN' && x.nameZh ? x.nameZh : x.name;

/** A running duration as a clock: "0:07", "12:30", "1:02:03" (negative counts as zero). */
export const formatDuration = (ms: number): string => {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
};
