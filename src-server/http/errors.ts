/**
 * Errors as the HTTP API answers them: `{ "error": { code, message, details? } }` with a stable
 * code from src-shared/result.ts and the status that fits it.
 */
import type { AppError, ErrorCode } from '../../src-shared/result';

/** The HTTP status each error code is answered with. */
export const STATUS_OF: Readonly<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  BAD_JSON: 400,
  UNAUTHENTICATED: 401,
  BAD_CREDENTIALS: 401,
  ACCOUNT_DISABLED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  WORK_NUMBER_TAKEN: 409,
  SEQ_GAP: 409,
  TICKET_NOT_FOUND: 404,
  TICKET_EXISTS: 409,
  INVALID_TRANSITION: 409,
  UNKNOWN_TOUCHPOINT: 422,
  UNKNOWN_GROUP: 422,
  NOT_A_MEMBER: 422,
  CONFLICT_NOT_FOUND: 404,
  CONFLICT_CLOSED: 409,
  PAYLOAD_TOO_LARGE: 413,
  STALE_REVISION: 409,
  SLUG_TAKEN: 409,
  INTERNAL: 500,
};

/** Thrown by route code; the error handler turns it into the JSON error body. */
export class HttpError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown, status?: number) {
    super(message);
    this.name = 'HttpError';
    this.code = code;
    this.status = status ?? STATUS_OF[code];
    this.details = details;
  }
  static of(error: AppError): HttpError {
    return new HttpError(error.code, error.message, error.details);
  }
}

/** The body of an error answer. */
export const errorBody = (code: ErrorCode, message: string, details?: unknown): { error: AppError } => ({
  error: details === undefined ? { code, message } : { code, message, details },
});
