/** The wiring the UI uses: startSync → module-level commands → status store → stopSync. */
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../../src-shared/ids';
import type { Host } from '../../host';
import { createMemoryStore } from './memory-store';
import { listTickets } from './reads';
import { getSyncStatus, getWorkstation } from './status-store';
import { FakeDesk } from './testing/fake-desk';
import { fields } from './testing/fixtures';
import { addNote, createTicket, startSync, stopSync, syncNow } from './workstation';

const journal: unknown[] = [];
const host: Host = { kind: 'electron', journal: { append: async (m) => void journal.push(m) }, locale: () => 'zh-CN', notify: () => undefined, serverUrl: () => 'http://desk.test' };

afterEach(() => stopSync());

describe('workstation', () => {
  it('refuses actions before sign-in', async () => {
    const r = await createTicket(fields());
    expect(!r.ok && r.error.code).toBe('UNAUTHENTICATED');
    expect(await syncNow()).toBe('stopped');
  });

  it('starts for a session, runs actions through the journal, syncs, and stops', async () => {
    const desk = new FakeDesk();
    const { user, token } = desk.addUser('A');
    const names: string[] = [];
    const started = await startSync({
      deskId: 'desk-1',
      user: { id: user.id, workNumber: user.workNumber, name: user.name, role: user.role, groupIds: [] },
      token,
      host,
      openStore: async (name) => {
        names.push(name);
        return createMemoryStore(name);
      },
      engine: { fetch: desk.fetch, webSocket: null, locks: null, events: null, pollMs: 0 },
    });
    expect(started.ok).toBe(true);
    expect(names).toEqual([`firstline-desk-1-${user.id}`]);
    const t = await createTicket(fields());
    expect(t.ok).toBe(true);
    const n = await addNote(t.ok ? t.value : '', 'hello');
    expect(n.ok).toBe(true);
    expect(journal).toHaveLength(2);
    expect(await syncNow()).toBe('ok');
    expect(getSyncStatus()).toMatchObject({ connection: 'online', waiting: 0 });
    expect(desk.tickets.size).toBe(1);

    // Same person again (e.g. after signed_out): the same workstation gets the new token.
    const again = await startSync({ deskId: 'desk-1', user: { id: user.id, workNumber: '1', name: 'A', role: 'agent', groupIds: [] }, token: 'other', host });
    expect(again.ok && again.value).toBe(getWorkstation());
    expect(names).toHaveLength(1);

    const store = getWorkstation()!.store;
    await stopSync();
    expect(getWorkstation()).toBeNull();
    expect(getSyncStatus().connection).toBe('offline');
    await expect(listTickets(store)).rejects.toThrow(/closed/);
  });

  it('on sign-out with a host cache: deletes the cache only when nothing is waiting', async () => {
    const desk = new FakeDesk();
    const { user, token } = desk.addUser('A');
    let rotations = 0;
    const electron: Host = { ...host, cache: { signedOut: async () => void rotations++ } };
    const destroyed: string[] = [];
    const open = async (name: string) => {
      const store = createMemoryStore(name);
      return { ...store, destroy: async () => void destroyed.push(name) };
    };
    const session = { deskId: 'd', user: { id: user.id, workNumber: '1', name: 'A', role: 'agent' as const, groupIds: [] }, token, host: electron, openStore: open };
    const engine = { fetch: desk.fetch, webSocket: null, locks: null, events: null, pollMs: 0 };

    // Something waits (the desk is down): cache and journal are kept.
    desk.down = true;
    await startSync({ ...session, engine });
    await createTicket(fields());
    await stopSync({ signedOut: true });
    expect(rotations).toBe(0);
    expect(destroyed).toHaveLength(0);

    // Nothing waits: the journal is rotated and the cache deleted.
    desk.down = false;
    await startSync({ ...session, engine });
    expect(await syncNow()).toBe('ok');
    await stopSync({ signedOut: true });
    expect(rotations).toBe(1);
    expect(destroyed).toHaveLength(1);
  });

  it('wakes the engine when the host says connections may have changed', async () => {
    const desk = new FakeDesk();
    const { user, token } = desk.addUser('A');
    let wake: (() => void) | null = null;
    const waking: Host = { ...host, onWake: (l) => ((wake = l), () => (wake = null)) };
    await startSync({
      deskId: 'd',
      user: { id: user.id, workNumber: '1', name: 'A', role: 'agent', groupIds: [] },
      token,
      host: waking,
      openStore: async (name) => createMemoryStore(name),
      engine: { fetch: desk.fetch, webSocket: null, locks: null, events: null, pollMs: 0, backoff: { baseMs: 60_000, maxMs: 60_000 } },
    });
    desk.down = true;
    await createTicket(fields());
    expect(await syncNow()).toBe('offline');
    desk.down = false;
    expect(wake).not.toBeNull();
    wake!(); // without it the next retry would be a minute away
    const started = Date.now();
    while (getSyncStatus().waiting !== 0 && Date.now() - started < 3000) await new Promise((r) => setTimeout(r, 5));
    expect(getSyncStatus()).toMatchObject({ connection: 'online', waiting: 0 });
    await stopSync();
    expect(wake).toBeNull();
  });

  it('answers a clear error when the cache cannot be opened', async () => {
    const r = await startSync({
      deskId: 'd',
      user: { id: newId(), workNumber: '1', name: 'A', role: 'agent', groupIds: [] },
      token: null,
      host,
      openStore: async () => {
        throw new Error('QuotaExceededError');
      },
    });
    expect(!r.ok && r.error).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/local cache could not be opened/) });
  });
});
