/**
 * The knowledge index follows the cache: built at start (from a kept snapshot when there is
 * one), then only the articles a pull changed are sent to the worker; unpublished ones leave
 * the results; a reset rebuilds. Real sync code (memory store, applyPullPage), real index
 * served on a MessageChannel.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../../../src-shared/knowledge/model';
import type { Change } from '../../../src-shared/sync/protocol';
import { applyPullPage } from '../sync/apply-server';
import { createMemoryStore } from '../sync/memory-store';
import type { LocalStore } from '../sync/store';
import { createSearchClient, serveSearch, type PortLike, type SearchClient } from './search';
import { refreshKnowledge, searchKnowledge, startKnowledge, stopKnowledge } from './service';
import { useKnowledgeUi } from './store';

const actor = { id: '0190f0f0-0000-7000-8000-0000000000aa', role: 'agent' as const };
const id = (n: number) => `0190f0f0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const article = (n: number, version: number, over: Partial<Article> = {}): Article => ({
  id: id(n),
  slug: `a-${n}`,
  title: `Printer offline ${n}`,
  body: 'Restart the spooler, then print a test page. 重启打印服务。',
  category: 'printing',
  touchpoints: [],
  language: 'en',
  tags: ['printer'],
  status: 'published',
  revision: 1,
  updatedAt: '2026-12-01T08:00:00.000Z',
  updatedBy: null,
  version,
  ...over,
});

const page = async (store: LocalStore, changes: Change[], cursor: number, reset = false) =>
  store.write((tx) => applyPullPage(tx, { changes, cursor, hasMore: false, reset }, actor, { reset, pruneAcknowledged: [], now: new Date().toISOString() }));

/** A client served on a MessageChannel, counting what it is sent. */
const counted = () => {
  const sent = { upsert: 0, reconcile: 0, remove: 0 };
  const open = (): SearchClient => {
    const { port1, port2 } = new MessageChannel();
    serveSearch(port1 as unknown as PortLike);
    const c = createSearchClient(port2 as unknown as PortLike, { timeoutMs: 20_000 });
    return {
      ...c,
      upsert: (docs) => ((sent.upsert += docs.length), c.upsert(docs)),
      reconcile: (docs) => ((sent.reconcile += docs.length), c.reconcile(docs)),
      remove: (ids) => ((sent.remove += ids.length), c.remove(ids)),
      close: () => {
        c.close();
        port1.close();
        port2.close();
      },
    };
  };
  return { sent, open };
};

const titles = async (text: string) => (await searchKnowledge({ text })).map((h) => h.title);
const noWatch = () => () => undefined;

afterEach(() => stopKnowledge());

describe('the knowledge index', () => {
  it('is built from the cache, then follows pulls article by article (no rebuild), drops unpublished ones', async () => {
    const store = createMemoryStore();
    await page(store, [1, 2, 3].map((n) => ({ entity: 'article', op: 'put', version: n, row: article(n, n) }) as Change), 3);
    const { sent, open } = counted();
    await startKnowledge(store, { open, watch: noWatch });
    expect(useKnowledgeUi.getState().index).toEqual({ kind: 'ready', size: 3 });
    expect((await titles('printer offline')).sort()).toEqual(['Printer offline 1', 'Printer offline 2', 'Printer offline 3']);
    expect(sent.reconcile).toBe(3);

    // A pull brings one edited article and one unpublished one.
    await page(
      store,
      [
        { entity: 'article', op: 'put', version: 4, row: article(2, 4, { title: 'Zebra label printer jams', revision: 2 }) },
        { entity: 'article', op: 'delete', version: 5, id: id(3) },
      ],
      5,
    );
    await refreshKnowledge();
    expect(sent).toEqual({ reconcile: 3, upsert: 1, remove: 1 });
    expect(await titles('zebra')).toEqual(['Zebra label printer jams']);
    expect((await searchKnowledge({ text: 'zebra' }))[0]).toMatchObject({ revision: 2, category: 'printing', language: 'en' });
    expect(await titles('offline')).toEqual(['Printer offline 1']);

    // Nothing new: nothing sent.
    await refreshKnowledge();
    expect(sent).toEqual({ reconcile: 3, upsert: 1, remove: 1 });

    // A reset (new epoch) reconciles with what the cache then holds.
    await page(store, [{ entity: 'article', op: 'put', version: 2, row: article(7, 2, { title: 'VPN certificate error' }) }], 2, true);
    await refreshKnowledge();
    expect(await titles('offline')).toEqual([]);
    expect(await titles('vpn')).toEqual(['VPN certificate error']);
  });

  it('suggests by touchpoint when nothing is typed, and puts the touchpoint’s articles first when something is', async () => {
    const store = createMemoryStore();
    await page(
      store,
      [
        { entity: 'article', op: 'put', version: 1, row: article(1, 1, { title: '话费账单有疑问怎么办', category: 'billing', language: 'zh-CN', touchpoints: ['AA2001'] }) },
        { entity: 'article', op: 'put', version: 2, row: article(2, 2, { title: '流量查询与账单', category: 'billing', language: 'zh-CN', touchpoints: ['CA2001'] }) },
        { entity: 'article', op: 'put', version: 3, row: article(3, 3, { title: '账单缴费渠道', category: 'billing', language: 'zh-CN' }) },
        { entity: 'article', op: 'put', version: 4, row: article(4, 4, { title: '打印机脱机' }) },
      ],
      4,
    );
    await startKnowledge(store, { open: counted().open, watch: noWatch });
    expect((await searchKnowledge({ text: '', touchpoint: 'AA2001' })).map((h) => h.title)).toEqual(['话费账单有疑问怎么办', '流量查询与账单', '账单缴费渠道']);
    expect((await searchKnowledge({ text: '账单', touchpoint: 'BA2001' })).map((h) => h.title).slice(0, 2).sort()).toEqual(['流量查询与账单', '话费账单有疑问怎么办']);
    expect(await searchKnowledge({ text: '', touchpoint: 'not a code' })).toEqual([]);
  });

  it('starts searchable from the snapshot kept in the cache, and indexes again only what changed since', async () => {
    const store = createMemoryStore();
    await page(store, [1, 2].map((n) => ({ entity: 'article', op: 'put', version: n, row: article(n, n) }) as Change), 2);
    const first = counted();
    await startKnowledge(store, { open: first.open, watch: noWatch });
    // Keep a snapshot as the service would after its debounce.
    stopKnowledge();
    const c = first.open();
    await c.reconcile([article(1, 1), article(2, 2)]);
    const snap = await c.exportSnapshot();
    c.close();
    if (!snap.ok) throw new Error(snap.error.message);
    await store.write((tx) => tx.derived.put({ key: 'knowledgeIndex', value: snap.value }));
    await page(store, [{ entity: 'article', op: 'put', version: 3, row: article(3, 3, { title: 'Toner low warning' }) }], 3);

    const second = counted();
    const imported: number[] = [];
    await startKnowledge(store, {
      open: () => {
        const cl = second.open();
        return { ...cl, importSnapshot: async (s) => { const r = await cl.importSnapshot(s); if (r.ok) imported.push(r.value.size); return r; } };
      },
      watch: noWatch,
    });
    expect(imported).toEqual([2]);
    expect(await titles('toner')).toEqual(['Toner low warning']);
    expect((await titles('offline')).sort()).toEqual(['Printer offline 1', 'Printer offline 2']);
  });
});
