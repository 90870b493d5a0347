/** Order statistics for the call benchmark (nearest rank, as bench:save). */

/** Summary of one series, ms rounded to 0.1. */
export type Stats = { n: number; median: number; p95: number; min: number; max: number };

const round = (v: number): number => Math.round(v * 10) / 10;

/** Median (the mean of the two middle values for an even count), p95 by nearest rank, min and max. */
export const stats = (xs: readonly number[]): Stats => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return { n: 0, median: NaN, p95: NaN, min: NaN, max: NaN };
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  const p95 = s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!;
  return { n: s.length, median: round(median), p95: round(p95), min: round(s[0]!), max: round(s.at(-1)!) };
};

/** `a / b` to two decimals. */
export const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;
