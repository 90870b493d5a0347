import { describe, expect, it } from 'vitest';
import { contentKey } from './hash';
import { createSearchIndex, readSnapshot, SNAPSHOT_FORMAT } from './engine';
import type { SearchDoc } from './types';

let n = 0;
const doc = (slug: string, over: Partial<SearchDoc> = {}): SearchDoc => ({
  id: `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
  slug,
  title: slug,
  body: '',
  category: 'desktop',
  language: 'en',
  tags: [],
  touchpoints: [],
  revision: 1,
  ...over,
});

const FIXTURES: SearchDoc[] = [
  doc('printer-offline-zh', { title: '打印机显示脱机', body: '## 处理步骤\n\n1. **取消勾选**“脱机使用打印机”。\n2. 清空打印队列。', category: 'printing', language: 'zh-CN', tags: ['打印机', '脱机'] }),
  doc('printer-offline-en', { title: 'Printer shows offline', body: 'Clear **Use Printer Offline** and cancel the jobs in the print queue.', category: 'printing', tags: ['printer'] }),
  doc('password-reset-en', { title: 'Resetting a forgotten password', body: 'Verify the caller, then reset the password to a temporary one.', category: 'accounts', tags: ['password', 'reset'] }),
  doc('password-reset-zh', { title: '忘记密码如何重置', body: '核实身份后重置为临时密码，提醒用户在手机上更新密码。', category: 'accounts', language: 'zh-CN', tags: ['密码', '重置'] }),
  doc('number-portability-zh', { title: '携号转网办理条件', body: '号码不在合约期内且无欠费，方可办理携号转网。', category: 'plans', language: 'zh-CN', tags: ['携号转网'], touchpoints: ['AA1002'] }),
  doc('vpn-zh', { title: 'VPN 连不上', body: '检查 VPN 客户端版本和证书；家里网络换手机热点试试。', category: 'network', language: 'zh-CN', tags: ['VPN'] }),
  doc('mail-body-mentions-printer', { title: 'Mailbox full', body: 'Old scans from the printer fill the mailbox; the printer is not the cause.', category: 'email', tags: ['mailbox'] }),
];

const slugs = (hits: { slug: string }[]): string[] => hits.map((h) => h.slug);

describe('createSearchIndex', () => {
  const index = createSearchIndex();
  index.upsert(FIXTURES);

  it('finds by prefix (passw → password, 打印 → 打印机, 携号 → 携号转网)', () => {
    expect(slugs(index.search({ text: 'passw' }))[0]).toBe('password-reset-en');
    expect(slugs(index.search({ text: '打印' }))[0]).toBe('printer-offline-zh');
    expect(slugs(index.search({ text: '携号' }))[0]).toBe('number-portability-zh');
  });

  it('takes mixed Chinese and English, any case', () => {
    expect(slugs(index.search({ text: 'vpn连不上' }))[0]).toBe('vpn-zh');
    expect(slugs(index.search({ text: 'PRINTER Offline' }))[0]).toBe('printer-offline-en');
  });

  it('weighs the title above the body', () => {
    const hits = slugs(index.search({ text: 'printer' }));
    expect(hits.indexOf('printer-offline-en')).toBeLessThan(hits.indexOf('mail-body-mentions-printer'));
  });

  it('finds by touchpoint code and tags', () => {
    expect(slugs(index.search({ text: 'AA1002' }))).toEqual(['number-portability-zh']);
  });

  it('filters by category and language', () => {
    expect(slugs(index.search({ text: 'printer', category: 'email' }))).toEqual(['mail-body-mentions-printer']);
    expect(slugs(index.search({ text: '密码 password', language: 'zh-CN' }))).toEqual(['password-reset-zh']);
    expect(index.search({ text: 'printer', category: 'no-such-category' })).toEqual([]);
    expect(index.search({ text: '' })).toEqual([]);
  });

  it('answers plain-text snippets around the match, with the matched terms', () => {
    const [hit] = index.search({ text: '脱机' });
    expect(hit).toMatchObject({ slug: 'printer-offline-zh', title: '打印机显示脱机', category: 'printing', language: 'zh-CN', terms: ['脱机'] });
    expect(hit!.snippet).toContain('脱机使用打印机');
    expect(hit!.snippet).not.toMatch(/[*#]/);
  });

  it('respects the limit', () => {
    expect(index.search({ text: 'the', limit: 1 }).length).toBeLessThanOrEqual(1);
    expect(index.search({ text: 'printer', limit: 1 })).toHaveLength(1);
  });
});

describe('incremental updates', () => {
  it('re-indexes only changed articles, replaces and removes', () => {
    const index = createSearchIndex();
    expect(index.upsert(FIXTURES)).toEqual({ added: FIXTURES.length, updated: 0, unchanged: 0 });
    expect(index.upsert(FIXTURES)).toEqual({ added: 0, updated: 0, unchanged: FIXTURES.length });
    const vpn = FIXTURES.find((d) => d.slug === 'vpn-zh')!;
    const changed = { ...vpn, title: 'VPN 证书错误', body: '证书过期时重新导入证书。', revision: 2 };
    expect(index.upsert([changed])).toEqual({ added: 0, updated: 1, unchanged: 0 });
    expect(index.size).toBe(FIXTURES.length);
    expect(index.search({ text: '热点' })).toEqual([]);
    expect(slugs(index.search({ text: '证书错误' }))).toEqual(['vpn-zh']);
    expect(index.search({ text: '证书错误' })[0]!.title).toBe('VPN 证书错误');
    expect(index.remove([vpn.id, 'not-there'])).toBe(1);
    expect(index.search({ text: '证书' })).toEqual([]);
    expect(index.size).toBe(FIXTURES.length - 1);
    expect(index.holds(FIXTURES[0]!)).toBe(true);
    expect(index.holds(changed)).toBe(false);
  });

  it('stays right across compaction after many changes', () => {
    const index = createSearchIndex();
    const many = Array.from({ length: 300 }, (_, i) => doc(`art-${i}`, { title: `Article ${i} about topic${i % 7}`, body: `body word${i}`, revision: 1 }));
    index.upsert(many);
    index.remove(many.slice(0, 200).map((d) => d.id));
    index.upsert(many.slice(200, 250).map((d) => ({ ...d, body: `${d.body} fresh`, revision: 2 })));
    expect(index.size).toBe(100);
    expect(slugs(index.search({ text: 'word250' }))).toEqual(['art-250']);
    expect(index.search({ text: 'word10' }).filter((h) => h.slug === 'art-10')).toEqual([]);
    expect(index.search({ text: 'fresh', limit: 100 })).toHaveLength(50);
    expect(new Set(index.ids())).toEqual(new Set(many.slice(200).map((d) => d.id)));
  });
});

describe('the two postings layers', () => {
  it('answers the same across a freeze, later additions, removals and a snapshot', () => {
    const index = createSearchIndex();
    const many = Array.from({ length: 5200 }, (_, i) => doc(`bulk-${i}`, { title: `Item ${i} group${i % 10}`, body: '', revision: 1 }));
    index.upsert(many); // over the freeze threshold: folded into the base layer
    const later = [doc('late-one', { title: 'group3 latecomer' }), doc('late-two', { title: 'group3 straggler' })];
    index.upsert(later);
    index.remove([many[3]!.id]);
    const count = (q: string): number => index.search({ text: q, limit: 100 }).length;
    expect(count('group3')).toBe(100);
    expect(slugs(index.search({ text: 'latecomer' }))).toEqual(['late-one']);
    expect(slugs(index.search({ text: 'item 13' }))[0]).toBe('bulk-13');
    expect(index.search({ text: 'item 3', limit: 100 }).some((h) => h.slug === 'bulk-3')).toBe(false);
    const back = readSnapshot(index.exportSnapshot())!;
    expect(back.size).toBe(5201);
    for (const q of ['group3 latecomer', 'straggler', 'item 13', 'group7']) expect(back.search({ text: q })).toEqual(index.search({ text: q }));
  });
});

describe('snapshots', () => {
  it('round-trips, keyed by the content', () => {
    const index = createSearchIndex();
    index.upsert(FIXTURES);
    index.remove([FIXTURES[1]!.id]);
    const snap = index.exportSnapshot();
    expect(snap).toMatchObject({ format: SNAPSHOT_FORMAT, size: FIXTURES.length - 1, key: contentKey(FIXTURES.filter((_, i) => i !== 1)) });
    const back = readSnapshot(snap)!;
    expect(back.size).toBe(FIXTURES.length - 1);
    for (const q of ['passw', '打印', 'vpn连不上', 'AA1002']) expect(back.search({ text: q })).toEqual(index.search({ text: q }));
    expect(back.upsert(FIXTURES)).toEqual({ added: 1, updated: 0, unchanged: FIXTURES.length - 1 });
    expect(back.key()).toBe(contentKey(FIXTURES));
  });

  it('refuses another format or damaged data', () => {
    const snap = createSearchIndex().exportSnapshot();
    expect(readSnapshot({ ...snap, format: 'firstline-search/0' })).toBeNull();
    expect(readSnapshot({ ...snap, meta: '{not json' })).toBeNull();
    const full = createSearchIndex();
    full.upsert(FIXTURES);
    const good = full.exportSnapshot();
    expect(readSnapshot({ ...good, texts: 'a\u0000b' })).toBeNull();
    expect(readSnapshot({ ...good, postings: good.postings.slice(0, good.postings.length - 3) })).toBeNull();
    expect(readSnapshot({ ...good, postings: [1, 2] as unknown as Uint8Array })).toBeNull();
    expect(readSnapshot(good)?.size).toBe(FIXTURES.length);
  });

  it('content keys ignore order', () => {
    expect(contentKey([...FIXTURES].reverse())).toBe(contentKey(FIXTURES));
    expect(contentKey(FIXTURES.slice(1))).not.toBe(contentKey(FIXTURES));
  });
});
