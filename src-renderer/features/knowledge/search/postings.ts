/**
 * The inverted index: for every term, the slots (article numbers) that contain it, with how
 * often it occurs in the title, the tags and the body, packed in 16 bits.
 *
 * Two layers. The base: every term's postings side by side in two flat typed arrays (what a
 * snapshot holds, what a compaction writes; no object per term, 6 bytes a posting). The delta:
 * postings added since, in small plain arrays per term. Slots only grow, so a term's base
 * postings all come before its delta ones. `freeze` and `compactPostings` fold the delta into
 * a new base. The vocabulary keeps a sorted copy of its terms for prefix lookups, rebuilt only
 * when terms were added since.
 */

const BODY_BITS = 10;
const TAGS_BITS = 3;
const BODY_MAX = (1 << BODY_BITS) - 1;
const SMALL_MAX = (1 << TAGS_BITS) - 1;

/** How often the term is in the title, from a packed posting. */
export const unpackTitle = (p: number): number => p >>> (BODY_BITS + TAGS_BITS);
/** How often the term is in the tags and touchpoints, from a packed posting. */
export const unpackTags = (p: number): number => (p >>> BODY_BITS) & SMALL_MAX;
/** How often the term is in the body, from a packed posting. */
export const unpackBody = (p: number): number => p & BODY_MAX;

const pack = (title: number, tags: number, body: number): number =>
  (Math.min(title, SMALL_MAX) << (BODY_BITS + TAGS_BITS)) | (Math.min(tags, SMALL_MAX) << BODY_BITS) | Math.min(body, BODY_MAX);

/** The flat layer: term t's postings are `slots/tfs[start[t] .. start[t] + count[t])`. */
export type Base = { start: Int32Array; count: Int32Array; slots: Int32Array; tfs: Uint16Array };

/** The inverted index proper. */
export type Postings = {
  ids: Map<string, number>;
  names: string[];
  base: Base;
  /** Per term: slots and packed frequencies added since the base was written (none: undefined). */
  deltaSlots: (number[] | undefined)[];
  deltaTfs: (number[] | undefined)[];
  sorted: string[] | null;
};

const emptyBase = (): Base => ({ start: new Int32Array(0), count: new Int32Array(0), slots: new Int32Array(0), tfs: new Uint16Array(0) });

/** An empty inverted index. */
export const createPostings = (): Postings => ({ ids: new Map(), names: [], base: emptyBase(), deltaSlots: [], deltaTfs: [], sorted: null });

/** How many articles (dead ones included, until the next compaction) term `t` has. */
export const docCount = (p: Postings, t: number): number => (t < p.base.count.length ? p.base.count[t]! : 0) + (p.deltaSlots[t]?.length ?? 0);

/** Adds one article's terms (title, tags, body) at `slot`, which must be above every slot added before. */
export const addTerms = (p: Postings, slot: number, fields: readonly [string[], string[], string[]]): void => {
  const local = new Map<number, [number, number, number]>();
  for (let f = 0; f < 3; f++) {
    for (const term of fields[f]!) {
      let t = p.ids.get(term);
      if (t === undefined) {
        t = p.names.length;
        p.ids.set(term, t);
        p.names.push(term);
        p.deltaSlots.push(undefined);
        p.deltaTfs.push(undefined);
        p.sorted = null;
      }
      let c = local.get(t);
      if (!c) local.set(t, (c = [0, 0, 0]));
      c[f]!++;
    }
  }
  for (const [t, c] of local) {
    (p.deltaSlots[t] ??= []).push(slot);
    (p.deltaTfs[t] ??= []).push(pack(c[0], c[1], c[2]));
  }
};

const lowerBound = (xs: readonly string[], key: string): number => {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/**
 * Term ids of terms that start with `prefix` and are longer: at most `max`, the shortest
 * first and, among equally long ones, those in most articles.
 */
export const prefixTerms = (p: Postings, prefix: string, max: number): number[] => {
  if (!p.sorted) p.sorted = [...p.names].sort();
  const sorted = p.sorted;
  const found: number[] = [];
  for (let i = lowerBound(sorted, prefix); i < sorted.length && sorted[i]!.startsWith(prefix); i++) if (sorted[i]!.length > prefix.length) found.push(p.ids.get(sorted[i]!)!);
  if (found.length > max) found.sort((a, b) => p.names[a]!.length - p.names[b]!.length || docCount(p, b) - docCount(p, a)).length = max;
  return found;
};

/**
 * Writes a new index with one base layer: terms in `order` (term ids renumbered to it), slots
 * through `remap` (old slot → new slot, -1 to drop; must keep the order of slots). Terms left
 * without postings are dropped.
 */
const rewrite = (p: Postings, order: readonly number[], remap: Int32Array | null): Postings => {
  let total = 0;
  for (const t of order) total += docCount(p, t);
  const slots = new Int32Array(total);
  const tfs = new Uint16Array(total);
  const names: string[] = [];
  const starts: number[] = [];
  const counts: number[] = [];
  let n = 0;
  const { start, count } = p.base;
  for (const t of order) {
    const from = n;
    const put = (s: number, tf: number): void => {
      const to = remap ? remap[s]! : s;
      if (to < 0) return;
      slots[n] = to;
      tfs[n++] = tf;
    };
    if (t < count.length) for (let i = start[t]!, end = start[t]! + count[t]!; i < end; i++) put(p.base.slots[i]!, p.base.tfs[i]!);
    const ds = p.deltaSlots[t];
    const dt = p.deltaTfs[t];
    if (ds && dt) for (let i = 0; i < ds.length; i++) put(ds[i]!, dt[i]!);
    if (n === from) continue;
    names.push(p.names[t]!);
    starts.push(from);
    counts.push(n - from);
  }
  const out = createPostings();
  out.names = names;
  names.forEach((name, t) => out.ids.set(name, t));
  out.base = { start: Int32Array.from(starts), count: Int32Array.from(counts), slots: slots.slice(0, n), tfs: tfs.slice(0, n) };
  out.deltaSlots = new Array<number[] | undefined>(names.length);
  out.deltaTfs = new Array<number[] | undefined>(names.length);
  return out;
};

const sortedOrder = (p: Postings): number[] => p.names.map((_, t) => t).sort((a, b) => (p.names[a]! < p.names[b]! ? -1 : 1));

/** The same index with its delta folded into the base (terms sorted). */
export const freeze = (p: Postings): Postings => {
  const out = rewrite(p, sortedOrder(p), null);
  out.sorted = out.names.slice();
  return out;
};

/** Renumbers slots with `remap` (old → new, or -1 for a removed article) and drops terms no article has any more. */
export const compactPostings = (p: Postings, remap: Int32Array): Postings => {
  const out = rewrite(p, sortedOrder(p), remap);
  out.sorted = out.names.slice();
  return out;
};

/** A growing byte buffer of varints. */
const byteWriter = (): { put: (v: number) => void; bytes: () => Uint8Array } => {
  let buf = new Uint8Array(1 << 16);
  let n = 0;
  return {
    put: (value) => {
      let v = value >>> 0;
      if (n + 5 > buf.length) {
        const grown = new Uint8Array(buf.length * 2);
        grown.set(buf);
        buf = grown;
      }
      while (v > 0x7f) {
        buf[n++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      buf[n++] = v;
    },
    bytes: () => buf.slice(0, n),
  };
};

/**
 * A frozen index (`freeze` or `compactPostings`: one base layer, terms sorted) as bytes: per
 * term its count, then the slot gaps, then the packed frequencies, as varints.
 */
export const encodePostings = (p: Postings): { names: string[]; total: number; bytes: Uint8Array } => {
  if (p.deltaSlots.some((d) => d?.length)) throw new Error('encodePostings: freeze first');
  const out = byteWriter();
  const { start, count, slots, tfs } = p.base;
  for (let t = 0; t < p.names.length; t++) {
    const from = start[t]!;
    const end = from + count[t]!;
    out.put(count[t]!);
    for (let i = from; i < end; i++) out.put(i === from ? slots[i]! : slots[i]! - slots[i - 1]!);
    for (let i = from; i < end; i++) out.put(tfs[i]!);
  }
  return { names: p.names, total: slots.length, bytes: out.bytes() };
};

/** The inverse of `encodePostings`, straight into a base layer. Throws on damaged bytes. */
export const decodePostings = (names: string[], total: number, bytes: Uint8Array): Postings => {
  const start = new Int32Array(names.length);
  const count = new Int32Array(names.length);
  const slots = new Int32Array(total);
  const tfs = new Uint16Array(total);
  let t = 0;
  let n = 0;
  // States: 0 = next is a count, 1 = slot gaps, 2 = frequencies.
  let state = 0;
  let left = 0;
  let from = 0;
  let prev = 0;
  let v = 0;
  let shift = 0;
  for (let at = 0; at < bytes.length; at++) {
    const b = bytes[at]!;
    v |= (b & 0x7f) << shift;
    if (b & 0x80) {
      shift += 7;
      continue;
    }
    const value = v >>> 0;
    v = 0;
    shift = 0;
    if (state === 0) {
      if (t >= names.length || n + value > total) throw new Error('postings: too many');
      start[t] = from = n;
      count[t] = left = value;
      prev = 0;
      state = value ? 1 : 0;
      if (!value) t++;
    } else if (state === 1) {
      slots[n++] = prev += value;
      if (--left === 0) {
        left = count[t]!;
        state = 2;
        n = from;
      }
    } else {
      tfs[n++] = value;
      if (--left === 0) {
        state = 0;
        t++;
      }
    }
  }
  if (shift || state !== 0 || t !== names.length || n !== total) throw new Error('postings: length mismatch');
  const p = createPostings();
  p.names = names;
  names.forEach((name, i) => p.ids.set(name, i));
  p.base = { start, count, slots, tfs };
  p.deltaSlots = new Array<number[] | undefined>(names.length);
  p.deltaTfs = new Array<number[] | undefined>(names.length);
  p.sorted = names.slice();
  return p;
};
