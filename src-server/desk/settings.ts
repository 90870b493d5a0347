/** Desk settings: stored one row per key, read as one DeskSettings, edited by admins. */
import { z } from 'zod';
import { inArray } from 'drizzle-orm';
import type { DeskSettings } from '../../src-shared/sync/protocol';
import { PRIORITIES, DEFAULT_PRIORITY_MATRIX, type PriorityMatrix } from '../../src-shared/ticket/priority';
import { DEFAULT_TOUCHPOINTS, type TouchpointLists } from '../../src-shared/desk/touchpoint';
import type { Db } from '../db/open';
import { settings } from '../db/schema';

const name = z.string().trim().min(1).max(100);
const unique = <T>(key: (t: T) => string, what: string) => (list: T[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) ctx.addIssue({ code: 'custom', message: `duplicate ${what} ${k}`, path: [i] });
    seen.add(k);
  });
};

/** PUT /api/admin/settings/touchpoints: the desk's own channels, brands and business codes. */
export const touchpointListsSchema = z.object({
  channels: z
    .array(z.object({ letter: z.string().regex(/^[A-Z]$/, 'a channel is one capital letter'), name, nameZh: name }))
    .min(1)
    .max(26)
    .superRefine(unique((c) => c.letter, 'channel')),
  brands: z
    .array(z.object({ letter: z.string().regex(/^[A-Z]$/, 'a brand is one capital letter'), name, nameZh: name }))
    .min(1)
    .max(26)
    .superRefine(unique((b) => b.letter, 'brand')),
  businesses: z
    .array(z.object({ code: z.string().regex(/^[1-5]\d{3}$/, 'a business code is 4 digits, the first 1–5'), name, nameZh: name }))
    .min(1)
    .max(5000)
    .superRefine(unique((b) => b.code, 'business code')),
}) satisfies z.ZodType<TouchpointLists>;

const priority = z.enum(PRIORITIES);
const row = z.object({ high: priority, medium: priority, low: priority });
/** PUT /api/admin/settings/priority-matrix: impact → urgency → priority. */
export const priorityMatrixSchema = z.object({ high: row, medium: row, low: row }) satisfies z.ZodType<PriorityMatrix>;

const KEYS = ['deskName', 'deskNameZh', 'priorityMatrix', 'touchpoints'] as const;
export type SettingKey = (typeof KEYS)[number];

/** The desk settings and the highest version among their rows. */
export const loadSettings = async (db: Db): Promise<{ value: DeskSettings; version: number }> => {
  const rows = await db.select().from(settings).where(inArray(settings.key, [...KEYS]));
  const by = new Map(rows.map((r) => [r.key, r.value]));
  const matrix = priorityMatrixSchema.safeParse(by.get('priorityMatrix'));
  const lists = touchpointListsSchema.safeParse(by.get('touchpoints'));
  const deskName = by.get('deskName');
  const deskNameZh = by.get('deskNameZh');
  return {
    value: {
      deskName: typeof deskName === 'string' ? deskName : 'Firstline Service Desk',
      deskNameZh: typeof deskNameZh === 'string' ? deskNameZh : '首线服务台',
      priorityMatrix: matrix.success ? matrix.data : DEFAULT_PRIORITY_MATRIX,
      touchpoints: lists.success ? lists.data : DEFAULT_TOUCHPOINTS,
    },
    version: Math.max(0, ...rows.map((r) => r.version)),
  };
};

/**
 * The settings as `loadSettings` last read them, per database handle. Pushes read the settings
 * on every request; they change only when an admin saves one. Every save in this process bumps
 * a generation (`saveSetting` when it writes, and the admin route again once its transaction
 * has committed, see `forgetSettings`); an entry read under an older generation is never
 * served, so this process never answers with settings older than its own last committed save.
 * Another server process on the same PostgreSQL database is covered by the short time to live.
 */
const SETTINGS_TTL_MS = 2000;
type Loaded = { value: DeskSettings; version: number };
const cache = new WeakMap<Db, { at: number; generation: number; value: Promise<Loaded> }>();
/** Bumped by every save in this process: an entry of an older generation is never served. */
let generation = 0;

/** Drops every cached copy of the settings (call again once a settings change has committed). */
export const forgetSettings = (): void => {
  generation += 1;
};

/** `loadSettings`, served from memory for up to SETTINGS_TTL_MS (see above). Do not mutate the answer. */
export const cachedSettings = (db: Db): Promise<Loaded> => {
  const hit = cache.get(db);
  if (hit && hit.generation === generation && Date.now() - hit.at < SETTINGS_TTL_MS) return hit.value;
  const entry = { at: Date.now(), generation, value: loadSettings(db) };
  cache.set(db, entry);
  entry.value.catch(() => {
    if (cache.get(db) === entry) cache.delete(db);
  });
  return entry.value;
};

/** Writes one setting at `version` (inside the caller's write transaction). */
export const saveSetting = async (tx: Db, key: SettingKey, value: unknown, version: number): Promise<void> => {
  forgetSettings();
  await tx
    .insert(settings)
    .values({ key, value, version })
    .onConflictDoUpdate({ target: settings.key, set: { value, version } });
};
