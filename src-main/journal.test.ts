import { appendFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openJournal, parseJournal, type Journal } from './journal';
import { captureLogs, note } from './test-fixtures';

captureLogs();

let dir: string;
let journal: Journal;
const file = () => join(dir, 'outbox.jsonl');
const line = (seq: number) => `${JSON.stringify({ v: 1, m: note(seq) })}\n`;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firstline-journal-'));
  journal = openJournal(dir, { keepBackups: 3 });
});
afterEach(async () => {
  await journal.close();
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe('journal', () => {
  it('reads back what was appended, in order', async () => {
    for (const seq of [1, 2, 3]) await journal.append(note(seq));
    const read = await journal.read();
    expect(read).toEqual({ mutations: [note(1), note(2), note(3)], tornTail: false, corruptLines: 0 });
    expect(await readFile(file(), 'utf8')).toBe(line(1) + line(2) + line(3));
  });

  it('reads an absent journal as empty', async () => {
    expect(await journal.read()).toEqual({ mutations: [], tornTail: false, corruptLines: 0 });
  });

  it('answers an append only after fdatasync of that line', async () => {
    const probe = await open(join(dir, 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
    await probe.close();
    const order: string[] = [];
    const original = proto.datasync;
    vi.spyOn(proto, 'datasync').mockImplementation(async function (this: unknown) {
      const text = await readFile(file(), 'utf8');
      order.push(`sync:${text.split('\n').length - 1}`);
      return original.call(this);
    });
    for (const seq of [1, 2]) {
      await journal.append(note(seq));
      order.push(`acked:${seq}`);
    }
    expect(order).toEqual(['sync:1', 'acked:1', 'sync:2', 'acked:2']);
  });

  it('keeps concurrent appends whole and in call order', async () => {
    await Promise.all(Array.from({ length: 50 }, (_, i) => journal.append(note(i + 1))));
    const read = await journal.read();
    expect(read.corruptLines).toBe(0);
    expect(read.mutations.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('skips a torn last line when reading', async () => {
    await writeFile(file(), line(1) + line(2) + line(3).slice(0, 40));
    const read = await journal.read();
    expect(read.mutations.map((m) => m.seq)).toEqual([1, 2]);
    expect(read.tornTail).toBe(true);
  });

  it('treats a complete entry without its newline as torn (it was never acknowledged)', async () => {
    await writeFile(file(), line(1) + line(2).trimEnd());
    expect((await journal.read()).mutations.map((m) => m.seq)).toEqual([1]);
  });

  it('cuts a torn tail off before the next append, so nothing is glued onto it', async () => {
    await writeFile(file(), line(1) + line(2).slice(0, 25));
    await journal.append(note(3));
    const read = await journal.read();
    expect(read).toEqual({ mutations: [note(1), note(3)], tornTail: false, corruptLines: 0 });
    expect(await readFile(file(), 'utf8')).toBe(line(1) + line(3));
  });

  it('cuts a journal that is all torn tail down to nothing', async () => {
    await writeFile(file(), '{"v":1,"m":{"id"');
    await journal.append(note(1));
    expect(await readFile(file(), 'utf8')).toBe(line(1));
  });

  it('skips and counts corrupt lines in the middle, keeping the rest', async () => {
    await writeFile(file(), line(1) + 'garbage\n' + JSON.stringify({ v: 1, m: { kind: 'addNote' } }) + '\n' + JSON.stringify({ v: 9, m: note(2) }) + '\n' + line(3));
    const read = await journal.read();
    expect(read.mutations.map((m) => m.seq)).toEqual([1, 3]);
    expect(read.corruptLines).toBe(3);
  });

  it('drops a repeated mutation (same id), keeping the first copy', async () => {
    await journal.append(note(1, 'first'));
    await journal.append(note(1, 'again'));
    await journal.append(note(2));
    expect((await journal.read()).mutations).toEqual([note(1, 'first'), note(2)]);
  });

  it('rotates into a backup on sign-out and starts empty', async () => {
    await journal.append(note(1));
    const backup = await journal.rotate(new Date('2025-03-01T09:00:00.000Z'));
    expect(backup).toBe('outbox-2025-03-01T09-00-00-000Z-0000.jsonl');
    expect(await readFile(join(dir, 'backups', backup ?? ''), 'utf8')).toBe(line(1));
    expect((await journal.read()).mutations).toEqual([]);
    await journal.append(note(2));
    expect((await journal.read()).mutations).toEqual([note(2)]);
  });

  it('keeps no backup of an empty journal', async () => {
    expect(await journal.rotate()).toBeNull();
    await writeFile(file(), '');
    expect(await journal.rotate()).toBeNull();
  });

  it('keeps only the newest backups, and never overwrites one', async () => {
    const at = new Date('2025-03-01T09:00:00.000Z');
    const names: (string | null)[] = [];
    for (let i = 1; i <= 5; i++) {
      await journal.append(note(i));
      names.push(await journal.rotate(at));
    }
    expect(new Set(names).size).toBe(5);
    const kept = (await readdir(join(dir, 'backups'))).sort();
    expect(kept).toHaveLength(3);
    const contents = await Promise.all(kept.map((n) => readFile(join(dir, 'backups', n), 'utf8')));
    expect(contents.sort()).toEqual([line(3), line(4), line(5)].sort());
  });

  it('fails an append loudly when the disk refuses, and recovers afterwards', async () => {
    await journal.append(note(1));
    await journal.close();
    await rm(dir, { recursive: true, force: true });
    await writeFile(dir, 'now a file, not a folder');
    await expect(journal.append(note(2))).rejects.toThrow();
    await rm(dir, { force: true });
    await journal.append(note(3));
    expect((await journal.read()).mutations).toEqual([note(3)]);
  });
});

describe('parseJournal', () => {
  it('ignores blank lines', () => {
    expect(parseJournal(`\n${line(1)}\n`).mutations).toEqual([note(1)]);
  });

  it('reads a file written by appendFile from another process the same way', async () => {
    await appendFile(file(), line(7));
    expect((await journal.read()).mutations).toEqual([note(7)]);
  });
});
