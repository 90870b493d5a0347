/**
 * The desk server's one logger: plain text lines (`time LEVEL message {fields}`) on stdout,
 * errors on stderr. It is also handed to Fastify as its `loggerInstance` (same method
 * names as pino), so request logs go through the same redaction:
 * - values under keys that name a secret (password, token, authorization, cookie, hash, salt) are replaced;
 * - `token=` query parameters inside any string are replaced (the WebSocket URL carries one);
 * - a URL's `user:password@` inside any string is replaced (e.g. a Kamailio JSON-RPC URL);
 * - values registered with `redactValue` (the SIP auth_ephemeral secret, TURN credentials) are
 *   replaced wherever they appear in a line;
 * - database errors are logged by their driver message and SQLSTATE only, never with the
 *   query's parameters (Drizzle's error message would include them).
 * No other module of src-server writes to the console.
 */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

type LogFn = {
  (msg: string, ...rest: unknown[]): void;
  (fields: object, msg?: string, ...rest: unknown[]): void;
};

export type Logger = {
  level: string;
  trace: LogFn;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  fatal: LogFn;
  silent: LogFn;
  child: (bindings: Record<string, unknown>, options?: { serializers?: Serializers }) => Logger;
  /** Writes one line exactly as given (the "listening on" announcement). */
  print: (line: string) => void;
};

type Serializers = Record<string, (value: never) => unknown>;
type Sink = { out: (line: string) => void; err: (line: string) => void };

const RANK: Record<LogLevel, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };
const SECRET_KEY = /pass(word)?|token|authorization|cookie|secret|hash|salt|credential/i;
const TOKEN_PARAM = /([?&](?:token|access_token)=)[^&\s"#]+/gi;
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@"]+@/gi;
export const REDACTED = '[redacted]';

/** Secret values known to the process; never written, whatever key or message carries them. */
const secretValues = new Set<string>();
/** Registers a secret value (6 characters or more) to be replaced in every line from now on. */
export const redactValue = (value: string): void => {
  if (value.length >= 6) secretValues.add(value);
};

const scrubString = (s: string): string => {
  let out = s.replace(TOKEN_PARAM, `$1${REDACTED}`).replace(URL_USERINFO, `$1${REDACTED}@`);
  for (const v of secretValues) if (out.includes(v)) out = out.split(v).join(REDACTED);
  return out;
};

/** Only what is safe to show of an error: its kind, message, SQLSTATE and stack (never query parameters). */
const serializeError = (e: unknown): unknown => {
  if (!(e instanceof Error)) return e;
  const cause = (e as { cause?: unknown }).cause;
  const isQueryError = 'query' in e && 'params' in e;
  const source = isQueryError && cause instanceof Error ? cause : e;
  const code = (source as { code?: unknown }).code;
  return {
    type: source.name,
    message: scrubString(source.message),
    ...(typeof code === 'string' ? { code } : {}),
    ...(source.stack ? { stack: scrubString(source.stack.split('\n').slice(1, 6).join('\n')) } : {}),
  };
};

/** Deep copy with secrets replaced; bounded depth so a cyclic object cannot hang the logger. */
export const redact = (value: unknown, depth = 0): unknown => {
  if (typeof value === 'string') return scrubString(value);
  if (value instanceof Error) return serializeError(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[deep]';
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) && v !== undefined && v !== null ? REDACTED : redact(v, depth + 1);
  return out;
};

const defaultSink: Sink = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export type LoggerOptions = { level?: LogLevel; sink?: Sink };

/** A logger at `level` (default `info`, or `FIRSTLINE_LOG_LEVEL`). */
export const createLogger = (options: LoggerOptions = {}): Logger => {
  const envLevel = process.env.FIRSTLINE_LOG_LEVEL as LogLevel | undefined;
  const level: LogLevel = options.level ?? (envLevel && LOG_LEVELS.includes(envLevel) ? envLevel : 'info');
  return make(level, {}, {}, options.sink ?? defaultSink);
};

const make = (level: LogLevel, bindings: Record<string, unknown>, serializers: Serializers, sink: Sink): Logger => {
  const write = (at: Exclude<LogLevel, 'silent'>) =>
    ((first: unknown, ...rest: unknown[]) => {
      if (RANK[at] < RANK[level]) return;
      let fields: Record<string, unknown> = {};
      let msg = '';
      if (typeof first === 'string') msg = first;
      else if (first instanceof Error) {
        fields = { err: first };
        msg = typeof rest[0] === 'string' ? rest[0] : first.message;
      } else if (first && typeof first === 'object') {
        fields = { ...(first as Record<string, unknown>) };
        msg = typeof rest[0] === 'string' ? rest[0] : '';
      }
      if (!msg && Object.keys(fields).length === 0) return; // Fastify's listen line when told to say nothing
      for (const [k, fn] of Object.entries(serializers)) {
        if (k !== 'err' && fields[k] !== undefined) fields[k] = (fn as (v: unknown) => unknown)(fields[k]);
      }
      const all = redact({ ...bindings, ...fields }) as Record<string, unknown>;
      const extra = Object.keys(all).length ? ` ${JSON.stringify(all)}` : '';
      const line = `${new Date().toISOString()} ${at.toUpperCase()} ${scrubString(msg)}${extra}`;
      if (RANK[at] >= RANK.warn) sink.err(line);
      else sink.out(line);
    }) as LogFn;
  return {
    level,
    trace: write('trace'),
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    fatal: write('fatal'),
    silent: (() => undefined) as LogFn,
    child: (more, options) => make(level, { ...bindings, ...more }, { ...serializers, ...(options?.serializers ?? {}) }, sink),
    print: (line) => sink.out(scrubString(line)),
  };
};
