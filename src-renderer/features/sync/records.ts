/**
 * Append-only records on the workstation (calls, call–ticket links, article use and
 * feedback; src-shared/sync/records.ts): written locally first, in one transaction, then
 * pushed by the engine after the mutations. The server stores each at most once by its id,
 * so a record sent twice (a lost answer, a crash, a second tab) is simply `duplicate`.
 */
import { newId } from '../../../src-shared/ids';
import { err, ok, type Result } from '../../../src-shared/result';
import { recordSchema, type RecordDraft, type RecordResult, type SyncRecord } from '../../../src-shared/sync/records';
import type { RecordRow, StoreTx } from './store';

/** Sent records of these kinds are not kept once the server has them (nothing on screen reads them back). */
const FORGET_WHEN_SENT: ReadonlySet<SyncRecord['kind']> = new Set(['articleUse']);

/** Gives a draft its id and time and validates it. */
export const makeRecord = (draft: RecordDraft, now: string): Result<SyncRecord> => {
  const r = recordSchema.safeParse({ ...draft, id: (draft as { id?: string }).id ?? newId(), at: draft.at ?? now });
  if (r.success) return ok(r.data);
  const first = r.error.issues[0];
  return err('VALIDATION_FAILED', `${first?.path.join('.') || 'record'}: ${first?.message ?? 'invalid'}`, { issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
};

/** Keeps a record as pending (inside the caller's write transaction). A record already kept (same id) is left as it is. */
export const keepRecordInTx = async (tx: StoreTx, record: SyncRecord): Promise<void> => {
  if (await tx.records.get(record.id)) return;
  await tx.records.put({ id: record.id, kind: record.kind, status: 'pending', record });
};

/** Takes the server's answers: stored (now or before) → sent, refused → rejected with the reason. */
export const applyRecordResults = async (tx: StoreTx, results: readonly RecordResult[]): Promise<void> => {
  const rows = await tx.records.bulkGet(results.map((r) => r.id));
  const put: RecordRow[] = [];
  const drop: string[] = [];
  results.forEach((r, i) => {
    const row = rows[i];
    if (!row || row.status !== 'pending') return;
    if (r.status === 'rejected') put.push({ ...row, status: 'rejected', error: r.error });
    else if (FORGET_WHEN_SENT.has(row.kind)) drop.push(row.id);
    else put.push({ ...row, status: 'sent' });
  });
  await Promise.all([tx.records.bulkPut(put), tx.records.bulkDelete(drop)]);
};

/** The records of one kind, any status. */
export const recordsOfKind = async <K extends SyncRecord['kind']>(tx: StoreTx, kind: K): Promise<(RecordRow & { record: Extract<SyncRecord, { kind: K }> })[]> =>
  (await tx.records.where('kind', kind)) as (RecordRow & { record: Extract<SyncRecord, { kind: K }> })[];
