/** Validates request input with the zod schemas from src-shared; failures become 400 VALIDATION_FAILED. */
import type { z } from 'zod';
import { HttpError } from './errors';

export type Issue = { path: string; message: string; code: string };

/** zod issues as plain data a client can show next to a field. */
export const issuesOf = (error: z.ZodError): Issue[] =>
  error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message, code: i.code }));

/** The parsed value, or throws 400 VALIDATION_FAILED with the issues in `details`. */
export const parse = <S extends z.ZodType>(schema: S, input: unknown, what = 'request body'): z.output<S> => {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = issuesOf(r.error);
  const first = issues[0];
  const where = first?.path ? ` at ${first.path}` : '';
  throw new HttpError('VALIDATION_FAILED', `Invalid ${what}${where}: ${first?.message ?? 'invalid'}`, { issues });
};
