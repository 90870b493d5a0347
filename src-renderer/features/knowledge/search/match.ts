/**
 * Where the terms of a query occur in a text, for highlighting and snippets. Terms are
 * folded (see `fold`); the text is folded here the same way without changing its length.
 * An English term matches at the start of a word and covers the rest of it (passw →
 * password, stems such as lock → locked); any other term matches wherever it occurs.
 */

const WORDCHAR = /[\p{L}\p{N}]/u;
const LATIN = /^[a-z0-9][a-z0-9'.]*$/;

/** Lowercase, full-width ASCII as ASCII, one UTF-16 unit for one (so positions stay valid). */
export const foldSameLength = (text: string): string => {
  const lower = text.toLowerCase();
  const same = lower.length === text.length ? lower : [...text].map((c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c)).join('');
  return same.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
};

const isWordChar = (s: string, i: number): boolean => i >= 0 && i < s.length && WORDCHAR.test(s[i]!);

/** Sorted, non-overlapping [start, end) ranges of `text` matched by `terms`. */
export const matchRanges = (text: string, terms: readonly string[]): [number, number][] => {
  if (!terms.length || !text) return [];
  const hay = foldSameLength(text);
  const ranges: [number, number][] = [];
  for (const term of terms) {
    if (!term) continue;
    const latin = LATIN.test(term);
    for (let from = 0, at = hay.indexOf(term); at >= 0; at = hay.indexOf(term, from)) {
      from = at + term.length;
      if (latin) {
        if (isWordChar(hay, at - 1)) continue;
        let end = at + term.length;
        while (isWordChar(hay, end)) end++;
        ranges.push([at, end]);
        from = end;
      } else ranges.push([at, from]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
};
