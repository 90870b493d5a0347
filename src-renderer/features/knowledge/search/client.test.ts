import { afterEach, describe, expect, it } from 'vitest';
import { createSearchClient, type SearchClient } from './client';
import { createSearchIndex } from './engine';
import type { PortLike } from './protocol';
import { serveSearch } from './serve';
import type { SearchDoc } from './types';

const docs = (n: number, from = 0): SearchDoc[] =>
  Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return {
      id: `id-${i}`,
      slug: `art-${i}`,
      title: i % 2 ? `打印机故障 ${i}` : `Printer fault ${i}`,
      body: `## Steps\n\nRestart the spooler, article ${i}. 重启打印服务。`,
      category: i % 3 ? 'printing' : 'desktop',
      language: i % 2 ? 'zh-CN' : 'en',
      tags: ['printer'],
      touchpoints: [],
      revision: 1,
    };
  });

const open: { client: SearchClient; port: MessagePort }[] = [];

const connect = (): SearchClient => {
  const { port1, port2 } = new MessageChannel();
  serveSearch(port1 as unknown as PortLike);
  const client = createSearchClient(port2 as unknown as PortLike, { timeoutMs: 20_000 });
  open.push({ client, port: port1 }, { client, port: port2 });
  return client;
};

afterEach(() => {
  for (const { client, port } of open.splice(0)) {
    client.close();
    port.close();
  }
});

describe('search worker client', () => {
  it('reconciles, searches and reports', async () => {
    const c = connect();
    const r = await c.reconcile(docs(30));
    expect(r).toEqual({ ok: true, value: { added: 30, updated: 0, unchanged: 0, removed: 0 } });
    const s = await c.search({ text: 'printer', language: 'en', limit: 5 });
    expect(s.ok && s.value.via).toBe('index');
    expect(s.ok && s.value.hits.length).toBe(5);
    expect(s.ok && s.value.hits.every((h) => h.language === 'en')).toBe(true);
    expect(await c.status()).toMatchObject({ ok: true, value: { size: 30, building: false } });
  });

  it('re-indexes only what changed and removes what is gone', async () => {
    const c = connect();
    await c.reconcile(docs(20));
    const next = [...docs(15), { ...docs(1, 15)[0]!, title: 'Scanner jam', revision: 2 }, ...docs(3, 40)];
    expect(await c.reconcile(next)).toEqual({ ok: true, value: { added: 3, updated: 1, unchanged: 15, removed: 4 } });
    expect(await c.upsert(docs(2, 40))).toEqual({ ok: true, value: { added: 0, updated: 0, unchanged: 2 } });
    expect(await c.remove(['id-40', 'nope'])).toEqual({ ok: true, value: { removed: 1 } });
    const s = await c.search({ text: 'scanner' });
    expect(s.ok && s.value.hits.map((h) => h.slug)).toEqual(['art-15']);
  });

  it('answers by a scan while a large load is running, by the index after', async () => {
    const c = connect();
    const load = c.reconcile(docs(3000));
    const during = await c.search({ text: 'spooler', limit: 3 });
    const done = await load;
    expect(done.ok && done.value.added).toBe(3000);
    expect(during.ok && during.value.hits.length).toBe(3);
    expect(during.ok && during.value.via).toBe('scan');
    const after = await c.search({ text: 'spooler', limit: 3 });
    expect(after.ok && after.value.via).toBe('index');
  });

  it('exports and imports snapshots', async () => {
    const a = connect();
    await a.reconcile(docs(50));
    const snap = await a.exportSnapshot();
    expect(snap.ok && snap.value.size).toBe(50);
    if (!snap.ok) return;
    const b = connect();
    expect(await b.importSnapshot(snap.value)).toEqual({ ok: true, value: { imported: true, size: 50 } });
    expect(await b.reconcile(docs(50))).toEqual({ ok: true, value: { added: 0, updated: 0, unchanged: 50, removed: 0 } });
    const s = await b.search({ text: '打印机' });
    expect(s.ok && s.value.hits.length).toBe(10);
    expect(await b.importSnapshot({ ...snap.value, format: 'other' })).toEqual({ ok: true, value: { imported: false, size: 50 } });
  });

  it('refuses bad requests with VALIDATION_FAILED, and fails pending requests on close', async () => {
    const c = connect();
    const bad = await c.search({ text: 42 } as unknown as { text: string });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const bad2 = await c.upsert([{ id: 'x' }] as unknown as SearchDoc[]);
    expect(bad2).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const pending = c.reconcile(docs(2000));
    c.close();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await c.status()).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('times out when nothing answers', async () => {
    const silent: PortLike = { postMessage: () => undefined, onmessage: null };
    const c = createSearchClient(silent, { timeoutMs: 20 });
    expect(await c.status()).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('the index and the worker agree', async () => {
    const c = connect();
    await c.reconcile(docs(40));
    const local = createSearchIndex();
    local.upsert(docs(40));
    const s = await c.search({ text: '打印 fault', limit: 10 });
    expect(s.ok && s.value.hits).toEqual(local.search({ text: '打印 fault', limit: 10 }));
  });
});
