/**
 * The disaster copy of the outbox (DESIGN.md §1 "Who owns the cache"): every
 * mutation the renderer puts in its IndexedDB outbox is also appended here, so
 * a lost or corrupt cache can be rebuilt from the server snapshot + this file.
 *
 * Format: JSON lines, `{"v":1,"m":<mutation>}\n`, in `<dir>/outbox.jsonl`.
 * - Append-only; an append answers only after `fdatasync`, so an acknowledged
 *   mutation survives a power cut. Appends are serialised (one writer).
 * - A line counts only once its `\n` is on disk: an unterminated last line is a
 *   torn write from a crash; reading skips it and the next open cuts it off, so
 *   the next append cannot glue onto it.
 * - Sign-out rotates: the file moves to `<dir>/backups/` (the newest
 *   `keepBackups` are kept) and a fresh journal starts.
 */
import { mkdir, open, readFile, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { mutationSchema, type Mutation } from '../src-shared/sync/mutations';
import { createLogger } from './log';

const log = createLogger('journal');

const FILE = 'outbox.jsonl';
const BACKUPS = 'backups';
const VERSION = 1;
const NEWLINE = 0x0a;

/** What reading the journal found. */
export type JournalContents = {
  /** Valid mutations in append order; a repeated id keeps its first copy. */
  mutations: Mutation[];
  /** Whether the last line was unterminated (a torn write) and was skipped. */
  tornTail: boolean;
  /** Complete lines that were not a valid entry (skipped, logged). */
  corruptLines: number;
};

export type Journal = {
  /** Appends one mutation; resolves once it is on disk. */
  append(mutation: Mutation): Promise<void>;
  read(): Promise<JournalContents>;
  /** Moves the journal to a backup (name returned; null if there was nothing to keep) and starts afresh. */
  rotate(now?: Date): Promise<string | null>;
  close(): Promise<void>;
};

export type JournalOptions = { keepBackups?: number };

/** Flushes a directory entry (new or renamed file) to disk; not possible on every OS, so best effort. */
const syncDir = async (dir: string): Promise<void> => {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open a directory for fsync; NTFS journals the metadata itself.
  } finally {
    await handle?.close().catch(() => undefined);
  }
};

/** Offset just past the last `\n` in the file (0 if none), scanning back from the end. */
const endOfLastLine = async (handle: FileHandle, size: number): Promise<number> => {
  const chunk = Buffer.alloc(64 * 1024);
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const { bytesRead } = await handle.read(chunk, 0, end - start, start);
    const at = chunk.subarray(0, bytesRead).lastIndexOf(NEWLINE);
    if (at >= 0) return start + at + 1;
    end = start;
  }
  return 0;
};

/** Parses the journal's bytes (exported for tests and tools). */
export const parseJournal = (text: string): JournalContents => {
  const lines = text.split('\n');
  const tail = lines.pop() ?? '';
  const seen = new Set<string>();
  const mutations: Mutation[] = [];
  let corruptLines = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      corruptLines++;
      continue;
    }
    const parsed =
      typeof entry === 'object' && entry !== null && 'v' in entry && entry.v === VERSION && 'm' in entry
        ? mutationSchema.safeParse(entry.m)
        : null;
    if (!parsed?.success) {
      corruptLines++;
      continue;
    }
    if (seen.has(parsed.data.id)) continue;
    seen.add(parsed.data.id);
    mutations.push(parsed.data);
  }
  return { mutations, tornTail: tail.length > 0, corruptLines };
};

/** `outbox-<UTC time>-<n>.jsonl`: names sort oldest first; n tells apart rotations within one millisecond. */
const backupName = (now: Date, existing: readonly string[]): string => {
  const prefix = `outbox-${now.toISOString().replace(/[:.]/g, '-')}-`;
  const taken = existing.filter((n) => n.startsWith(prefix)).map((n) => Number.parseInt(n.slice(prefix.length), 10));
  const next = Math.max(0, ...taken.filter(Number.isFinite).map((n) => n + 1));
  return `${prefix}${String(next).padStart(4, '0')}.jsonl`;
};

const errorCode = (error: unknown): unknown =>
  typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

/** Opens (lazily) the journal kept in `dir`. */
export const openJournal = (dir: string, options: JournalOptions = {}): Journal => {
  const keepBackups = options.keepBackups ?? 20;
  const path = join(dir, FILE);
  const backupDir = join(dir, BACKUPS);
  let handle: FileHandle | null = null;

  // One operation at a time, in call order: appends never interleave and reads see every acknowledged append.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const ensureOpen = async (): Promise<FileHandle> => {
    if (handle) return handle;
    await mkdir(dir, { recursive: true });
    const isNew = !(await exists(path));
    const opened = await open(path, 'a+');
    try {
      const { size } = await opened.stat();
      const keep = await endOfLastLine(opened, size);
      if (keep < size) {
        log.warn('cutting off a torn last line', { bytes: size - keep });
        await opened.truncate(keep);
        await opened.datasync();
      }
    } catch (error) {
      await opened.close().catch(() => undefined);
      throw error;
    }
    if (isNew) await syncDir(dir);
    handle = opened;
    return opened;
  };

  const dropHandle = async (): Promise<void> => {
    const h = handle;
    handle = null;
    await h?.close().catch(() => undefined);
  };

  const append = (mutation: Mutation): Promise<void> =>
    serial(async () => {
      const h = await ensureOpen();
      try {
        await h.appendFile(`${JSON.stringify({ v: VERSION, m: mutation })}\n`);
        await h.datasync();
      } catch (error) {
        // The line may be half written: reopen next time, which cuts it off.
        await dropHandle();
        throw error;
      }
    });

  const read = (): Promise<JournalContents> =>
    serial(async () => {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return { mutations: [], tornTail: false, corruptLines: 0 };
        throw error;
      }
      const contents = parseJournal(text);
      if (contents.tornTail || contents.corruptLines > 0) {
        log.warn('journal read skipped lines', { tornTail: contents.tornTail, corruptLines: contents.corruptLines });
      }
      return contents;
    });

  const prune = async (): Promise<void> => {
    const names = (await readdir(backupDir)).filter((n) => n.startsWith('outbox-') && n.endsWith('.jsonl')).sort();
    for (const name of names.slice(0, Math.max(0, names.length - keepBackups))) {
      await rm(join(backupDir, name), { force: true });
    }
  };

  const rotate = (now: Date = new Date()): Promise<string | null> =>
    serial(async () => {
      await dropHandle();
      const size = await stat(path).then((s) => s.size, () => 0);
      if (size === 0) {
        await rm(path, { force: true });
        return null;
      }
      await mkdir(backupDir, { recursive: true });
      const target = join(backupDir, backupName(now, await readdir(backupDir)));
      await rename(path, target);
      await syncDir(backupDir);
      await syncDir(dir);
      await prune();
      log.info('journal rotated', { backup: basename(target) });
      return basename(target);
    });

  const close = (): Promise<void> => serial(dropHandle);

  return { append, read, rotate, close };
};
