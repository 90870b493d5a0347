/**
 * The reads the hooks run must be tracked by Dexie's liveQuery (what `useLiveQuery` uses),
 * so the screens update after local actions and pulls.
 */
import 'fake-indexeddb/auto'; // liveQuery needs a global indexedDB
import { liveQuery } from 'dexie';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../src-shared/ids';
import { createCommands } from './commands';
import { openDexieStore } from './dexie-store';
import { getTicketDetail, listConflicts, listRejections, listTickets } from './reads';
import { fields } from './testing/fixtures';

/** Waits until the latest emission satisfies `ok`. */
const until = <T>(values: T[], ok: (latest: T) => boolean): Promise<void> =>
  new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      const latest = values.at(-1);
      if (latest !== undefined && ok(latest)) resolve();
      else if (Date.now() - started > 3000) reject(new Error(`no matching emission in ${values.length}`));
      else setTimeout(check, 5);
    };
    check();
  });

describe('live queries over the Dexie store', () => {
  it('re-run after commands', async () => {
    const store = await openDexieStore(`live-${newId()}`);
    const cmd = createCommands({ store, actor: { id: newId() } });
    const created = await cmd.createTicket(fields());
    const id = created.ok ? created.value : '';

    const lists: unknown[][] = [];
    const details: Awaited<ReturnType<typeof getTicketDetail>>[] = [];
    const conflicts: unknown[][] = [];
    const rejections: unknown[][] = [];
    const subs = [
      liveQuery(() => listTickets(store)).subscribe((v) => lists.push(v)),
      liveQuery(() => getTicketDetail(store, id)).subscribe((v) => details.push(v)),
      liveQuery(() => listConflicts(store)).subscribe((v) => conflicts.push(v)),
      liveQuery(() => listRejections(store)).subscribe((v) => rejections.push(v)),
    ];
    await until(lists, (l) => l.length === 1);
    await until(details, (d) => d.ticket?.subject === 'Printer jams');

    await cmd.setFields(id, { subject: 'Printer smokes' });
    await until(lists, (l) => (l[0] as { subject?: string }).subject === 'Printer smokes');
    await until(details, (d) => d.ticket?.subject === 'Printer smokes');

    await cmd.addNote(id, 'a note');
    await until(details, (d) => d.worklog.map((w) => w.body).join() === 'a note');

    // A pulled conflict shows up in the conflicts list; a rejection in the rejections list.
    await until(conflicts, (c) => c.length === 0);
    await until(rejections, (r) => r.length === 0);
    const conflictId = newId();
    await store.write(async (tx) => {
      await tx.conflicts.put({
        id: conflictId,
        ticketId: id,
        field: 'assignment',
        sides: [
          { userId: 'a', groupId: null, assigneeId: null, at: '2025-01-01T00:00:00.000Z' },
          { userId: 'b', groupId: null, assigneeId: null, at: '2025-01-01T00:00:01.000Z' },
        ],
        participants: ['a', 'b'],
        status: 'open',
        resolvedBy: null,
        resolution: null,
        createdAt: '2025-01-01T00:00:01.000Z',
        version: 1,
      });
      const e = await tx.outbox.get(1);
      await tx.outbox.delete(1);
      await tx.rejections.put({ id: newId(), ticketId: id, mutation: e!.mutation, error: { code: 'FORBIDDEN', message: 'no' }, rejectedAt: '', status: 'open', resubmittedAs: null });
    });
    await until(conflicts, (c) => c.length === 1);
    await until(rejections, (r) => r.length === 1);
    expect(lists.length).toBeGreaterThan(1);
    for (const s of subs) s.unsubscribe();
    store.close();
  });
});
