/**
 * Content hashes for the search index: a fingerprint per article (unchanged articles are not
 * re-indexed) and the content key of a whole set (a persisted snapshot is current when its
 * key equals the key of the cached articles). Not cryptographic: two 32-bit FNV-1a variants.
 */
import type { SearchDoc } from './types';

/** A 64-bit (two FNV-1a 32-bit lanes) hash of a string, as 16 hex digits. */
export const hashString = (s: string): string => {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 13);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
};

/** The fingerprint of what the index reads from an article (any change gives another one). */
export const fingerprint = (d: SearchDoc): string =>
  hashString([d.revision, d.title, d.category, d.language, d.tags.join('\u0002'), d.touchpoints.join('\u0002'), d.body].join('\u0001'));

/** The key of a set of articles: the same articles (in any order) give the same key. */
export const contentKeyOf = (entries: Iterable<[id: string, fingerprint: string]>): string =>
  hashString(
    [...entries]
      .map(([id, fp]) => `${id}:${fp}`)
      .sort()
      .join('\n'),
  );

/** The content key of `docs` (compare with `IndexSnapshot.key`). */
export const contentKey = (docs: readonly SearchDoc[]): string => contentKeyOf(docs.map((d) => [d.id, fingerprint(d)]));
