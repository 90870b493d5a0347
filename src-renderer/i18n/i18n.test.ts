import { describe, expect, it } from 'vitest';
import { languageFromLocales, resources, LANGUAGES } from './index';

/** Every leaf key of a nested resource object, as dotted paths, with its string. */
const leaves = (obj: object, prefix = ''): Map<string, string> => {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(path, v);
    else if (v !== null && typeof v === 'object') for (const [p, s] of leaves(v as object, path)) out.set(p, s);
    else throw new Error(`${path} is neither a string nor an object`);
  }
  return out;
};

const placeholders = (s: string): string[] => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();

describe('i18n resources', () => {
  const byLang = LANGUAGES.map((l) => [l, leaves(resources[l].translation)] as const);

  it('has the same keys in every language', () => {
    const [, base] = byLang[0]!;
    for (const [lang, keys] of byLang) {
      const missing = [...base.keys()].filter((k) => !keys.has(k));
      const extra = [...keys.keys()].filter((k) => !base.has(k));
      expect({ lang, missing, extra }).toEqual({ lang, missing: [], extra: [] });
    }
  });

  it('uses the same interpolation variables in every language', () => {
    const [, base] = byLang[0]!;
    const mismatches = byLang.flatMap(([lang, keys]) =>
      [...keys]
        .filter(([key, text]) => placeholders(text).join() !== placeholders(base.get(key) ?? '').join())
        .map(([key]) => `${lang}:${key}`),
    );
    expect(mismatches).toEqual([]);
  });

  it('has no empty strings', () => {
    for (const [lang, keys] of byLang) {
      const empty = [...keys].filter(([, v]) => v.trim() === '').map(([k]) => k);
      expect({ lang, empty }).toEqual({ lang, empty: [] });
    }
  });

  it('uses the standard phrases of the brief in zh-CN', () => {
    const zh = resources['zh-CN'].translation.scripts;
    expect(zh.greeting.replace('{{desk}}', '*服务台')).toBe('您好！*服务台为您服务，请问您有什么需要帮助的吗？');
    expect(zh.collect).toContain('请告知我您的姓名、贵单位名称、您的联系电话');
  });
});

describe('languageFromLocales', () => {
  it('picks zh-CN for any Chinese locale and English otherwise', () => {
    expect(languageFromLocales(['zh-CN', 'en'])).toBe('zh-CN');
    expect(languageFromLocales(['zh-TW'])).toBe('zh-CN');
    expect(languageFromLocales(['zh'])).toBe('zh-CN');
    expect(languageFromLocales(['en-GB', 'zh-CN'])).toBe('en');
    expect(languageFromLocales(['de'])).toBe('en');
    expect(languageFromLocales([])).toBe('en');
  });
});
