/** Highlighting for the interface: a text cut into matched and unmatched parts. Pure. */
import { matchRanges } from './match';
import type { TextPart } from './types';

/**
 * `text` in parts, the parts matched by `terms` (a hit's `terms`) marked `match: true`.
 * Joining every part's text gives `text` back. Case-insensitive; an English term covers the
 * rest of the word it starts (passw highlights password).
 */
export const highlight = (text: string, terms: readonly string[]): TextPart[] => {
  const parts: TextPart[] = [];
  let at = 0;
  for (const [start, end] of matchRanges(text, terms)) {
    if (start > at) parts.push({ text: text.slice(at, start), match: false });
    parts.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length || !parts.length) parts.push({ text: text.slice(at), match: false });
  return parts;
};
