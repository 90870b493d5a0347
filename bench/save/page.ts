/**
 * The page of `bench:save`, run in Chromium: the workstation's real Dexie store and its real
 * `createTicket` command (validation, seq allocation, local apply, outbox entry: ONE
 * strict-durability transaction), against a bare Dexie `put` of the same ticket object
 * (strict durability too, no outbox) measured in the same page, interleaved in blocks.
 */
import { Dexie } from 'dexie';
import { newId } from '../../src-shared/ids';
import { createCommands, parseInput } from '../../src-renderer/features/sync/commands';
import { deleteDexieStore, openDexieStore } from '../../src-renderer/features/sync/dexie-store';
import type { Ticket } from '../../src-shared/ticket/model';
import type { DirectoryUser, Group } from '../../src-shared/desk/directory';
import { DEFAULT_TOUCHPOINTS } from '../../src-shared/desk/touchpoint';
import { DEFAULT_PRIORITY_MATRIX } from '../../src-shared/ticket/priority';
import { ticketFields } from '../sync/tickets';

export type SaveStats = { n: number; p50: number; p95: number; p99: number; max: number; mean: number };
export type SaveBenchResult = {
  ours: SaveStats;
  peer: SaveStats;
  /** Where ours' time goes: the zod validation alone, and one put through the store's all-tables transaction. */
  diagnostics: { validate: SaveStats; storeWriteOnePut: SaveStats };
  oursCount: number;
  outboxCount: number;
  peerCount: number;
  userAgent: string;
};
export type SaveBenchOptions = { warmup: number; saves: number; block: number };

declare global {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- declaration merging needs an interface
  interface Window {
    runSaveBench: (opts: SaveBenchOptions) => Promise<SaveBenchResult>;
  }
}

const stats = (xs: number[]): SaveStats => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  const round = (v: number): number => Math.round(v * 1000) / 1000;
  return { n: s.length, p50: round(q(0.5)), p95: round(q(0.95)), p99: round(q(0.99)), max: round(s.at(-1)!), mean: round(s.reduce((a, b) => a + b, 0) / s.length) };
};

const ACTOR = { id: '0190a0a0-0000-7000-8000-0000000000b1', role: 'agent' as const };
const GROUP_COUNT = 12;
const USER_COUNT = 60;
/** The agent's own group (L1). */
const L1 = newId();

/** A mid-size desk's cached directory and settings, as a workstation has them after its first sync. */
const directory = (): { groups: Group[]; users: DirectoryUser[] } => {
  const groups: Group[] = Array.from({ length: GROUP_COUNT }, (_, g) => ({
    id: g === 0 ? L1 : newId(),
    name: g === 0 ? 'L1' : `Group ${g}`,
    nameZh: g === 0 ? '一线' : `第${g}组`,
    kind: g === 0 ? 'l1' : g < 8 ? 'l2' : 'department',
    contacts: [],
    version: 1,
  }));
  const users: DirectoryUser[] = Array.from({ length: USER_COUNT }, (_, u) => ({
    id: u === 0 ? ACTOR.id : newId(),
    workNumber: String(1001 + u),
    name: `Agent ${u}`,
    role: 'agent',
    active: true,
    groupIds: [groups[u % GROUP_COUNT]!.id],
    version: 1,
  }));
  return { groups, users };
};

const run = async ({ warmup, saves, block }: SaveBenchOptions): Promise<SaveBenchResult> => {
  const suffix = Date.now().toString(36);
  const oursName = `firstline-bench-ours-${suffix}`;
  const peerName = `firstline-bench-peer-${suffix}`;
  const store = await openDexieStore(oursName);
  const commands = createCommands({ store, actor: ACTOR });
  const dir = directory();
  await store.write(async (tx) => {
    await tx.groups.bulkPut(dir.groups);
    await tx.users.bulkPut(dir.users);
    await tx.settings.put({ key: 'desk', value: { deskName: 'Desk', deskNameZh: '服务台', priorityMatrix: DEFAULT_PRIORITY_MATRIX, touchpoints: DEFAULT_TOUCHPOINTS } });
  });
  // The peer: one table, the same strict durability, a plain put per save.
  const peerDb = new Dexie(peerName, { chromeTransactionDurability: 'strict' });
  peerDb.version(1).stores({ tickets: 'id' });
  await peerDb.open();
  const peerTable = peerDb.table<Ticket, string>('tickets');

  const ours: number[] = [];
  const peer: number[] = [];
  const validate: number[] = [];
  const storeWriteOnePut: number[] = [];
  let i = 0;
  /** `count` saves of ours (timed), then the very same ticket objects put by the peer (timed). */
  const round = async (count: number, record: boolean): Promise<void> => {
    const ids: string[] = [];
    for (let k = 0; k < count; k++, i++) {
      const fields = ticketFields(i);
      const t0 = performance.now();
      // The same mix as bench:sync: own group, assigned to self, or unassigned.
      const a = i % 10 < 5 ? { groupId: L1, assigneeId: null } : i % 10 < 7 ? { groupId: L1, assigneeId: ACTOR.id } : { groupId: null, assigneeId: null };
      const r = await commands.createTicket(fields, a);
      const dt = performance.now() - t0;
      if (!r.ok) throw new Error(`createTicket refused: ${r.error.code} ${r.error.message}`);
      ids.push(r.value);
      if (record) ours.push(dt);
    }
    const rows = await store.read((tx) => Promise.all(ids.map((id) => tx.tickets.get(id))));
    for (const row of rows) {
      if (!row) throw new Error('a saved ticket is missing from the view');
      const object: Ticket = { ...row, id: newId() };
      const t0 = performance.now();
      await peerTable.put(object);
      const dt = performance.now() - t0;
      if (record) peer.push(dt);
    }
    // Diagnostics (not part of either figure): validation alone, and one put via the store.
    for (let k = 0; k < count; k++) {
      const input = { kind: 'createTicket', ticketId: newId(), fields: ticketFields(i - count + k), groupId: null, assigneeId: null };
      const t0 = performance.now();
      const parsed = parseInput(input);
      const t1 = performance.now();
      if (!parsed.ok) throw new Error('diagnostic input is invalid');
      await store.write((tx) => tx.meta.put({ key: 'lastSyncedAt', value: new Date().toISOString() }));
      const t2 = performance.now();
      if (record) {
        validate.push(t1 - t0);
        storeWriteOnePut.push(t2 - t1);
      }
    }
  };

  await round(warmup, false);
  for (let done = 0; done < saves; done += block) await round(Math.min(block, saves - done), true);

  const [oursCount, outboxCount] = await store.read((tx) => Promise.all([tx.tickets.count(), tx.outbox.count()]));
  const peerCount = await peerTable.count();
  store.close();
  peerDb.close();
  await deleteDexieStore(oursName);
  await Dexie.delete(peerName);
  return { ours: stats(ours), peer: stats(peer), diagnostics: { validate: stats(validate), storeWriteOnePut: stats(storeWriteOnePut) }, oursCount, outboxCount, peerCount, userAgent: navigator.userAgent };
};

/** Errors cross into Node as plain text: Dexie's own errors would arrive as just their class name. */
window.runSaveBench = (opts) =>
  run(opts).catch((e: unknown) => {
    const inner = e instanceof Error && 'inner' in e && e.inner instanceof Error ? ` (inner: ${e.inner.name}: ${e.inner.message})` : '';
    throw new Error(e instanceof Error ? `${e.name}: ${e.message}${inner}\n${e.stack ?? ''}` : String(e));
  });
