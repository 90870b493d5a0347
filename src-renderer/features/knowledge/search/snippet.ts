/** The excerpt shown under a hit: plain text around the first match. Pure. */
import { matchRanges } from './match';

const BEFORE = 24;

/**
 * About `max` characters of `plain` (Markdown already stripped) around the first place a term
 * matches, on one line, with `…` where the text was cut; the start of the text when nothing
 * matches (a title-only hit).
 */
export const makeSnippet = (plain: string, terms: readonly string[], max = 110): string => {
  const first = matchRanges(plain, terms)[0];
  let start = first ? Math.max(0, first[0] - BEFORE) : 0;
  if (start > 0) {
    // Start at a word or sentence boundary when one is near.
    const cut = plain.slice(start, first![0]).search(/[\s，。；：、,.;:!?！？]/);
    if (cut >= 0 && cut < BEFORE - 4) start += cut + 1;
  }
  let end = Math.min(plain.length, start + max);
  if (end < plain.length) {
    const tail = plain.slice(start, end);
    const space = tail.lastIndexOf(' ');
    if (space > max - 16) end = start + space;
  }
  const text = plain.slice(start, end).replace(/\s*\n\s*/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${text}${end < plain.length ? '…' : ''}`;
};
