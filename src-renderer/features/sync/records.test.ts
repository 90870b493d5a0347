/**
 * Append-only records through the real desk server (PGlite): kept locally while offline,
 * counted as waiting, pushed after the mutations, stored exactly once even when the answer
 * is lost after the server committed, and a refused one kept with its reason. Dexie store
 * (fake-indexeddb) and the in-memory one.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../src-shared/ids';
import type { SyncRecord } from '../../../src-shared/sync/records';
import { cleanupShared, startDesk, type TestDesk } from '../../../src-server/testing/harness';
import { openDexieStore } from './dexie-store';
import { createSyncEngine } from './engine';
import type { FetchLike } from './desk-api';
import { readCounts } from './local';
import { createMemoryStore } from './memory-store';
import { keepRecordInTx, makeRecord } from './records';
import type { LocalStore } from './store';

let desk: TestDesk;
beforeAll(async () => {
  desk = await startDesk('pglite');
});
afterAll(async () => {
  await desk?.close();
  await cleanupShared();
});

const stores: [string, () => Promise<LocalStore>][] = [
  ['memory', async () => createMemoryStore(`mem-${newId()}`)],
  ['dexie', () => openDexieStore(`records-${newId()}`, { indexedDB, IDBKeyRange })],
];

describe.each(stores)('records (%s store)', (_name, open) => {
  it('wait offline, then reach the server exactly once even when an answer is lost; a refused one keeps its reason', async () => {
    const session = await desk.api.signIn('1002', 'agent1002');
    const store = await open();
    const mode = { down: true, dropAnswers: 0 };
    const realFetch: FetchLike = (i, init) => fetch(i, init);
    const netFetch: FetchLike = async (i, init) => {
      if (mode.down) throw new TypeError('fetch failed');
      const res = await realFetch(i, init);
      if (mode.dropAnswers > 0 && i.endsWith('/api/sync/records')) {
        mode.dropAnswers--;
        throw new TypeError('fetch failed'); // committed on the server, answer lost
      }
      return res;
    };
    const actor = { id: session.user.id, role: session.user.role };
    const engine = createSyncEngine({ store, actor, baseUrl: desk.url, token: session.token, fetch: netFetch, webSocket: null, locks: null, events: null, pollMs: 0, backoff: { baseMs: 60_000, maxMs: 60_000 } });
    engine.start();
    const now = new Date().toISOString();
    const call = makeRecord({ kind: 'call', source: 'other_phone', direction: 'inbound', number: '13911112222', ringAt: now, answerAt: now, endAt: now, talkSeconds: 60, outcome: 'answered', notes: '停电期间用手机接听' }, now);
    const feedback = makeRecord({ kind: 'articleFeedback', articleId: newId(), revision: 1, helpful: true, comment: ' clear steps ', ticketId: null }, now);
    if (!call.ok || !feedback.ok) throw new Error('records did not validate');
    expect(feedback.value).toMatchObject({ comment: 'clear steps' });
    expect(makeRecord({ kind: 'call', source: 'phone', direction: 'inbound', number: 'x'.repeat(81), ringAt: now, endAt: now, talkSeconds: -1, outcome: 'answered' } as never, now).ok).toBe(false);
    // A record as an older or newer workstation might send it: refused by the server on its own.
    const odd = { id: newId(), kind: 'articleUse', at: now, action: 'printed', articleId: newId(), revision: 1, ticketId: null } as unknown as SyncRecord;
    await store.write(async (tx) => {
      await keepRecordInTx(tx, call.value);
      await keepRecordInTx(tx, call.value); // kept once
      await keepRecordInTx(tx, feedback.value);
      await tx.records.put({ id: odd.id, kind: odd.kind, status: 'pending', record: odd });
    });
    expect((await store.read((tx) => readCounts(tx, actor))).waiting).toBe(3);
    expect(await engine.syncNow()).toBe('offline');

    mode.down = false;
    mode.dropAnswers = 1;
    expect(await engine.syncNow()).toBe('offline');
    expect(await engine.syncNow()).toBe('ok');
    const rows = await store.read((tx) => tx.records.all());
    expect(Object.fromEntries(rows.map((r) => [r.kind, r.status]))).toEqual({ call: 'sent', articleFeedback: 'sent', articleUse: 'rejected' });
    expect(rows.find((r) => r.kind === 'articleUse')?.error?.code).toBe('VALIDATION_FAILED');
    expect((await store.read((tx) => readCounts(tx, actor))).waiting).toBe(0);

    // On the server once: pushing the same ids again changes nothing.
    const again = await desk.api.call<{ results: { status: string }[] }>('POST', '/api/sync/records', { body: { clientId: newId(), records: [call.value, feedback.value] }, token: session.token });
    expect(again.body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    await engine.stop();
    store.close();
  });
});
