/**
 * Times taken in several browsers are compared on `performance.timeOrigin + performance.now()`
 * (ms since the epoch, sub-ms): each page's monotonic clock anchored to the machine's wall
 * clock when it loaded. On these machines two pages loaded seconds apart agreed within 1 ms;
 * {@link pageSkew} measures how far a page's reading is from this process's, so a benchmark
 * can report the agreement instead of assuming it.
 */
import type { Page } from 'playwright-core';

/** This process's reading of the same clock as a page's `performance.timeOrigin + performance.now()`. */
export const wallNow = (): number => performance.timeOrigin + performance.now();

/** A page's clock minus this process's, and the error bound (half the tightest round trip). */
export type Skew = { offsetMs: number; errorMs: number };

/** Reads the page's clock between two readings of ours, `rounds` times, and keeps the tightest. */
export async function pageSkew(page: Page, rounds = 15): Promise<Skew> {
  let best = { span: Infinity, offset: 0 };
  for (let i = 0; i < rounds; i++) {
    const before = wallNow();
    const p = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = wallNow();
    if (after - before < best.span) best = { span: after - before, offset: p - (before + after) / 2 };
  }
  const r = (v: number) => Math.round(v * 100) / 100;
  return { offsetMs: r(best.offset), errorMs: r(best.span / 2) };
}
