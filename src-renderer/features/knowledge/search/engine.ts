/**
 * The knowledge search index: `createSearchIndex()`. Pure and DOM-free (Node tests, the
 * worker and the page alike). It holds the articles' slots (id, slug, title, plain text,
 * category, language, fingerprint, field lengths) and their postings; ranking is rank.ts.
 *
 * Updates are incremental: `upsert` re-indexes only articles whose content changed (by
 * fingerprint), a replaced or removed article is only marked dead, and the slots are
 * compacted once a fifth of them are dead. New postings go to the delta layer of postings.ts,
 * folded into the flat base layer after large loads and before a snapshot.
 */
import { ARTICLE_LANGUAGES, type ArticleLanguage } from '../../../../src-shared/knowledge/model';
import { DESK_WORDS } from './dictionary';
import { contentKeyOf, fingerprint, hashString } from './hash';
import { stripMarkdown } from './markdown';
import { addTerms, compactPostings, createPostings, decodePostings, encodePostings, freeze, type Postings } from './postings';
import { fieldNorm, MAX_LIMIT, MAX_TERMS, rankSlots } from './rank';
import { makeSnippet } from './snippet';
import { queryTerms, tokenize } from './tokenize';
import type { IndexSnapshot, SearchDoc, SearchHit, SearchQuery, UpsertReport } from './types';

/** Compact once this share of the slots is dead (and at least `MIN_DEAD`). */
const DEAD_SHARE = 0.2;
const MIN_DEAD = 64;
/** Fold the delta layer into the base once this many articles were added since (and half the live ones). */
const MIN_FREEZE = 5000;

/**
 * The snapshot format. It changes with the tokenizer's rules (bump the number) and with the
 * desk dictionary (its hash is part of it), so an old snapshot is never read with new rules.
 */
export const SNAPSHOT_FORMAT = `firstline-search/1+${hashString([...DESK_WORDS].join(' ')).slice(0, 8)}`;

/** The search index of the cached articles. */
export type SearchIndex = {
  /** Adds or replaces articles; unchanged ones (same fingerprint) are skipped. */
  upsert: (docs: readonly SearchDoc[]) => UpsertReport;
  /** Removes articles by id; returns how many were there. */
  remove: (ids: readonly string[]) => number;
  /** The best hits for a query, best first. Empty text gives no hits. */
  search: (query: SearchQuery) => SearchHit[];
  /** Whether the index holds this article with exactly this content. */
  holds: (doc: SearchDoc) => boolean;
  /** The ids of every article held. */
  ids: () => string[];
  /** The content key of the articles held (as `contentKey` computes it). */
  key: () => string;
  /** The index serialized (compacted first). */
  exportSnapshot: () => IndexSnapshot;
  /** Number of articles held. */
  readonly size: number;
};

type Slots = {
  ids: string[];
  slugs: string[];
  titles: string[];
  texts: string[];
  cats: number[];
  langs: number[];
  prints: string[];
  lens: [number[], number[], number[]];
};

const emptySlots = (): Slots => ({ ids: [], slugs: [], titles: [], texts: [], cats: [], langs: [], prints: [], lens: [[], [], []] });

/** What a snapshot's `meta` holds: every slot field but the texts, and the sorted vocabulary. */
type Meta = { slots: Omit<Slots, 'texts'>; catNames: string[]; names: string[]; total: number };

type Encoded = { slots: Slots; catNames: string[]; postings: Postings };

const TEXT_SEPARATOR = '\u0000';

const makeIndex = (from?: Encoded): SearchIndex => {
  let slots: Slots = from?.slots ?? emptySlots();
  let postings: Postings = from?.postings ?? createPostings();
  const catNames: string[] = from?.catNames ?? [];
  const catIds = new Map(catNames.map((c, i) => [c, i]));
  const slotOf = new Map<string, number>(slots.ids.map((id, s) => [id, s]));
  let alive: Uint8Array = new Uint8Array(Math.max(64, slots.ids.length * 2)).fill(1, 0, slots.ids.length);
  let live = slots.ids.length;
  let addedSinceFreeze = 0;
  let key: string | null = null;
  const totals = [0, 0, 0];
  for (let f = 0; f < 3; f++) for (const l of slots.lens[f]!) totals[f]! += l;
  // Per-slot length normalisation (boost / (1 - b + b·len/avg)), refreshed lazily.
  let norms: [Float64Array, Float64Array, Float64Array] | null = null;
  // Scratch buffers for scoring, sized to the slots.
  let score = new Float64Array(0);
  let mask = new Uint32Array(0);
  let touchedBuf = new Int32Array(0);

  const catOf = (key: string): number => {
    let c = catIds.get(key);
    if (c === undefined) {
      c = catNames.length;
      catNames.push(key);
      catIds.set(key, c);
    }
    return c;
  };

  const kill = (s: number): void => {
    if (!alive[s]) return;
    alive[s] = 0;
    live--;
    for (let f = 0; f < 3; f++) totals[f]! -= slots.lens[f]![s]!;
    slotOf.delete(slots.ids[s]!);
    norms = null;
    key = null;
  };

  const add = (d: SearchDoc, print: string): void => {
    const s = slots.ids.length;
    const text = stripMarkdown(d.body);
    const fields: [string[], string[], string[]] = [tokenize(d.title), tokenize([...d.tags, ...d.touchpoints].join(' \n ')), tokenize(text)];
    addTerms(postings, s, fields);
    slots.ids.push(d.id);
    slots.slugs.push(d.slug);
    slots.titles.push(d.title);
    slots.texts.push(text);
    slots.cats.push(catOf(d.category));
    slots.langs.push(Math.max(0, ARTICLE_LANGUAGES.indexOf(d.language)));
    slots.prints.push(print);
    for (let f = 0; f < 3; f++) {
      slots.lens[f]!.push(fields[f]!.length);
      totals[f]! += fields[f]!.length;
    }
    if (s >= alive.length) {
      const grown = new Uint8Array(alive.length * 2);
      grown.set(alive);
      alive = grown;
    }
    alive[s] = 1;
    live++;
    addedSinceFreeze++;
    slotOf.set(d.id, s);
    norms = null;
    key = null;
  };

  const compact = (): void => {
    const n = slots.ids.length;
    const remap = new Int32Array(n).fill(-1);
    const next = emptySlots();
    for (let s = 0; s < n; s++) {
      if (!alive[s]) continue;
      remap[s] = next.ids.length;
      next.ids.push(slots.ids[s]!);
      next.slugs.push(slots.slugs[s]!);
      next.titles.push(slots.titles[s]!);
      next.texts.push(slots.texts[s]!);
      next.cats.push(slots.cats[s]!);
      next.langs.push(slots.langs[s]!);
      next.prints.push(slots.prints[s]!);
      for (let f = 0; f < 3; f++) next.lens[f]!.push(slots.lens[f]![s]!);
    }
    postings = compactPostings(postings, remap);
    addedSinceFreeze = 0;
    slots = next;
    alive = new Uint8Array(Math.max(64, next.ids.length * 2)).fill(1, 0, next.ids.length);
    slotOf.clear();
    next.ids.forEach((id, s) => slotOf.set(id, s));
    norms = null;
  };

  const maybeCompact = (): void => {
    const dead = slots.ids.length - live;
    if (dead >= MIN_DEAD && dead >= DEAD_SHARE * slots.ids.length) compact();
    else if (addedSinceFreeze >= MIN_FREEZE && addedSinceFreeze >= live / 2) {
      postings = freeze(postings);
      addedSinceFreeze = 0;
    }
  };

  const ensureNorms = (): [Float64Array, Float64Array, Float64Array] => {
    if (norms) return norms;
    const n = slots.ids.length;
    const made: [Float64Array, Float64Array, Float64Array] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    for (let f = 0; f < 3; f++) {
      const avg = live ? totals[f]! / live || 1 : 1;
      const lens = slots.lens[f]!;
      const out = made[f]!;
      for (let s = 0; s < n; s++) out[s] = fieldNorm(f, lens[s]!, avg);
    }
    if (score.length < n) {
      score = new Float64Array(n * 2);
      mask = new Uint32Array(n * 2);
      touchedBuf = new Int32Array(n * 2);
    }
    norms = made;
    return made;
  };

  const search = (q: SearchQuery): SearchHit[] => {
    const terms = queryTerms(q.text).slice(0, MAX_TERMS);
    const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(q.limit ?? 10)));
    if (!terms.length || !live) return [];
    const wantCat = q.category === undefined ? -1 : (catIds.get(q.category) ?? -2);
    const wantLang = q.language === undefined ? -1 : ARTICLE_LANGUAGES.indexOf(q.language);
    if (wantCat === -2 || (q.language !== undefined && wantLang < 0)) return [];
    const norms3 = ensureNorms();
    const { top, topScore, masks } = rankSlots({ postings, live, terms, limit, norms: norms3, alive, cats: slots.cats, langs: slots.langs, wantCat, wantLang, score, mask, touched: touchedBuf });
    return top.map((s, i) => {
      const matched = terms.filter((_, qi) => masks[i]! & (1 << qi));
      return {
        id: slots.ids[s]!,
        slug: slots.slugs[s]!,
        title: slots.titles[s]!,
        category: catNames[slots.cats[s]!]!,
        language: (ARTICLE_LANGUAGES[slots.langs[s]!] ?? 'zh-CN') satisfies ArticleLanguage,
        score: Math.round(topScore[i]! * 1000) / 1000,
        snippet: makeSnippet(slots.texts[s]!, matched),
        terms: matched,
      };
    });
  };

  const liveEntries = (): [string, string][] => [...slotOf].map(([id, s]) => [id, slots.prints[s]!]);

  return {
    upsert: (docs) => {
      const report: UpsertReport = { added: 0, updated: 0, unchanged: 0 };
      for (const d of docs) {
        const print = fingerprint(d);
        const s = slotOf.get(d.id);
        if (s !== undefined && slots.prints[s] === print) {
          report.unchanged++;
          continue;
        }
        if (s !== undefined) {
          kill(s);
          report.updated++;
        } else report.added++;
        add(d, print);
      }
      maybeCompact();
      return report;
    },
    remove: (ids) => {
      let removed = 0;
      for (const id of ids) {
        const s = slotOf.get(id);
        if (s === undefined) continue;
        kill(s);
        removed++;
      }
      maybeCompact();
      return removed;
    },
    search,
    holds: (d) => {
      const s = slotOf.get(d.id);
      return s !== undefined && slots.prints[s] === fingerprint(d);
    },
    ids: () => [...slotOf.keys()],
    key: () => (key ??= contentKeyOf(liveEntries())),
    exportSnapshot: () => {
      if (live < slots.ids.length) compact();
      else if (postings.deltaSlots.some((d) => d)) {
        postings = freeze(postings);
        addedSinceFreeze = 0;
      }
      const { texts, ...rest } = slots;
      const encoded = encodePostings(postings);
      const meta: Meta = { slots: rest, catNames, names: encoded.names, total: encoded.total };
      return { format: SNAPSHOT_FORMAT, key: (key ??= contentKeyOf(liveEntries())), size: live, meta: JSON.stringify(meta), texts: texts.join(TEXT_SEPARATOR), postings: encoded.bytes };
    },
    get size() {
      return live;
    },
  };
};

/** A new, empty index. */
export const createSearchIndex = (): SearchIndex => makeIndex();

/**
 * An index read back from a snapshot, or null when the snapshot is of another format (older
 * rules or dictionary) or damaged: then build from the articles instead.
 */
export const readSnapshot = (snapshot: IndexSnapshot): SearchIndex | null => {
  if (snapshot.format !== SNAPSHOT_FORMAT || typeof snapshot.meta !== 'string' || typeof snapshot.texts !== 'string' || Object.prototype.toString.call(snapshot.postings) !== '[object Uint8Array]') return null;
  try {
    const meta = JSON.parse(snapshot.meta) as Meta;
    const n = meta.slots.ids.length;
    const texts = n ? snapshot.texts.split(TEXT_SEPARATOR) : [];
    const s = meta.slots;
    if (![s.slugs, s.titles, texts, s.cats, s.langs, s.prints, ...s.lens].every((a) => Array.isArray(a) && a.length === n)) return null;
    const postings = decodePostings(meta.names, meta.total, snapshot.postings);
    if (postings.base.slots.some((slot) => slot < 0 || slot >= n)) return null;
    return makeIndex({ slots: { ...s, texts }, catNames: meta.catNames, postings });
  } catch {
    return null;
  }
};
