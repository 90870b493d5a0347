/**
 * The desk's telephony settings, from the server options (the CLI fills them from flags and
 * the environment). Telephony is "configured" when both the SIP WebSocket URL and the
 * auth_ephemeral secret are given; otherwise `resolveTelephony` answers null and
 * `GET /api/telephony/config` answers 404 NOT_FOUND (presence still works: it is kept for
 * reports either way).
 *
 * The SIP user of a person is their user id (a UUID, lower case): stable for the life of the
 * person, never reused (work numbers are: a new hire can get a departed agent's 工号), valid in
 * a SIP URI user part and free of ':' (auth_ephemeral's separator). AOR: `sip:<user id>@<domain>`.
 */
import { z } from 'zod';
import type { IceServer } from '../../src-shared/calls/protocol';
import { ROLES, type Role } from '../../src-shared/desk/directory';

/** A queue number (ring group) of the desk and the roles whose Ready seats it rings. */
export type QueueSetting = { number: string; name: string; nameZh: string; roles: Role[] };
export type { IceServer };

/** Timing of the Kamailio Ready-membership updates (tests shorten them). */
export type ReadySyncTuning = {
  /** Full reconciliation with Kamailio's `ready` htable every N ms (0 = never, not even at start). Default 60 s. */
  resyncMs?: number;
  /** First retry after a failed RPC (doubles up to `retryMaxMs`). Default 1 s. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Per RPC call (Kamailio may never answer a misconfigured JSON-RPC request). Default 3 s. */
  timeoutMs?: number;
};

/** What `ServerOptions.telephony` takes. Strings are accepted where the CLI passes them raw (JSON, numbers). */
export type TelephonyOptions = {
  wsUrl?: string | undefined;
  domain?: string | undefined;
  secret?: string | undefined;
  /** Kamailio's JSON-RPC URL (e.g. `http://127.0.0.1:5071/RPC`); none: Ready membership is not pushed anywhere. */
  kamailioRpc?: string | undefined;
  queues?: QueueSetting[] | string | undefined;
  credentialTtlSeconds?: number | string | undefined;
  iceServers?: IceServer[] | string | undefined;
  readySync?: ReadySyncTuning;
};

export type TelephonySettings = {
  wsUrl: string;
  domain: string;
  secret: string;
  kamailioRpc: string | null;
  queues: QueueSetting[];
  credentialTtlSeconds: number;
  iceServers: IceServer[];
  readySync: Required<ReadySyncTuning>;
};

/** The desk's queues unless told otherwise (BRIEF: the IVR sends consultations mainly to regular agents, the rest to both kinds). */
export const DEFAULT_QUEUES: readonly QueueSetting[] = [
  { number: '8000', name: 'General', nameZh: '综合', roles: ['agent', 'expert'] },
  { number: '8001', name: 'Consultations', nameZh: '咨询', roles: ['agent'] },
];
export const DEFAULT_CREDENTIAL_TTL_S = 12 * 3600;
export const DEFAULT_READY_SYNC: Required<ReadySyncTuning> = { resyncMs: 60_000, retryBaseMs: 1000, retryMaxMs: 30_000, timeoutMs: 3000 };

/** Roles that have a softphone (credentials, presence): shared with the workstation. */
export { PHONE_ROLES } from '../../src-shared/desk/directory';

/** The SIP user part of a person (see the module comment). */
export const sipUserOf = (userId: string): string => userId.toLowerCase();
export const aorOf = (settings: Pick<TelephonySettings, 'domain'>, userId: string): string => `sip:${sipUserOf(userId)}@${settings.domain}`;
/** The queues whose Ready seats include a person of `role`. */
export const queuesFor = (settings: Pick<TelephonySettings, 'queues'>, role: Role): QueueSetting[] => settings.queues.filter((q) => q.roles.includes(role));

const json = <S extends z.ZodType>(schema: S, what: string) =>
  z.preprocess((v, ctx) => {
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: `${what} must be JSON` });
      return z.NEVER;
    }
  }, schema);

const queueSchema = z.object({
  number: z.union([z.string(), z.number().int().nonnegative()]).transform(String).pipe(z.string().regex(/^[0-9A-Za-z*#+_.-]{1,32}$/, 'a queue number is 1–32 characters of 0-9 A-Z * # + _ . - (no ":")')),
  name: z.string().trim().min(1).max(60),
  nameZh: z.string().trim().min(1).max(60).optional(),
  roles: z.array(z.enum(ROLES)).min(1).optional(),
});

const iceSchema = z.object({
  urls: z.union([z.string().regex(/^(stun|stuns|turn|turns):/), z.array(z.string().regex(/^(stun|stuns|turn|turns):/)).min(1)]),
  username: z.string().optional(),
  credential: z.string().optional(),
});

const optionsSchema = z.object({
  wsUrl: z
    .string()
    .trim()
    .refine((s) => /^wss?:\/\/[^/\s]+/.test(s) && URL.canParse(s), 'a ws:// or wss:// URL'),
  domain: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/, 'a SIP domain (host name)')
    .optional(),
  secret: z.string().min(1),
  kamailioRpc: z
    .string()
    .trim()
    .refine((s) => /^https?:\/\//.test(s) && URL.canParse(s), 'an http:// or https:// URL')
    .optional(),
  queues: json(
    z
      .array(queueSchema)
      .refine((qs) => new Set(qs.map((q) => q.number)).size === qs.length, 'queue numbers must be unique'),
    'queues',
  ).optional(),
  credentialTtlSeconds: z.coerce.number().int().min(60).max(7 * 86_400).optional(),
  iceServers: json(z.array(iceSchema), 'iceServers').optional(),
});

/** Empty strings mean "not given" (an unset environment variable is often exported empty). */
const given = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/**
 * The settings, or null when telephony is not configured (no WebSocket URL or no secret).
 * Throws an Error naming the bad option when one is invalid. `warnings` are for the log.
 */
export const resolveTelephony = (options: TelephonyOptions | null | undefined): { settings: TelephonySettings | null; warnings: string[] } => {
  const warnings: string[] = [];
  if (!options || !given(options.wsUrl) || !given(options.secret)) {
    if (options && (given(options.wsUrl) || given(options.secret) || given(options.kamailioRpc)))
      warnings.push('telephony is not configured: it needs both the SIP WebSocket URL (--sip-ws-url) and the shared secret (--sip-secret)');
    return { settings: null, warnings };
  }
  const input = Object.fromEntries(Object.entries(options).filter(([k, v]) => k !== 'readySync' && given(v)));
  const r = optionsSchema.safeParse(input);
  if (!r.success) {
    const i = r.error.issues[0]!;
    // never echo the secret, only where it went wrong
    throw new Error(`telephony option ${i.path.map(String).join('.') || '?'}: ${i.message}`);
  }
  const o = r.data;
  if (o.secret.length < 16) warnings.push('the SIP secret is shorter than 16 characters: use a long random one');
  const queues = (o.queues ?? DEFAULT_QUEUES).map((q) => ({ number: q.number, name: q.name, nameZh: q.nameZh ?? q.name, roles: [...(q.roles ?? ['agent', 'expert'])] as Role[] }));
  return {
    settings: {
      wsUrl: o.wsUrl,
      domain: o.domain ?? new URL(o.wsUrl).hostname,
      secret: o.secret,
      kamailioRpc: o.kamailioRpc ?? null,
      queues,
      credentialTtlSeconds: o.credentialTtlSeconds ?? DEFAULT_CREDENTIAL_TTL_S,
      iceServers: (o.iceServers ?? []).map((s) => ({ urls: s.urls, ...(s.username !== undefined ? { username: s.username } : {}), ...(s.credential !== undefined ? { credential: s.credential } : {}) })),
      readySync: { ...DEFAULT_READY_SYNC, ...(options.readySync ?? {}) },
    },
    warnings,
  };
};
