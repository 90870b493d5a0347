/**
 * Words of Chinese and English text, for the index and for queries alike (the same function
 * on both sides, so a word indexed is a word found).
 *
 * - Text is folded first: NFKC (full-width ＶＰＮ → vpn) and lowercase.
 * - `Intl.Segmenter` splits it into words. English words are lightly stemmed (`stem`) so
 *   printers/printer and locked/lock meet; a few function words are dropped.
 * - A run of Chinese characters is additionally matched against the desk dictionary (every
 *   desk word found in it is a term: 停机保号 gives 停机保号 and 停机), and where the segmenter
 *   left single characters (携|号|转|网) their bigrams are terms too (携号, 号转, 转网), so a
 *   word neither the segmenter nor the dictionary knows still matches; a lone character next
 *   after a word is joined to it as well (优先|级 → 优先级).
 * - Hyphenated English words also give the joined form (Wi-Fi → wi, fi, wifi).
 *
 * Pure and DOM-free; needs ICU word segmentation (every browser, Node with full ICU).
 */
import { DESK_WORDS_BY_FIRST } from './dictionary';

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

const ALPHA = /^[a-z]+$/;

/** Function words that carry nothing for search. */
const STOP = new Set(
  `a an the and or of to in on at for with by from is are was were be been being it its this that these those
   i you he she my your me we our us they them can could how what why when where which who do does did
   will would should shall may might must please hi hello if as so but then there here get got has have had
   no not can't cannot isn't doesn't don't won't didn't aren't i'm it's
   怎么 怎么办 怎样 如何 什么 为什么 哪里 哪个 是否 可以 能否 一下 这个 那个 我的 我们 你们 他们 请问 一个 的话
   的 了 吗 呢 吧 啊 是 在 我 你 他 她 和 与 或 及 被 把 着 请 该`
    .split(/\s+/)
    .filter(Boolean),
);

/** NFKC + lowercase; curly apostrophes become straight ones. Keeps the length of most text, not all. */
export const fold = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019]/g, "'");

const VOWEL = /[aeiou]/;
const undouble = (w: string): string => (w.length > 3 && w.at(-1) === w.at(-2) && !/[aeioulsz]/.test(w.at(-1)!) ? w.slice(0, -1) : w);

/**
 * A light English stemmer. Its result is always a prefix of the word, so a stem found by
 * prefix in the original text is what gets highlighted: printers → printer, locked → lock,
 * setting → set, batteries/battery → batteri, phones/phone → phon.
 */
export const stem = (word: string): string => {
  if (!ALPHA.test(word) || word.length < 4) return word;
  let w = word;
  if (w.length >= 5 && w.endsWith('ies')) w = w.slice(0, -2);
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length >= 6 && w.endsWith('ing')) w = undouble(w.slice(0, -3));
  else if (w.length >= 5 && w.endsWith('ed') && !w.endsWith('eed')) w = undouble(w.slice(0, -2));
  else if (w.length >= 5 && w.endsWith('e')) w = w.slice(0, -1);
  else if (w.length >= 5 && w.endsWith('y') && !VOWEL.test(w.at(-2)!)) w = `${w.slice(0, -1)}i`;
  return w;
};

/**
 * The terms of one run of Chinese characters (the segmenter's pieces of it, in order). For a
 * query, a character standing alone between function words is a term too (被锁了 → 锁, which
 * then finds 锁定 by prefix); the index leaves such characters out.
 */
const hanTerms = (pieces: string[], out: string[], query: boolean): void => {
  const run = pieces.join('');
  if (!run) return;
  const found = new Set<string>();
  if (run.length === 1) {
    if (!STOP.has(run)) out.push(run);
    return;
  }
  const joined = new Set<number>();
  pieces.forEach((p, i) => {
    if (p.length >= 2) {
      if (!STOP.has(p)) found.add(p);
      return;
    }
    if (STOP.has(p)) return;
    // A lone character the segmenter split off the end of a word: 打印|机, 优先|级, 身份|证 → 打印机, 优先级, 身份证.
    const before = pieces[i - 1];
    if (before && before.length >= 2 && !STOP.has(before)) {
      found.add(before + p);
      joined.add(i);
    }
  });
  for (let i = 0; i < run.length - 1; i++) {
    const words = DESK_WORDS_BY_FIRST.get(run[i]!);
    if (words) for (const w of words) if (run.startsWith(w, i)) found.add(w);
  }
  // Bigrams over each stretch of single characters the segmenter left.
  let stretch = '';
  let lone = -1;
  const flush = (): void => {
    if (query && stretch.length === 1 && !joined.has(lone)) found.add(stretch);
    for (let i = 0; i + 1 < stretch.length; i++) {
      const b = stretch.slice(i, i + 2);
      if (!STOP.has(b)) found.add(b);
    }
    stretch = '';
  };
  pieces.forEach((p, i) => {
    if (p.length === 1 && !STOP.has(p)) {
      stretch += p;
      lone = i;
    } else flush();
  });
  flush();
  for (const t of found) out.push(t);
};

/**
 * Letters and digits outside the Chinese script, with inner apostrophes and dots kept
 * (isn't, v2.1, outlook.com, 192.168.1.1), or a run of Chinese characters.
 */
const WORD = /(\p{Script=Han}+)|((?:[^\P{L}\p{Script=Han}]|\p{N})+(?:['.](?:[^\P{L}\p{Script=Han}]|\p{N})+)*)/gu;

/**
 * Every term of `text`, with repeats (the index counts them). Chinese terms of one run
 * come once per run. English words are cut by the pattern above (what Intl.Segmenter's
 * word rules give for such text, at a twentieth of the cost); the Chinese runs of a text
 * go through Intl.Segmenter in one call, separated by line breaks.
 */
export const tokenize = (text: string, query = false): string[] => {
  const out: string[] = [];
  const runs: string[] = [];
  let prevEnd = -1;
  let prev = '';
  const folded = fold(text);
  for (const m of folded.matchAll(WORD)) {
    if (m[1] !== undefined) {
      runs.push(m[1]);
      prev = '';
      continue;
    }
    const word = m[2]!;
    if (prev && m.index === prevEnd + 1 && folded[prevEnd] === '-' && ALPHA.test(word) && ALPHA.test(prev)) out.push(stem(prev + word));
    prev = word;
    prevEnd = m.index + word.length;
    if (!STOP.has(word)) out.push(stem(word));
  }
  // In the index, a run of one or two characters gives the same terms whatever the segmenter
  // says (the pair is a word or a bigram): skip it for them. Queries are short: all segmented.
  const long: string[] = [];
  for (const r of runs) {
    if (query || r.length > 2) long.push(r);
    else hanTerms([r], out, query);
  }
  if (long.length) {
    let pieces: string[] = [];
    for (const s of segmenter.segment(long.join('\n'))) {
      if (s.segment === '\n') {
        hanTerms(pieces, out, query);
        pieces = [];
      } else if (s.isWordLike) pieces.push(s.segment);
    }
    hanTerms(pieces, out, query);
  }
  return out;
};

/** The distinct terms of a query, in order of first appearance. */
export const queryTerms = (text: string): string[] => [...new Set(tokenize(text, true))];
