/**
 * Ranking: BM25F. A term's occurrences in the title (×3), the tags and touchpoints (×2) and
 * the body (×1) are weighed by each field's length, summed, saturated and multiplied by the
 * term's rarity (idf). Every query word also matches the longer words it starts (prefix
 * search, weighed less the more it had to be completed), and the sum is scaled by how much of
 * the query (by rarity) the article covers, so an article matching every word comes before
 * one matching the commonest word many times. Scores accumulate in typed arrays the index
 * owns and reuses (no allocation per posting).
 */
import { docCount, prefixTerms, unpackBody, unpackTags, unpackTitle, type Postings } from './postings';

/** Field weights and BM25 constants. */
const BOOST = [3, 2, 1] as const;
const B = [0.5, 0.5, 0.75] as const;
const K1 = 1.2;
/** A completed word counts this much (times typed / completed length) of a whole one. */
const PREFIX_WEIGHT = 0.7;
const MAX_EXPANSIONS = 32;
/** A lone Chinese character of a query (被锁了 → 锁) completes to fewer words. */
const MAX_EXPANSIONS_ONE_CHAR = 8;
/** Query terms beyond this many are ignored (one bit each in a 32-bit mask). */
export const MAX_TERMS = 30;
/** The most hits one search answers. */
export const MAX_LIMIT = 100;

/** `boost / (1 - b + b·len/avg)` of field `f` (0 title, 1 tags, 2 body). */
export const fieldNorm = (f: number, len: number, avg: number): number => BOOST[f]! / (1 - B[f]! + (B[f]! * len) / avg);

const isHan = (t: string): boolean => /\p{Script=Han}/u.test(t);

type Acc = {
  alive: Uint8Array;
  cats: number[];
  langs: number[];
  wantCat: number;
  wantLang: number;
  n0: Float64Array;
  n1: Float64Array;
  n2: Float64Array;
  score: Float64Array;
  mask: Uint32Array;
  /** Slots scored so far (`touched[0 .. count)`), reused from search to search. */
  touched: Int32Array;
  count: number;
};

/** Adds one posting to the scores. */
const add1 = (s: number, p: number, w: number, bit: number, a: Acc): void => {
  if (a.alive[s] === 0 || (a.wantCat >= 0 && a.cats[s] !== a.wantCat) || (a.wantLang >= 0 && a.langs[s] !== a.wantLang)) return;
  const x = unpackTitle(p) * a.n0[s]! + unpackTags(p) * a.n1[s]! + unpackBody(p) * a.n2[s]!;
  if (a.mask[s] === 0) a.touched[a.count++] = s;
  a.mask[s]! |= bit;
  a.score[s]! += (w * x) / (x + K1);
};

/**
 * The hot loops: one term's postings into the scores, the base layer (typed arrays) and the
 * delta (plain arrays) each in a small function of its own, so that each stays monomorphic.
 */
const accumulateBase = (slots: Int32Array, tfs: Uint16Array, from: number, end: number, w: number, bit: number, a: Acc): void => {
  for (let i = from; i < end; i++) add1(slots[i]!, tfs[i]!, w, bit, a);
};
const accumulateDelta = (slots: number[], tfs: number[], w: number, bit: number, a: Acc): void => {
  for (let i = 0; i < slots.length; i++) add1(slots[i]!, tfs[i]!, w, bit, a);
};

/** What ranking reads: the postings, the slots' norms and filters, and scratch buffers sized to the slots. */
export type RankInput = {
  postings: Postings;
  live: number;
  terms: readonly string[];
  limit: number;
  norms: readonly [Float64Array, Float64Array, Float64Array];
  alive: Uint8Array;
  cats: number[];
  langs: number[];
  /** -1: any. */
  wantCat: number;
  wantLang: number;
  score: Float64Array;
  mask: Uint32Array;
  touched: Int32Array;
};

/** The best `limit` slots, best first, with their scores and which query terms each matched (bit i = terms[i]). Leaves the buffers zeroed. */
export const rankSlots = (r: RankInput): { top: number[]; topScore: number[]; masks: number[] } => {
  const { postings, live, terms, limit, score, mask } = r;
  const [n0, n1, n2] = r.norms;
  const acc: Acc = { alive: r.alive, cats: r.cats, langs: r.langs, wantCat: r.wantCat, wantLang: r.wantLang, n0, n1, n2, score, mask, touched: r.touched, count: 0 };
  const termIdf: number[] = [];
  const { base } = postings;
  for (let qi = 0; qi < terms.length; qi++) {
    const t = terms[qi]!;
    const exact = postings.ids.get(t);
    const expansions: [number, number][] = exact === undefined ? [] : [[exact, 1]];
    if (t.length >= 2 || isHan(t)) for (const e of prefixTerms(postings, t, t.length === 1 ? MAX_EXPANSIONS_ONE_CHAR : MAX_EXPANSIONS)) expansions.push([e, (PREFIX_WEIGHT * t.length) / postings.names[e]!.length]);
    let best = 0;
    const bit = 1 << qi;
    for (const [term, weight] of expansions) {
      const df = Math.min(docCount(postings, term), live);
      const idf = Math.log(1 + (live - df + 0.5) / (df + 0.5));
      best = Math.max(best, idf * weight);
      const w = weight * idf * (K1 + 1);
      if (term < base.count.length) accumulateBase(base.slots, base.tfs, base.start[term]!, base.start[term]! + base.count[term]!, w, bit, acc);
      const ds = postings.deltaSlots[term];
      if (ds) accumulateDelta(ds, postings.deltaTfs[term]!, w, bit, acc);
    }
    termIdf.push(best);
  }
  const allIdf = termIdf.reduce((a, b) => a + b, 0) || 1;
  // Keep the best `limit` (insertion into a short sorted list).
  const top: number[] = [];
  const topScore: number[] = [];
  const { touched, count } = acc;
  for (let k = 0; k < count; k++) {
    const s = touched[k]!;
    let covered = 0;
    for (let qi = 0, m = mask[s]!; m; qi++, m >>>= 1) if (m & 1) covered += termIdf[qi]!;
    const v = score[s]! * (covered / allIdf);
    score[s] = 0;
    if (top.length === limit && v <= topScore[limit - 1]!) continue;
    let j = top.length < limit ? top.length : limit - 1;
    while (j > 0 && topScore[j - 1]! < v) {
      top[j] = top[j - 1]!;
      topScore[j] = topScore[j - 1]!;
      j--;
    }
    top[j] = s;
    topScore[j] = v;
  }
  const masks = top.map((s) => mask[s]!);
  for (let k = 0; k < count; k++) mask[touched[k]!] = 0;
  return { top, topScore, masks };
};
