/**
 * Knowledge and append-only records over real HTTP, on PGlite and a real PostgreSQL: the demo
 * knowledge seeded on first run, import (JSON, CSV, Markdown) by admins only, edits with
 * revisions and stale-revision refusal, publish/unpublish reaching workstations as pull
 * puts/deletes, the database search, records stored exactly once, and usage reports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src-shared/ids';
import type { ImportResponse, ServerSearchResponse } from '../src-shared/knowledge/api';
import type { Article } from '../src-shared/knowledge/model';
import type { AppError } from '../src-shared/result';
import type { Change } from '../src-shared/sync/protocol';
import type { RecordsPushResponse, SyncRecord } from '../src-shared/sync/records';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImport } from './knowledge/import-cli';
import { KINDS, Station, cleanupShared, startDesk, type TestDesk } from './testing/harness';

afterAll(cleanupShared);

type ErrorBody = { error: AppError };
const articlePuts = (changes: Change[]): Article[] => changes.flatMap((c) => (c.entity === 'article' && c.op === 'put' ? [c.row] : []));
const articleDeletes = (changes: Change[]): string[] => changes.flatMap((c) => (c.entity === 'article' && c.op === 'delete' ? [c.id] : []));

const article = (slug: string, over: Record<string, unknown> = {}) => ({
  slug,
  title: `Title of ${slug}`,
  body: `Body of ${slug}: restart the router, then check the cable.`,
  category: 'network',
  language: 'en',
  tags: ['router'],
  ...over,
});

describe.each(KINDS)('knowledge on %s', (kind) => {
  let desk: TestDesk;
  let agent: Station;
  let sup: Station;
  let adm: Station;

  beforeAll(async () => {
    desk = await startDesk(kind);
    [agent, sup, adm] = await Promise.all([
      Station.signIn(desk.api, '1001', 'agent1001'),
      Station.signIn(desk.api, '9001', 'super9001'),
      Station.signIn(desk.api, 'admin', 'admin1234'),
    ]);
  });
  afterAll(async () => desk?.close());

  const importAs = (s: Station, body: unknown) => desk.api.call<ImportResponse & ErrorBody>('POST', '/api/knowledge/import', { body, token: s.token });
  const push = (s: Station, records: unknown[]) =>
    desk.api.call<RecordsPushResponse & ErrorBody>('POST', '/api/sync/records', { body: { clientId: s.clientId, records }, token: s.token });

  it('seeds the demo knowledge on first run: agents pull the published articles, never the drafts', async () => {
    const changes = await agent.pullAll();
    const arts = articlePuts(changes);
    expect(arts.length).toBeGreaterThan(100);
    const slugs = new Set(arts.map((a) => a.slug));
    expect(slugs.has('printer-offline-zh') || [...slugs].some((s) => s.startsWith('printer'))).toBe(true);
    expect(slugs.has('vpn-new-gateway-zh')).toBe(false);
    expect(arts.every((a) => a.status === 'published' && a.revision === 1)).toBe(true);
    expect(new Set(arts.map((a) => a.language))).toEqual(new Set(['zh-CN', 'en']));
  });

  it('imports JSON, CSV and Markdown for admins only, by slug, reporting each bad item and keeping the good ones', async () => {
    expect((await importAs(agent, { articles: [article('kb-a')] })).body.error.code).toBe('FORBIDDEN');
    expect((await importAs(adm, { articles: [], csv: 'x' })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await importAs(adm, 'not json at all')).status).toBe(400);

    const first = await importAs(adm, { articles: [article('kb-a'), article('kb-b'), { ...article('kb-bad'), language: 'fr' }, 7] });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(first.body.problems.map((p) => p.item)).toEqual(['#3', '#4']);
    expect(first.body.problems[0]!.message).toMatch(/language/);

    const again = await importAs(adm, { articles: [article('kb-a'), article('kb-b', { title: 'New title of kb-b' })] });
    expect(again.body).toMatchObject({ created: 0, updated: 1, unchanged: 1 });

    const csv = 'slug,title,body,category,language,tags,touchpoints\nkb-csv,账单有疑问,"先核对账单明细, 再查对",billing,zh-CN,账单;话费,AA2001\n,no slug,x,billing,en,,\n';
    const c = await importAs(adm, { csv });
    expect(c.body).toMatchObject({ created: 1 });
    expect(c.body.problems).toEqual([{ item: 'line 3', message: expect.stringMatching(/slug/) }]);

    const md = await importAs(adm, { markdown: [{ name: 'kb-md.md', text: '---\ncategory: printing\nlanguage: en\ntags: [printer]\n---\n# Paper jam in tray 2\n\nOpen the side door.\n' }] });
    expect(md.body).toMatchObject({ created: 1, problems: [] });

    const changes = await agent.pullAll();
    const bySlug = new Map(articlePuts(changes).map((a) => [a.slug, a]));
    expect(bySlug.get('kb-b')).toMatchObject({ title: 'New title of kb-b', revision: 2 });
    expect(bySlug.get('kb-csv')).toMatchObject({ title: '账单有疑问', tags: ['账单', '话费'], touchpoints: ['AA2001'] });
    expect(bySlug.get('kb-md')).toMatchObject({ title: 'Paper jam in tray 2', body: 'Open the side door.\n' });
  });

  it('imports a folder of Markdown, a JSON and a CSV file with the npm script, reporting what it could not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-cli-'));
    try {
      mkdirSync(join(dir, 'md'));
      writeFileSync(join(dir, 'md', 'cli-md.md'), '---\ncategory: email\nlanguage: en\n---\n# Quota warning\n\nArchive old mail.\n');
      writeFileSync(join(dir, 'md', 'cli-bad.md'), '---\ncategory: email\nlanguage: klingon\n---\n# Bad\n');
      writeFileSync(join(dir, 'more.json'), JSON.stringify([article('cli-json')]));
      writeFileSync(join(dir, 'more.csv'), 'slug,title,body,category,language\ncli-csv,停机保号,办理停机保号,plans,zh-CN\n');
      const lines: string[] = [];
      const code = await runImport([join(dir, 'md'), join(dir, 'more.json'), join(dir, 'more.csv')], { server: desk.url, user: 'admin', password: 'admin1234' }, (l) => lines.push(l));
      expect(code).toBe(1); // one file was refused
      expect(lines.join('\n')).toMatch(/cli-bad\.md: language/);
      expect(lines.filter((l) => l.startsWith('created 1')), lines.join(' | ')).toHaveLength(3);
      const slugs = articlePuts(await agent.pullAll()).map((a) => a.slug);
      for (const s of ['cli-md', 'cli-json', 'cli-csv']) expect(slugs).toContain(s);
      expect(await runImport([join(dir, 'more.json')], { server: desk.url, user: 'admin', password: 'wrong' }, () => undefined)).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps every revision with its author, refuses a stale edit, and sends an unpublished article as a delete', async () => {
    const list = (await desk.api.call<{ articles: Article[] }>('GET', '/api/knowledge/articles', { token: adm.token })).body.articles;
    const a = list.find((x) => x.slug === 'kb-a')!;
    expect((await desk.api.call('GET', '/api/knowledge/articles', { token: agent.token })).status).toBe(403);

    const save = (body: unknown) => desk.api.call<Article & ErrorBody>('PUT', `/api/knowledge/articles/${a.id}`, { body, token: adm.token });
    const edited = await save({ ...article('kb-a'), title: 'Router keeps dropping', baseRevision: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ revision: 2, title: 'Router keeps dropping', updatedBy: adm.userId });

    const stale = await save({ ...article('kb-a'), title: 'Someone else’s edit', baseRevision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'STALE_REVISION', details: { revision: 2 } });
    expect((await save({ ...article('kb-b'), baseRevision: 2 })).body.error.code).toBe('SLUG_TAKEN');
    expect((await save({ ...article('kb-a'), title: '', baseRevision: 2 })).body.error.code).toBe('VALIDATION_FAILED');

    const detail = await desk.api.call<Article & { revisions: { revision: number; authorId: string | null; title: string }[] }>('GET', `/api/knowledge/articles/${a.id}`, { token: adm.token });
    expect(detail.body.revisions.map((r) => [r.revision, r.title, r.authorId])).toEqual([
      [1, 'Title of kb-a', adm.userId],
      [2, 'Router keeps dropping', adm.userId],
    ]);

    const before = agent.cursor;
    expect((await save({ ...article('kb-a'), title: 'Router keeps dropping', status: 'draft', baseRevision: 2 })).body.revision).toBe(3);
    const changes = await agent.pullAll();
    expect(agent.cursor).toBeGreaterThan(before);
    expect(articleDeletes(changes)).toEqual([a.id]);
    expect(articlePuts(changes)).toEqual([]);
  });

  it('searches the database for signed-in people, every word in title, body or tags, title matches first', async () => {
    const search = (qs: string, token?: string) => desk.api.call<ServerSearchResponse & ErrorBody>('GET', `/api/knowledge/search?${qs}`, token ? { token } : {});
    expect((await search('q=router')).status).toBe(401);
    const r = await search('q=paper%20jam', agent.token);
    expect(r.body.hits[0]).toMatchObject({ slug: 'kb-md', title: 'Paper jam in tray 2' });
    expect((await search('q=router', agent.token)).body.hits.some((h) => h.slug === 'kb-a')).toBe(false); // a draft now
    expect((await search(`q=${encodeURIComponent('账单')}&language=zh-CN`, agent.token)).body.hits.map((h) => h.slug)).toContain('kb-csv');
    expect((await search('q=x&limit=500', agent.token)).body.error.code).toBe('VALIDATION_FAILED');
  });

  it('stores records exactly once by id, refuses a malformed one alone, and reports usage to managers', async () => {
    const arts = articlePuts(await new Station(desk.api, agent.session).pullAll());
    const art = arts.find((x) => x.slug === 'kb-md')!;
    const now = new Date().toISOString();
    const ticketId = newId();
    const records: SyncRecord[] = [
      { id: newId(), kind: 'articleUse', at: now, action: 'opened', articleId: art.id, revision: 1, ticketId: null },
      { id: newId(), kind: 'articleUse', at: now, action: 'used', articleId: art.id, revision: 1, ticketId },
      { id: newId(), kind: 'articleFeedback', at: now, articleId: art.id, revision: 1, helpful: false, comment: 'Tray 2 has no side door on the M402', ticketId },
      { id: newId(), kind: 'call', at: now, source: 'other_phone', direction: 'inbound', number: '13800138000', ringAt: now, answerAt: now, endAt: now, talkSeconds: 0, outcome: 'answered', notes: 'taken on the desk phone' },
    ];
    const first = await push(agent, [...records, { id: newId(), kind: 'articleFeedback', helpful: 'yes' }]);
    expect(first.status).toBe(200);
    expect(first.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'rejected']);
    const again = await push(agent, records);
    expect(again.body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect((await push(agent, [])).body.error.code).toBe('VALIDATION_FAILED');

    const usage = (qs: string, s: Station = sup) => desk.api.call<{ rows: { action: string; comment: string | null; user: { workNumber: string } }[] } & ErrorBody>('GET', `/api/knowledge/usage?${qs}`, { token: s.token });
    expect((await usage('workNumber=1001', agent)).status).toBe(403);
    const byNumber = await usage('workNumber=1001');
    expect(byNumber.body.rows.map((r) => r.action).sort()).toEqual(['feedback', 'opened', 'used']);
    expect((await usage('workNumber=1002')).body.rows).toEqual([]);
    expect((await usage(`title=${encodeURIComponent('paper jam')}`)).body.rows).toHaveLength(3);
    expect((await usage(`content=${encodeURIComponent('side door on the M402')}`)).body.rows.map((r) => r.action)).toEqual(['feedback']);
    const later = new Date(Date.now() + 3_600_000).toISOString();
    expect((await usage(`from=${encodeURIComponent(later)}`)).body.rows).toEqual([]);
    const totals = await desk.api.call<{ totals: { articleId: string; opened: number; used: number; notHelpful: number }[] }>('GET', '/api/knowledge/usage/totals', { token: sup.token });
    expect(totals.body.totals.find((t) => t.articleId === art.id)).toMatchObject({ opened: 1, used: 1, notHelpful: 1 });
  });
});
