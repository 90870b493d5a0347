/**
 * The search benchmark's data, deterministic for a seed and the same in Node and in the page
 * (no Node built-ins: the caller passes the demo articles in).
 *
 * Articles: three in four are remixes of the desk's demo articles
 * (resources/knowledge/articles, published ones): the seed article's sections, some left out,
 * one section of another article of the same category and language added now and then, and
 * a brand / region qualifier in the title and an applicability line — the way a big desk has
 * one article per brand, region and product line. The rest are built from the topic templates
 * of topics.ts (title, symptoms, causes, steps, what to say, notes). Lengths are those of real
 * desk articles (0.5–4 kB of Markdown); about 60 % Chinese, 40 % English.
 *
 * Queries: what agents type — the quality set's queries as written, the same half-typed
 * (the prefixes a search-as-you-type box sends), and queries made from the topics' tags,
 * titles and symptoms, Chinese and English mixed now and then; about a fifth with a
 * category filter and some with a language filter.
 */
import type { ArticleInput, ArticleLanguage } from '../../src-shared/knowledge/model';
import { rng } from '../sync/tickets';
import { CLOSING, TOPICS, type Topic, type TopicText } from './topics';

/** A generated article: what the import API takes plus the id and revision a workstation caches. */
export type BenchArticle = ArticleInput & { id: string; revision: number };

/** One benchmark query. */
export type BenchQuery = { text: string; category?: string; language?: ArticleLanguage };

/** A query of the quality set (src-renderer/features/knowledge/search/quality.queries.json). */
export type QualityQuery = { query: string; expect: string[]; category?: string; language?: ArticleLanguage };

type Rand = () => number;

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const some = <T>(r: Rand, xs: readonly T[], lo: number, hi: number): T[] => {
  const n = Math.min(xs.length, lo + Math.floor(r() * (hi - lo + 1)));
  const copy = [...xs];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
};

const BRANDS = ['A', 'B', 'C', 'D', 'E'];
const REGIONS_ZH = ['华北', '华东', '华南', '西南', '西北', '东北', '华中'];
const REGIONS_EN = ['North', 'East', 'South', 'South-West', 'North-West', 'North-East', 'Central'];

/** A deterministic UUID-shaped id for article `i`. */
const idOf = (i: number): string => `0190b000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;

const fill = (s: string, v: string): string => s.replaceAll('{v}', v);

/** An article body from a topic's templates. */
const topicBody = (r: Rand, t: TopicText, v: string, zh: boolean, applies: string, related: TopicText): string => {
  const h = zh ? ['现象', '可能原因', '处理步骤', '参考话术', '常见问题', '备注'] : ['Symptoms', 'Likely causes', 'Steps', 'What to say', 'Questions callers ask', 'Notes'];
  const tip = zh ? ['注意：', '提示：', '如客户不方便操作，可远程协助。', '操作前请告知客户大约需要的时间。'] : ['Note: ', 'Tip: ', 'If the caller cannot do it, offer remote assistance.', 'Tell the caller roughly how long this takes before you start.'];
  const lines: string[] = [applies, '', `## ${h[0]}`, ''];
  for (const s of some(r, t.symptoms, 2, 4)) lines.push(`- ${fill(s, v)}`);
  lines.push('', `## ${h[1]}`, '');
  for (const s of some(r, t.causes, 1, 4)) lines.push(`- ${fill(s, v)}`);
  lines.push('', `## ${h[2]}`, '');
  t.steps
    .filter(() => r() < 0.9)
    .forEach((s, i) => {
      lines.push(`${i + 1}. ${i === 0 ? '**' : ''}${fill(s, v)}${i === 0 ? '**' : ''}`);
      if (r() < 0.3) lines.push(`   - ${pick(r, tip.slice(2))}`);
    });
  if (r() < 0.7) {
    lines.push('', `## ${h[3]}`, '');
    for (const s of some(r, t.say, 1, 2)) lines.push(`> ${fill(s, v)}`);
  }
  if (r() < 0.6) {
    lines.push('', `## ${h[4]}`, '');
    for (let k = 0; k < 1 + Math.floor(r() * 3); k++)
      lines.push(`**${fill(pick(r, related.titles), v)}**`, '', `${pick(r, tip.slice(0, 2))}${fill(pick(r, related.steps), v)} ${fill(pick(r, related.causes), v)}`, '');
  }
  lines.push('', `## ${h[5]}`, '', some(r, zh ? CLOSING.zh : CLOSING.en, 1, 4).join(zh ? '' : ' '));
  return `${lines.join('\n')}\n`;
};

/** The `## ` sections of a Markdown body (the text before the first heading is section 0). */
const sectionsOf = (body: string): string[] => body.split(/\n(?=## )/).map((s) => s.trim()).filter(Boolean);

/** An article body remixed from a demo article. */
const remixBody = (r: Rand, seed: ArticleInput, others: ArticleInput[], applies: string): string => {
  const own = sectionsOf(seed.body);
  const kept = own.filter((_, i) => i === 0 || r() < 0.85);
  if (others.length && r() < 0.4) {
    const extra = sectionsOf(pick(r, others).body).filter((s) => s.startsWith('## '));
    if (extra.length) kept.splice(1 + Math.floor(r() * kept.length), 0, pick(r, extra));
  }
  return `${applies}\n\n${kept.join('\n\n')}\n`;
};

/**
 * `n` articles, deterministic for a seed and the given demo articles (published ones are
 * used). Slugs are `kb-00001`…; titles carry a brand / region qualifier so that they differ.
 */
export const generateArticles = (n: number, demo: readonly ArticleInput[], seed = 20261123): BenchArticle[] => {
  const r = rng(seed);
  const seeds = demo.filter((a) => a.status === 'published');
  const out: BenchArticle[] = [];
  for (let i = 0; i < n; i++) {
    const brand = pick(r, BRANDS);
    const ri = Math.floor(r() * REGIONS_ZH.length);
    const fromDemo = seeds.length > 0 && r() < 0.75;
    if (fromDemo) {
      const s = pick(r, seeds);
      const zh = s.language === 'zh-CN';
      const others = seeds.filter((x) => x !== s && x.category === s.category && x.language === s.language);
      const applies = zh ? `适用范围：品牌${brand}，${REGIONS_ZH[ri]}区域。` : `Applies to: Brand ${brand}, ${REGIONS_EN[ri]} region.`;
      out.push({
        ...s,
        id: idOf(i + 1),
        slug: `kb-${String(i + 1).padStart(5, '0')}`,
        title: s.title + (zh ? `（品牌${brand}·${REGIONS_ZH[ri]}）` : ` (Brand ${brand}, ${REGIONS_EN[ri]})`),
        body: remixBody(r, s, others, applies),
        touchpoints: s.touchpoints.map((c) => c.slice(0, 1) + brand + c.slice(2)),
        revision: 1,
      });
      continue;
    }
    const tp: Topic = pick(r, TOPICS);
    const language: ArticleLanguage = r() < 0.6 ? 'zh-CN' : 'en';
    const zh = language === 'zh-CN';
    const t = zh ? tp.zh : tp.en;
    const v = pick(r, tp.variants);
    const region = zh ? REGIONS_ZH[ri]! : REGIONS_EN[ri]!;
    const touchpoints = tp.touchpoints.length ? some(r, tp.touchpoints, 1, 2).map((c) => c.slice(0, 1) + brand + c.slice(2)) : [];
    const same = TOPICS.filter((x) => x.category === tp.category && x !== tp);
    const rel = same.length ? pick(r, same) : pick(r, TOPICS);
    const applies = zh
      ? `适用范围：品牌${brand}，${region}区域。${touchpoints.length ? `触点编码：${touchpoints.join('、')}。` : ''}`
      : `Applies to: Brand ${brand}, ${region} region.${touchpoints.length ? ` Touchpoints: ${touchpoints.join(', ')}.` : ''}`;
    out.push({
      id: idOf(i + 1),
      slug: `kb-${String(i + 1).padStart(5, '0')}`,
      title: fill(pick(r, t.titles), v) + (zh ? `（品牌${brand}·${region}）` : ` (Brand ${brand}, ${region})`),
      body: topicBody(r, t, v, zh, applies, zh ? rel.zh : rel.en),
      category: tp.category,
      language,
      tags: some(r, t.tags, 2, 4),
      touchpoints,
      status: 'published',
      revision: 1,
    });
  }
  return out;
};

/** Words an agent would type for a topic: its tags, words of its titles and symptoms. */
const topicQuery = (r: Rand, tp: Topic, lang: ArticleLanguage): string => {
  const t = lang === 'zh-CN' ? tp.zh : tp.en;
  const v = pick(r, tp.variants);
  const kind = r();
  if (kind < 0.35) return pick(r, t.tags);
  if (kind < 0.6) {
    // two words, across languages now and then (VPN 连接失败, Outlook 密码)
    const other = r() < 0.3 ? (lang === 'zh-CN' ? tp.en : tp.zh) : t;
    const [a, b] = some(r, t.tags, 2, 2);
    return other === t ? `${a} ${b ?? ''}`.trim() : `${pick(r, other.tags)} ${a}`;
  }
  if (kind < 0.85) {
    const ws = fill(pick(r, t.titles), v)
      .split(/[\s，。、：；（）()“”"'?!,.:;]+/)
      .filter((w) => w.length > 1);
    const start = Math.floor(r() * Math.max(1, ws.length - 2));
    return ws.slice(start, start + 1 + Math.floor(r() * 3)).join(' ') || pick(r, t.tags);
  }
  const sentence = fill(pick(r, t.symptoms), v);
  return lang === 'zh-CN' ? sentence.slice(0, 4 + Math.floor(r() * 8)) : sentence.split(' ').slice(0, 3 + Math.floor(r() * 3)).join(' ');
};

/** A query as typed so far: a prefix of it, at least two characters (Chinese) or three (English). */
const halfTyped = (r: Rand, text: string): string => {
  const min = /[\u4e00-\u9fff]/.test(text) ? 2 : 3;
  if (text.length <= min) return text;
  return text.slice(0, min + Math.floor(r() * (text.length - min))).trimEnd();
};

/**
 * `n` queries: 40 % the quality set's queries as written (with their filters), 25 % the same
 * half-typed, 35 % from the topics (60 % Chinese); a fifth of the topic ones with a category filter.
 */
export const generateQueries = (n: number, quality: readonly QualityQuery[], seed = 500): BenchQuery[] => {
  const r = rng(seed);
  const out: BenchQuery[] = [];
  for (let i = 0; i < n; i++) {
    const kind = r();
    if (quality.length && kind < 0.65) {
      const q = pick(r, quality);
      const b: BenchQuery = { text: kind < 0.4 ? q.query : halfTyped(r, q.query) };
      if (q.category) b.category = q.category;
      if (q.language) b.language = q.language;
      out.push(b);
      continue;
    }
    const tp = pick(r, TOPICS);
    const lang: ArticleLanguage = r() < 0.6 ? 'zh-CN' : 'en';
    const b: BenchQuery = { text: topicQuery(r, tp, lang) };
    if (r() < 0.2) b.category = tp.category;
    if (r() < 0.15) b.language = lang;
    out.push(b);
  }
  return out;
};
