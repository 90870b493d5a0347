/**
 * Results cross process and network boundaries as values, not thrown errors.
 * `code` is stable (clients switch on it, tests assert it); `message` is for people.
 */
export type AppError = { code: ErrorCode; message: string; details?: unknown };

/** A value or an error, as it crosses IPC, HTTP and worker boundaries. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Every error code the desk server and the workstation can answer with. Never rename one. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'BAD_JSON',
  'UNAUTHENTICATED',
  'BAD_CREDENTIALS',
  'ACCOUNT_DISABLED',
  'FORBIDDEN',
  'NOT_FOUND',
  'WORK_NUMBER_TAKEN',
  'SEQ_GAP',
  'TICKET_NOT_FOUND',
  'TICKET_EXISTS',
  'INVALID_TRANSITION',
  'UNKNOWN_TOUCHPOINT',
  'UNKNOWN_GROUP',
  'NOT_A_MEMBER',
  'CONFLICT_NOT_FOUND',
  'CONFLICT_CLOSED',
  'PAYLOAD_TOO_LARGE',
  'STALE_REVISION',
  'SLUG_TAKEN',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string, details?: unknown): { ok: false; error: AppError } => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});
