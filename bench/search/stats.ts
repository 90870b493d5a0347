/** Latency summaries for the search benchmark (Node and the page). */

/** p50/p95/p99/max/mean of a list of milliseconds. */
export type Stats = { n: number; p50: number; p95: number; p99: number; max: number; mean: number };

const round = (v: number): number => Math.round(v * 1000) / 1000;

/** The summary of `xs` (nearest-rank percentiles). */
export const stats = (xs: readonly number[]): Stats => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return { n: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  const q = (p: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  return { n: s.length, p50: round(q(0.5)), p95: round(q(0.95)), p99: round(q(0.99)), max: round(s.at(-1)!), mean: round(s.reduce((a, b) => a + b, 0) / s.length) };
};
