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

/** Writes one setting at `version` (inside the caller's write transaction). */
export const saveSetting = async (tx: Db, key: SettingKey, value: unknown, version: number): Promise<void> => {
  await tx
    .insert(settings)
    .values({ key, value, version })
    .onConflictDoUpdate({ target: settings.key, set: { value, version } });
};
